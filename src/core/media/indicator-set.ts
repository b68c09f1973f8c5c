import { z } from 'zod';
import '../zod-vi.ts';
import { parseYamlData, validateData, type LineOf } from '../yaml-data.ts';

/**
 * The Gender Indicator Set in media (Bộ chỉ số về giới trong truyền thông) as data: a versioned file in
 * indicator-sets/, edited by coordinators as new versions; every assessment names the version it used.
 * Scoring and adoption levels are this product's own design (the set publishes no formula): they are
 * written in the file, so that a province can change them and the screen can show them.
 */

const Label = z.strictObject({ vi: z.string().min(1), en: z.string().min(1) });
const Code = z.string().regex(/^[AB]\d(\.\d+)?$/u, 'mã có dạng A1, A1.2, B3.1');

/** What content monitoring can compute for an agency's stories of a year (see media/monitoring.ts). */
export const MONITORING_MEASURES = {
  women_people: { vi: 'Tỷ lệ nữ trong số người xuất hiện trong tin', en: 'Women among people in the news' },
  women_quoted: { vi: 'Tỷ lệ nữ trong số người được trích dẫn trực tiếp', en: 'Women among people quoted directly' },
  women_experts: { vi: 'Tỷ lệ nữ trong số chuyên gia', en: 'Women among experts' },
  women_spokespersons: { vi: 'Tỷ lệ nữ trong số người phát ngôn', en: 'Women among spokespersons' },
  women_leaders: {
    vi: 'Tỷ lệ nữ trong số người ở vị trí lãnh đạo, quản lý',
    en: 'Women among people in leadership positions',
  },
  women_reporters: { vi: 'Tỷ lệ nữ trong số phóng viên, người dẫn', en: 'Women among reporters and presenters' },
  stories_about_women: { vi: 'Tỷ lệ tin bài tập trung vào phụ nữ', en: 'Stories focused on women' },
  stories_gbv_rights: {
    vi: 'Tỷ lệ tin bài về bạo lực trên cơ sở giới, quyền của phụ nữ, bình đẳng giới',
    en: 'Stories on gender-based violence, women’s rights, gender equality',
  },
  stories_stereotype: { vi: 'Tỷ lệ tin bài có định kiến, khuôn mẫu giới', en: 'Stories with gender stereotypes' },
  stories_challenge: {
    vi: 'Tỷ lệ tin bài thách thức định kiến giới',
    en: 'Stories challenging gender stereotypes',
  },
  stories_law: {
    vi: 'Tỷ lệ tin bài nhắc tới luật, chính sách bình đẳng giới',
    en: 'Stories referring to gender-equality law or policy',
  },
} as const;
export type MonitoringMeasure = keyof typeof MONITORING_MEASURES;

/**
 * How an answer becomes a score between 0 and 1:
 * - yes_partly_no: yes 1, partly 0.5, no 0;
 * - parity (a percentage of women): 1 at 50 %, falling to 0 at 0 % or 100 % — min(p, 100 − p) / 50;
 * - higher (a percentage or number where more is better): min(value / target, 1);
 * - lower (a percentage where less is better): max(0, 1 − value / limit).
 */
const Scoring = z.discriminatedUnion('rule', [
  z.strictObject({ rule: z.literal('yes_partly_no') }),
  z.strictObject({ rule: z.literal('parity') }),
  z.strictObject({ rule: z.literal('higher'), target: z.number().positive() }),
  z.strictObject({ rule: z.literal('lower'), limit: z.number().positive().max(100) }),
]);

const Indicator = z.strictObject({
  code: Code,
  vi: z.string().min(1),
  en: z.string().min(1),
  objective: z.string().min(1),
  measure: z.enum(['number', 'percentage', 'yes_partly_no', 'monitoring']),
  /** measure monitoring: what the agency's coded stories give */
  monitoring: z.enum(Object.keys(MONITORING_MEASURES) as [MonitoringMeasure, ...MonitoringMeasure[]]).optional(),
  scoring: Scoring,
  verification: z.string().min(1),
  evidenceRequired: z.boolean().default(false),
});
export type SetIndicator = z.infer<typeof Indicator>;

