import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { wilson } from '../media/stats.ts';
import { foldText } from '../text.ts';
import { isPlain } from './normalize.ts';

/**
 * Measuring the screener on real text (issue 14): the labelled corpus (test/fixtures/screener-corpus.yaml),
 * its fixed split into a development and a test part, and the figures the quality test and the README quote.
 */
export const LABELS = ['discriminatory', 'stereotype', 'neutral', 'protective'] as const;
export type Label = (typeof LABELS)[number];
export type Part = 'dev' | 'test';

/** The labels the screener should flag. */
export const isPositive = (label: Label): boolean => label === 'discriminatory' || label === 'stereotype';

/** One labelled sentence of the corpus (the schema a batch's rows share). */
export const CorpusRowSchema = z.strictObject({
  label: z.enum(LABELS),
  form: z.enum(['decreed', 'described']).optional(),
  theme: z.string().regex(/^[a-z_]+$/u),
  text: z.string().min(3),
});
/** One source of the corpus with its part and rows. */
export const CorpusSourceSchema = z.strictObject({
  url: z.string().url(),
  title: z.string().min(3),
  part: z.enum(['dev', 'test']),
  rows: z.array(CorpusRowSchema).min(1),
});

export interface CorpusRow extends z.infer<typeof CorpusRowSchema> {
  url: string;
  part: Part;
}

/** FNV-1a, 32 bit, of the UTF-8 bytes. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(text)) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The part a source belongs to, decided by its address alone (4 in 10 sources go to the test part). */
export const partOf = (url: string): Part => (fnv1a(url) % 10 < 4 ? 'test' : 'dev');

/** Reads the corpus; refuses a row that is not NFC, a text quoted twice, or a source whose part was moved. */
export function parseCorpus(yaml: string): CorpusRow[] {
  const sources = z.array(CorpusSourceSchema).parse(parseYaml(yaml));
  const seen = new Set<string>();
  const rows: CorpusRow[] = [];
  for (const s of sources) {
    if (s.part !== partOf(s.url)) throw new Error(`${s.url}: part ${s.part}, the split says ${partOf(s.url)}`);
    for (const r of s.rows) {
      if (r.text !== r.text.normalize('NFC')) throw new Error(`not NFC: ${r.text}`);
      if (seen.has(r.text)) throw new Error(`quoted twice: ${r.text}`);
      seen.add(r.text);
      rows.push({ ...r, url: s.url, part: s.part });
    }
  }
  return rows;
}

export interface Rate {
  hit: number;
  of: number;
  rate: number;
}
const rate = (hit: number, of: number): Rate => ({ hit, of, rate: of === 0 ? 0 : hit / of });

export interface Scores {
  rows: number;
  /** share of discriminatory rows flagged (any finding) */
  discriminatory: Rate;
  /** share of stereotype rows flagged */
  stereotype: Rate;
  /** share of neutral and protective rows flagged */
  falseAlarms: Rate;
  /** per theme: flagged / rows, for the discriminatory and stereotype rows and for the others */
  byTheme: Record<string, { missed: number; of: number; falseAlarms: number; clean: number }>;
}

/** Figures for a set of rows, given whether the screener flags each text. */
export function score(rows: CorpusRow[], flags: (text: string) => boolean): Scores {
  const count = {
    discriminatory: { hit: 0, of: 0 },
    stereotype: { hit: 0, of: 0 },
    other: { hit: 0, of: 0 },
  };
  const byTheme: Scores['byTheme'] = {};
  for (const r of rows) {
    const flagged = flags(r.text);
    const key = r.label === 'discriminatory' || r.label === 'stereotype' ? r.label : 'other';
    count[key].of++;
    if (flagged) count[key].hit++;
    const t = (byTheme[r.theme] ??= { missed: 0, of: 0, falseAlarms: 0, clean: 0 });
    if (key === 'other') {
      t.clean++;
      if (flagged) t.falseAlarms++;
    } else {
      t.of++;
      if (!flagged) t.missed++;
    }
  }
  return {
    rows: rows.length,
    discriminatory: rate(count.discriminatory.hit, count.discriminatory.of),
    stereotype: rate(count.stereotype.hit, count.stereotype.of),
    falseAlarms: rate(count.other.hit, count.other.of),
    byTheme,
  };
}

export interface RuleStat {
  rule: string;
  /** discriminatory or stereotype rows the rule flags */
  found: number;
  /** of those, rows no other rule flags */
  alone: number;
  /** neutral or protective rows the rule flags */
  falseAlarms: number;
}

/**
 * Per rule, on a set of rows: what it finds, what only it finds, and its false alarms — to see which rules
 * earn their place. Ordered by false alarms, then by what they find.
 */
