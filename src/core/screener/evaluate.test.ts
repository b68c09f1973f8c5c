import { describe, expect, it } from 'vitest';
import {
  compareRules,
  describeIntervals,
  describeScores,
  meetsTargets,
  parseCorpus,
  partOf,
  rowsMatching,
  ruleStats,
  score,
  type CorpusRow,
  type Label,
} from './evaluate.ts';

const source = (url: string, part: string, text = 'Con gái không được chia đất.') =>
  `- url: "${url}"\n  title: "Một trang"\n  part: ${part}\n  rows:\n` +
  `    - { label: discriminatory, theme: inheritance, text: "${text}" }\n`;

/** One development row of each label, texts a–d. */
const fourRows = (): CorpusRow[] =>
  (['discriminatory', 'stereotype', 'neutral', 'protective'] as Label[]).map((label, i) => ({
    label,
    theme: 't',
    text: 'abcd'[i]!,
    url: 'https://x.vn',
    part: 'dev',
  }));

describe('the corpus split and its figures', () => {
  it('puts a source in a part by its address alone, the same every time, about 4 in 10 in the test part', () => {
    expect(partOf('https://cadao.me/?p=39101')).toBe('dev');
    expect(partOf('https://123docz.net/trich-doan/2466014-su-ky-thi-gioi-tinh-doi-voi-nam.htm')).toBe('test');
    const parts = Array.from({ length: 2000 }, (_, i) => partOf(`https://example.org/page/${i}`));
    const share = parts.filter((p) => p === 'test').length / parts.length;
    expect(share).toBeGreaterThan(0.35);
    expect(share).toBeLessThan(0.45);
  });

  it('refuses a source moved to the other part, a text quoted twice and a text not in NFC', () => {
    const url = 'https://cadao.me/?p=39101';
    expect(parseCorpus(source(url, 'dev'))).toHaveLength(1);
    expect(() => parseCorpus(source(url, 'test'))).toThrow(/part test, the split says dev/u);
    expect(() =>
      parseCorpus(source(url, 'dev') + source('https://cadao.me/?p=1', partOf('https://cadao.me/?p=1'))),
    ).toThrow(/quoted twice/u);
    expect(() => parseCorpus(source(url, 'dev', 'Con gái không được chia đất.'.normalize('NFD')))).toThrow(/NFC/u);
  });

  it('counts recall by label and false alarms over neutral and protective rows', () => {
    const rows = [
      { label: 'discriminatory', theme: 'a', text: 'x1' },
      { label: 'discriminatory', theme: 'a', text: 'x2' },
      { label: 'stereotype', theme: 'b', text: 'y1' },
      { label: 'neutral', theme: 'c', text: 'z1' },
      { label: 'protective', theme: 'c', text: 'z2' },
    ].map((r) => ({ ...r, url: 'https://e.org', part: 'test' as const })) as Parameters<typeof score>[0];
    const s = score(rows, (t) => t === 'x1' || t === 'y1' || t === 'z2');
    expect(s.discriminatory).toEqual({ hit: 1, of: 2, rate: 0.5 });
    expect(s.stereotype.rate).toBe(1);
    expect(s.falseAlarms).toEqual({ hit: 1, of: 2, rate: 0.5 });
    expect(s.byTheme.a).toEqual({ missed: 1, of: 2, falseAlarms: 0, clean: 0 });
    expect(meetsTargets(s)).toBe(false);
    expect(describeScores(s)).toBe(
      'recall discriminatory 50.0% (1/2), stereotype 100.0% (1/1), false alarms 50.0% (1/2)',
    );
    // 95% Wilson intervals (R: prop.test(1, 2, correct = FALSE) gives 0.0945–0.9055; prop.test(1, 1, …) 0.2065–1)
    expect(describeIntervals(s)).toBe(
      'discriminatory 50.0% [9.5–90.5], stereotype 100.0% [20.7–100.0], false alarms 50.0% [9.5–90.5]',
    );
    expect(describeIntervals(score([], () => true))).toBe(
      'discriminatory — (0/0), stereotype — (0/0), false alarms — (0/0)',
    );
  });

  it('counts per rule what it finds, what only it finds and its false alarms', () => {
    const rows = fourRows();
    const fired: Record<string, string[]> = { a: ['r1', 'r2'], b: ['r1', 'r1'], c: ['r2'], d: [] };
    expect(ruleStats(rows, (t) => fired[t]!)).toEqual([
      { rule: 'r2', found: 1, alone: 0, falseAlarms: 1 },
      { rule: 'r1', found: 2, alone: 1, falseAlarms: 0 },
    ]);
  });

  it('compares two versions of the rules: both figures and every row whose verdict changes, better or worse', () => {
    const rows = fourRows();
    const before: Record<string, string[]> = { a: [], b: ['r1'], c: ['r2'], d: [] };
    const after: Record<string, string[]> = { a: ['r3'], b: ['r1', 'r3'], c: [], d: ['r3'] };
    const cmp = compareRules(
      rows,
      (t) => before[t]!,
      (t) => after[t]!,
    );
    expect(cmp.changes.map((c) => [c.row.text, c.before, c.after, c.better])).toEqual([
      ['a', [], ['r3'], true],
      ['c', ['r2'], [], true],
      ['d', [], ['r3'], false],
    ]);
    expect(cmp.before.discriminatory.hit).toBe(0);
    expect(cmp.after.discriminatory.hit).toBe(1);
    expect([cmp.before.falseAlarms.hit, cmp.after.falseAlarms.hit]).toEqual([1, 1]);
    expect(
      compareRules(
        rows,
        (t) => before[t]!,
        (t) => before[t]!,
      ).changes,
    ).toEqual([]);
  });

  it('finds rows by a regular expression, whatever the case, and typed without diacritics too', () => {
    const rows = ['Nam lo việc đối ngoại, nữ lo chuyện đối nội.', 'Đối nội do vợ lo.', 'Họp thôn tối nay.'].map(
      (text) => ({ text }),
    );
    const texts = (re: RegExp) => rowsMatching(rows, re).map((r) => r.text);
    expect(texts(/đối nội/iu)).toEqual([rows[0]!.text, rows[1]!.text]);
    expect(texts(/doi noi/iu)).toEqual([rows[0]!.text, rows[1]!.text]);
    expect(texts(/^đối/iu)).toEqual([rows[1]!.text]);
    // a pattern with diacritics is matched on the text as written: "đôi" is not "đối"
    expect(texts(/đôi nội/iu)).toEqual([]);
    expect(texts(/thôn tối/iu)).toEqual([rows[2]!.text]);
  });
});
