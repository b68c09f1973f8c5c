/**
 * Vietnamese text for matching (issue 5). A syllable is compared by a key that is the same whatever the
 * tone-mark placement (hoà/hòa, thuý/thúy, uỷ/ủy) and the Unicode form (NFC/NFD): the letters with
 * their modifiers (ă â ê ô ơ ư đ) plus the tone as a digit. Text typed without any diacritics is compared
 * by its folded form (ASCII), so "con gai" still meets "con gái".
 */
const TONES: Record<string, string> = { '\u0300': '2', '\u0301': '1', '\u0303': '4', '\u0309': '3', '\u0323': '5' };
const TONE_RE = /[\u0300\u0301\u0303\u0309\u0323]/gu;
const MARKS_RE = /\p{M}+/gu;

const keyCache = new Map<string, string>();
const foldCache = new Map<string, string>();

/**
 * The key of one syllable: lower case, modifiers kept, tone moved to the end as a digit.
 * @example syllableKey('Hoà') === syllableKey('hòa') === 'hoa2'; syllableKey('Đất') === 'đât1'
 */
export function syllableKey(syllable: string): string {
  let k = keyCache.get(syllable);
  if (k !== undefined) return k;
  const d = syllable.normalize('NFD').toLowerCase();
  let tone = '';
  const base = d
    .replace(TONE_RE, (m) => {
      tone = TONES[m] ?? '';
      return '';
    })
    .normalize('NFC');
  k = base + tone;
  if (keyCache.size < 200_000) keyCache.set(syllable, k);
  return k;
}

/** A syllable without any mark: "đất" → "dat". */
export function syllableFold(syllable: string): string {
  let f = foldCache.get(syllable);
  if (f !== undefined) return f;
  f = syllable.normalize('NFD').replace(MARKS_RE, '').replace(/[đĐ]/gu, 'd').toLowerCase();
  if (foldCache.size < 200_000) foldCache.set(syllable, f);
  return f;
}

export interface Token {
  /** the syllable's key (or folded form when the text has no diacritics) */
  key: string;
  /** offsets in the NFC text */
  start: number;
  end: number;
}

// letters and digits, Unicode-aware (JavaScript's \b does not know Vietnamese letters)
const SYLLABLE = /[\p{L}\p{M}\p{N}]+/gu;

/** True when the text has no letter outside ASCII (typed without diacritics). */
export const isPlain = (text: string): boolean => !/[^ -~\s]/u.test(text);

/**
 * The syllables of an NFC text with their offsets. `plain` (the whole text has no diacritics) compares by
 * folded forms; otherwise by tone-independent keys, so that "ba" (three) never meets "bà".
 */
export function tokenize(nfc: string, plain = isPlain(nfc)): Token[] {
  const out: Token[] = [];
  for (const m of nfc.matchAll(SYLLABLE)) {
    out.push({ key: plain ? syllableFold(m[0]) : syllableKey(m[0]), start: m.index, end: m.index + m[0].length });
  }
  return out;
}
