/**
 * An XLSForm (sheets survey, choices, settings — https://xlsform.org) read into an instrument this product
 * can show and check. What is supported is listed in docs/surveys.md, "Instruments"; anything else that
 * would change what is asked or stored is refused with its sheet, row and column — never ignored.
 */
import './re2.ts';
import { checkExpression, ExpressionError, parseExpression, references, type Expr } from './xpath.ts';

export type QuestionType =
  | 'integer'
  | 'decimal'
  | 'text'
  | 'select_one'
  | 'select_multiple'
  | 'note'
  | 'calculate'
  | 'date'
  | 'time'
  | 'datetime'
  | 'range'
  | 'acknowledge'
  | 'geopoint'
  | 'geotrace'
  | 'geoshape'
  | 'barcode'
  | 'media'
  | 'begin_group'
  | 'end_group'
  | 'metadata';

/** A range question's bounds and step (the `parameters` column: start=… end=… step=…). */
export interface RangeSpec {
  start: number;
  end: number;
  step: number;
}

/** Text by language code ('default' for a column without language). */
export type Texts = Record<string, string>;

export interface Question {
  type: QuestionType;
  name: string;
  /** the row of the survey sheet */
  row: number;
  /** start, end, today, deviceid… for metadata */
  metadata?: string;
  /** image, audio, video, file… for media: the answer is the attachment's file name */
  media?: string;
  range?: RangeSpec;
  /** "phone number": digits only (pyxform's constraint regex(., '^\d*$')) */
  digitsOnly?: boolean;
  list?: string;
  label: Texts;
  hint: Texts;
  required: Expr | null;
  requiredMessage: Texts;
  relevant: Expr | null;
  constraint: Expr | null;
  constraintMessage: Texts;
  calculation: Expr | null;
  choiceFilter: Expr | null;
  /** the enclosing groups, outermost first */
  groups: string[];
  /** presentational columns kept as written (appearance, media), see PRESENTATIONAL */
  presentation: Record<string, string>;
}

export interface Choice {
  name: string;
  label: Texts;
  /** the other columns of the choices sheet (for choice_filter), lower-case names */
  columns: Record<string, string>;
}

export interface Instrument {
  formId: string;
  title: string;
  version: string;
  defaultLanguage: string;
  languages: string[];
  questions: Question[];
  choices: Record<string, Choice[]>;
}

export interface FormProblem {
  sheet: string;
  row: number;
  column: string;
  message: string;
}

export class XlsFormError extends Error {
  constructor(readonly problems: FormProblem[]) {
    super(
      problems
        .slice(0, 30)
        .map((p) => `${p.sheet}, dòng ${p.row}${p.column ? `, cột ${p.column}` : ''}: ${p.message}`)
        .join('\n'),
    );
  }
}

/** A sheet as read from the workbook: headers in lower case as written, rows with the row number people see. */
export interface Sheet {
  headers: string[];
  rows: { line: number; cells: Record<string, unknown> }[];
}

const METADATA = new Set([
  'start',
  'end',
  'today',
  'deviceid',
  'username',
  'email',
  'phonenumber',
  'subscriberid',
  'simserial',
]);

/** Columns that change how a question looks, not what is asked or stored: kept with the question. */
const PRESENTATIONAL =
  /^(appearance|rows|autoplay|body::.*|(image|audio|video|big-image)(::.*)?|media::.*|guidance_hint(::.*)?)$/u;
const TEXT_COLUMNS =
  /^(label|hint|constraint_message|required_message|constraint message|required message)(::?(.+))?$/u;
const SURVEY_COLUMNS = new Set([
  'type',
  'name',
  'required',
  'relevant',
  'constraint',
  'calculation',
  'choice_filter',
  'read_only',
  'parameters',
]);
// xml_root and namespaces shape only the XForm's XML, which this product does not write
const SETTINGS_COLUMNS = new Set([
  'form_title',
  'form_id',
  'version',
  'default_language',
  'instance_name',
  'style',
  'allow_choice_duplicates',
  'xml_root',
  'namespaces',
]);
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/u;
const SELECT = new RegExp(
  '^(select_one|select one|select_multiple|select multiple|select one from|select all that apply from) ' +
    '([A-Za-z0-9_.-]+)( or_other)?$',
  'u',
);
const YES = new Set(['yes', 'true', 'true()', '1']);
const NO = new Set(['', 'no', 'false', 'false()', '0']);

/** "English (en)" → "en"; "english" → "english"; "" → "default". */
function languageOf(suffix: string | undefined): string {
  if (!suffix) return 'default';
  const code = /\(([A-Za-z-]+)\)\s*$/u.exec(suffix);
  return (code ? code[1]! : suffix).trim().toLowerCase();
}

