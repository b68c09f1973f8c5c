/**
 * Responses exported by ODK Central or KoboToolbox (CSV or XLSX), matched to an instrument's questions.
 * The two exports, as their own test suites and documentation show them:
 * - ODK Central: `SubmissionDate, meta-instanceID, q1, q1/a, q1/b, g1-q2, g1-q2/x, …, KEY, SubmitterID,
 *   SubmitterName, AttachmentsPresent, AttachmentsExpected, Status, ReviewState, DeviceID, Edits,
 *   FormVersion` — groups joined by "-", a select_multiple as one column of choices separated by spaces
 *   and, when asked for, split into 0/1 columns `q/choice`;
 * - KoboToolbox: groups joined by "/" (`group/q`), a select_multiple joined and split (`group/q/choice`),
 *   its own columns `_id, _uuid, _submission_time, _validation_status, _notes, _status, _submitted_by,
 *   _tags, _index`, `__version__`, `meta/instanceID`, `formhub/uuid`; values as names or, in a "labels"
 *   export, as labels (headers too).
 * Every column is accounted for in the report: matched (how), the tool's own (kept for the instance id or
 * left), or not matched (reported, not imported); questions the file does not have are listed. Values are
 * turned back into choice names (from labels in any language when needed); what cannot be is a row error.
 */
import type { Instrument, Question, Sheet } from './xlsform.ts';

type TabularRow = Sheet['rows'][number];

export interface ColumnMatch {
  column: string;
  question: string;
  how: 'name' | 'group path' | 'label' | 'split choice' | 'point part';
  choice?: string;
  /** for a point split into columns (ODK Central: PATH-Latitude, -Longitude, -Altitude, -Accuracy) */
  part?: number;
}

export interface MappingReport {
  matched: ColumnMatch[];
  /** the collecting tool's own columns (submission time, ids, status…) */
  tool: string[];
  notMatched: string[];
  /** questions of the form that no column answers */
  missing: string[];
}

export interface FieldRow {
  line: number;
  /** the submission's id in the tool (meta-instanceID, KEY, _uuid…), for importing twice without doubles */
  instanceId: string | null;
  answers: Record<string, string>;
  problems: Record<string, string>;
}

const TOOL_COLUMNS = new Set(
  [
    'SubmissionDate',
    'KEY',
    'SubmitterID',
    'SubmitterName',
    'AttachmentsPresent',
    'AttachmentsExpected',
    'Status',
    'ReviewState',
    'DeviceID',
    'Edits',
    'FormVersion',
    '_id',
    '_uuid',
    '_submission_time',
    '_validation_status',
    '_notes',
    '_status',
    '_submitted_by',
    '_tags',
    '_index',
    '__version__',
    'formhub/uuid',
    'meta/rootUuid',
    'meta/deprecatedID',
  ].map((c) => c.toLowerCase()),
);
const INSTANCE_ID = ['meta-instanceid', 'meta/instanceid', 'key', '_uuid'];

const POINT_PARTS = ['latitude', 'longitude', 'altitude', 'accuracy'];

const ANSWERED = new Set(['note', 'begin_group', 'end_group', 'calculate']);

const key = (s: string) => s.normalize('NFC').trim().toLowerCase();

/** The names a column may carry for a question: its name, and its group path joined by "-" or "/". */
function pathsOf(q: Question): string[] {
  return [...new Set([q.name, [...q.groups, q.name].join('-'), [...q.groups, q.name].join('/')].map(key))];
}

export function matchColumns(form: Instrument, headers: readonly string[]): MappingReport {
  const questions = form.questions.filter((q) => !ANSWERED.has(q.type));
  const byPath = new Map<string, { q: Question; how: ColumnMatch['how'] }>();
  for (const q of questions) pathsOf(q).forEach((p, i) => byPath.set(p, { q, how: i === 0 ? 'name' : 'group path' }));
  const byLabel = new Map<string, Question>();
  for (const q of questions) for (const l of Object.values(q.label)) byLabel.set(key(l), q);
  const report: MappingReport = { matched: [], tool: [], notMatched: [], missing: [] };
  for (const column of headers) {
    const k = key(column);
    if (!k) continue;
    if (TOOL_COLUMNS.has(k) || INSTANCE_ID.includes(k)) {
      report.tool.push(column);
      continue;
    }
    const direct = byPath.get(k);
    if (direct) {
      report.matched.push({ column, question: direct.q.name, how: direct.how });
      continue;
    }
    // a geopoint split by ODK Central into PATH-Latitude, PATH-Longitude, PATH-Altitude, PATH-Accuracy
    const pointPart = /^(.+)-(latitude|longitude|altitude|accuracy)$/u.exec(k);
    const pointOwner = pointPart ? byPath.get(pointPart[1]!) : undefined;
    if (pointOwner?.q.type === 'geopoint') {
      const part = POINT_PARTS.indexOf(pointPart![2]!);
      report.matched.push({ column, question: pointOwner.q.name, how: 'point part', part });
      continue;
    }
    // a split select_multiple: PATH/choice (choice by name or by label)
    const slash = k.lastIndexOf('/');
    const owner = slash > 0 ? (byPath.get(k.slice(0, slash)) ?? labelled(byLabel, k.slice(0, slash))) : undefined;
    if (owner && owner.q.type === 'select_multiple') {
      const part = k.slice(slash + 1);
      const choice = (form.choices[owner.q.list!] ?? []).find(
        (c) => key(c.name) === part || Object.values(c.label).some((l) => key(l) === part),
      );
      if (choice) {
        report.matched.push({ column, question: owner.q.name, how: 'split choice', choice: choice.name });
        continue;
      }
    }
    const byLab = byLabel.get(k);
    if (byLab) {
      report.matched.push({ column, question: byLab.name, how: 'label' });
      continue;
    }
    report.notMatched.push(column);
  }
  const answered = new Set(report.matched.map((m) => m.question));
  report.missing = questions.filter((q) => !answered.has(q.name) && q.type !== 'metadata').map((q) => q.name);
  return report;
}

