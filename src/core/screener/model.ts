import { z } from 'zod';
import { fnv1a } from './evaluate.ts';
import { isPlain, tokenize } from './normalize.ts';

/**
 * The screener's statistical second opinion (issue 14): logistic regression on the syllables and syllable
 * pairs of a sentence, trained on the development part of the real corpus only. It raises "possible" findings
 * for a reviewer where no rule fired; it never removes or changes a rule's finding. Weights live in
 * rules/screener-model.json, written by `bdg screener-model`.
 */
export const ModelSchema = z.strictObject({
  version: z.literal(1),
  trainedOn: z.string(),
  rows: z.number().int(),
  /** probability from which a sentence is reported */
  threshold: z.number().min(0).max(1),
  /** out-of-fold figures of rules and model together on the development part (folds by source) */
  crossValidated: z.strictObject({ recall: z.number(), falseAlarms: z.number() }),
  /**
   * The same out-of-fold figures at the same threshold, with each row's rule verdict taken from the rules as they
   * stood before the row was added to the corpus (rules/screener-unseen-verdicts.json) instead of today's rules,
   * which were written from these rows: the estimate for text nobody has tuned on. Absent without that file.
   */
  unseenEstimate: z
    .strictObject({
      rows: z.number().int(),
      recall: z.number(),
      falseAlarms: z.number(),
      rulesAlone: z.strictObject({ recall: z.number(), falseAlarms: z.number() }),
    })
    .optional(),
  bias: z.number(),
  weights: z.record(z.string(), z.number()),
});
export type ScreenerModel = z.infer<typeof ModelSchema>;

/** Syllables (tone-independent keys) and adjacent pairs; text without diacritics has no features. */
export function features(text: string): string[] {
  const nfc = text.normalize('NFC');
  return isPlain(nfc) ? [] : featuresOfKeys(tokenize(nfc, false).map((t) => t.key));
}

/** What is done with each distinct feature of a sentence (see `visitFeatures`); each returns a number to add up. */
interface FeatureVisitor {
  lexicon(name: string): number;
  lexiconPair(a: string, b: string): number;
  syllable(key: string): number;
  syllablePair(a: string, b: string): number;
}

/**
 * The one definition of a sentence's features, each distinct feature visited once: the rules' lexicons found in it
 * ("@trait") and every pair of them in alphabetical order ("@female+housework", "@forbid+rites") — what the rules
 * know, combined in ways no single rule spells out — then its syllable keys and adjacent pairs. Pairs of every
 * lexicon, not only of a gender lexicon with another (as until 6 December 2026), raised the development part's
 * estimate on unseen text by 0.9 points of recall on average over ten orders of the source folds, at the same false
 * alarms (docs/screener.md, "The statistical second opinion"). Training lists them as strings (`featuresOfKeys`); the
 * screener looks them up without joining strings (`compileScorer`).
 */
function visitFeatures(keys: string[], lexicons: Iterable<string>, visit: FeatureVisitor): number {
  let sum = 0;
  const found = [...new Set(lexicons)].sort();
  for (const l of found) sum += visit.lexicon(l);
  for (let a = 0; a < found.length; a++)
    for (let b = a + 1; b < found.length; b++) sum += visit.lexiconPair(found[a]!, found[b]!);
  const seen = new Set<string>();
  const seenPairs = new Map<string, Set<string>>();
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (!seen.has(key)) {
      seen.add(key);
      sum += visit.syllable(key);
    }
    if (i + 1 === keys.length) break;
    const next = keys[i + 1]!;
    let after = seenPairs.get(key);
    if (!after) seenPairs.set(key, (after = new Set()));
    if (!after.has(next)) {
      after.add(next);
      sum += visit.syllablePair(key, next);
    }
  }
  return sum;
}

/** The features of a sentence already split into syllable keys, with the lexicons found in it, as strings. */
export function featuresOfKeys(keys: string[], lexicons: Iterable<string> = []): string[] {
  const out: string[] = [];
  const listed = (f: string) => (out.push(f), 0);
  visitFeatures(keys, lexicons, {
    lexicon: (l) => listed(`@${l}`),
    lexiconPair: (a, b) => listed(`@${a}+${b}`),
    syllable: (k) => listed(k),
    syllablePair: (a, b) => listed(`${a} ${b}`),
  });
  return out;
}

type Weights = Pick<ScreenerModel, 'bias' | 'weights'>;

export function probabilityOf(model: Weights, feats: string[]): number {
  let z = model.bias;
  for (const f of feats) z += model.weights[f] ?? 0;
  return 1 / (1 + Math.exp(-z));
}

type Nested = Map<string, Map<string, number>>;

function putNested(map: Nested, a: string, b: string, w: number): void {
  let inner = map.get(a);
  if (!inner) map.set(a, (inner = new Map()));
  inner.set(b, w);
}