const cellText = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).normalize('NFC').trim();
};

/** Type names as pyxform reads them, beyond the plain ones: aliases, and the form each one takes here. */
const TYPE_ALIASES: Record<string, ParsedType> = {
  time: { type: 'time' },
  'add time prompt': { type: 'time' },
  datetime: { type: 'datetime' },
  'add datetime prompt': { type: 'datetime' },
  range: { type: 'range' },
  acknowledge: { type: 'acknowledge' },
  trigger: { type: 'acknowledge' },
  geopoint: { type: 'geopoint' },
  gps: { type: 'geopoint' },
  location: { type: 'geopoint' },
  'add location prompt': { type: 'geopoint' },
  geotrace: { type: 'geotrace' },
  geoshape: { type: 'geoshape' },
  barcode: { type: 'barcode' },
  'add barcode prompt': { type: 'barcode' },
  'phone number': { type: 'text', digitsOnly: true },
  'add date prompt': { type: 'date' },
  'add text prompt': { type: 'text' },
  'add integer prompt': { type: 'integer' },
  'add decimal prompt': { type: 'decimal' },
  image: { type: 'media', media: 'image' },
  photo: { type: 'media', media: 'image' },
  'add image prompt': { type: 'media', media: 'image' },
  audio: { type: 'media', media: 'audio' },
  'add audio prompt': { type: 'media', media: 'audio' },
  video: { type: 'media', media: 'video' },
  'add video prompt': { type: 'media', media: 'video' },
  file: { type: 'media', media: 'file' },
  'background-audio': { type: 'media', media: 'background-audio' },
};

interface ParsedType {
  type: QuestionType;
  list?: string;
  orOther?: boolean;
  metadata?: string;
  media?: string;
  digitsOnly?: boolean;
}

/** `start=1 end=10 step=1` (spaces, commas or semicolons between): ODK's defaults for what is left out. */
function parseRange(text: string): RangeSpec | string {
  const spec: RangeSpec = { start: 1, end: 10, step: 1 };
  for (const part of text.split(/[\s,;]+/u).filter(Boolean)) {
    const m = /^(start|end|step)=([+-]?(?:\d+(?:\.\d*)?|\.\d+))$/u.exec(part);
    if (!m) return `tham số "${part}" không hợp lệ (start=…, end=…, step=…)`;
    spec[m[1] as keyof RangeSpec] = Number(m[2]);
  }
  if (spec.step <= 0) return 'step phải lớn hơn 0';
  if (spec.start === spec.end) return 'start và end phải khác nhau';
  return spec;
}

function parseType(raw: string): ParsedType | null {
  const t = raw.replace(/\s+/gu, ' ').trim();
  const lower = t.toLowerCase();
  const select = SELECT.exec(t);
  if (select) {
    const multiple = /multiple|all that apply/u.test(select[1]!);
    return { type: multiple ? 'select_multiple' : 'select_one', list: select[2]!, orOther: Boolean(select[3]) };
  }
  if (lower === 'begin group' || lower === 'begin_group') return { type: 'begin_group' };
  if (lower === 'end group' || lower === 'end_group') return { type: 'end_group' };
  if (lower === 'integer' || lower === 'int') return { type: 'integer' };
  if (lower === 'decimal') return { type: 'decimal' };
  if (lower === 'text' || lower === 'string') return { type: 'text' };
  if (lower === 'note' || lower === 'calculate' || lower === 'date') return { type: lower };
  if (METADATA.has(lower)) return { type: 'metadata', metadata: lower };
  return TYPE_ALIASES[lower] ?? null;
}

/**
 * Reads an XLSForm from its sheets (names in any case). Throws XlsFormError listing every problem with
 * its sheet, row and column.
 */