const labelled = (byLabel: Map<string, Question>, k: string) => {
  const q = byLabel.get(k);
  return q ? { q, how: 'label' as const } : undefined;
};

/** A choice's name from a value written as its name or as one of its labels; undefined when neither. */
function choiceName(form: Instrument, q: Question, value: string): string | undefined {
  const choices = form.choices[q.list!] ?? [];
  const v = key(value);
  return (
    choices.find((c) => key(c.name) === v) ?? choices.find((c) => Object.values(c.label).some((l) => key(l) === v))
  )?.name;
}

/** A cell as text; a spreadsheet's date cell as the question's type writes it (a time keeps its clock). */
const cell = (r: TabularRow, column: string, q?: Question): string => {
  const v = r.cells[column];
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    const iso = v.toISOString();
    if (q?.type === 'datetime') return iso.replace(/\.000Z$/u, 'Z');
    if (q?.type === 'time') return iso.slice(11, 19);
    return iso.slice(0, 10);
  }
  return String(v).normalize('NFC').trim();
};

/**
 * The rows of an export (cells under the headers exactly as written) as answers by question name, with
 * the problems of turning values into choices.
 */
export function readFieldRows(form: Instrument, report: MappingReport, rows: readonly TabularRow[]): FieldRow[] {
  const questions = new Map(form.questions.map((q) => [q.name, q]));
  const idColumn = report.tool.find((c) => INSTANCE_ID.includes(key(c)));
  return rows.map((r) => {
    const answers: Record<string, string> = {};
    const problems: Record<string, string> = {};
    const split = new Map<string, string[]>();
    const points = new Map<string, string[]>();
    for (const m of report.matched) {
      const q = questions.get(m.question)!;
      const v = cell(r, m.column, q);
      if (m.how === 'point part') {
        if (!points.has(q.name)) points.set(q.name, ['', '', '', '']);
        points.get(q.name)![m.part!] = v;
        continue;
      }
      if (m.how === 'split choice') {
        if (!split.has(q.name)) split.set(q.name, []);
        if (v === '1' || v.toLowerCase() === 'true') split.get(q.name)!.push(m.choice!);
        else if (v !== '' && v !== '0' && v.toLowerCase() !== 'false')
          problems[q.name] = `cột ${m.column}: "${v}" phải là 1 hoặc 0`;
        continue;
      }
      if (v === '') continue;
      if (q.type === 'select_one') {
        const name = choiceName(form, q, v);
        if (name === undefined) problems[q.name] = `cột ${m.column}: "${v}" không phải lựa chọn của câu này`;
        else answers[q.name] = name;
      } else if (q.type === 'select_multiple') {
        const whole = choiceName(form, q, v);
        const names = whole !== undefined ? [whole] : v.split(/\s+/u).map((p) => choiceName(form, q, p));
        if (names.some((n) => n === undefined))
          problems[q.name] = `cột ${m.column}: "${v}" có lựa chọn không thuộc câu này`;
        else answers[q.name] = names.join(' ');
      } else answers[q.name] = v;
    }
    // split 0/1 columns stand in for a joined column when the file has none; when it has both, they must agree
    for (const [name, chosen] of split) {
      const joined = answers[name];
      if (joined === undefined) {
        if (chosen.length) answers[name] = chosen.join(' ');
      } else if ([...new Set(joined.split(' '))].sort().join(' ') !== [...chosen].sort().join(' '))
        problems[name] ??= `cột gộp "${joined}" và các cột tách 0/1 (${chosen.join(' ') || 'không chọn gì'}) khác nhau`;
    }
    // a point from its parts, when the file has no whole column for it
    for (const [name, parts] of points)
      if (answers[name] === undefined && parts.some((p) => p !== '')) {
        const filled = parts.slice(0, parts.findLastIndex((p) => p !== '') + 1);
        if (filled.includes('')) problems[name] = 'vị trí thiếu vĩ độ hoặc kinh độ';
        else answers[name] = filled.join(' ');
      }
    return { line: r.line, instanceId: idColumn ? cell(r, idColumn) || null : null, answers, problems };
  });
}
