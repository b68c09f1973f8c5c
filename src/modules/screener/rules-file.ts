import fs from 'node:fs';
import { falseAlarmBudget, isPositive, parseCorpus } from '../../core/screener/evaluate.ts';
import { crossValidate, ModelSchema, train, type ScreenerModel } from '../../core/screener/model.ts';
import { parseRules, type CompiledRules } from '../../core/screener/rules.ts';
import { screenText, sentenceFeatures } from '../../core/screener/screen.ts';
import { fromRoot } from '../../project-root.ts';

export const RULES_FILE = fromRoot('rules', 'screener-vi.yaml');
export const MODEL_FILE = fromRoot('rules', 'screener-model.json');
export const CORPUS_FILE = fromRoot('test', 'fixtures', 'screener-corpus.yaml');

let cached: CompiledRules | null = null;
let cachedModel: ScreenerModel | null = null;

/** The screener's rules, read and checked once per process. */
export function screenerRules(): CompiledRules {
  cached ??= parseRules(fs.readFileSync(RULES_FILE, 'utf8'));
  return cached;
}

/** The statistical second opinion (rules/screener-model.json), read and checked once per process. */
export function screenerModel(): ScreenerModel {
  cachedModel ??= ModelSchema.parse(JSON.parse(fs.readFileSync(MODEL_FILE, 'utf8')));
  return cachedModel;
}

/** Trains the model on the corpus's development part (the test part is dropped before anything else). */
export function buildModel(corpusYaml: string, rules = screenerRules()): ScreenerModel {
  const dev = parseCorpus(corpusYaml).filter((r) => r.part === 'dev');
  const examples = dev.map((r) => ({
    f: sentenceFeatures(r.text, rules),
    flagged: screenText(r.text, rules).length > 0,
    positive: isPositive(r.label),
    group: r.url,
  }));
  const cv = crossValidate(examples, 5, falseAlarmBudget(examples.filter((e) => !e.positive).length));
  const { bias, weights } = train(examples);
  return {
    version: 1,
    trainedOn: 'test/fixtures/screener-corpus.yaml, part dev',
    rows: examples.length,
    threshold: Math.round(cv.threshold * 1e4) / 1e4,
    crossValidated: { recall: Math.round(cv.recall * 1e3) / 1e3, falseAlarms: Math.round(cv.falseAlarms * 1e3) / 1e3 },
    bias,
    weights,
  };
}
