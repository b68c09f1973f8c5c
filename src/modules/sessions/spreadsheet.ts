import { Readable } from 'node:stream';
import { builtOnce } from '../../core/built-once.ts';
import { SESSION_FORMS, SESSION_TOPICS, TARGET_GROUPS } from '../../core/sessions.ts';
import {
  csvChunks,
  dateCell,
  listsSheet,
  markExample,
  newWorkbook,
  sheetWithHeader,
  vnDate,
  xlsxBuffer,
  xlsxStream,
  type SheetColumn,
} from '../files/sheets.ts';
import type { SessionExportItem } from './service.ts';

/** The columns of a session spreadsheet, in order: code (read on import), Vietnamese header, required. */
export const SESSION_COLUMNS: SheetColumn[] = [
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
];

/**
 * The import template: Vietnamese headers (each with its code, which the importer reads), drop-down
 * lists for form, topics and target groups from a "Danh mục" sheet, and one example row marked as such.
 */
async function buildSessionTemplate(): Promise<Buffer> {
  const wb = newWorkbook();
  const ws = sheetWithHeader(wb, 'Hoạt động', SESSION_COLUMNS);
  const range = listsSheet(wb, [
    { title: 'Hình thức', labels: Object.values(SESSION_FORMS).map((l) => l.vi) },
    { title: 'Chủ đề', labels: Object.values(SESSION_TOPICS).map((l) => l.vi) },
    { title: 'Đối tượng', labels: Object.values(TARGET_GROUPS).map((l) => l.vi) },
  ]);
  markExample(
    ws.addRow([
      'VI-DU',
      '05/03/2025',
      'VÍ DỤ — xoá dòng này: Hội nghị phổ biến Luật Bình đẳng giới',
      SESSION_FORMS.conference.vi,
      SESSION_TOPICS.gender_equality_law.vi,
      TARGET_GROUPS.officials.vi,
      80,
      50,
      30,
      '',
      'Dòng ví dụ, không phải số liệu thật',
    ]),
  );
  for (let r = 2; r <= 501; r++) {
    ws.getCell(r, 4).dataValidation = {
      type: 'list',
      allowBlank: false,
      formulae: [range(0)],
      showErrorMessage: true,
      errorTitle: 'Hình thức',
      error: 'Chọn hình thức trong danh mục',
    };
    ws.getCell(r, 5).dataValidation = { type: 'list', allowBlank: true, formulae: [range(1)], showErrorMessage: false };
    ws.getCell(r, 6).dataValidation = { type: 'list', allowBlank: true, formulae: [range(2)], showErrorMessage: false };
    for (const c of [7, 8, 9])
      ws.getCell(r, c).dataValidation = {
        type: 'whole',
        operator: 'greaterThanOrEqual',
        formulae: [0],
        allowBlank: true,
        showErrorMessage: true,
        error: 'Nhập số nguyên không âm',
      };
  }
  return xlsxBuffer(wb);
}

const sessionTemplateOnce = builtOnce(buildSessionTemplate);
/** The import template, built once per process (it depends only on the code lists). */
export const sessionTemplate = (): Promise<Buffer> => sessionTemplateOnce('sessions');

const wordOf = (list: Record<string, { vi: string }>, code: string): string => list[code]?.vi ?? code;

// lists in Vietnamese words, as the template's drop-downs write them (the import reads the words or the codes)
const exportRow = (s: SessionExportItem, date: (iso: string) => string | Date = vnDate) => [
  s.unitCode,
  date(s.date),
  s.title,
  wordOf(SESSION_FORMS, s.form),
  s.topics.map((c) => wordOf(SESSION_TOPICS, c)).join('; '),
  s.targetGroups.map((c) => wordOf(TARGET_GROUPS, c)).join('; '),
  s.participantsTotal ?? '',
  s.participantsFemale ?? '',
  s.participantsMale ?? '',
  s.placeCode ?? '',
  s.notes ?? '',
];

async function* rowsOf(pages: AsyncIterable<SessionExportItem[]>, date?: (iso: string) => string | Date) {
  for await (const page of pages) yield page.map((s) => exportRow(s, date));
}

/** A filtered list of sessions as XLSX, with the template's columns (so it imports again as it is), streamed. */
export const sessionsXlsx = (pages: AsyncIterable<SessionExportItem[]>): Readable =>
  xlsxStream('Hoạt động', SESSION_COLUMNS, { dates: [2], counts: [7, 8, 9] }, rowsOf(pages, dateCell));

/** The same list as CSV, streamed. */
export const sessionsCsv = (pages: AsyncIterable<SessionExportItem[]>): Readable =>
  Readable.from(csvChunks(SESSION_COLUMNS, rowsOf(pages)));
