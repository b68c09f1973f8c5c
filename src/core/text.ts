/**
 * Vietnamese text helpers: normalisation, diacritic folding for search, and a sort key that orders
 * names the way a Vietnamese reader expects when compared byte by byte (PostgreSQL `COLLATE "C"`),
 * so both database engines sort alike without depending on ICU collations being installed.
 */

/** NFC-normalises and trims a string; collapses runs of white space to one space. */
export function cleanText(value: string): string {
  return value.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/**
 * NFC text that keeps its lines: spaces inside a line collapse, blank runs of lines become one blank line.
 * @example cleanLines(' Dòng 1 \r\n\r\n\r\n  Dòng   2 ') === 'Dòng 1\n\nDòng 2'
 */
export function cleanLines(value: string): string {
  return value
    .normalize('NFC')
    .split(/\r\n?|\n/u)
    .map((l) => l.replace(/\s+/gu, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/gu, '\n\n')
    .trim();
}

/**
 * Folds Vietnamese text to lower-case ASCII for search: removes tones and letter modifiers, đ → d.
 * Old and new tone placement (hoà / hòa) fold to the same string, since every tone is removed.
 * @example foldText('Thành phố Hà Nội') === 'thanh pho ha noi'
 */
export function foldText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/gu, 'd')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim();
}

// Primary order of Vietnamese letters (ă, â, đ, ê, ô, ơ, ư are letters of their own).
const ALPHABET = [
  'a',
  'ă',
  'â',
  'b',
  'c',
  'd',
  'đ',
  'e',
  'ê',
  'f',
  'g',
  'h',
  'i',
  'j',
  'k',
  'l',
  'm',
  'n',
  'o',
  'ô',
  'ơ',
  'p',
  'q',
  'r',
  's',
  't',
  'u',
  'ư',
  'v',
  'w',
  'x',
  'y',
  'z',
];
const LETTER_WEIGHT = new Map(ALPHABET.map((l, i) => [l, i]));
// Tones, in the order Vietnamese dictionaries use: none, huyền, hỏi, ngã, sắc, nặng.
const TONES = ['\u0300', '\u0309', '\u0303', '\u0301', '\u0323'];
const MODIFIERS: Record<string, string> = {
  'a\u0306': 'ă',
  'a\u0302': 'â',
  'e\u0302': 'ê',
  'o\u0302': 'ô',
  'o\u031b': 'ơ',
  'u\u031b': 'ư',
};

const SPACE = '!';
const PUNCT = '"';
const DIGIT_BASE = 0x30; // '0'..'9' encoded after the length prefix
const LETTER_BASE = 0x41; // 'A' onwards: 33 letters fit below '~'

/**
 * A sort key for Vietnamese names: compare keys as plain bytes to get dictionary order
 * (letters first, then tones, then case), with numbers compared by value ("Phường 2" before
 * "Phường 10").
 * @example [vietnameseSortKey('Đà Nẵng'), vietnameseSortKey('Điện Biên')].sort() keeps that order
 */
export function vietnameseSortKey(value: string): string {
  const decomposed = cleanText(value).normalize('NFD');
  let primary = '';
  let secondary = '';
  let tertiary = '';
  const chars = [...decomposed];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    if (/\p{M}/u.test(ch)) continue; // marks are read together with their base letter below
    if (/[0-9]/u.test(ch)) {
      let j = i;
      while (j < chars.length && /[0-9]/u.test(chars[j] as string)) j++;
      const digits = chars
        .slice(i, j)
        .join('')
        .replace(/^0+(?=\d)/u, '');
      primary += String.fromCharCode(DIGIT_BASE + Math.min(digits.length, 9)) + digits;
      i = j - 1;
      continue;
    }
    const marks: string[] = [];
    for (let j = i + 1; j < chars.length && /\p{M}/u.test(chars[j] as string); j++) marks.push(chars[j] as string);
    const lower = ch.toLowerCase();
    let letter = lower === 'đ' ? 'đ' : lower;
    let tone = 0;
    for (const m of marks) {
      const t = TONES.indexOf(m);
      if (t >= 0) tone = t + 1;
      else if (MODIFIERS[letter + m]) letter = MODIFIERS[letter + m] as string;
    }
    const weight = LETTER_WEIGHT.get(letter);
    if (weight !== undefined) {
      primary += String.fromCharCode(LETTER_BASE + weight);
      secondary += String.fromCharCode(0x30 + tone);
      tertiary += ch === lower ? '0' : '1';
    } else if (/\s/u.test(ch)) {
      primary += SPACE;
    } else if (/[\p{P}\p{S}]/u.test(ch)) {
      primary += PUNCT;
    } else {
      // Letters outside the Vietnamese alphabet: after every Vietnamese letter, by code point.
      primary += '~' + ch.codePointAt(0)!.toString(16).padStart(6, '0');
    }
  }
  return `${primary}\u0001${secondary}\u0001${tertiary}`;
}
