/**
 * One response checked against its instrument, as a form would in the browser and this server does
 * again: calculations computed, answers to questions that are not relevant dropped (as ODK does), then
 * for every relevant question — type, choices (after choice_filter), required, constraint. Problems are
 * returned by question name, in Vietnamese, with the form's own messages where it has them.
 */
import { evaluate, toBoolean, toText, type Env } from './xpath.ts';
import type { Instrument, Question, Texts } from './xlsform.ts';

export interface CheckedResponse {
  /** the answers kept (relevant questions only) and the calculations, as strings */
  values: Record<string, string>;
  problems: Record<string, string>;
  /** the questions (and groups) to show: relevant themselves and through their groups */
  relevant: Set<string>;
}

/** A text in the language asked for, else the default column, else the form's default language, else any. */
export function textIn(texts: Texts, language: string, defaultLanguage = 'default'): string {
  return texts[language] ?? texts.default ?? texts[defaultLanguage] ?? Object.values(texts)[0] ?? '';
}

const INTEGER = /^[+-]?\d+$/u;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/u;
const DATE = /^\d{4}-\d{2}-\d{2}$/u;
const MAX_TEXT = 2000;

const realDate = (s: string): boolean => DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
const ZONE = '(Z|[+-](0\\d|1[0-4]):[0-5]\\d)?';
const CLOCK = '([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d(\\.\\d{1,3})?)?';
const TIME = new RegExp(`^${CLOCK}${ZONE}$`, 'u');
const DATETIME = new RegExp(`^(\\d{4}-\\d{2}-\\d{2})T${CLOCK}${ZONE}$`, 'u');
const DIGITS = /^\d*$/u;

/** Whether a text is a point as ODK writes one: "lat lon [altitude [accuracy]]". */
function point(text: string): boolean {
  const parts = text.trim().split(/\s+/u);
  if (parts.length < 2 || parts.length > 4 || !parts.every((p) => DECIMAL.test(p))) return false;
  const [lat, lon, , accuracy] = parts.map(Number);
  return Math.abs(lat!) <= 90 && Math.abs(lon!) <= 180 && (accuracy === undefined || accuracy >= 0);
}

/** What is wrong with an answer of a type with a fixed form (time, place, range…); null when nothing. */
function formatProblem(q: Question, v: string): string | null {
  switch (q.type) {
    case 'time':
      return TIME.test(v) ? null : 'Cần một giờ, dạng HH:MM (24 giờ)';
    case 'datetime': {
      const m = DATETIME.exec(v);
      return m && realDate(m[1]!) ? null : 'Cần ngày và giờ, dạng YYYY-MM-DDTHH:MM';
    }
    case 'acknowledge':
      return v === 'OK' ? null : 'Câu xác nhận chỉ nhận "OK"';
    case 'geopoint':
      return point(v) ? null : 'Cần một vị trí: vĩ độ kinh độ [độ cao [độ chính xác]], cách nhau bằng dấu cách';
    case 'geotrace':
    case 'geoshape': {
      const points = v
        .split(';')
        .map((p) => p.trim())
        .filter(Boolean);
      const least = q.type === 'geotrace' ? 2 : 4;
      if (points.length < least || !points.every(point))
        return `Cần ít nhất ${least} vị trí, cách nhau bằng dấu chấm phẩy`;
      if (q.type === 'geoshape' && points[0] !== points[points.length - 1])
        return 'Một vùng phải khép kín: vị trí cuối trùng vị trí đầu';
      return null;
    }
    case 'range': {
      const r = q.range!;
      const n = Number(v.replace(',', '.'));
      if (!DECIMAL.test(v.replace(',', '.'))) return 'Cần một số';
      const [low, high] = r.start < r.end ? [r.start, r.end] : [r.end, r.start];
      if (n < low || n > high) return `Cần một số từ ${low} đến ${high}`;
      const steps = (n - r.start) / r.step;
      return Math.abs(steps - Math.round(steps)) < 1e-9 ? null : `Cần một số từ ${r.start}, mỗi bước ${r.step}`;
    }
    case 'media':
      return /[/\\]/u.test(v) || [...v].length > 255 ? 'Cần tên tệp đính kèm (không có đường dẫn)' : null;
    case 'text':
      return q.digitsOnly && !DIGITS.test(v) ? 'Chỉ nhập chữ số' : null;
    default:
      return null;
  }
}

/** Answers arrive as strings (select_multiple: choices separated by spaces) or arrays of choices. */
function normalise(v: unknown): string {
  if (Array.isArray(v)) return v.map((x) => String(x).trim()).join(' ');
  if (v === null || v === undefined) return '';
  return String(v).normalize('NFC').trim();
}

