import { SurveyError, type Respondent } from './estimate.ts';

/**
 * Raking (iterative proportional fitting) of design weights to population margins, as R's
 * `survey::rake()` does it with its default control (at most 10 passes over the margins; stop when no cell
 * of the cross-table of all margin variables moved by 1 or more), and what its standard errors need:
 * the weights each margin left in the last pass (R keeps them on the design as `postStrata`).
 */
export interface Margin {
  /** the respondents' category on this variable, in row order */
  categories: readonly string[];
  /** population total of every category */
  totals: ReadonlyMap<string, number>;
  variable: string;
}

export interface Raked {
  weights: number[];
  /** per margin, the weights right after it was applied in the last pass */
  marginWeights: number[][];
  passes: number;
  converged: boolean;
}

export function rake(design: readonly number[], margins: readonly Margin[], maxPasses = 10, epsilon = 1): Raked {
  for (const m of margins) {
    const present = new Set(m.categories);
    for (const c of present)
      if (!m.totals.has(c))
        throw new SurveyError(`Biên "${m.variable}": nhóm "${c}" có trong dữ liệu nhưng không có tổng thể`);
    for (const c of m.totals.keys())
      if (!present.has(c))
        throw new SurveyError(`Biên "${m.variable}": nhóm "${c}" có tổng thể nhưng không có ai trong mẫu`);
  }
  let w = [...design];
  const cross = (weights: number[]) => {
    const t = new Map<string, number>();
    weights.forEach((x, i) => {
      const key = margins.map((m) => m.categories[i]).join('\u0000');
      t.set(key, (t.get(key) ?? 0) + x);
    });
    return t;
  };
  let old = cross(w);
  let marginWeights: number[][] = [];
  let passes = 0;
  let converged = false;
  while (passes < maxPasses) {
    marginWeights = [];
    for (const m of margins) {
      const sums = new Map<string, number>();
      w.forEach((x, i) => sums.set(m.categories[i]!, (sums.get(m.categories[i]!) ?? 0) + x));
      w = w.map((x, i) => (x * m.totals.get(m.categories[i]!)!) / sums.get(m.categories[i]!)!);
      marginWeights.push([...w]);
    }
    const now = cross(w);
    let delta = 0;
    for (const [k, v] of now) delta = Math.max(delta, Math.abs(v - (old.get(k) ?? 0)));
    if (delta < epsilon) {
      converged = true;
      break;
    }
    old = now;
    passes += 1;
  }
  return { weights: w, marginWeights, passes, converged };
}

/**
 * The influence values of an estimate on a raked design, with what the calibration explains removed, as
 * R's `svyrecvar` does for a "raking" design: 10 rounds over the margins of x ← x − w_m · mean_c(x / w_m),
 * the mean taken over the respondents of each category c of margin m, w_m that margin's weights.
 */
export function calibrated(x: readonly number[], raked: Raked, margins: readonly Margin[]): number[] {
  let out = [...x];
  for (let round = 0; round < 10; round++)
    margins.forEach((m, k) => {
      const psw = raked.marginWeights[k]!;
      const sum = new Map<string, number>();
      const count = new Map<string, number>();
      out.forEach((v, i) => {
        const c = m.categories[i]!;
        sum.set(c, (sum.get(c) ?? 0) + v / psw[i]!);
        count.set(c, (count.get(c) ?? 0) + 1);
      });
      out = out.map((v, i) => v - psw[i]! * (sum.get(m.categories[i]!)! / count.get(m.categories[i]!)!));
    });
  return out;
}

export type { Respondent };
