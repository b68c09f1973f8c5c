/**
 * What a change between two waves allows one to say (issue 11, docs/surveys.md "Reading a change"):
 * the verdict against the plan's target, the ceiling warning, the suppression of small cells, Holm's
 * adjustment when many groups are compared at once, and the sample size a wave needs.
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { Z, type Change, type Estimate } from './estimate.ts';

/** Cells with fewer respondents than this show n only: their mean and interval are not published. */
export const MIN_CELL = 30;
/** A baseline mean above this (on a 0–100 score) leaves little room to rise: the reader is warned. */
export const CEILING = 85;

export type Verdict = 'stretch_met' | 'met' | 'not_shown' | 'declined';

/**
 * - "stretch_met" / "met": the lower bound of the 95% interval reaches the stretch / the target;
 * - "declined": the upper bound is below 0 (the score fell);
 * - "not_shown": anything else — the change may be there, the data do not show it yet.
 * A point estimate above the target with a lower bound below it is "not_shown", never "met".
 */
export function verdict(change: Pick<Change, 'ciLow' | 'ciHigh'>, target: number, stretch?: number): Verdict {
  if (stretch !== undefined && change.ciLow >= stretch) return 'stretch_met';
  if (change.ciLow >= target) return 'met';
  if (change.ciHigh < 0) return 'declined';
  return 'not_shown';
}

export const VERDICT_TEXT: Record<Verdict, string> = {
  stretch_met: 'Đạt mức phấn đấu (cận dưới của khoảng tin cậy vượt mức phấn đấu)',
  met: 'Đạt chỉ tiêu (cận dưới của khoảng tin cậy vượt chỉ tiêu)',
  not_shown: 'Chưa chứng minh được (khoảng tin cậy còn chứa giá trị dưới chỉ tiêu)',
  declined: 'Giảm (cả khoảng tin cậy dưới 0)',
};

export const nearCeiling = (baseline: Pick<Estimate, 'mean'>): boolean => baseline.mean > CEILING;

export const suppressed = (e: Pick<Estimate, 'n'>): boolean => e.n < MIN_CELL;

/**
 * Two-sided p-value of "no change" for a change from the delta method on the log ratio: the interval
 * exp(log r ± z·s) − 1 gives s = (log(1 + ciHigh) − log(1 + ciLow)) / 2z and the statistic log(r)/s.
 */
export function pValueOfChange(c: Pick<Change, 'change' | 'ciLow' | 'ciHigh'>): number {
  const s = (Math.log1p(c.ciHigh) - Math.log1p(c.ciLow)) / (2 * Z);
  return 2 * normalCdf(-Math.abs(Math.log1p(c.change) / s), 0, 1);
}

/**
 * Holm's step-down adjustment of p-values (as R's p.adjust(p, "holm")): sorted ascending, the i-th
 * smallest (0-based) becomes max over j ≤ i of min(1, (m − j)·p₍ⱼ₎). Returned in the input's order.
 */
export function holm(p: readonly number[]): number[] {
  const m = p.length;
  const order = p.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(m);
  let running = 0;
  order.forEach(([v, i], k) => {
    running = Math.max(running, Math.min(1, (m - k) * v));
    out[i] = running;
  });
  return out;
}

export interface SampleSizeInput {
  /** baseline mean of the score */
  mean: number;
  /** standard deviation of the score among respondents (assumed the same in both waves) */
  sd: number;
  /** the relative change to detect, e.g. 0.10 for +10% */
  change: number;
  /** design effect of the survey (1 for a simple random sample) */
  deff?: number;
  power?: number;
  alpha?: number;
}

/**
 * Respondents each wave needs to detect a relative change with a two-sided test of two independent
 * means (normal approximation): n = deff · (z₁₋α/₂ + z_power)² · 2σ² / (change · mean)², rounded up.
 * @example mean 60, sd 20, +10%, deff 1 → 175; deff 2 → 349
 */
export function sampleSize(i: SampleSizeInput): { perWave: number; formula: string } {
  const deff = i.deff ?? 1;
  const power = i.power ?? 0.8;
  const alpha = i.alpha ?? 0.05;
  if (!(i.mean > 0) || !(i.sd > 0) || !(i.change !== 0) || !(deff >= 1) || !(power > 0 && power < 1))
    throw new RangeError('mean, sd > 0; change ≠ 0; deff ≥ 1; power in (0, 1)');
  const z = normalQuantile(1 - alpha / 2, 0, 1) + normalQuantile(power, 0, 1);
  const delta = i.change * i.mean;
  const n = (deff * z * z * 2 * i.sd * i.sd) / (delta * delta);
  return {
    perWave: Math.ceil(n - 1e-9),
    formula: 'n = deff × (z₁₋α/₂ + z_power)² × 2σ² / (thay đổi × trung bình)²',
  };
}
