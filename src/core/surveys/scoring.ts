/**
 * How an instrument's answers become scores from 0 to 100 (issue 11; docs/surveys.md "Scoring"): a
 * specification per instrument version, written in YAML next to the form, checked against the form.
 * - knowledge scales: each item has an answer key (one or more choices); any other answer, "don't know"
 *   included, scores 0, the key 100;
 * - rating scales (agree … disagree): each choice has a value; an item scores (v − min) / (max − min) ·
 *   100, reversed items (max + min − v) first, so that on every scale a higher score is the more
 *   gender-equitable view; choices listed as `notAnswered` (say "refused") count as no answer;
 * - a respondent has a scale's score only with at least `minAnswered` (80%) of its items answered: the
 *   mean of the item scores answered; else no score (never a score from a few items);
 * - the overall score, when the specification names one, is the mean of its scales' scores, and exists
 *   only when each of them does.
 */
import { z } from 'zod';
import '../zod-vi.ts';
import { parseYamlData, validateData, type LineOf } from '../yaml-data.ts';
import type { Instrument } from './xlsform.ts';

const Code = z.string().regex(/^[a-z][a-z0-9_]*$/u, 'mã: chữ thường không dấu, số, _');
const ChoiceName = z.string().min(1);

const KnowledgeScale = z.strictObject({
  code: Code,
  name: z.string().min(1),
  kind: z.literal('knowledge'),
  items: z
    .array(z.strictObject({ question: z.string().min(1), key: z.union([ChoiceName, z.array(ChoiceName).min(1)]) }))
    .min(1),
  notAnswered: z.array(ChoiceName).default([]),
});

const RatingScale = z.strictObject({
  code: Code,
  name: z.string().min(1),
  kind: z.literal('rating'),
  values: z.record(ChoiceName, z.number()),
  notAnswered: z.array(ChoiceName).default([]),
  items: z.array(z.strictObject({ question: z.string().min(1), reverse: z.boolean().default(false) })).min(1),
});

const Scale = z.discriminatedUnion('kind', [KnowledgeScale, RatingScale]);

export const ScoringSchema = z.strictObject({
  instrument: z.string().min(1),
  minAnswered: z.number().gt(0).max(1).default(0.8),
  scales: z.array(Scale).min(1),
  overall: z.strictObject({ name: z.string().min(1), scales: z.array(Code).min(1) }).optional(),
});

export type Scoring = z.infer<typeof ScoringSchema>;
type AnyScale = Scoring['scales'][number];
type KnowledgeItem = z.infer<typeof KnowledgeScale>['items'][number];
type RatingItem = z.infer<typeof RatingScale>['items'][number];
const keysOf = (item: KnowledgeItem): string[] => (typeof item.key === 'string' ? [item.key] : item.key);

export class ScoringError extends Error {
  constructor(readonly problems: string[]) {
    super(`Quy tắc tính điểm không hợp lệ:\n${problems.map((p) => `- ${p}`).join('\n')}`);
  }
}

