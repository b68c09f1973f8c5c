import { screenText, type Finding } from '../../core/screener/screen.ts';
import { splitConvention } from '../../core/screener/structure.ts';
import { parseInWorker } from '../files/parse-pool.ts';
import { decodeText, isZip } from '../files/tabular.ts';
import { screenerModel, screenerRules } from './rules-file.ts';

export interface LineResult {
  line: number;
  flagged: boolean;
  findings: Pick<Finding, 'rule' | 'category' | 'severity' | 'start' | 'end' | 'message' | 'law'>[];
}

/** Each line on its own (1-based line numbers, offsets within the line), in order; a final newline adds no line. */
export function screenLines(text: string): LineResult[] {
  const rules = screenerRules();
  const model = screenerModel();
  const lines = text.replace(/\r\n?/gu, '\n').split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((l, i) => {
    const findings = screenText(l, rules, model).map(({ rule, category, severity, start, end, message, law }) => ({
      rule,
      category,
      severity,
      start,
      end,
      message,
      law,
    }));
    return { line: i + 1, flagged: findings.length > 0, findings };
  });
}

export interface LocatedFinding extends Finding {
  /** "Điều 5, khoản 2" */
  location: string;
}

/**
 * A whole text (a convention, a draft article): split into chapters, articles, clauses and points, each
 * screened; findings carry their location and offsets in the whole NFC text.
 */
export function screenDocument(text: string): { units: number; findings: LocatedFinding[] } {
  const rules = screenerRules();
  const model = screenerModel();
  const units = splitConvention(text);
  const findings: LocatedFinding[] = [];
  for (const u of units) {
    for (const f of screenText(u.text, rules, model))
      findings.push({ ...f, start: u.start + f.start, end: u.start + f.end, location: u.label });
  }
  return { units: units.length, findings };
}

/**
 * The text of an uploaded .docx (paragraphs as lines, read in a worker within limits) or UTF-8/UTF-16
 * .txt (NFC, lines kept as they are); anything else is refused.
 */
export async function textOfUpload(content: Buffer): Promise<string> {
  if (isZip(content)) return parseInWorker<string>('docx', content);
  return decodeText(content);
}
