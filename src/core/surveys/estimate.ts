/**
 * Design-based estimates of a survey score (issue 11), as R's `survey` package computes them with
 * `svydesign(ids = ~cluster, strata = ~stratum, weights = ~w, nest = TRUE)` and `svymean`:
 * - mean = Σ wᵢyᵢ / Σ wᵢ over the respondents of the domain;
 * - standard error by Taylor linearisation: influence values zᵢ = wᵢ(yᵢ − ȳ)/Σw inside the domain, 0
 *   outside (domains are estimated on the full design, never by dropping rows); their cluster totals
 *   z_hc; variance = Σ_h n_h/(n_h − 1) · Σ_c (z_hc − z̄_h)², clusters taken with replacement within strata;
 *   without clusters each respondent is its own cluster, without strata there is one stratum;
 * - a 95% interval mean ± 1.959964·se;
 * - the design effect: the variance over that of a simple random sample of the same size drawn with
 *   replacement, deff = se² / (s²/n) with s² = n/(n − 1) · Σ wᵢ(yᵢ − ȳ)² / Σ wᵢ (R's `svymean(…,
 *   deff = "replace")`; the with-replacement comparison matches the with-replacement variance above).
 * A respondent without a score is outside the domain (R's `na.rm = TRUE`). Raking: rake.ts.
 */

export const Z = 1.959963984540054;

export interface Respondent {
  /** the score, or null when not scored */
  y: number | null;
  w: number;
  stratum: string;
  cluster: string;
}

export interface Estimate {
  n: number;
  mean: number;
  se: number;
  ciLow: number;
  ciHigh: number;
  /** design effect (NaN with fewer than 2 respondents) */
  deff: number;
}

/**
 * A stratum with a single cluster has no variance estimate of its own. As R's `survey.lonely.psu`:
 * "fail" (the default, an error naming the stratum), "remove" (it adds nothing to the variance), "adjust"
 * (its cluster total is compared with the mean over the whole design, 0, instead of its stratum's).
 */
export type LonelyPsu = 'fail' | 'remove' | 'adjust';

export class SurveyError extends Error {}

/** Checks weights once: every one finite and > 0. */
export function checkWeights(rows: readonly Respondent[]): void {
  rows.forEach((r, i) => {
    if (!Number.isFinite(r.w) || r.w <= 0)
      throw new SurveyError(`Trọng số của người trả lời thứ ${i + 1} phải là số dương (đang là ${String(r.w)})`);
  });
}

/**
 * The weighted mean of the respondents for whom `inDomain(i)` holds, with its linearised standard error
 * on the whole design.
 * @example two strata, one cluster of (y 50, w 1) and (y 70, w 3) … → the same figures as svymean
 */
export function designMean(
  rows: readonly Respondent[],
  inDomain: (i: number) => boolean = () => true,
  lonely: LonelyPsu = 'fail',
  /** what a calibration (raking) explains, taken out of the influence values (see rake.ts) */
  adjust?: (z: number[]) => number[],
): Estimate {
  let sw = 0;
  let swy = 0;
  let n = 0;
  rows.forEach((r, i) => {
    if (r.y === null || !inDomain(i)) return;
    sw += r.w;
    swy += r.w * r.y;
    n += 1;
  });
  if (n === 0 || sw === 0) return { n, mean: NaN, se: NaN, ciLow: NaN, ciHigh: NaN, deff: NaN };
  const mean = swy / sw;
  let swd = 0;
  rows.forEach((r, i) => {
    if (r.y !== null && inDomain(i)) swd += r.w * (r.y - mean) ** 2;
  });
  const srsVariance = ((n / (n - 1)) * (swd / sw)) / n;
  // cluster totals of the influence values, by stratum
  const raw = rows.map((r, i) => (r.y !== null && inDomain(i) ? (r.w * (r.y - mean)) / sw : 0));
  const z = adjust ? adjust(raw) : raw;
  const strata = new Map<string, Map<string, number>>();
  rows.forEach((r, i) => {
    let clusters = strata.get(r.stratum);
    if (!clusters) strata.set(r.stratum, (clusters = new Map()));
    clusters.set(r.cluster, (clusters.get(r.cluster) ?? 0) + z[i]!);
  });
  const variance = stratifiedVariance(strata, lonely);
  return estimateOf(n, mean, variance, srsVariance);
}

const estimateOf = (n: number, mean: number, variance: number, srsVariance: number): Estimate => {
  const se = Math.sqrt(variance);
  return { n, mean, se, ciLow: mean - Z * se, ciHigh: mean + Z * se, deff: n > 1 ? variance / srsVariance : NaN };
};

/**
 * Σ_h n_h/(n_h − 1) · Σ_c (z_hc − z̄_h)² over the cluster totals of the influence values of each stratum
 * (clusters with replacement within strata), a lonely cluster handled as `lonely` says.
 */
