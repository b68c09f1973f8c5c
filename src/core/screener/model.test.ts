import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildModel, screenerRules } from '../../modules/screener/rules-file.ts';
import { parseCorpus } from './evaluate.ts';
import {
  compileScorer,
  crossValidate,
  features,
  featuresOfKeys,
  foldOf,
  FOLD_ORDERS,
  ModelSchema,
  probabilityOf,
  train,
} from './model.ts';
import { tokenize } from './normalize.ts';
import { sentenceFeatures } from './screen.ts';

const corpusFile = new URL('../../../test/fixtures/screener-corpus.yaml', import.meta.url);
const modelFile = new URL('../../../rules/screener-model.json', import.meta.url);

describe("the screener's statistical second opinion", () => {
  it('reads syllables and syllable pairs, whatever the tone-mark placement; plain text gives none', () => {
    expect(features('Hoà thuận')).toEqual(features('Hòa thuận'));
    expect(features('con gái')).toEqual(['con', 'con gai1', 'gai1']);
    expect(features('con gai')).toEqual([]);
    // the lexicons found, and every pair of them once, in alphabetical order (not only pairs with a gender lexicon)
    const withLexicons = featuresOfKeys(['con', 'gai1'], ['norm', 'female', 'forbid', 'norm']);
    expect(withLexicons.filter((f) => f.startsWith('@')).sort()).toEqual(
      ['@female', '@forbid', '@norm', '@female+forbid', '@female+norm', '@forbid+norm'].sort(),
    );
    expect(withLexicons).toEqual(expect.arrayContaining(['con', 'gai1', 'con gai1']));
  });

  it('learns to separate two kinds of sentence and picks a threshold within the false-alarm budget', () => {
    const positives = ['đàn bà phải ở nhà', 'con gái phải ở nhà nấu cơm', 'vợ phải ở nhà', 'đàn bà chỉ biết ở nhà'];
    const negatives = [
      'họp thôn vào tối thứ bảy',
      'đường làng được sửa',
      'họp thôn bàn việc đường',
      'giếng làng được sửa',
    ];
    const examples = [
      ...positives.map((text, i) => ({ f: features(text), positive: true, group: `p${i}` })),
      ...negatives.map((text, i) => ({ f: features(text), positive: false, group: `n${i}` })),
    ];
    const model = train(examples);
    expect(probabilityOf(model, features('mẹ phải ở nhà'))).toBeGreaterThan(0.5);
    expect(probabilityOf(model, features('họp thôn sửa đường'))).toBeLessThan(0.5);
    const cv = crossValidate(examples, 4, 0.25);
    expect(cv.falseAlarms).toBeLessThanOrEqual(0.25);
    expect(cv.threshold).toBeGreaterThan(0);
  });

  it('chooses the threshold with the earlier rules’ verdicts (before they saw a row) and scores them too', () => {
    const rows = ['đàn bà phải ở nhà', 'vợ phải ở nhà', 'họp thôn tối nay', 'sửa đường làng', 'giếng làng mới'];
    const examples = rows.map((text, i) => ({
      f: features(text),
      positive: i < 2,
      group: `g${i}`,
      flagged: i < 2,
      // the earlier rules missed the first positive and flagged one clean row; the last row has no earlier verdict,
      // so today's (not flagged) stands in for it
      flaggedUnseen: i === 4 ? undefined : i === 1 || i === 2,
    }));
    const cv = crossValidate(examples, 5, 0);
    expect(cv.recall).toBe(1);
    // with no share the model may fire only where the earlier rules already raised a false alarm (row 2)
    expect(cv.falseAlarms).toBeLessThanOrEqual(1 / 3);
    expect(cv.unseen?.rows).toBe(4);
    expect(cv.unseen?.rulesAlone).toEqual({ recall: 0.5, falseAlarms: 0.5 });
    expect(cv.unseen?.falseAlarms).toBe(0.5);
    expect(
      crossValidate(
        examples.map(({ flaggedUnseen: _, ...e }) => e),
        5,
        0,
      ).unseen,
    ).toBeUndefined();
  });

  it('keeps its threshold when today’s rules stop raising a development false alarm (no budget handed over)', () => {
    const positives = ['đàn bà phải ở nhà', 'vợ phải ở nhà nấu cơm', 'con gái phải ở nhà', 'phụ nữ phải ở nhà'];
    const negatives = ['họp thôn tối nay', 'sửa đường làng', 'giếng làng mới', 'nhà văn hoá thôn', 'đường làng mới'];
    const examples = [...positives, ...negatives].map((text, i) => ({
      f: features(text),
      positive: i < positives.length,
      group: `g${i}`,
      flagged: i === 0 || i === positives.length, // today's rules: one find, one false alarm
      flaggedUnseen: i === positives.length,
    }));
    const before = crossValidate(examples, 3, 0.2);
    // the rules are mended: today they no longer flag the clean sentence; the earlier verdict stays what it was
    const mended = examples.map((e, i) => ({ ...e, flagged: i === 0 }));
    const after = crossValidate(mended, 3, 0.2);
    expect(after.threshold).toBe(before.threshold);
    // (the threshold does move with the share itself: a share of one more clean sentence lowers it)
    expect(crossValidate(mended, 3, 0.4).threshold).toBeLessThan(after.threshold);
    // the share is over the earlier rules' own false alarms: one clean sentence of five more at most
    expect(after.unseen!.falseAlarms).toBeLessThanOrEqual(after.unseen!.rulesAlone.falseAlarms + 0.2 + 1e-9);
    expect(crossValidate(mended, 3, 0).unseen!.falseAlarms).toBe(0.2);
  });

  it('deals each source to a fold of its own, so a new source moves no other; the fold orders differ', () => {
    const addresses = Array.from({ length: 2000 }, (_, i) => `https://bao.example.vn/bai-${i}.html`);
    for (let order = 0; order < FOLD_ORDERS; order++) {
      const sizes = [0, 0, 0, 0, 0];
      for (const a of addresses) sizes[foldOf(a, order, 5)]!++;
      // about a fifth each (400 ± 60)
      for (const size of sizes) expect(Math.abs(size - 400)).toBeLessThan(60);
    }
    const moved = addresses.filter((a) => foldOf(a, 0, 5) !== foldOf(a, 1, 5)).length;
    expect(moved).toBeGreaterThan(1400);
    // each example is scored once per order; the row count is of examples, not of scores
    const examples = ['đàn bà phải ở nhà', 'vợ phải ở nhà', 'họp thôn tối nay', 'sửa đường làng'].map((text, i) => ({
      f: features(text),
      positive: i < 2,
      group: addresses[i]!,
      flaggedUnseen: false,
    }));
    expect(crossValidate(examples, 5, 0).unseen?.rows).toBe(4);
    expect(crossValidate(examples, 5, 0, 1).unseen?.rows).toBe(4);
    // one fold only: every group in it, nothing to train on; nothing is scored and the model raises nothing
    const alone = crossValidate(examples, 1, 0);
    expect(alone.threshold).toBe(1);
    expect(alone.unseen).toBeUndefined();
  });

  it('scores a sentence without building its features exactly as the features would (the screener’s hot path)', () => {
    const model = ModelSchema.parse(JSON.parse(fs.readFileSync(modelFile, 'utf8')));
    const scorer = compileScorer(model);
    const rules = screenerRules();
    const texts = parseCorpus(fs.readFileSync(corpusFile, 'utf8')).map((r) => r.text);
    // a syllable, a syllable pair and a lexicon repeated count once, as in training
    texts.push('Con gái con gái phải phải ở nhà, con gái phải ở nhà nấu cơm.');
    let flagged = 0;
    for (const text of texts) {
      const f = sentenceFeatures(text, rules);
      const lexicons = f.filter((x) => x.startsWith('@') && !x.includes('+')).map((x) => x.slice(1));
      const keys = tokenize(text.normalize('NFC'), false).map((t) => t.key);
      const expected = probabilityOf(model, featuresOfKeys(keys, lexicons));
      expect(Math.abs(scorer(keys, [...lexicons, ...lexicons]) - expected)).toBeLessThan(1e-12);
      if (expected >= model.threshold) flagged++;
    }
    // the comparison covered sentences on both sides of the threshold
    expect(flagged).toBeGreaterThan(100);
    expect(flagged).toBeLessThan(texts.length - 100);
  });

  it('ships the model that the development part alone produces (the test part changes nothing)', () => {
    const corpus = fs.readFileSync(corpusFile, 'utf8');
    const shipped = ModelSchema.parse(JSON.parse(fs.readFileSync(modelFile, 'utf8')));
    const rebuilt = buildModel(corpus);
    expect(rebuilt).toEqual(shipped);
    // dropping every test-part source leaves the model as it is
    const devOnly = corpus
      .split(/\n(?=- url: )/u)
      .filter((block) => !/\n {2}part: test\n/u.test(block))
      .join('\n');
    expect(buildModel(devOnly)).toEqual(shipped);
  }, 120_000);
});
