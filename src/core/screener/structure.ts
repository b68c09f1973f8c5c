/**
 * Splits a convention's text into chapters, articles (Điều), clauses (khoản: "1.", "2)") and points
 * (điểm: "a)", "đ)"), keeping their numbering so that a finding points at "Điều 5, khoản 2, điểm a".
 * Lines that start none of these continue the unit above them. A unit's text starts after its number ("Điều 5.",
 * "2.", "a)"), which its label already gives, so the number is never read as part of a sentence. Offsets refer to
 * the NFC text.
 */
export interface TextUnit {
  chapter: string | null;
  article: string | null;
  clause: string | null;
  point: string | null;
  /** "Chương II, Điều 5, khoản 2, điểm a" (what exists of it) */
  label: string;
  text: string;
  start: number;
  end: number;
}

const CHAPTER = /^\s*Chương\s+([IVXLCDM]+|\d+)\b/iu;
const ARTICLE = /^\s*Điều\s+(\d+[a-z]?)\s*[.:]?/iu;
const CLAUSE = /^\s*(\d{1,2})\s*[.)]\s+/u;
const POINT = /^\s*([a-zđ])\s*\)\s+/u;

export function labelOf(u: Pick<TextUnit, 'chapter' | 'article' | 'clause' | 'point'>): string {
  const parts: string[] = [];
  if (u.article) parts.push(`Điều ${u.article}`);
  else if (u.chapter) parts.push(`Chương ${u.chapter}`);
  if (u.clause) parts.push(`khoản ${u.clause}`);
  if (u.point) parts.push(`điểm ${u.point}`);
  return parts.join(', ') || 'Phần mở đầu';
}

export function splitConvention(text: string): TextUnit[] {
  const nfc = text.normalize('NFC').replace(/\r\n?/gu, '\n');
  const units: TextUnit[] = [];
  let chapter: string | null = null;
  let article: string | null = null;
  let clause: string | null = null;
  let point: string | null = null;
  let current: TextUnit | null = null;
  let offset = 0;
  for (const line of nfc.split('\n')) {
    const start = offset;
    offset += line.length + 1;
    if (!line.trim()) continue;
    let m: RegExpExecArray | null;
    let fresh = true;
    let skip = 0;
    if ((m = CHAPTER.exec(line))) {
      chapter = m[1]!.toUpperCase();
      article = clause = point = null;
    } else if ((m = ARTICLE.exec(line))) {
      article = m[1]!;
      clause = point = null;
      skip = numberLength(line, m);
    } else if (article && (m = CLAUSE.exec(line))) {
      clause = m[1]!;
      point = null;
      skip = numberLength(line, m);
    } else if (article && (m = POINT.exec(line))) {
      point = m[1]!;
      skip = numberLength(line, m);
    } else fresh = false;
    if (fresh || !current) {
      const from = start + skip;
      current = {
        chapter,
        article,
        clause,
        point,
        label: '',
        text: line.slice(skip),
        start: from,
        end: start + line.length,
      };
      current.label = labelOf(current);
      units.push(current);
    } else {
      current.text = nfc.slice(current.start, start + line.length);
      current.end = start + line.length;
    }
  }
  return units;
}

/** The length of a line's number and the spaces after it. */
function numberLength(line: string, m: RegExpExecArray): number {
  let n = m[0].length;
  while (n < line.length && /\s/u.test(line[n]!)) n++;
  return n;
}
