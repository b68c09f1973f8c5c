import type { Problems } from '../records/fields.ts';
import {
  categoryOf,
  groupOf,
  LEVELS,
  type Criterion,
  type IndicatorSet,
  type Level,
  type MonitoringMeasure,
  type SetIndicator,
} from './indicator-set.ts';

/**
 * A media agency's yearly self-assessment against the indicator set: answers, scores, adoption level.
 * Scores are between 0 and 100: an indicator's score (0–1, by the rule its set names) averaged over
 * the answered indicators of a group, groups averaged into their category, categories into the whole.
 */

export const CHOICES = ['yes', 'partly', 'no'] as const;
export type Choice = (typeof CHOICES)[number];
export const CHOICE_LABELS: Record<Choice, string> = { yes: 'Có', partly: 'Một phần', no: 'Không' };

export interface Answer {
  /** a percentage (0–100), a number, or yes / partly / no; null when not answered */
  value: number | Choice | null;
  note: string | null;
  /** monitoring: the value computed from the agency's coded stories; manual: typed in */
  from: 'monitoring' | 'manual';
  /** why a computed value was changed (required then) */
  reason: string | null;
  /** monitoring: the count the share is over, and the monitoring days it came from */
  n: number | null;
  days: number | null;
}
export type Answers = Record<string, Answer>;

/** What content monitoring gives for one agency and year, per measure (see core/media/monitoring.ts). */
export interface MonitoringFigure {
  value: number | null;
  n: number;
  days: number;
}
export type MonitoringFigures = Partial<Record<MonitoringMeasure, MonitoringFigure>>;

const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

function readValue(ind: SetIndicator, raw: unknown, say: (m: string) => void): number | Choice | null {
  if (raw === null || raw === undefined || raw === '') return null;
  if (ind.measure === 'yes_partly_no') {
    const t = String(raw).trim().toLowerCase();
    const found = CHOICES.find((c) => c === t || CHOICE_LABELS[c].toLowerCase() === t);
    if (!found) say('chọn Có, Một phần hoặc Không');
    return found ?? null;
  }
  const n = typeof raw === 'number' ? raw : Number(String(raw).trim().replace(',', '.'));
  if (!Number.isFinite(n) || n < 0) {
    say('phải là số không âm');
    return null;
  }
  if (ind.measure === 'number') {
    if (!Number.isInteger(n) || n > 1e6) say('phải là số nguyên không âm');
    return Number.isInteger(n) ? n : null;
  }
  if (n > 100) say('tỷ lệ phải từ 0 đến 100 (%)');
  return n > 100 ? null : round(n);
}

const text = (v: unknown, max: number): string | null => {
  const t = typeof v === 'string' ? v.normalize('NFC').trim() : '';
  return t ? t.slice(0, max) : null;
};

/**
 * Checks the answers sent for `set` and returns them clean, with problems by field
 * (`answers.A1.1`, `answers.B1.1.reason`). An indicator computed from content monitoring takes the
 * computed value unless another value is sent with a reason.
 * @example B1.1 computed 31.5 % (n 120), sent 40 without a reason → problem "answers.B1.1.reason"
 */
export function readAnswers(
  set: IndicatorSet,
  raw: unknown,
  monitoring: MonitoringFigures,
): { answers: Answers; problems: Problems } {
  const input = raw && typeof raw === 'object' ? (raw as Record<string, Record<string, unknown> | undefined>) : {};
  const answers: Answers = {};
  const problems: Problems = {};
  const known = new Set(set.indicators.map((i) => i.code));
  for (const key of Object.keys(input))
    if (!known.has(key)) problems[`answers.${key}`] = `Chỉ số "${key}" không có trong bộ chỉ số ${set.edition}`;
  for (const ind of set.indicators) {
    const given = input[ind.code] ?? {};
    const field = `answers.${ind.code}`;
    const say = (m: string) => (problems[field] = `${ind.code} ${ind.vi}: ${m}`);
    const value = readValue(ind, given.value, say);
    const note = text(given.note, 2000);
    const computed = ind.monitoring ? monitoring[ind.monitoring] : undefined;
    if (!computed || computed.value === null) {
      answers[ind.code] = { value, note, from: 'manual', reason: null, n: null, days: null };
      continue;
    }
    const reason = text(given.reason, 1000);
    const changed = value !== null && value !== computed.value;
    if (changed && !reason)
      problems[`${field}.reason`] =
        `${ind.code}: giá trị tính từ giám sát nội dung là ${computed.value}% (n = ${computed.n}); ghi lý do khi sửa`;
    answers[ind.code] = changed
      ? { value, note, from: 'manual', reason, n: computed.n, days: computed.days }
      : { value: computed.value, note, from: 'monitoring', reason: null, n: computed.n, days: computed.days };
  }
  return { answers, problems };
}

