/**
 * An XLSForm written as YAML (the product's own instruments, readable in review): top-level keys are the
 * sheets, each a list of rows; a row's keys are the sheet's columns as XLSForm names them. Columns keep the
 * order in which they first appear; rows are numbered as in the workbook (the header is row 1). Column names
 * are in lower case, as the workbook reader gives them, unless `keepCase` (to write a workbook people read).
 */
import { parse } from 'yaml';
import type { Sheet } from './xlsform.ts';

export function sheetsFromYaml(text: string, options: { keepCase?: boolean } = {}): Record<string, Sheet> {
  const key = (k: string) => (options.keepCase ? k : k.toLowerCase());
  const doc = parse(text.normalize('NFC')) as Record<string, Record<string, unknown>[]>;
  const out: Record<string, Sheet> = {};
  for (const [name, rows] of Object.entries(doc ?? {})) {
    if (!Array.isArray(rows)) throw new Error(`"${name}" phải là một danh sách dòng`);
    const headers: string[] = [];
    for (const r of rows) for (const k of Object.keys(r)) if (!headers.includes(key(k))) headers.push(key(k));
    out[name] = {
      headers,
      rows: rows.map((r, i) => ({
        line: i + 2,
        cells: Object.fromEntries(Object.entries(r).map(([k, v]) => [key(k), v])),
      })),
    };
  }
  return out;
}
