import { Readable } from 'node:stream';
import { builtOnce } from '../../core/built-once.ts';
import { YEAR_MAX, YEAR_MIN, type FieldDef } from '../../core/records/fields.ts';
import type { RecordTypeDef } from '../../core/records/types.ts';
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
import type { UnitRecord } from './service.ts';

/**
 * Spreadsheets of any record type, from its definition: one column per field (a unit by its code, a
 * linked record by its title, a list of items one per line with parts split by " | "), Vietnamese
 * headers carrying the column code, drop-downs for coded fields, one example row.
 */

const snake = (name: string): string => name.replace(/[A-Z]/gu, (c) => `_${c.toLowerCase()}`);

/** The column code of a field: unit fields by code (area_unit_code), links by title (replicates). */
export function columnCode(f: FieldDef): string {
  if (f.kind === 'unit') return snake(f.name).replace(/_id$/u, '_code');
  if (f.kind === 'record') return snake(f.name).replace(/_id$/u, '');
  return snake(f.name);
}

const hint = (f: FieldDef): string => {
  if (f.kind === 'date') return ' (DD/MM/YYYY)';
  if (f.kind === 'codes') return ' (cách nhau bởi ;)';
  if (f.kind === 'unit') return ' — mã';
  if (f.kind === 'record') return ' — tên';
  if (f.kind === 'group') return ` (mỗi mục một dòng: ${(f.fields ?? []).map((s) => s.vi).join(' | ')})`;
  return '';
};

export interface RecordColumn extends SheetColumn {
  field: FieldDef | null;
}

/** The columns of a type's spreadsheet: the unit's code, then every field typed in (hidden ones left out). */
export function recordColumns(def: RecordTypeDef): RecordColumn[] {
  return [
    { code: 'unit_code', vi: 'Mã đơn vị', required: true, width: 14, field: null },
    ...def.fields
      .filter((f) => !f.hidden)
      .map((f) => ({
        code: columnCode(f),
        vi: `${f.vi}${hint(f)}`,
        required: Boolean(f.required),
        field: f,
        width: f.kind === 'longtext' || f.kind === 'group' ? 50 : f.name === 'title' ? 40 : f.kind === 'date' ? 14 : 20,
      })),
  ];
}

const label = (f: FieldDef, code: unknown): string => (typeof code === 'string' ? (f.list?.[code]?.vi ?? code) : '');

/** One value as it is written in a cell: a date as text, or as a date cell (`dates`, XLSX). */
function cellOf(
  f: FieldDef,
  v: unknown,
  ref: { code?: string; name: string } | undefined,
  dates: 'text' | 'cells' = 'text',
): string | number | Date {
  if (v === null || v === undefined) return '';
  switch (f.kind) {
    case 'date':
      return dates === 'cells' ? dateCell(String(v)) : vnDate(String(v));
    case 'int':
    case 'money':
    case 'score':
      return Number(v);
    case 'bool':
      return v ? 'Có' : 'Không';
    case 'code':
      return label(f, v);
    case 'codes':
      return (v as string[]).map((c) => label(f, c)).join('; ');
    case 'unit':
      return ref?.code ?? '';
    case 'record':
      return ref?.name ?? '';
    case 'group':
      return (v as Record<string, unknown>[])
        .map((item) => (f.fields ?? []).map((s) => String(cellOf(s, item[s.name], undefined))).join(' | '))
        .join('\n');
    default:
      return String(v);
  }
}

function exportRow(def: RecordTypeDef, r: UnitRecord, dates: 'text' | 'cells' = 'text'): (string | number | Date)[] {
  return recordColumns(def).map((c) => {
    if (!c.field) return r.unitCode;
    const v = c.field.name === 'date' ? r.date : c.field.name === 'title' ? r.title : r.data[c.field.name];
    return cellOf(c.field, v, r.refs[c.field.name], dates);
  });
}

async function* rowsOf(def: RecordTypeDef, pages: AsyncIterable<UnitRecord[]>, dates: 'text' | 'cells') {
  for await (const page of pages) yield page.map((r) => exportRow(def, r, dates));
}