/**
 * The model's probability for a sentence given as syllable keys and lexicons, without building its features: the
 * same sum as `probabilityOf(model, featuresOfKeys(keys, lexicons))`, with pairs looked up in nested maps instead of
 * joined into strings — the screener's hot path (6–9 µs a sentence against 21 µs through the strings, for every
 * sentence no rule flagged). Tested against `probabilityOf` on the corpus.
 */
export function compileScorer(model: Weights): (keys: string[], lexicons: Iterable<string>) => number {
  const syllables = new Map<string, number>();
  const syllablePairs: Nested = new Map();
  const lexiconWeights = new Map<string, number>();
  const lexiconPairs: Nested = new Map();
  for (const [f, w] of Object.entries(model.weights)) {
    if (f.startsWith('@')) {
      const plus = f.indexOf('+');
      if (plus < 0) lexiconWeights.set(f.slice(1), w);
      else putNested(lexiconPairs, f.slice(1, plus), f.slice(plus + 1), w);
    } else {
      const space = f.indexOf(' ');
      if (space < 0) syllables.set(f, w);
      else putNested(syllablePairs, f.slice(0, space), f.slice(space + 1), w);
    }
  }
  const weightOf: FeatureVisitor = {
    lexicon: (l) => lexiconWeights.get(l) ?? 0,
    lexiconPair: (a, b) => lexiconPairs.get(a)?.get(b) ?? 0,
    syllable: (k) => syllables.get(k) ?? 0,
    syllablePair: (a, b) => syllablePairs.get(a)?.get(b) ?? 0,
  };
  return (keys, lexicons) => {
    const z = model.bias + visitFeatures(keys, lexicons, weightOf);
    return 1 / (1 + Math.exp(-z));
  };
}

const scorers = new WeakMap<Weights, ReturnType<typeof compileScorer>>();

/** The model's scorer, compiled once per model object. */
export function scorerOf(model: Weights): ReturnType<typeof compileScorer> {
  let scorer = scorers.get(model);
  if (!scorer) scorers.set(model, (scorer = compileScorer(model)));
  return scorer;
}

export interface Example {
  /** the sentence's features (featuresOfKeys, or screen.ts's sentenceFeatures) */
  f: string[];
  positive: boolean;
}

/**
 * L2-regularised logistic regression over naive-Bayes-scaled features (Wang & Manning's NBSVM idea, with a
 * logistic loss): each feature's input is the absolute log-ratio of its smoothed frequency among positive and
 * negative sentences, so that a syllable seen on one side only starts with more weight than one seen on both,
 * and the penalty shrinks the uninformative ones first. Full-batch AdaGrad (small data: hundreds of sentences;
 * features indexed once, so one training takes a fraction of a second). The weights shipped are the effective
 * ones (weight × scale): `probabilityOf` reads them as any logistic model. Chosen on the development part, out of
 * fold by source (three fold orders): recall of rules and model 68.6% → 71.0% at the same false-alarm budget
 * against plain gradient descent on unscaled features.
 */
export function train(examples: Example[], opts = { epochs: 300, rate: 0.1, l2: 0.01 }) {
  const index = new Map<string, number>();
  const rows = examples.map((e) => ({
    f: Int32Array.from(e.f, (x) => {
      let i = index.get(x);
      if (i === undefined) index.set(x, (i = index.size));
      return i;
    }),
    y: e.positive ? 1 : 0,
  }));
  const n = index.size;
  const scale = naiveBayesScale(rows, n);
  const w = new Float64Array(n);
  const squares = new Float64Array(n).fill(1e-8);
  let bias = 0;
  let biasSquares = 1e-8;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    const grad = new Float64Array(n);
    let gradBias = 0;
    for (const r of rows) {
      let z = bias;
      for (const i of r.f) z += w[i]! * scale[i]!;
      const err = 1 / (1 + Math.exp(-z)) - r.y;
      gradBias += err;
      for (const i of r.f) grad[i]! += err * scale[i]!;
    }
    for (let i = 0; i < n; i++) {
      const g = grad[i]! / rows.length + opts.l2 * w[i]!;
      squares[i]! += g * g;
      w[i]! -= (opts.rate * g) / Math.sqrt(squares[i]!);
    }
    const g = gradBias / rows.length;
    biasSquares += g * g;
    bias -= (opts.rate * g) / Math.sqrt(biasSquares);
  }
  const rounded: Record<string, number> = {};
  for (const [f, i] of [...index].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const effective = w[i]! * scale[i]!;
    if (Math.abs(effective) >= 1e-4) rounded[f] = Math.round(effective * 1e4) / 1e4;
  }
  return { bias: Math.round(bias * 1e4) / 1e4, weights: rounded };
}

