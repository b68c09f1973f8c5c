import fs from 'node:fs';
import path from 'node:path';
import { builtOnce } from '../../core/built-once.ts';
import { sheetsFromYaml } from '../../core/surveys/form-yaml.ts';
import { parseScoring, type Scoring } from '../../core/surveys/scoring.ts';
import { readXlsForm, type Instrument, type Sheet } from '../../core/surveys/xlsform.ts';
import { newWorkbook, xlsxBuffer } from '../files/sheets.ts';
import { fromRoot } from '../../project-root.ts';

const DEFAULT_DIR = fromRoot('instruments', 'bdg-nhan-thuc');

/**
 * The product's default instrument (instruments/bdg-nhan-thuc): its sheets as written (for the workbook),
 * the form read from them, its scoring.
 */
export function defaultInstrument(): { sheets: Record<string, Sheet>; form: Instrument; scoring: Scoring } {
  const text = fs.readFileSync(path.join(DEFAULT_DIR, 'form.yaml'), 'utf8');
  const sheets = sheetsFromYaml(text, { keepCase: true });
  const form = readXlsForm(sheetsFromYaml(text));
  const scoring = parseScoring(fs.readFileSync(path.join(DEFAULT_DIR, 'scoring.yaml'), 'utf8'), form);
  return { sheets, form, scoring };
}

/** Sheets as an XLSForm workbook (.xlsx) that ODK, KoboToolbox and this product load. */
export async function xlsformWorkbook(sheets: Record<string, Sheet>): Promise<Buffer> {
  const wb = newWorkbook();
  for (const [name, sheet] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    ws.addRow(sheet.headers);
    ws.getRow(1).font = { bold: true };
    for (const r of sheet.rows) ws.addRow(sheet.headers.map((h) => r.cells[h] ?? null));
    ws.columns.forEach((c) => (c.width = 24));
  }
  return xlsxBuffer(wb);
}

/**
 * The default instrument as an XLSForm file, built once per process: its YAML ships with the code, and exceljs took
 * 21–23 ms of the server's processor for each download (bench:routes).
 */
export const defaultFormFile = builtOnce(async (_which: 'default') => {
  const d = defaultInstrument();
  return { name: `${d.form.formId}-${d.form.version}.xlsx`, bytes: await xlsformWorkbook(d.sheets) };
});