export function checkResponse(
  instrument: Instrument,
  raw: Record<string, unknown>,
  options: { today: string; language?: string },
): CheckedResponse {
  const lang = options.language ?? instrument.defaultLanguage;
  const byName = new Map(instrument.questions.map((q) => [q.name, q]));
  const values: Record<string, string> = {};
  const problems: Record<string, string> = {};
  for (const q of instrument.questions) {
    if (q.type === 'note' || q.type === 'begin_group' || q.type === 'calculate') continue;
    const v = normalise(raw[q.name]);
    if (v !== '') values[q.name] = v;
  }
  for (const name of Object.keys(raw)) if (!byName.has(name)) problems[name] = 'không phải câu hỏi của biểu mẫu này';
  const env: Env = { answer: (n) => values[n] ?? '', today: options.today };
  let relevantMemo = new Map<string, boolean>();
  const isRelevant = (q: Question): boolean => {
    const known = relevantMemo.get(q.name);
    if (known !== undefined) return known;
    const own = q.relevant ? toBoolean(evaluate(q.relevant, env)) : true;
    const parent = q.groups.length ? byName.get(q.groups[q.groups.length - 1]!) : undefined;
    const r = own && (parent ? isRelevant(parent) : true);
    relevantMemo.set(q.name, r);
    return r;
  };
  // calculations, then answers to questions that are not relevant dropped (blank, as in ODK), again until
  // nothing moves: a calculation may read an answer that turns out not to be relevant, and the other way
  for (let pass = 0; pass < 4; pass++) {
    const before = JSON.stringify(values);
    for (const q of instrument.questions)
      if (q.type === 'calculate' && q.calculation) values[q.name] = toText(evaluate(q.calculation, env));
    relevantMemo = new Map();
    for (const q of instrument.questions) if (q.type !== 'calculate' && !isRelevant(q)) delete values[q.name];
    if (JSON.stringify(values) === before) break;
  }

  for (const q of instrument.questions) {
    if (q.type === 'note' || q.type === 'begin_group' || q.type === 'calculate' || q.type === 'metadata') continue;
    if (!isRelevant(q)) continue;
    const v = values[q.name] ?? '';
    const fail = (message: string) => (problems[q.name] = message);
    if (v === '') {
      if (q.required && toBoolean(evaluate(q.required, env)))
        fail(textIn(q.requiredMessage, lang, instrument.defaultLanguage) || 'Câu hỏi bắt buộc');
      continue;
    }
    if (q.type === 'integer' && !INTEGER.test(v)) {
      fail('Cần một số nguyên');
      continue;
    }
    if (q.type === 'decimal' && !DECIMAL.test(v.replace(',', '.'))) {
      fail('Cần một số');
      continue;
    }
    if (q.type === 'decimal') values[q.name] = v.replace(',', '.');
    if (q.type === 'date' && !realDate(v)) {
      fail('Cần một ngày có thật, dạng YYYY-MM-DD');
      continue;
    }
    if (q.type === 'text' && [...v].length > MAX_TEXT) {
      fail(`Tối đa ${MAX_TEXT} ký tự`);
      continue;
    }
    const wrong = formatProblem(q, v);
    if (wrong) {
      fail(wrong);
      continue;
    }
    if (q.type === 'range') values[q.name] = v.replace(',', '.');
    if (q.list !== undefined) {
      const allowed = (instrument.choices[q.list] ?? []).filter(
        (c) =>
          !q.choiceFilter ||
          toBoolean(evaluate(q.choiceFilter, { ...env, column: (col) => c.columns[col.toLowerCase()] ?? '' })),
      );
      // choice names have no spaces: a select_one's answer is one name, a select_multiple's several
      const picked = q.type === 'select_one' ? [v] : v.split(/\s+/u);
      const unknown = picked.filter((p) => !allowed.some((c) => c.name === p));
      if (unknown.length) {
        fail(`Lựa chọn không có trong danh sách: ${unknown.join(', ')}`);
        continue;
      }
      if (new Set(picked).size !== picked.length) {
        fail('Một lựa chọn được chọn hai lần');
        continue;
      }
    }
    if (q.constraint && !toBoolean(evaluate(q.constraint, { ...env, self: values[q.name]! })))
      fail(textIn(q.constraintMessage, lang, instrument.defaultLanguage) || 'Giá trị không hợp lệ');
  }
  const relevant = new Set(instrument.questions.filter((q) => isRelevant(q)).map((q) => q.name));
  return { values, problems, relevant };
}
