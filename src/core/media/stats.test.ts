import { describe, expect, it } from 'vitest';
import { wilson } from './stats.ts';

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
});
