import { isIsoDate, parseDateInput } from '../dates.ts';
import { codeFrom } from '../sessions.ts';
import { isDbId } from '../input-safety.ts';
import { cleanText } from '../text.ts';
import type { CodeList } from './codes.ts';

/**
 * The kinds of field a record type is made of. One definition drives validation, the form, the list,
 * the spreadsheet columns and the import:
 * - text (one line, ≤ 500), longtext (≤ 5000), date (YYYY-MM-DD; DD/MM/YYYY accepted), bool;
 * - int (whole, ≥ 0), money (whole VND, ≥ 0), score (decimal between 0 and `max`);
 * - code / codes: one / several codes of `list`;
 * - unit: a unit's id (its code in spreadsheets); record: another record's id (its title in spreadsheets);
 * - group: a list of items, each made of `fields` (one line per item in spreadsheets, parts split by " | ").
 */
export type FieldKind =
  'text' | 'longtext' | 'date' | 'int' | 'money' | 'score' | 'code' | 'codes' | 'unit' | 'record' | 'bool' | 'group';

export interface FieldDef {
  name: string;
  kind: FieldKind;
  vi: string;
  en: string;
  required?: boolean;
  list?: CodeList;
  /** score: the highest score */
  max?: number;
  /** record: the type referred to */
  recordType?: string;
  /** group: the fields of one item */
  fields?: FieldDef[];
  /** set by the product, not typed in (shown read-only, left out of spreadsheets) */
  hidden?: boolean;
  /** date: may be later than today (a due date) */
  future?: boolean;
  /** int: a calendar year (2000–2100), shown without a thousands separator ("2026", never "2.026") */
  year?: boolean;
}

/** The years a `year` field accepts. */
export const YEAR_MIN = 2000;
export const YEAR_MAX = 2100;

export type FieldValue = string | number | boolean | string[] | Record<string, unknown>[] | null;
export type Problems = Record<string, string>;

const empty = (v: unknown): boolean =>
  v === null || v === undefined || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

function readNumber(value: unknown): number | null {
  if (typeof value === 'number') return value;
  const text = String(value).trim().replace(/\s/gu, '');
  // 1.500.000 (Vietnamese thousands) or 7,5 (Vietnamese decimal comma)
  const normal = /^\d{1,3}(\.\d{3})+$/u.test(text) ? text.replace(/\./gu, '') : text.replace(',', '.');
  const n = Number(normal);
  return normal === '' || Number.isNaN(n) ? null : n;
}

/**
 * Checks one field's value; writes the problem (Vietnamese, starting with the field's name) into `problems`
 * under `path` and returns the clean value (NFC text, codes, numbers) or null.
 */
export function readField(f: FieldDef, value: unknown, path: string, problems: Problems, today: string): FieldValue {
  const say = (reason: string): void => {
    problems[path] = `${f.vi}: ${reason}`;
  };
  if (empty(value)) {
    if (f.required) say('chưa nhập (bắt buộc)');
    return f.kind === 'codes' || f.kind === 'group' ? [] : null;
  }
  switch (f.kind) {
    case 'text':
    case 'longtext': {
      const max = f.kind === 'text' ? 500 : 5000;
      if (typeof value !== 'string' && typeof value !== 'number') {
        say('phải là chữ');
        return null;
      }
      const text = f.kind === 'text' ? cleanText(String(value)) : String(value).normalize('NFC').trim();
      if (text.length > max) say(`dài quá ${max} ký tự`);
      return text.slice(0, max);
    }
    case 'date': {
      const date = parseDateInput(value instanceof Date ? value : String(value));
      if (!date || !isIsoDate(date)) say('ngày phải có dạng DD/MM/YYYY hoặc YYYY-MM-DD');
      else if (!f.future && date > today) say('ngày không được ở tương lai');
      else if (date < '2000-01-01') say('ngày quá xa (trước năm 2000)');
      return date;
    }
    case 'int':
    case 'money': {
      const n = readNumber(value);
      const limit = f.kind === 'money' ? 1e15 : 1e9;
      if (n === null || !Number.isInteger(n) || n < 0 || n > limit) {
        say(f.kind === 'money' ? 'phải là số tiền (đồng) nguyên, không âm' : 'phải là số nguyên không âm');
        return null;
      }
      if (f.year && (n < YEAR_MIN || n > YEAR_MAX)) {
        say(`phải là một năm, từ ${YEAR_MIN} đến ${YEAR_MAX}`);
        return null;
      }
      return n;
    }
    case 'score': {
      const n = readNumber(value);
      const max = f.max ?? 100;
      if (n === null || n < 0 || n > max) {
        say(`phải là số từ 0 đến ${max}`);
        return null;
      }
      return Math.round(n * 100) / 100;
    }
    case 'bool': {
      if (typeof value === 'boolean') return value;
      const t = String(value).trim().toLowerCase();
      if (['có', 'co', 'x', 'true', '1', 'yes', 'đạt', 'dat'].includes(t)) return true;
      if (['không', 'khong', 'false', '0', 'no', 'không đạt', 'khong dat'].includes(t)) return false;
      say('phải là "Có" hoặc "Không"');
      return null;
    }
    case 'code': {
      const code = codeFrom(f.list!, String(value));
      if (!code) say(`"${String(value)}" không có trong danh mục`);
      return code;
    }
    case 'codes': {
      const items = (Array.isArray(value) ? value.map(String) : String(value).split(/[;|\n]/u))
        .map((s) => s.trim())
        .filter(Boolean);
      const out: string[] = [];
      for (const item of items) {
        const code = codeFrom(f.list!, item);
        if (!code) {
          say(`"${item}" không có trong danh mục`);
          return [];
        }
        if (!out.includes(code)) out.push(code);
      }
      if (f.required && out.length === 0) say('chọn ít nhất một mục');
      return out;
    }
    case 'unit':
    case 'record': {
      const n = typeof value === 'number' ? value : Number(value);
      if (!isDbId(n)) {
        say(f.kind === 'unit' ? 'đơn vị, địa bàn không hợp lệ' : 'bản ghi liên kết không hợp lệ');
        return null;
      }
      return n;
    }
    case 'group': {
      if (!Array.isArray(value)) {
        say('phải là danh sách');
        return [];
      }
      if (value.length > 200) say('tối đa 200 mục');
      return value.slice(0, 200).map((item, i) => {
        const out: Record<string, unknown> = {};
        for (const sub of f.fields ?? [])
          out[sub.name] = readField(
            sub,
            (item as Record<string, unknown> | null)?.[sub.name],
            `${path}[${i + 1}].${sub.name}`,
            problems,
            today,
          );
        return out;
      });
    }
  }
}
