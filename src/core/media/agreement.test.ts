import { describe, expect, it } from 'vitest';
import { agreement, agreementOf, cohenKappa, krippendorffAlpha, type Coding } from './agreement.ts';

// Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for Communication,
// University of Pennsylvania, "C. Nominal data, any number of observers, missing values": 4 observers,
// 12 units; published α (nominal) = 0.743. "." is a missing value.
const KRIPPENDORFF_2011 = [
  '1 2 3 3 2 1 4 1 2 . . .',
  '1 2 3 3 2 2 4 1 2 5 . 3',
  '. 3 3 3 2 3 4 2 2 5 1 .',
  '1 2 3 3 2 4 4 1 2 5 1 .',
].map((row) => row.split(' '));

const units = (rows: string[][]): string[][] => rows[0]!.map((_, u) => rows.map((r) => r[u]!).filter((v) => v !== '.'));

// the same paper, "A. Binary data, two observers, no missing data": α = 0.095
const BINARY_A = '0 1 0 0 0 0 0 0 1 0'.split(' ');
const BINARY_B = '1 1 1 0 0 1 0 0 0 0'.split(' ');

describe('intercoder agreement', () => {
  it("matches Krippendorff's published worked examples", () => {
    expect(krippendorffAlpha(units(KRIPPENDORFF_2011))!).toBeCloseTo(0.743, 3);
    expect(krippendorffAlpha(units([BINARY_A, BINARY_B]))!).toBeCloseTo(0.095, 3);
  });

  it("Cohen's kappa by hand: pₒ 0.6, pₑ 0.2·0.4 + 0.8·0.6 = 0.56 → 0.04 / 0.44", () => {
    const pairs = BINARY_A.map((a, i) => [a, BINARY_B[i]!] as [string, string]);
    expect(cohenKappa(pairs)!).toBeCloseTo(0.04 / 0.44, 10);
    expect(
      cohenKappa([
        ['a', 'a'],
        ['b', 'b'],
      ]),
    ).toBe(1);
  });

  it('says "not defined" (null) when a variable never varies, never NaN', () => {
    expect(
      cohenKappa([
        ['x', 'x'],
        ['x', 'x'],
      ]),
    ).toBeNull();
    expect(
      krippendorffAlpha([
        ['x', 'x'],
        ['x', 'x', 'x'],
      ]),
    ).toBeNull();
    expect(krippendorffAlpha([['x'], ['y']])).toBeNull();
    expect(cohenKappa([])).toBeNull();
  });

  it('reads long-format codings: kappa only for two coders, alpha with missing values, units counted pairable', () => {
    const codings: Coding[] = [];
    KRIPPENDORFF_2011.forEach((row, coder) =>
      row.forEach((value, unit) => {
        if (value !== '.') codings.push({ unit: `u${unit}`, coder: `c${coder}`, variable: 'topic', value });
      }),
    );
    BINARY_A.forEach((v, i) => codings.push({ unit: `s${i}`, coder: 'lan', variable: 'sex', value: v }));
    BINARY_B.forEach((v, i) => codings.push({ unit: `s${i}`, coder: 'minh', variable: 'sex', value: v }));
    codings.push({ unit: 's99', coder: 'lan', variable: 'sex', value: '1' }); // coded once: not pairable
    const out = agreement(codings);
    expect(out.map((a) => a.variable)).toEqual(['topic', 'sex']);
    expect(out[0]).toMatchObject({ units: 11, coders: 4, cohenKappa: null });
    expect(out[0]!.krippendorffAlpha!).toBeCloseTo(0.743, 3);
    expect(out[1]).toMatchObject({ units: 10, coders: 2 });
    expect(out[1]!.cohenKappa!).toBeCloseTo(0.0909, 4);
    expect(out[1]!.krippendorffAlpha!).toBeCloseTo(0.095, 3);
  });

  it('a unit with weight w counts as w identical units (the database sends patterns with their counts)', () => {
    const expanded = agreementOf('x', [
      ...Array.from({ length: 3 }, () => ({ coders: ['a', 'b'], values: ['1', '1'] })),
      ...Array.from({ length: 2 }, () => ({ coders: ['a', 'b'], values: ['1', '2'] })),
      { coders: ['a', 'b'], values: ['2', '2'] },
    ]);
    const weighted = agreementOf('x', [
      { coders: ['a', 'b'], values: ['1', '1'], weight: 3 },
      { coders: ['a', 'b'], values: ['1', '2'], weight: 2 },
      { coders: ['a', 'b'], values: ['2', '2'] },
    ]);
    expect(weighted.units).toBe(6);
    expect(weighted.cohenKappa!).toBeCloseTo(expanded.cohenKappa!, 12);
    expect(weighted.krippendorffAlpha!).toBeCloseTo(expanded.krippendorffAlpha!, 12);
  });
});