/**
 * An indicator's score between 0 and 1, by its rule; null when unanswered.
 * @example parity 35 % → min(35, 65) / 50 = 0.7; higher (target 20) 5 % → 0.25; lower (limit 20) 5 % → 0.75
 */
export function scoreIndicator(ind: SetIndicator, value: Answer['value']): number | null {
  if (value === null) return null;
  const s = ind.scoring;
  if (s.rule === 'yes_partly_no') return value === 'yes' ? 1 : value === 'partly' ? 0.5 : 0;
  if (typeof value !== 'number') return null;
  if (s.rule === 'parity') return Math.min(value, 100 - value) / 50;
  if (s.rule === 'higher') return Math.min(value / s.target, 1);
  return Math.max(0, 1 - value / s.limit);
}

export interface GroupScore {
  code: string;
  /** 0–100, null when nothing in the group is answered */
  score: number | null;
  answered: number;
  total: number;
}

export interface Scores {
  groups: GroupScore[];
  categories: GroupScore[];
  overall: number | null;
  /** how the figures were made, in Vietnamese, for the screen */
  formula: string;
}

const mean = (xs: number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

export const SCORE_FORMULA =
  'Điểm chỉ số (0–1): Có = 1, Một phần = 0,5, Không = 0; tỷ lệ nữ (cân bằng) = min(p, 100 − p) / 50; ' +
  '"càng cao càng tốt" = min(giá trị / mức đích, 1); "càng thấp càng tốt" = max(0, 1 − giá trị / ngưỡng). ' +
  'Điểm nhóm = trung bình điểm các chỉ số đã trả lời của nhóm × 100; điểm loại A, B = trung bình điểm các nhóm; ' +
  'điểm chung = trung bình điểm hai loại. Chỉ số chưa trả lời không tính vào trung bình.';

/**
 * Scores per group, per category and overall.
 * @example A1 answered 40 % (parity 0.8) and "partly" (0.5), A1.2 unanswered → A1 = 65.0 (2 of 3 answered)
 */
export function scoreAssessment(set: IndicatorSet, answers: Answers): Scores {
  const byGroup = new Map<string, { scores: number[]; total: number }>();
  for (const g of set.groups) byGroup.set(g.code, { scores: [], total: 0 });
  for (const ind of set.indicators) {
    const g = byGroup.get(groupOf(ind.code))!;
    g.total += 1;
    const s = scoreIndicator(ind, answers[ind.code]?.value ?? null);
    if (s !== null) g.scores.push(s);
  }
  const groups: GroupScore[] = set.groups.map((g) => {
    const { scores, total } = byGroup.get(g.code)!;
    const m = mean(scores);
    return { code: g.code, score: m === null ? null : round(m * 100), answered: scores.length, total };
  });
  const categories: GroupScore[] = (['A', 'B'] as const).map((c) => {
    const inC = groups.filter((g) => categoryOf(g.code) === c);
    const m = mean(inC.flatMap((g) => (g.score === null ? [] : [g.score])));
    return {
      code: c,
      score: m === null ? null : round(m),
      answered: inC.reduce((s, g) => s + g.answered, 0),
      total: inC.reduce((s, g) => s + g.total, 0),
    };
  });
  const overall = mean(categories.flatMap((c) => (c.score === null ? [] : [c.score])));
  return { groups, categories, overall: overall === null ? null : round(overall), formula: SCORE_FORMULA };
}

export interface CriterionResult {
  met: boolean;
  /** the criterion in Vietnamese, with where the agency stands */
  text: string;
}

export interface LevelResult {
  level: Level;
  criteria: Record<(typeof LEVELS)[number], CriterionResult[]>;
}

function checkCriterion(set: IndicatorSet, c: Criterion, answers: Answers, exercises: number): CriterionResult {
  const answered = set.indicators.filter((i) => (answers[i.code]?.value ?? null) !== null);
  switch (c.kind) {
    case 'assessed_at_least':
      return {
        met: answered.length >= c.count,
        text: `Đánh giá ít nhất ${c.count} chỉ số (đã có ${answered.length}/${set.indicators.length})`,
      };
    case 'all_assessed':
      return {
        met: answered.length === set.indicators.length,
        text: `Đánh giá đủ ${set.indicators.length} chỉ số (đã có ${answered.length})`,
      };
    case 'each_category_at_least': {
      const a = answered.filter((i) => categoryOf(i.code) === 'A').length;
      const b = answered.filter((i) => categoryOf(i.code) === 'B').length;
      return {
        met: a >= c.count && b >= c.count,
        text: `Mỗi loại A, B có ít nhất ${c.count} chỉ số được đánh giá (A: ${a}, B: ${b})`,
      };
    }
    case 'monitoring_exercises_at_least':
      return {
        met: exercises >= c.count,
        text: `Giám sát nội dung ít nhất ${c.count} đợt trong năm (đã có ${exercises})`,
      };
    case 'answer_is': {
      const ind = set.indicators.find((i) => i.code === c.indicator);
      const v = answers[c.indicator]?.value ?? null;
      const wanted = c.values.map((x) => CHOICE_LABELS[x]).join(' hoặc ');
      const now = typeof v === 'string' ? CHOICE_LABELS[v as Choice] : 'chưa trả lời';
      return {
        met: typeof v === 'string' && (c.values as string[]).includes(v),
        text: `${c.indicator} ${ind?.vi ?? ''}: ${wanted} (hiện: ${now})`,
      };
    }
  }
}

/**
 * The adoption level of an agency-year: official when the criteria of both levels hold, pilot when the
 * pilot criteria hold, none otherwise; every criterion with whether it is met, for the screen.
 * `exercises` is the number of monitoring exercises of the year in which the agency's stories were coded.
 * @example 12 indicators answered (6 A, 6 B), one exercise → pilot; official unmet: "Đánh giá đủ 26 chỉ số (đã có 12)"
 */
export function adoptionLevel(set: IndicatorSet, answers: Answers, exercises: number): LevelResult {
  const criteria = {
    pilot: set.levels.pilot.criteria.map((c) => checkCriterion(set, c, answers, exercises)),
    official: set.levels.official.criteria.map((c) => checkCriterion(set, c, answers, exercises)),
  };
  const pilot = criteria.pilot.every((c) => c.met);
  const level: Level = pilot && criteria.official.every((c) => c.met) ? 'official' : pilot ? 'pilot' : 'none';
  return { level, criteria };
}

/** The fewest monitoring exercises with which each level is reached (null: not with these answers). */
export interface ExercisesNeeded {
  pilot: number | null;
  official: number | null;
}

/**
 * What an assessment's answers leave to the year's monitoring: the fewest exercises with which each level is
 * reached, or null when a criterion other than the exercises fails. Only `monitoring_exercises_at_least` depends
 * on the exercises, and more exercises never unmeet it, so the level of any count follows (`levelWithExercises`):
 * kept on each assessment when its answers are written, it lets G4 be counted without reading the answers again.
 * @example 12 indicators answered (6 A, 6 B) → { pilot: 1, official: null }
 */
export function exercisesNeeded(set: IndicatorSet, answers: Answers): ExercisesNeeded {
  const need = (criteria: Criterion[]): number | null => {
    let most = 0;
    for (const c of criteria) {
      if (c.kind === 'monitoring_exercises_at_least') most = Math.max(most, c.count);
      else if (!checkCriterion(set, c, answers, 0).met) return null;
    }
    return most;
  };
  const pilot = need(set.levels.pilot.criteria);
  const official = need(set.levels.official.criteria);
  // official needs the pilot's criteria as well
  return { pilot, official: pilot === null || official === null ? null : Math.max(pilot, official) };
}

/** The level reached with `exercises` monitoring exercises (the same as adoptionLevel's). */
export function levelWithExercises(needed: ExercisesNeeded, exercises: number): Level {
  if (needed.official !== null && exercises >= needed.official) return 'official';
  return needed.pilot !== null && exercises >= needed.pilot ? 'pilot' : 'none';
}

export const LEVEL_LABELS: Record<Level, { vi: string; en: string }> = {
  none: { vi: 'Chưa áp dụng', en: 'Not applying' },
  pilot: { vi: 'Thí điểm', en: 'Pilot' },
  official: { vi: 'Chính thức', en: 'Official' },
};

/** Indicators whose set asks for evidence, answered, without a file: the submission names them. */
export function missingEvidence(set: IndicatorSet, answers: Answers, withFiles: ReadonlySet<string>): string[] {
  return set.indicators
    .filter((i) => i.evidenceRequired && (answers[i.code]?.value ?? null) !== null && !withFiles.has(i.code))
    .map((i) => i.code);
}