export function ruleStats(rows: CorpusRow[], rulesOf: (text: string) => string[]): RuleStat[] {
  const stats = new Map<string, RuleStat>();
  for (const r of rows) {
    const ids = [...new Set(rulesOf(r.text))];
    const positive = isPositive(r.label);
    for (const rule of ids) {
      const s = stats.get(rule) ?? { rule, found: 0, alone: 0, falseAlarms: 0 };
      if (!positive) s.falseAlarms++;
      else {
        s.found++;
        if (ids.length === 1) s.alone++;
      }
      stats.set(rule, s);
    }
  }
  return [...stats.values()].sort(
    (a, b) => b.falseAlarms - a.falseAlarms || b.found - a.found || (a.rule < b.rule ? -1 : 1),
  );
}

/** A row whose verdict differs between two versions of the rules. */
export interface VerdictChange {
  row: CorpusRow;
  before: string[];
  after: string[];
  /** the later verdict is the one the label asks for */
  better: boolean;
}

/**
 * The rows whose text a regular expression (case-insensitive, no `g` flag) finds; a pattern typed without diacritics
 * also searches the text folded without them ("doi noi" finds "đối nội"). For `bdg screener-dev --grep`, which
 * searches the development part only: a search over the whole corpus file once showed the labels of test rows before
 * an entry was considered (docs/screener-history.md, the fifty-seventh batch).
 */
export function rowsMatching<T extends { text: string }>(rows: T[], pattern: RegExp): T[] {
  const plain = isPlain(pattern.source);
  return rows.filter((r) => pattern.test(r.text) || (plain && pattern.test(foldText(r.text))));
}

/**
 * Two versions of the rules on the same rows: the figures of each and every row whose verdict (flagged or not)
 * changes — how a change of the rules is judged on the development part before it is kept.
 */
export function compareRules(
  rows: CorpusRow[],
  before: (text: string) => string[],
  after: (text: string) => string[],
): { before: Scores; after: Scores; changes: VerdictChange[] } {
  const verdicts = rows.map((row) => ({ row, before: before(row.text), after: after(row.text) }));
  const byText = new Map(verdicts.map((v) => [v.row.text, v]));
  return {
    before: score(rows, (t) => (byText.get(t)?.before.length ?? 0) > 0),
    after: score(rows, (t) => (byText.get(t)?.after.length ?? 0) > 0),
    changes: verdicts
      .filter((v) => v.before.length > 0 !== v.after.length > 0)
      .map((v) => ({ ...v, better: v.after.length > 0 === isPositive(v.row.label) })),
  };
}

/** The targets of issue 14, on the test part. */
export const TARGETS = { discriminatory: 0.85, stereotype: 0.7, falseAlarms: 0.1 } as const;

/**
 * The false alarms the second opinion may add, as a share of the clean sentences, to those the rules raise on text
 * they had not seen, when its threshold is chosen out of fold on the development part (`crossValidate`). 0.02 is the
 * share the model was spending when the share was fixed (7 December 2026: 27 of 1,353 clean development sentences,
 * threshold 0.5864), so fixing it changed no verdict. It trades recall for false alarms on every text a commune
 * screens; docs/screener.md ("To improve the screener") gives what each share from 0 to 3 points costs and buys. The
 * office's to choose.
 */
export const MODEL_FALSE_ALARM_SHARE = 0.02;

export const meetsTargets = (s: Scores): boolean =>
  s.discriminatory.rate >= TARGETS.discriminatory &&
  s.stereotype.rate >= TARGETS.stereotype &&
  s.falseAlarms.rate <= TARGETS.falseAlarms;

const pct = (r: Rate) => `${(r.rate * 100).toFixed(1)}% (${r.hit}/${r.of})`;

/** One line: "recall discriminatory 86.2% (25/29), stereotype …, false alarms …". */
export const describeScores = (s: Scores): string =>
  `recall discriminatory ${pct(s.discriminatory)}, stereotype ${pct(s.stereotype)}, false alarms ${pct(s.falseAlarms)}`;

const interval = (r: Rate) => {
  const w = wilson(r.hit, r.of);
  return w.share === null
    ? '— (0/0)'
    : `${(w.share * 100).toFixed(1)}% [${(w.low! * 100).toFixed(1)}–${(w.high! * 100).toFixed(1)}]`;
};

/**
 * The same figures with their 95% Wilson intervals: how far a figure measured on these rows could be from the
 * screener's rate on text like them ("discriminatory 51.0% [44.2–57.7], …").
 */
export const describeIntervals = (s: Scores): string =>
  `discriminatory ${interval(s.discriminatory)}, stereotype ${interval(s.stereotype)}, ` +
  `false alarms ${interval(s.falseAlarms)}`;
