import ExcelJS from 'exceljs';
import type { RowError } from '../../core/errors.ts';

/** A spreadsheet column: the code the importer reads, the Vietnamese header people read, required or not. */
export interface SheetColumn {
  code: string;
  vi: string;
  required: boolean;
  width: number;
}

/** "Tên hoạt động (title) *": the header carries the code, so a re-ordered or translated sheet still imports. */
export const headerOf = (c: SheetColumn): string => `${c.vi} (${c.code})${c.required ? ' *' : ''}`;

export function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'BĐG Monitor';
  return wb;
}

/** A sheet with bold, frozen headers and column widths. */
export function sheetWithHeader(
  wb: ExcelJS.Workbook,
  name: string,
  columns: readonly SheetColumn[],
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  ws.addRow(columns.map(headerOf)).font = { bold: true };
  columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width;
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return ws;
}

/**
 * A "Danh mục" sheet with one column per code list (its labels from row 2) and a function giving the
 * range of list i for a drop-down.
 */
export function listsSheet(wb: ExcelJS.Workbook, lists: { title: string; labels: string[] }[]): (i: number) => string {
  const ws = wb.addWorksheet('Danh mục');
  lists.forEach((l, i) => {
    ws.getColumn(i + 1).width = 50;
    ws.getCell(1, i + 1).value = l.title;
    l.labels.forEach((label, j) => {
      ws.getCell(j + 2, i + 1).value = label;
    });
  });
  return (i) => {
    const letter = ws.getColumn(i + 1).letter;
    return `'Danh mục'!$${letter}$2:$${letter}$${lists[i]!.labels.length + 1}`;
  };
}

/** Marks a template's example row so nobody takes it for data. */
export function markExample(row: ExcelJS.Row): void {
  row.font = { italic: true, color: { argb: 'FF888888' } };
}

export const xlsxBuffer = async (wb: ExcelJS.Workbook): Promise<Buffer> => Buffer.from(await wb.xlsx.writeBuffer());

/**
 * Text that a spreadsheet would run as a formula (=, +, -, @, tab, carriage return first) is written
 * behind an apostrophe, which Excel and LibreOffice show as text; readTabular takes the apostrophe off
 * again, so an export still imports unchanged. Numbers are written as they are.
 */
export const FORMULA_START = /^[=+\-@\t\r]/u;

const csvCell = (v: unknown): string => {
  const raw = String(v ?? '');
  const text = typeof v === 'string' && FORMULA_START.test(raw) ? `'${raw}` : raw;
  return /[",;\n\r\t]/u.test(text) ? `"${text.replace(/"/gu, '""')}"` : text;
};

/** Rows as CSV (UTF-8 with BOM, so Excel shows the diacritics), header of column codes. */
export function toCsv(columns: readonly SheetColumn[], rows: unknown[][]): Buffer {
  const lines = [columns.map((c) => c.code).join(','), ...rows.map((r) => r.map(csvCell).join(','))];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/** The errors of a refused import as an XLSX people can sort and fix from. */
export async function errorsXlsx(rows: RowError[]): Promise<Buffer> {
  const wb = newWorkbook();
  const ws = wb.addWorksheet('Lỗi');
  ws.addRow(['Dòng', 'Cột', 'Lý do']).font = { bold: true };
  for (const r of rows) ws.addRow([r.line, r.column ?? '', r.reason]);
  ws.getColumn(1).width = 8;
  ws.getColumn(2).width = 22;
  ws.getColumn(3).width = 80;
  return xlsxBuffer(wb);
}

/** A Date cell or a DD/MM/YYYY text as it is shown in Vietnamese sheets. */
export const vnDate = (iso: string): string => iso.split('-').reverse().join('/');

/** A day as an XLSX date cell (midnight UTC: what ExcelJS writes and readTabular reads back as that day). */
export const dateCell = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

/**
 * Exported sheets carry real values: dates as date cells shown DD/MM/YYYY (they sort and filter as dates in
 * Excel), whole numbers with a thousands separator (Excel shows it in the reader's own locale).
 */
export function formatColumns(ws: ExcelJS.Worksheet, dates: number[], counts: number[]): void {
  for (const i of dates) ws.getColumn(i).numFmt = 'dd/mm/yyyy';
  for (const i of counts) ws.getColumn(i).numFmt = '#,##0';
}