/** A filtered list of records as XLSX, with the template's columns (so it imports again as it is), streamed. */
export function recordsXlsx(def: RecordTypeDef, pages: AsyncIterable<UnitRecord[]>): Readable {
  const columns = recordColumns(def);
  const where = (kinds: string[]) =>
    columns.flatMap((c, i) => (c.field && kinds.includes(c.field.kind) ? [i + 1] : []));
  return xlsxStream(
    def.vi.slice(0, 31),
    columns,
    { dates: where(['date']), counts: where(['int', 'money']), wrap: true },
    rowsOf(def, pages, 'cells'),
  );
}

/** The same list as CSV, streamed. */
export const recordsCsv = (def: RecordTypeDef, pages: AsyncIterable<UnitRecord[]>): Readable =>
  Readable.from(csvChunks(recordColumns(def), rowsOf(def, pages, 'text')));

/** The import template of a type: headers, drop-downs for coded fields, the example row of the type. */
async function buildRecordTemplate(def: RecordTypeDef): Promise<Buffer> {
  const wb = newWorkbook();
  const columns = recordColumns(def);
  const ws = sheetWithHeader(wb, def.vi.slice(0, 31), columns);
  const coded = columns.filter((c) => c.field && (c.field.kind === 'code' || c.field.kind === 'codes'));
  const range = listsSheet(
    wb,
    coded.map((c) => ({ title: c.field!.vi, labels: Object.values(c.field!.list!).map((l) => l.vi) })),
  );
  markExample(ws.addRow(columns.map((c) => (c.field ? (def.example[c.field.name] ?? '') : 'VI-DU'))));
  columns.forEach((c, i) => {
    const listIndex = coded.indexOf(c);
    for (let r = 2; r <= 501; r++) {
      const cell = ws.getCell(r, i + 1);
      if (listIndex >= 0) {
        const single = c.field!.kind === 'code';
        cell.dataValidation = {
          type: 'list',
          allowBlank: !c.required,
          formulae: [range(listIndex)],
          showErrorMessage: single,
          error: single ? `Chọn ${c.field!.vi.toLowerCase()} trong danh mục` : '',
        };
      } else if (c.field?.year) {
        cell.dataValidation = {
          type: 'whole',
          operator: 'between',
          formulae: [YEAR_MIN, YEAR_MAX],
          allowBlank: true,
          showErrorMessage: true,
          error: `Nhập một năm, từ ${YEAR_MIN} đến ${YEAR_MAX}`,
        };
      } else if (c.field && (c.field.kind === 'int' || c.field.kind === 'money')) {
        cell.dataValidation = {
          type: 'whole',
          operator: 'greaterThanOrEqual',
          formulae: [0],
          allowBlank: true,
          showErrorMessage: true,
          error: 'Nhập số nguyên không âm',
        };
      } else if (c.field?.kind === 'score') {
        cell.dataValidation = {
          type: 'decimal',
          operator: 'between',
          formulae: [0, c.field.max ?? 100],
          allowBlank: true,
          showErrorMessage: true,
          error: `Nhập số từ 0 đến ${c.field.max ?? 100}`,
        };
      } else if (c.field?.kind === 'bool') {
        cell.dataValidation = {
          type: 'list',
          allowBlank: true,
          formulae: ['"Có,Không"'],
          showErrorMessage: true,
          error: 'Chọn Có hoặc Không',
        };
      }
    }
  });
  return xlsxBuffer(wb);
}

/** A type's template, built once per process (types are fixed in code): exceljs builds one in 20–50 ms. */
export const recordTemplate = builtOnce(buildRecordTemplate);

/** A group cell back into items: one per line, parts in the order of the group's fields. */
export function readGroupCell(f: FieldDef, text: string): Record<string, unknown>[] {
  return text
    .split(/\r?\n/u)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const parts = line.split('|').map((p) => p.trim());
      return Object.fromEntries((f.fields ?? []).map((s, i) => [s.name, parts[i] ?? '']));
    });
}
