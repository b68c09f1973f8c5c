import { describe, expect, it } from 'vitest';
import { holm, nearCeiling, pValueOfChange, sampleSize, suppressed, verdict } from './inference.ts';

describe('what a change allows one to say', () => {
  it('says "met" only when the lower bound reaches the target', () => {
    expect(verdict({ ciLow: 0.1, ciHigh: 0.2 }, 0.1, 0.15)).toBe('met');
    expect(verdict({ ciLow: 0.16, ciHigh: 0.2 }, 0.1, 0.15)).toBe('stretch_met');
    expect(verdict({ ciLow: 0.099, ciHigh: 0.3 }, 0.1)).toBe('not_shown');
    expect(verdict({ ciLow: -0.2, ciHigh: -0.01 }, 0.1)).toBe('declined');
    expect(verdict({ ciLow: -0.2, ciHigh: 0 }, 0.1)).toBe('not_shown');
  });

  it('warns near the ceiling and suppresses cells under 30 respondents', () => {
    expect([nearCeiling({ mean: 85 }), nearCeiling({ mean: 85.1 })]).toEqual([false, true]);
    expect([suppressed({ n: 29 }), suppressed({ n: 30 })]).toEqual([true, false]);
  });

  it('adjusts p-values as R p.adjust(, "holm") does', () => {
    // p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.5), "holm") in R: 0.04 0.09 0.09 0.025 0.5
    const out = holm([0.01, 0.04, 0.03, 0.005, 0.5]);
    [0.04, 0.09, 0.09, 0.025, 0.5].forEach((v, i) => expect(out[i]).toBeCloseTo(v, 12));
    expect(holm([])).toEqual([]);
    expect(holm([0.6, 0.6])).toEqual([1, 1]);
  });

  it('takes the p-value of "no change" from the interval of the log ratio', () => {
    // a symmetric interval on the log scale with log(1 + change) = 1.959964·s has p = 0.05
    const s = 0.03;
    const c = {
      change: Math.exp(1.959963984540054 * s) - 1,
      ciLow: 0,
      ciHigh: Math.exp(2 * 1.959963984540054 * s) - 1,
    };
    expect(pValueOfChange(c)).toBeCloseTo(0.05, 10);
  });

  it('sizes a wave: more respondents for a larger design effect or a smaller change', () => {
    expect(sampleSize({ mean: 60, sd: 20, change: 0.1 }).perWave).toBe(175);
    expect(sampleSize({ mean: 60, sd: 20, change: 0.1, deff: 2 }).perWave).toBe(349);
    expect(sampleSize({ mean: 60, sd: 20, change: 0.05 }).perWave).toBeGreaterThan(4 * 174);
    expect(() => sampleSize({ mean: 60, sd: 20, change: 0.1, deff: 0.5 })).toThrow(RangeError);
  });
});