/** What a schema cannot say: every item a select_one question of the form, every choice valued. */
function crossCheck(s: Scoring, form: Instrument): { path: PropertyKey[]; message: string }[] {
  const problems: { path: PropertyKey[]; message: string }[] = [];
  if (s.instrument !== form.formId)
    problems.push({ path: ['instrument'], message: `biểu mẫu là "${form.formId}", không phải "${s.instrument}"` });
  const codes = new Set<string>();
  s.scales.forEach((scale, i) => {
    if (codes.has(scale.code)) problems.push({ path: ['scales', i, 'code'], message: `mã "${scale.code}" trùng` });
    codes.add(scale.code);
    const seen = new Set<string>();
    scale.items.forEach((item, j) => {
      const at = ['scales', i, 'items', j];
      if (seen.has(item.question)) problems.push({ path: [...at, 'question'], message: 'câu hỏi đã có trong thang' });
      seen.add(item.question);
      const q = form.questions.find((x) => x.name === item.question);
      if (!q || q.type !== 'select_one' || q.list === undefined) {
        problems.push({
          path: [...at, 'question'],
          message: `"${item.question}" không phải câu chọn một của biểu mẫu`,
        });
        return;
      }
      const choices = (form.choices[q.list] ?? []).map((c) => c.name);
      const missing = (names: string[], where: PropertyKey[]) => {
        for (const n of names)
          if (!choices.includes(n))
            problems.push({ path: where, message: `danh sách "${q.list}" không có lựa chọn "${n}"` });
      };
      missing(scale.notAnswered, ['scales', i, 'notAnswered']);
      if (scale.kind === 'knowledge') missing(keysOf(item as KnowledgeItem), [...at, 'key']);
      else {
        const unvalued = choices.filter((c) => !(c in scale.values) && !scale.notAnswered.includes(c));
        if (unvalued.length)
          problems.push({
            path: [...at, 'question'],
            message: `lựa chọn chưa có điểm (values) hay notAnswered: ${unvalued.join(', ')}`,
          });
      }
    });
    if (scale.kind === 'rating') {
      const v = Object.values(scale.values);
      if (Math.max(...v) === Math.min(...v))
        problems.push({ path: ['scales', i, 'values'], message: 'cần ít nhất hai mức điểm khác nhau' });
    }
  });
  s.overall?.scales.forEach((c, i) => {
    if (!codes.has(c)) problems.push({ path: ['overall', 'scales', i], message: `không có thang "${c}"` });
  });
  return problems;
}

/** Checks a scoring specification against the form it scores. */
export function validateScoring(data: unknown, form: Instrument, lineOf: LineOf = () => null): Scoring {
  return validateData(
    ScoringSchema,
    data,
    lineOf,
    (s) => crossCheck(s, form),
    (p) => new ScoringError(p),
  );
}

/** Parses a scoring specification written in YAML; problems name their line. */
export function parseScoring(text: string, form: Instrument): Scoring {
  const { data, lineOf } = parseYamlData(text, (p) => new ScoringError(p));
  return validateScoring(data, form, lineOf);
}

/** One item's score 0–100, or null when not answered. */
function itemScore(scale: AnyScale, item: AnyScale['items'][number], answer: string): number | null {
  if (answer === '' || scale.notAnswered.includes(answer)) return null;
  if (scale.kind === 'knowledge') return keysOf(item as KnowledgeItem).includes(answer) ? 100 : 0;
  const v = scale.values[answer];
  if (v === undefined) return null;
  const all = Object.values(scale.values);
  const [min, max] = [Math.min(...all), Math.max(...all)];
  const value = (item as RatingItem).reverse ? max + min - v : v;
  return ((value - min) / (max - min)) * 100;
}

export interface Scores {
  /** by scale code (and "overall"): the score, or null when too few items were answered */
  scores: Record<string, number | null>;
  /** by scale code: items answered of items */
  answered: Record<string, { answered: number; items: number }>;
}

/** A respondent's scores from their answers (by question name, as checkResponse keeps them). */
export function scoreResponse(s: Scoring, answers: Record<string, string>): Scores {
  const scores: Record<string, number | null> = {};
  const answered: Scores['answered'] = {};
  for (const scale of s.scales) {
    const got = scale.items
      .map((item) => itemScore(scale, item, answers[item.question] ?? ''))
      .filter((x) => x !== null);
    answered[scale.code] = { answered: got.length, items: scale.items.length };
    scores[scale.code] =
      got.length >= s.minAnswered * scale.items.length - 1e-9 && got.length > 0
        ? got.reduce((a, b) => a + b, 0) / got.length
        : null;
  }
  if (s.overall) {
    const parts = s.overall.scales.map((c) => scores[c] ?? null);
    scores.overall = parts.every((p) => p !== null) ? parts.reduce((a, b) => a! + b!, 0)! / parts.length : null;
  }
  return { scores, answered };
}
