import fs from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { isPositive, MODEL_FALSE_ALARM_SHARE, parseCorpus } from '../../core/screener/evaluate.ts';
import { crossValidate, ModelSchema, train, type ScreenerModel } from '../../core/screener/model.ts';
import { parseRules, type CompiledRules } from '../../core/screener/rules.ts';
import { screenText, sentenceFeatures } from '../../core/screener/screen.ts';
import { UnseenVerdictsSchema, verdictKey, type UnseenVerdicts } from '../../core/screener/unseen.ts';
import { fromRoot } from '../../project-root.ts';

export const RULES_FILE = fromRoot('rules', 'screener-vi.yaml');
export const MODEL_FILE = fromRoot('rules', 'screener-model.json');
export const CORPUS_FILE = fromRoot('test', 'fixtures', 'screener-corpus.yaml');
export const UNSEEN_VERDICTS_FILE = fromRoot('rules', 'screener-unseen-verdicts.json');

let cached: CompiledRules | null = null;
let cachedModel: ScreenerModel | null = null;

/** The screener's rules, read and checked once per process. */
export function screenerRules(): CompiledRules {
  cached ??= parseRules(fs.readFileSync(RULES_FILE, 'utf8'));
  return cached;
}

/** The pages the rules' sayings were taken from (`proverbs[].source` of the rules file). */
export function proverbSources(): string[] {
  const file = parseYaml(fs.readFileSync(RULES_FILE, 'utf8')) as { proverbs?: { source: string }[] };
  return (file.proverbs ?? []).map((p) => p.source);
}

/** The statistical second opinion (rules/screener-model.json), read and checked once per process. */
export function screenerModel(): ScreenerModel {
  cachedModel ??= ModelSchema.parse(JSON.parse(fs.readFileSync(MODEL_FILE, 'utf8')));
  return cachedModel;
}

/** The rules' verdicts on rows they had not seen (`npm run bench:screener-unseen`), or null without the file. */
export function readUnseenVerdicts(file = UNSEEN_VERDICTS_FILE): UnseenVerdicts | null {
  if (!fs.existsSync(file)) return null;
  return UnseenVerdictsSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

const r3 = (x: number) => Math.round(x * 1e3) / 1e3;
const rounded = (f: { recall: number; falseAlarms: number }) => ({
  recall: r3(f.recall),
  falseAlarms: r3(f.falseAlarms),
});

/**
 * Trains the model on the corpus's development part (the test part is dropped before anything else). With the
 * verdicts file, the model file also carries the estimate on text the rules had not seen (`unseenEstimate`).
 */
export function buildModel(
  corpusYaml: string,
  rules = screenerRules(),
  verdicts = readUnseenVerdicts(),
): ScreenerModel {
  const dev = parseCorpus(corpusYaml).filter((r) => r.part === 'dev');
  const examples = dev.map((r) => {
    const unseen = verdicts?.rows[verdictKey(r.text)];
    return {
      f: sentenceFeatures(r.text, rules),
      flagged: screenText(r.text, rules).length > 0,
      flaggedUnseen: unseen === undefined ? undefined : unseen.length > 0,
      positive: isPositive(r.label),
      group: r.url,
    };
  });
  const cv = crossValidate(examples, 5, MODEL_FALSE_ALARM_SHARE);
  const { bias, weights } = train(examples);
  return {
    version: 1,
    trainedOn: 'test/fixtures/screener-corpus.yaml, part dev',
    rows: examples.length,
    threshold: Math.round(cv.threshold * 1e4) / 1e4,
    crossValidated: rounded(cv),
    ...(cv.unseen && {
      unseenEstimate: { rows: cv.unseen.rows, ...rounded(cv.unseen), rulesAlone: rounded(cv.unseen.rulesAlone) },
    }),
    bias,
    weights,
  };
}
