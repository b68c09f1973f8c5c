import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ruleStats, score, type CorpusRow, type RuleStat, type Scores } from './evaluate.ts';

/**
 * The screener on text its rules had not been written from, read off the corpus's history (issue 14): each change
 * of the corpus file added rows that the rules of the change before it had never seen. Scoring those rows with those
 * rules, change after change, gives the rules' figures on unseen text — the honest estimate for the development
 * part, without a look at the test part. Only development rows are scored.
 */

/** The texts of a corpus file of any past version (read loosely: the schema has grown since), in NFC. */
export function corpusTexts(yaml: string | null): Set<string> {
  const texts = new Set<string>();
  if (!yaml) return texts;
  const sources: unknown = parseYaml(yaml);
  if (!Array.isArray(sources)) return texts;
  for (const s of sources as { rows?: { text?: unknown }[] }[])
    for (const r of s.rows ?? []) if (typeof r.text === 'string') texts.add(r.text.normalize('NFC'));
  return texts;
}

/**
 * The development rows of today's corpus that a change added: in the corpus after it, not before it. Labels are
 * today's (a row relabelled since counts with its corrected label); rows removed since are not counted.
 */
export function rowsAdded(current: CorpusRow[], before: Set<string>, after: Set<string>): CorpusRow[] {
  return current.filter((r) => r.part === 'dev' && after.has(r.text) && !before.has(r.text));
}

/** One change of the corpus: its rows and the rules (by id) that the rules before it raised on each. */
export interface ScoredChange {
  commit: string;
  date: string;
  subject: string;
  rows: CorpusRow[];
  /** rule ids per row, in the order of `rows` */
  fired: string[][];
}

export interface RuleOnUnseen extends RuleStat {
  /** found / (found + falseAlarms), or null when the rule flagged nothing */
  precision: number | null;
  /** whether today's rules file still has the rule */
  current: boolean;
}

export interface UnseenSummary {
  changes: { commit: string; date: string; subject: string; scores: Scores }[];
  total: Scores;
  rules: RuleOnUnseen[];
}

/** Per change and in all: the figures of the rules of the time, and each rule's finds and false alarms. */
export function summariseUnseen(changes: ScoredChange[], currentRules: Set<string>): UnseenSummary {
  const firedOf = new Map<string, string[]>();
  const all: CorpusRow[] = [];
  const out: UnseenSummary['changes'] = [];
  for (const c of changes) {
    if (c.fired.length !== c.rows.length)
      throw new Error(`${c.commit}: ${c.fired.length} answers, ${c.rows.length} rows`);
    c.rows.forEach((r, i) => firedOf.set(r.text, c.fired[i]!));
    all.push(...c.rows);
    const flags = (t: string) => (firedOf.get(t) ?? []).length > 0;
    if (c.rows.length > 0)
      out.push({ commit: c.commit, date: c.date, subject: c.subject, scores: score(c.rows, flags) });
  }
  const rulesOf = (t: string) => firedOf.get(t) ?? [];
  const rules = ruleStats(all, rulesOf).map((s) => ({
    ...s,
    precision: s.found + s.falseAlarms === 0 ? null : s.found / (s.found + s.falseAlarms),
    current: currentRules.has(s.rule),
  }));
  return { changes: out, total: score(all, (t) => rulesOf(t).length > 0), rules };
}

/** The key of a sentence in the verdicts file: the first 16 hex digits of the SHA-256 of its NFC text. */
export const verdictKey = (text: string): string =>
  createHash('sha256').update(text.normalize('NFC')).digest('hex').slice(0, 16);

/**
 * rules/screener-unseen-verdicts.json, written by `npm run bench:screener-unseen`: for each development row, the rule
 * ids that the rules of the commit before the row was added raised on it (an empty list: none). `bdg screener-model`
 * reads it to estimate the rules and model together on text the rules had not seen.
 */
export const UnseenVerdictsSchema = z.strictObject({
  head: z.string(),
  date: z.string(),
  note: z.string(),
  rows: z.record(z.string().regex(/^[0-9a-f]{16}$/u), z.array(z.string())),
});
export type UnseenVerdicts = z.infer<typeof UnseenVerdictsSchema>;

/** Each scored row's verdict, keyed by `verdictKey`, in the order of the changes. */
export function unseenVerdicts(changes: ScoredChange[]): UnseenVerdicts['rows'] {
  const rows: UnseenVerdicts['rows'] = {};
  for (const c of changes) c.rows.forEach((r, i) => (rows[verdictKey(r.text)] = c.fired[i] ?? []));
  return rows;
}
