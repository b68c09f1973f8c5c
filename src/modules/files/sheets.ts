import { PassThrough, type Readable } from 'node:stream';
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

const csvLines = (rows: unknown[][]): string => rows.map((r) => `${r.map(csvCell).join(',')}\r\n`).join('');
const csvHeader = (columns: readonly SheetColumn[]): string => `\uFEFF${columns.map((c) => c.code).join(',')}\r\n`;

/** Rows as CSV (UTF-8 with BOM, so Excel shows the diacritics), header of column codes. */
export const toCsv = (columns: readonly SheetColumn[], rows: unknown[][]): Buffer =>
  Buffer.from(csvHeader(columns) + csvLines(rows), 'utf8');

/** The same CSV as `toCsv`, written as its pages of rows come (for an export too long to hold at once). */
export async function* csvChunks(
  columns: readonly SheetColumn[],
  pages: AsyncIterable<unknown[][]>,
): AsyncGenerator<Buffer> {
  yield Buffer.from(csvHeader(columns), 'utf8');
  for await (const rows of pages) yield Buffer.from(csvLines(rows), 'utf8');
}

/**
 * An XLSX of one sheet as `sheetWithHeader` makes it (bold frozen header, widths) with real values: dates as date
 * cells shown DD/MM/YYYY (they sort and filter as dates in Excel), whole numbers with a thousands separator (Excel
 * shows it in the reader's own locale); with `wrap`, the rows' text wrapped and set at the top. Written to the
 * returned stream as its pages of rows come: each row leaves memory once written, and the server turns to other
 * requests between pages. An error while reading ends the stream with it (a download cut short, never a file that
 * looks whole); a stream destroyed by its reader stops the reading.
 */
export function xlsxStream(
  name: string,
  columns: readonly SheetColumn[],
  format: { dates: number[]; counts: number[]; wrap?: boolean },
  pages: AsyncIterable<unknown[][]>,
): Readable {
  const out = new PassThrough();
  const write = async () => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
    wb.creator = 'BĐG Monitor';
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = columns.map((c, i) => ({
      width: c.width,
      style: format.dates.includes(i + 1)
        ? { numFmt: 'dd/mm/yyyy' }
        : format.counts.includes(i + 1)
          ? { numFmt: '#,##0' }
          : {},
    }));
    const header = ws.addRow(columns.map(headerOf));
    header.font = { bold: true };
    header.commit();
    for await (const rows of pages) {
      // a download given up (the client went away, the stream was destroyed) is not read on
      if (out.destroyed) return;
      for (const r of rows) {
        const row = ws.addRow(r);
        if (format.wrap) row.alignment = { wrapText: true, vertical: 'top' };
        row.commit();
      }
    }
    await wb.commit();
  };
  write().catch((e: unknown) => out.destroy(e as Error));
  return out;
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
