import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError } from '../../core/errors.ts';
import { parseInWorker } from './parse-pool.ts';

/** One data row of a spreadsheet: cells by lower-case header, with the line number people see. */
export interface TabularRow {
  line: number;
  cells: Record<string, unknown>;
}

function cellValue(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('result' in value) return cellValue(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    return '';
  }
  return value;
}

/**
 * A header as a column code: "unit_code", or a template's Vietnamese header ending with the code in
 * parentheses ("Mã đơn vị (unit_code)") — so templates read in Vietnamese and import without mapping.
 */
const normaliseHeader = (h: unknown): string => {
  const text = String(h ?? '')
    .normalize('NFC')
    .trim();
  const code = /\(([a-z_]+)\)\s*\*?$/u.exec(text);
  return (code ? code[1]! : text).toLowerCase();
};

export const isZip = (b: Buffer): boolean =>
  b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/**
 * Reads a CSV (UTF-8, with or without BOM, comma or semicolon) or XLSX (first sheet) file into rows.
 * The kind is told by the content, not the file name. Empty rows are skipped, line numbers kept.
 */
export interface Tabular {
  headers: string[];
  rows: TabularRow[];
}

/**
 * Reads an uploaded spreadsheet into rows in a worker thread, within time and memory limits, after the
 * archive of an .xlsx passed its limits (see parse-pool.ts and archive.ts).
 */
export async function readTabular(content: Buffer, options: { plainHeaders?: boolean } = {}): Promise<Tabular> {
  return parseInWorker<Tabular>(options.plainHeaders ? 'tabular-plain' : 'tabular', content);
}

async function loadWorkbook(content: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw new AppError('FILE_TYPE', 'Không đọc được tệp Excel (.xlsx)');
  }
  return wb;
}

/** One sheet's rows under its first row's headers (`header` makes each header a column name). */
function sheetRows(sheet: ExcelJS.Worksheet, header: (h: unknown) => string): Tabular {
  const headers: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    headers[col] = header(cellValue(cell.value));
  });
  const rows: TabularRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, lineNo) => {
    if (lineNo === 1) return;
    const cells: Record<string, unknown> = {};
    let any = false;
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const h = headers[col];
      if (!h) return;
      const v = cellValue(cell.value);
      cells[h] = typeof v === 'string' ? v.normalize('NFC') : v;
      if (v !== '') any = true;
    });
    if (any) rows.push({ line: lineNo, cells });
  });
  return { headers: headers.filter(Boolean), rows };
}

/** A header as written, in lower case (an XLSForm's "label::Tiếng Việt (vi)" stays whole). */
const plainHeader = (h: unknown): string =>
  String(h ?? '')
    .normalize('NFC')
    .trim()
    .toLowerCase();

/** A header exactly as written (NFC, trimmed): a field export's "g1-q2/x" or "Giới tính". */
const asWritten = (h: unknown): string =>
  String(h ?? '')
    .normalize('NFC')
    .trim();

/** Every sheet of an .xlsx, by name as written (XLSForms: survey, choices, settings). */
export async function parseWorkbook(content: Buffer): Promise<Record<string, Tabular>> {
  if (!isZip(content)) throw new AppError('FILE_TYPE', 'Cần một tệp Excel (.xlsx)');
  const wb = await loadWorkbook(content);
  return Object.fromEntries(wb.worksheets.map((ws) => [ws.name, sheetRows(ws, plainHeader)]));
}

/** Reads every sheet of an uploaded workbook in a worker thread, within time and memory limits. */
export async function readWorkbook(content: Buffer): Promise<Record<string, Tabular>> {
  return parseInWorker<Record<string, Tabular>>('workbook', content);
}

/**
 * The parsing itself (in the parse worker; tests may call it directly on trusted bytes). `plainHeaders`:
 * headers exactly as written (a field export's "g1-q2/x"), not read as a template's "Name (code)".
 */
