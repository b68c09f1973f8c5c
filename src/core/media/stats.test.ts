import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { wilson } from './stats.ts';

/** Wilson intervals by R's prop.test without continuity correction (test/reference/wilson.R). */
const reference = JSON.parse(
  fs.readFileSync(new URL('../../../test/fixtures/wilson-reference.json', import.meta.url), 'utf8'),
) as { k: number; n: number; low: number; high: number }[];

describe('Wilson interval', () => {
  it('agrees with the formula worked by hand', () => {
    // p = 0.26, n = 100, z² = 3.8415: denom 1.038415, centre 0.279207 / 1.038415 = 0.268878, half 0.084831
    const w = wilson(26, 100);
    expect(w.share).toBe(0.26);
    expect(w.low!).toBeCloseTo(0.184, 4);
    expect(w.high!).toBeCloseTo(0.3537, 4);
    expect(w.small).toBe(false);
  });

  it('stays inside 0–1 at the edges and marks small n', () => {
    const none = wilson(0, 10);
    expect(none.low).toBe(0);
    expect(none.high!).toBeCloseTo(0.2775, 4);
    expect(none.small).toBe(true);
    const all = wilson(5, 5);
    expect(all.high).toBe(1);
    expect(all.low!).toBeCloseTo(0.5655, 4);
    expect(wilson(0, 0)).toMatchObject({ share: null, low: null, high: null, small: true });
    expect(() => wilson(3, 2)).toThrow(RangeError);
  });

  it('agrees with R (prop.test, no continuity correction) to 1e-9 on eleven cases', () => {
    expect(reference.length).toBe(11);
    for (const r of reference) {
      const w = wilson(r.k, r.n);
      expect(Math.abs(w.low! - r.low), `${r.k}/${r.n} low`).toBeLessThan(1e-9);
      expect(Math.abs(w.high! - r.high), `${r.k}/${r.n} high`).toBeLessThan(1e-9);
    }
  });
});