function stratifiedVariance(strata: Map<string, Map<string, number>>, lonely: LonelyPsu): number {
  let variance = 0;
  for (const [stratum, clusters] of strata) {
    const totals = [...clusters.values()];
    const nh = totals.length;
    if (nh === 1) {
      if (lonely === 'fail')
        throw new SurveyError(
          `Tầng "${stratum}" chỉ có một cụm: không ước lượng được sai số ` +
            '(chọn cách xử lý: bỏ qua tầng đó, hoặc so với trung bình chung)',
        );
      // influence values sum to 0 over the design: the lonely cluster is compared with that mean
      if (lonely === 'adjust') variance += totals[0]! ** 2;
      continue;
    }
    const mh = totals.reduce((a, b) => a + b, 0) / nh;
    variance += (nh / (nh - 1)) * totals.reduce((s, t) => s + (t - mh) ** 2, 0);
  }
  return variance;
}

/** One cluster's sums over its scored respondents of one domain (or outside every domain asked: inDomain false). */
export interface ClusterSums {
  stratum: string;
  cluster: string;
  inDomain: boolean;
  /** scored respondents */
  n: number;
  /** Σw, Σwy, Σwy² */
  sw: number;
  swy: number;
  swyy: number;
}

/**
 * The same estimate as designMean, from sums per cluster (what a database can add up without sending every
 * respondent): the influence values' cluster total is (Σwy − ȳΣw)/W over the domain's respondents of the
 * cluster; a cluster with none of them counts 0 in its stratum, as in designMean. Raking needs each
 * respondent (rake.ts), so it uses designMean.
 */
export function designMeanFromSums(cells: readonly ClusterSums[], lonely: LonelyPsu = 'fail'): Estimate {
  let n = 0;
  let sw = 0;
  let swy = 0;
  let swyy = 0;
  for (const c of cells)
    if (c.inDomain) {
      n += c.n;
      sw += c.sw;
      swy += c.swy;
      swyy += c.swyy;
    }
  if (n === 0 || sw === 0) return { n, mean: NaN, se: NaN, ciLow: NaN, ciHigh: NaN, deff: NaN };
  const mean = swy / sw;
  const swd = Math.max(0, swyy - 2 * mean * swy + mean * mean * sw);
  const srsVariance = ((n / (n - 1)) * (swd / sw)) / n;
  const strata = new Map<string, Map<string, number>>();
  for (const c of cells) {
    let clusters = strata.get(c.stratum);
    if (!clusters) strata.set(c.stratum, (clusters = new Map()));
    const z = c.inDomain ? (c.swy - mean * c.sw) / sw : 0;
    clusters.set(c.cluster, (clusters.get(c.cluster) ?? 0) + z);
  }
  return estimateOf(n, mean, stratifiedVariance(strata, lonely), srsVariance);
}

export interface Change {
  /** followup / baseline − 1 */
  change: number;
  ciLow: number;
  ciHigh: number;
  fieller: { low: number; high: number } | null;
}

/**
 * Relative change between two independent samples, followup mean a over baseline mean b:
 * - a/b − 1, with a 95% interval by the delta method on the log ratio:
 *   exp(log(a/b) ± z·√(se_a²/a² + se_b²/b²)) − 1;
 * - Fieller's interval for a/b (then − 1): the ρ with (a − ρb)² ≤ z²(se_a² + ρ²se_b²), i.e.
 *   ρ = (ab ± z√(se_a²b² + se_b²a² − z²se_a²se_b²)) / (b² − z²se_b²); null when the baseline is not
 *   significantly away from 0 (b² ≤ z²se_b²: the set is unbounded).
 * @example baseline 60 (se 1), followup 66 (se 1.2) → change 0.10, delta interval ≈ 0.047–0.155
 */
export function changeBetween(baseline: Estimate, followup: Estimate): Change {
  const a = followup.mean;
  const b = baseline.mean;
  const va = followup.se ** 2;
  const vb = baseline.se ** 2;
  const ratio = a / b;
  const seLog = Math.sqrt(va / (a * a) + vb / (b * b));
  const z2 = Z * Z;
  const denom = b * b - z2 * vb;
  const disc = va * b * b + vb * a * a - z2 * va * vb;
  const fieller =
    denom > 0 && disc >= 0
      ? {
          low: (a * b - Z * Math.sqrt(disc)) / denom - 1,
          high: (a * b + Z * Math.sqrt(disc)) / denom - 1,
        }
      : null;
  return {
    change: ratio - 1,
    ciLow: Math.exp(Math.log(ratio) - Z * seLog) - 1,
    ciHigh: Math.exp(Math.log(ratio) + Z * seLog) - 1,
    fieller,
  };
}