export async function parseTabular(content: Buffer, options: { plainHeaders?: boolean } = {}): Promise<Tabular> {
  const headerOf = options.plainHeaders ? asWritten : normaliseHeader;
  if (isZip(content)) {
    const sheet = (await loadWorkbook(content)).worksheets[0];
    if (!sheet) return { headers: [], rows: [] };
    return sheetRows(sheet, headerOf);
  }
  const text = decodeText(content);
  const firstLine = text.split(/\r?\n/u, 1)[0] ?? '';
  const count = (re: RegExp) => firstLine.match(re)?.length ?? 0;
  const delimiter = [',', ';', '\t'].reduce(
    (best, d) => (count(new RegExp(d, 'gu')) > count(new RegExp(best, 'gu')) ? d : best),
    ',',
  );
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (e) {
    throw new AppError('FILE_TYPE', `Không đọc được tệp CSV: ${(e as Error).message}`);
  }
  const [header, ...body] = records;
  if (!header) return { headers: [], rows: [] };
  const headers = header.map(headerOf);
  const rows: TabularRow[] = [];
  body.forEach((rec, i) => {
    if (rec.every((c) => c.trim() === '')) return;
    const cells: Record<string, unknown> = {};
    headers.forEach((h, j) => {
      if (h) cells[h] = unneutralise(rec[j] ?? '');
    });
    rows.push({ line: i + 2, cells });
  });
  return { headers: headers.filter(Boolean), rows };
}

/** A CSV cell that an export wrote behind an apostrophe (see FORMULA_START in sheets.ts), as it was. */
const unneutralise = (cell: string): string => (/^'[=+\-@\t\r]/u.test(cell) ? cell.slice(1) : cell);

/**
 * CSV text as Excel and other tools save it: UTF-8 (with or without BOM) or UTF-16 ("Unicode text").
 * Anything else (Windows-1258, TCVN3) is refused with a clear message rather than read as mojibake.
 */
export function decodeText(content: Buffer): string {
  let text: string;
  if (content[0] === 0xff && content[1] === 0xfe) text = content.subarray(2).toString('utf16le');
  else if (content[0] === 0xfe && content[1] === 0xff)
    text = Buffer.from(content.subarray(2)).swap16().toString('utf16le');
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(content);
    } catch {
      throw new AppError(
        'FILE_TYPE',
        'Tệp CSV không ở mã UTF-8: trong Excel hãy chọn "Lưu dạng CSV UTF-8", hoặc gửi tệp .xlsx',
      );
    }
  }
  if (text.includes('\u0000')) throw new AppError('FILE_TYPE', 'Tệp không phải CSV (UTF-8) hoặc Excel (.xlsx)');
  return text.replace(/^\uFEFF/u, '').normalize('NFC');
}

/** A cell as trimmed text ('' when empty). */
export function textCell(row: TabularRow, name: string): string {
  const v = row.cells[name];
  if (v === undefined || v === null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).normalize('NFC').trim();
}

/** Fails with the list of required columns the file lacks. */
export function requireColumns(table: Tabular, columns: readonly string[]): void {
  const present = new Set(table.headers);
  const missing = columns.filter((c) => !present.has(c));
  if (missing.length > 0) {
    throw new AppError(
      'IMPORT_INVALID',
      `Tệp thiếu cột: ${missing.join(', ')}`,
      undefined,
      missing.map((c) => ({ line: 1, column: c, reason: 'thiếu cột' })),
    );
  }
  if (table.rows.length === 0) throw new AppError('IMPORT_INVALID', 'Tệp không có dòng dữ liệu nào', undefined, []);
}

/** A code cell, and when a spreadsheet stored it as a number, the same code with the zeros it lost. */
export function codeVariants(r: TabularRow, column: string): string[] {
  const text = textCell(r, column);
  if (!text) return [];
  return typeof r.cells[column] === 'number' ? [text, ...[5, 3, 2].map((w) => text.padStart(w, '0'))] : [text];
}