/** |log((p_i / Σp) / (q_i / Σq))|, p and q each feature's count in positive and negative rows plus one. */
function naiveBayesScale(rows: { f: Int32Array; y: number }[], n: number): Float64Array {
  const p = new Float64Array(n).fill(1);
  const q = new Float64Array(n).fill(1);
  for (const r of rows) for (const i of r.f) (r.y ? p : q)[i]! += 1;
  const sp = p.reduce((a, b) => a + b, 0);
  const sq = q.reduce((a, b) => a + b, 0);
  return p.map((pi, i) => Math.abs(Math.log(pi / sp / (q[i]! / sq))));
}

/**
 * How many fold orders `crossValidate` pools. With one order the chosen threshold moved by 0.013 on average (at most
 * 0.027) from one batch of the corpus to the next, and most of that was the folds themselves: they were dealt in the
 * alphabetical order of the sources' addresses, so a new source moved every later one to another fold. Folds drawn
 * by a hash of the address stay put; pooling four such orders moved it by 0.003 (at most 0.007) over the same sixteen
 * states of the development part (7 December 2026, docs/screener.md).
 */
export const FOLD_ORDERS = 4;

/** The fold of a group (a source's address) in fold order `order` of `k` folds: its own, whatever the other groups. */
export const foldOf = (group: string, order: number, k: number) => fnv1a(`fold:${order}:${group}`) % k;

/**
 * Out-of-fold probabilities (k folds by group, so a source is never both trained on and scored; each of `orders`
 * fold orders puts a group in the fold given by a hash of the order and the group, and the scores of all orders are
 * pooled), then the lowest threshold at which the model adds no more than `modelShare` false alarms (a share of the
 * negatives) to those the rules raise on text they had not seen. Each example counts as flagged by the rules with the
 * verdict of the rules before they saw it (`flaggedUnseen`) or, when it has none yet, with today's (`flagged`); so a
 * change of today's rules never moves the threshold: a development false alarm they stop raising is not handed to the
 * model (as it was until 7 December 2026, when the budget was counted with today's rules — docs/screener.md). The
 * figures returned beside the threshold are those of today's rules and the model together, out of fold; `unseen`
 * gives them with the earlier verdicts, over the examples that have one.
 */
export function crossValidate(
  examples: (Example & { group: string; flagged?: boolean; flaggedUnseen?: boolean })[],
  k: number,
  modelShare: number,
  orders = FOLD_ORDERS,
) {
  const scored: { p: number; positive: boolean; flagged: boolean; flaggedUnseen?: boolean }[] = [];
  for (let order = 0; order < orders; order++) {
    const folds = examples.map((e) => foldOf(e.group, order, k));
    for (let fold = 0; fold < k; fold++) {
      const training = examples.filter((_, i) => folds[i] !== fold);
      // with a handful of groups every one may fall in one fold: nothing to train on, so that fold is not scored
      if (training.length === 0) continue;
      const model = train(training);
      examples.forEach((e, i) => {
        if (folds[i] !== fold) return;
        scored.push({
          p: probabilityOf(model, e.f),
          positive: e.positive,
          flagged: e.flagged === true,
          flaggedUnseen: e.flaggedUnseen,
        });
      });
    }
  }
  type Scored = (typeof scored)[number];
  const rate = (set: Scored[], t: number, flagged: (s: Scored) => boolean | undefined = (s) => s.flagged) =>
    set.filter((s) => flagged(s) || s.p >= t).length / Math.max(1, set.length);
  const negatives = scored.filter((s) => !s.positive);
  const positives = scored.filter((s) => s.positive);
  const beforeSeen = (s: Scored) => s.flaggedUnseen ?? s.flagged;
  const maxFalseAlarms = rate(negatives, 2, beforeSeen) + modelShare;
  let [threshold, at] = [1, 2]; // at 1 the model raises nothing; its figures are those of no model at all
  for (const t of [...new Set(scored.map((s) => s.p))].sort((a, b) => b - a)) {
    // a little above the share's exact count, so that rounding cannot turn a share of n sentences into n − 1
    if (rate(negatives, t, beforeSeen) > maxFalseAlarms + 1e-9) break;
    [threshold, at] = [t, t];
  }
  const best = { threshold, recall: rate(positives, at), falseAlarms: rate(negatives, at) };
  // the same rates with the earlier rules' verdicts, over the examples that have one
  const known = scored.filter((s) => s.flaggedUnseen !== undefined);
  const [knownPositives, knownNegatives] = [known.filter((s) => s.positive), known.filter((s) => !s.positive)];
  const byEarlierRules = (s: Scored) => s.flaggedUnseen;
  const unseenAt = (t: number) => ({
    recall: rate(knownPositives, t, byEarlierRules),
    falseAlarms: rate(knownNegatives, t, byEarlierRules),
  });
  const rows = examples.filter((e) => e.flaggedUnseen !== undefined).length; // examples, not their scores
  const unseen = known.length === 0 ? undefined : { rows, ...unseenAt(at), rulesAlone: unseenAt(2) };
  return { ...best, unseen };
}
