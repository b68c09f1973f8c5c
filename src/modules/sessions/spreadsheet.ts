import ExcelJS from 'exceljs';
import type { RowError } from '../../core/errors.ts';
import { SESSION_FORMS, SESSION_TOPICS, TARGET_GROUPS } from '../../core/sessions.ts';
import type { Session } from './service.ts';

/** The columns of a session spreadsheet, in order: code (read on import), Vietnamese header, required. */
export const SESSION_COLUMNS = [
  { code: 'unit_code', vi: 'Mã đơn vị', required: true, width: 16 },
  { code: 'date', vi: 'Ngày tổ chức (DD/MM/YYYY)', required: true, width: 14 },
  { code: 'title', vi: 'Tên hoạt động', required: true, width: 44 },
  { code: 'form', vi: 'Hình thức', required: true, width: 30 },
  { code: 'topics', vi: 'Chủ đề (cách nhau bởi ;)', required: false, width: 34 },
  { code: 'target_groups', vi: 'Đối tượng (cách nhau bởi ;)', required: false, width: 30 },
  { code: 'participants_total', vi: 'Tổng số người tham dự', required: true, width: 12 },
  { code: 'participants_female', vi: 'Số nữ', required: true, width: 10 },
  { code: 'participants_male', vi: 'Số nam', required: true, width: 10 },
  { code: 'place_code', vi: 'Mã địa bàn tổ chức (xã)', required: false, width: 14 },
  { code: 'notes', vi: 'Ghi chú', required: false, width: 30 },
] as const;

const header = (c: (typeof SESSION_COLUMNS)[number]) => `${c.vi} (${c.code})${c.required ? ' *' : ''}`;
const vnDate = (iso: string) => iso.split('-').reverse().join('/');

function sheetWithHeader(wb: ExcelJS.Workbook, name: string) {
  const ws = wb.addWorksheet(name);
  ws.addRow(SESSION_COLUMNS.map(header)).font = { bold: true };
  SESSION_COLUMNS.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width;
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return ws;
}

/**
 * The import template: Vietnamese headers (each with its code, which the importer reads), drop-down
 * lists for form, topics and target groups from a "Danh mục" sheet, and one example row marked as such.
 */
export async function sessionTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'BĐG Monitor';
  const ws = sheetWithHeader(wb, 'Hoạt động');
  const lists = wb.addWorksheet('Danh mục');
  const columns: [string, Record<string, { vi: string }>][] = [['Hình thức', SESSION_FORMS], ['Chủ đề', SESSION_TOPICS], ['Đối tượng', TARGET_GROUPS]];
  columns.forEach(([title, list], i) => {
    const col = lists.getColumn(i + 1);
    col.width = 50;
    lists.getCell(1, i + 1).value = title;
    Object.values(list).forEach((l, j) => {
      lists.getCell(j + 2, i + 1).value = l.vi;
    });
  });
  const example = ws.addRow(['VI-DU', '05/03/2025', 'VÍ DỤ — xoá dòng này: Hội nghị phổ biến Luật Bình đẳng giới', SESSION_FORMS.conference.vi, SESSION_TOPICS.gender_equality_law.vi, TARGET_GROUPS.officials.vi, 80, 50, 30, '', 'Dòng ví dụ, không phải số liệu thật']);
  example.font = { italic: true, color: { argb: 'FF888888' } };
  const range = (colLetter: string, n: number) => `'Danh mục'!$${colLetter}$2:$${colLetter}$${n + 1}`;
  for (let r = 2; r <= 501; r++) {
    ws.getCell(r, 4).dataValidation = { type: 'list', allowBlank: false, formulae: [range('A', Object.keys(SESSION_FORMS).length)], showErrorMessage: true, errorTitle: 'Hình thức', error: 'Chọn hình thức trong danh mục' };
    ws.getCell(r, 5).dataValidation = { type: 'list', allowBlank: true, formulae: [range('B', Object.keys(SESSION_TOPICS).length)], showErrorMessage: false };
    ws.getCell(r, 6).dataValidation = { type: 'list', allowBlank: true, formulae: [range('C', Object.keys(TARGET_GROUPS).length)], showErrorMessage: false };
    for (const c of [7, 8, 9]) ws.getCell(r, c).dataValidation = { type: 'whole', operator: 'greaterThanOrEqual', formulae: [0], allowBlank: true, showErrorMessage: true, error: 'Nhập số nguyên không âm' };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const exportRow = (s: Session) => [
  s.unitCode, vnDate(s.date), s.title, s.form, s.topics.join(';'), s.targetGroups.join(';'),
  s.participantsTotal ?? '', s.participantsFemale ?? '', s.participantsMale ?? '', s.placeCode ?? '', s.notes ?? '',
];

/** A filtered list of sessions as XLSX, with the template's columns (so it imports again as it is). */
export async function sessionsXlsx(sessions: Session[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'BĐG Monitor';
  const ws = sheetWithHeader(wb, 'Hoạt động');
  for (const s of sessions) ws.addRow(exportRow(s));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const csvCell = (v: unknown): string => {
  const text = String(v ?? '');
  return /[",;\n\r]/u.test(text) ? `"${text.replace(/"/gu, '""')}"` : text;
};

/** The same list as CSV (UTF-8 with BOM, so Excel shows the diacritics), header of column codes. */
export function sessionsCsv(sessions: Session[]): Buffer {
  const lines = [SESSION_COLUMNS.map((c) => c.code).join(','), ...sessions.map((s) => exportRow(s).map(csvCell).join(','))];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/** The errors of a refused import as an XLSX people can sort and fix from. */
export async function errorsXlsx(rows: RowError[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Lỗi');
  ws.addRow(['Dòng', 'Cột', 'Lý do']).font = { bold: true };
  for (const r of rows) ws.addRow([r.line, r.column ?? '', r.reason]);
  ws.getColumn(1).width = 8;
  ws.getColumn(2).width = 22;
  ws.getColumn(3).width = 80;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