/** One criterion of an adoption level; all of a level's criteria must hold. */
const Criterion = z.discriminatedUnion('kind', [
  /** at least `count` indicators answered */
  z.strictObject({ kind: z.literal('assessed_at_least'), count: z.number().int().min(1) }),
  /** every indicator of the set answered */
  z.strictObject({ kind: z.literal('all_assessed') }),
  /** at least `count` indicators of each category answered */
  z.strictObject({ kind: z.literal('each_category_at_least'), count: z.number().int().min(1) }),
  /** the agency's stories were coded in at least `count` monitoring exercises of the year */
  z.strictObject({ kind: z.literal('monitoring_exercises_at_least'), count: z.number().int().min(1) }),
  /** an indicator answered with one of `values` (e.g. a written gender policy adopted: yes) */
  z.strictObject({
    kind: z.literal('answer_is'),
    indicator: Code,
    values: z.array(z.enum(['yes', 'partly', 'no'])).min(1),
  }),
]);
export type Criterion = z.infer<typeof Criterion>;

export const LEVELS = ['pilot', 'official'] as const;
export type Level = 'none' | (typeof LEVELS)[number];

export const IndicatorSetSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,60}$/u, 'mã bộ chỉ số gồm chữ thường không dấu, số, gạch ngang'),
  name: Label,
  edition: z.string().min(1),
  sources: z.array(z.string().min(1)).default([]),
  groups: z
    .array(
      z.strictObject({ code: z.string().regex(/^[AB]\d$/u, 'mã nhóm có dạng A1, B2'), vi: z.string(), en: z.string() }),
    )
    .min(1),
  indicators: z.array(Indicator).min(1),
  levels: z.strictObject({
    pilot: z.strictObject({ vi: z.string().min(1), criteria: z.array(Criterion).min(1) }),
    official: z.strictObject({ vi: z.string().min(1), criteria: z.array(Criterion).min(1) }),
  }),
});
export type IndicatorSet = z.infer<typeof IndicatorSetSchema>;

export class IndicatorSetError extends Error {
  constructor(readonly problems: string[]) {
    super(`Bộ chỉ số không hợp lệ:\n${problems.map((p) => `- ${p}`).join('\n')}`);
  }
}

export const groupOf = (code: string): string => code.split('.')[0]!;
export const categoryOf = (code: string): 'A' | 'B' => code[0] as 'A' | 'B';

/** What the schema cannot say: unique codes, indicators in a known group, measures that fit their scoring. */
function crossCheck(set: IndicatorSet): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  const groups = new Set(set.groups.map((g) => g.code));
  const codes = new Set<string>();
  set.indicators.forEach((ind, i) => {
    const at = (field: string, message: string) => problems.push({ path: ['indicators', i, field], message });
    if (codes.has(ind.code)) at('code', `mã chỉ số "${ind.code}" trùng`);
    codes.add(ind.code);
    if (!groups.has(groupOf(ind.code))) at('code', `nhóm "${groupOf(ind.code)}" không có trong groups`);
    if (ind.measure === 'monitoring' && !ind.monitoring)
      at('monitoring', 'chỉ số tính từ giám sát nội dung phải nói số đo nào (monitoring)');
    if (ind.measure !== 'monitoring' && ind.monitoring) at('monitoring', 'chỉ dùng khi measure là monitoring');
    if ((ind.measure === 'yes_partly_no') !== (ind.scoring.rule === 'yes_partly_no'))
      at('scoring', 'câu hỏi có / một phần / không chấm theo yes_partly_no, và chỉ chúng');
    if (ind.measure === 'number' && ind.scoring.rule !== 'higher') at('scoring', 'số lượng chỉ chấm theo higher');
  });
  for (const level of LEVELS)
    set.levels[level].criteria.forEach((c, i) => {
      if (c.kind !== 'answer_is') return;
      const ind = set.indicators.find((x) => x.code === c.indicator);
      if (!ind) problems.push({ path: ['levels', level, 'criteria', i, 'indicator'], message: 'không có chỉ số này' });
      else if (ind.measure !== 'yes_partly_no')
        problems.push({
          path: ['levels', level, 'criteria', i, 'indicator'],
          message: `chỉ số ${c.indicator} không phải câu hỏi có / một phần / không`,
        });
    });
  return problems;
}

/** Checks an indicator set object; `lineOf` names the line of a path in the file it came from. */
export function validateIndicatorSet(data: unknown, lineOf: LineOf = () => null) {
  return validateData(IndicatorSetSchema, data, lineOf, crossCheck, (p) => new IndicatorSetError(p));
}

/** Parses an indicator set written in YAML (or JSON); problems name their line. */
export function parseIndicatorSet(text: string): IndicatorSet {
  const { data, lineOf } = parseYamlData(text, (p) => new IndicatorSetError(p));
  return validateIndicatorSet(data, lineOf);
}
