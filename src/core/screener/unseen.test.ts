import { describe, expect, it } from 'vitest';
import type { CorpusRow } from './evaluate.ts';
import { corpusTexts, rowsAdded, summariseUnseen, unseenVerdicts, UnseenVerdictsSchema, verdictKey } from './unseen.ts';

const row = (text: string, label: CorpusRow['label'], part: CorpusRow['part'] = 'dev'): CorpusRow => ({
  text,
  label,
  part,
  theme: 'general',
  url: `https://example.org/${part}`,
});

describe('the screener on rows its rules had not seen (corpus history)', () => {
  it('reads the texts of an old corpus file loosely, in NFC, and of a missing one as none', () => {
    const old =
      '- url: "https://a.vn"\n  rows:\n    - { label: neutral, text: "Hoa\u0300 bi\u0300nh" }\n    - { note: x }\n';
    expect([...corpusTexts(old)]).toEqual(['Ho\u00e0 b\u00ecnh']);
    expect(corpusTexts(null).size).toBe(0);
    expect(corpusTexts('just text').size).toBe(0);
  });

  it('counts the development rows a change added, with today’s labels, and never a test row', () => {
    const current = [
      row('a', 'neutral'),
      row('b', 'stereotype'),
      row('c', 'discriminatory', 'test'),
      row('d', 'neutral'),
    ];
    const added = rowsAdded(current, new Set(['a']), new Set(['a', 'b', 'c', 'x']));
    expect(added.map((r) => r.text)).toEqual(['b']);
  });

  it('scores each change with the rules of its time and sums each rule over the changes', () => {
    const summary = summariseUnseen(
      [
        {
          commit: 'c1',
          date: '2026-12-01',
          subject: 'first',
          rows: [row('p1', 'discriminatory'), row('n1', 'neutral')],
          fired: [['r1'], ['r1', 'r2']],
        },
        { commit: 'c2', date: '2026-12-02', subject: 'empty', rows: [], fired: [] },
        {
          commit: 'c3',
          date: '2026-12-03',
          subject: 'second',
          rows: [row('p2', 'stereotype'), row('n2', 'protective')],
          fired: [[], []],
        },
      ],
      new Set(['r1']),
    );
    expect(summary.changes.map((c) => c.commit)).toEqual(['c1', 'c3']);
    expect(summary.changes[0]!.scores.falseAlarms).toEqual({ hit: 1, of: 1, rate: 1 });
    expect(summary.changes[1]!.scores.stereotype).toEqual({ hit: 0, of: 1, rate: 0 });
    expect(summary.total.falseAlarms).toEqual({ hit: 1, of: 2, rate: 0.5 });
    expect(summary.total.discriminatory.hit).toBe(1);
    expect(summary.rules).toEqual([
      { rule: 'r1', found: 1, alone: 1, falseAlarms: 1, precision: 0.5, current: true },
      { rule: 'r2', found: 0, alone: 0, falseAlarms: 1, precision: 0, current: false },
    ]);
  });

  it('refuses a change whose answers do not match its rows', () => {
    expect(() =>
      summariseUnseen([{ commit: 'c', date: '', subject: '', rows: [row('a', 'neutral')], fired: [] }], new Set()),
    ).toThrow(/0 answers, 1 rows/u);
  });

  it('keys each row’s verdict by a hash of its NFC text, and the file’s schema refuses any other key', () => {
    expect(verdictKey('Hoa\u0300 bi\u0300nh')).toBe(verdictKey('Ho\u00e0 b\u00ecnh'));
    expect(verdictKey('a')).toMatch(/^[0-9a-f]{16}$/u);
    expect(verdictKey('a')).not.toBe(verdictKey('b'));
    const rows = unseenVerdicts([
      {
        commit: 'c1',
        date: 'd',
        subject: 's',
        rows: [row('p', 'stereotype'), row('n', 'neutral')],
        fired: [['x'], []],
      },
    ]);
    expect(rows).toEqual({ [verdictKey('p')]: ['x'], [verdictKey('n')]: [] });
    const file = { head: 'h', date: 'd', note: 'n', rows };
    expect(UnseenVerdictsSchema.parse(file)).toEqual(file);
    expect(() => UnseenVerdictsSchema.parse({ ...file, rows: { 'a sentence': [] } })).toThrow();
  });
});