export function readXlsForm(sheets: Record<string, Sheet>): Instrument {
  const problems: FormProblem[] = [];
  const byName = new Map(Object.entries(sheets).map(([k, v]) => [k.trim().toLowerCase(), v]));
  const survey = byName.get('survey');
  if (!survey) throw new XlsFormError([{ sheet: 'survey', row: 0, column: '', message: 'thiếu trang "survey"' }]);
  const choicesSheet = byName.get('choices');
  const settings = byName.get('settings')?.rows[0];
  const duplicatesAllowed = YES.has(cellText(settings?.cells.allow_choice_duplicates).toLowerCase());
  for (const [name, sheet] of byName) {
    const seenHeaders = new Set<string>();
    for (const h of sheet.headers) {
      if (h && seenHeaders.has(h))
        problems.push({ sheet: name, row: 1, column: h, message: `cột "${h}" xuất hiện hai lần` });
      seenHeaders.add(h);
    }
  }

  // texts and languages
  const languages = new Set<string>();
  const textsOf = (cells: Record<string, unknown>, base: string): Texts => {
    const out: Texts = {};
    for (const [h, v] of Object.entries(cells)) {
      const m = TEXT_COLUMNS.exec(h);
      if (!m || m[1]!.replace(' ', '_') !== base) continue;
      const text = cellText(v);
      if (!text) continue;
      const lang = languageOf(m[3]);
      out[lang] = text;
      languages.add(lang);
    }
    return out;
  };

  // choices
  const choices: Record<string, Choice[]> = {};
  const choiceColumns = new Set<string>();
  if (choicesSheet) {
    const listColumn = choicesSheet.headers.includes('list_name') ? 'list_name' : 'list name';
    for (const h of choicesSheet.headers)
      if (!TEXT_COLUMNS.test(h) && h !== listColumn && h !== 'name') choiceColumns.add(h);
    for (const r of choicesSheet.rows) {
      const list = cellText(r.cells[listColumn]);
      const name = cellText(r.cells.name);
      if (!list && !name) continue;
      const at = (column: string, message: string) => problems.push({ sheet: 'choices', row: r.line, column, message });
      if (!list) at(listColumn, 'thiếu tên danh sách');
      if (!name) at('name', 'thiếu tên lựa chọn');
      if (/\s/u.test(name)) at('name', `tên lựa chọn "${name}" không được chứa khoảng trắng`);
      const entries = (choices[list] ??= []);
      if (!duplicatesAllowed && entries.some((c) => c.name === name))
        at('name', `lựa chọn "${name}" trùng trong danh sách "${list}"`);
      const columns: Record<string, string> = {};
      for (const c of choiceColumns) columns[c] = cellText(r.cells[c]);
      entries.push({ name, label: textsOf(r.cells, 'label'), columns });
    }
  }

  // questions, first pass: types, names, groups
  const questions: Question[] = [];
  const groups: { name: string; row: number }[] = [];
  const seen = new Map<string, number>();
  const pending: { q: Question; cells: Record<string, unknown> }[] = [];
  const unknownColumns = survey.headers.filter(
    (h) => h && !SURVEY_COLUMNS.has(h) && !TEXT_COLUMNS.test(h) && !PRESENTATIONAL.test(h),
  );
  for (const r of survey.rows) {
    const at = (column: string, message: string) => problems.push({ sheet: 'survey', row: r.line, column, message });
    const rawType = cellText(r.cells.type);
    const name = cellText(r.cells.name);
    if (!rawType) {
      if (name) at('type', 'thiếu kiểu câu hỏi');
      continue;
    }
    const parsed = parseType(rawType);
    if (!parsed) {
      at('type', `kiểu "${rawType}" chưa được hỗ trợ`);
      continue;
    }
    for (const h of unknownColumns)
      if (cellText(r.cells[h])) at(h, `cột "${h}" chưa được hỗ trợ (nó thay đổi điều được hỏi hoặc lưu)`);
    if (cellText(r.cells.read_only) && !NO.has(cellText(r.cells.read_only).toLowerCase()))
      at('read_only', 'read_only chưa được hỗ trợ');
    if (parsed.type === 'end_group') {
      if (!groups.pop()) at('type', '"end group" không có "begin group" tương ứng');
      continue;
    }
    if (!name) {
      at('name', 'thiếu tên');
      continue;
    }
    if (!NAME.test(name)) at('name', `tên "${name}" không hợp lệ (chữ cái không dấu, số, _ . -; bắt đầu bằng chữ)`);
    if (seen.has(name)) at('name', `tên "${name}" trùng với dòng ${seen.get(name)}`);
    seen.set(name, r.line);
    if (parsed.list !== undefined) {
      if (!choices[parsed.list]) at('type', `không có danh sách lựa chọn "${parsed.list}" trong trang choices`);
      else if (parsed.orOther && !choices[parsed.list]!.some((c) => c.name === 'other'))
        choices[parsed.list]!.push({
          name: 'other',
          label: { default: 'Khác', vi: 'Khác', en: 'Other' },
          columns: {},
        });
    }
    const presentation: Record<string, string> = {};
    for (const [h, v] of Object.entries(r.cells))
      if (PRESENTATIONAL.test(h) && !TEXT_COLUMNS.test(h) && cellText(v)) presentation[h] = cellText(v);
    // parameters: a range's bounds change what may be answered; for other types (randomize, max-pixels,
    // capture-accuracy…) they change how it is asked, and are kept as written
    let range: RangeSpec | undefined;
    const parameters = cellText(r.cells.parameters);
    if (parsed.type === 'range') {
      const spec = parseRange(parameters);
      if (typeof spec === 'string') at('parameters', spec);
      else range = spec;
    } else if (parameters) presentation.parameters = parameters;
    const q: Question = {
      type: parsed.type,
      name,
      row: r.line,
      ...(parsed.metadata ? { metadata: parsed.metadata } : {}),
      ...(parsed.media ? { media: parsed.media } : {}),
      ...(range ? { range } : {}),
      ...(parsed.digitsOnly ? { digitsOnly: true } : {}),
      ...(parsed.list !== undefined ? { list: parsed.list } : {}),
      label: textsOf(r.cells, 'label'),
      hint: textsOf(r.cells, 'hint'),
      required: null,
      requiredMessage: textsOf(r.cells, 'required_message'),
      relevant: null,
      constraint: null,
      constraintMessage: textsOf(r.cells, 'constraint_message'),
      calculation: null,
      choiceFilter: null,
      groups: groups.map((g) => g.name),
      presentation,
    };
    const asks = !['calculate', 'metadata', 'begin_group'].includes(q.type);
    // a label may be a picture or a sound only (a note showing an image)
    const media = Object.keys(presentation).some((h) => h !== 'appearance' && !h.startsWith('guidance_hint'));
    if (asks && Object.keys(q.label).length === 0 && !media) at('label', 'câu hỏi cần có nhãn');
    if (q.type === 'begin_group') groups.push({ name, row: r.line });
    questions.push(q);
    pending.push({ q, cells: r.cells });
  }
  for (const g of groups)
    problems.push({ sheet: 'survey', row: g.row, column: 'type', message: `nhóm "${g.name}" chưa có "end group"` });

  // second pass: expressions, now that every name is known
  const names = new Set(questions.map((q) => q.name));
  for (const { q, cells } of pending) {
    const expression = (column: string, self: boolean, columns?: Set<string>): Expr | null => {
      const src = cellText(cells[column]);
      if (!src) return null;
      try {
        const e = parseExpression(src);
        for (const message of checkExpression(e, { names, self, ...(columns ? { columns } : {}) }))
          problems.push({ sheet: 'survey', row: q.row, column, message });
        return e;
      } catch (err) {
        if (!(err instanceof ExpressionError)) throw err;
        problems.push({ sheet: 'survey', row: q.row, column, message: `biểu thức "${src}": ${err.message}` });
        return null;
      }
    };
    const required = cellText(cells.required).toLowerCase();
    if (YES.has(required)) q.required = { k: 'call', fn: 'true', args: [] };
    else if (!NO.has(required)) q.required = expression('required', false);
    q.relevant = expression('relevant', false);
    q.constraint = expression('constraint', true);
    q.calculation = expression('calculation', false);
    if (q.type === 'calculate' && !q.calculation)
      problems.push({ sheet: 'survey', row: q.row, column: 'calculation', message: 'câu tính toán cần có công thức' });
    if (q.calculation && q.type !== 'calculate')
      problems.push({
        sheet: 'survey',
        row: q.row,
        column: 'calculation',
        message: 'công thức chỉ dùng cho kiểu calculate',
      });
    if (cellText(cells.choice_filter)) {
      if (q.list === undefined)
        problems.push({
          sheet: 'survey',
          row: q.row,
          column: 'choice_filter',
          message: 'choice_filter chỉ dùng cho câu chọn',
        });
      else q.choiceFilter = expression('choice_filter', false, choiceColumns);
    }
    if (q.calculation && references(q.calculation).has(q.name))
      problems.push({ sheet: 'survey', row: q.row, column: 'calculation', message: 'công thức tham chiếu chính nó' });
  }

  // settings
  if (settings) {
    for (const [h, v] of Object.entries(settings.cells))
      if (!SETTINGS_COLUMNS.has(h) && cellText(v))
        problems.push({
          sheet: 'settings',
          row: settings.line,
          column: h,
          message: `thiết lập "${h}" chưa được hỗ trợ`,
        });
  }
  if (problems.length) throw new XlsFormError(problems);
  const defaultLanguage = languageOf(cellText(settings?.cells.default_language) || undefined);
  return {
    formId: cellText(settings?.cells.form_id) || 'form',
    title: cellText(settings?.cells.form_title) || cellText(settings?.cells.form_id) || 'Biểu mẫu',
    version: cellText(settings?.cells.version),
    defaultLanguage,
    languages: [...languages].sort(),
    questions,
    choices,
  };
}
