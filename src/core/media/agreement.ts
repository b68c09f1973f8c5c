import { AgreementTally } from './agreement-tally.ts';

/**
 * Intercoder agreement of content monitoring, per variable:
 * - Cohen's kappa, for exactly two coders, over the units both coded;
 * - Krippendorff's alpha for nominal data: any number of coders, missing values allowed (units with
 *   fewer than two values are not pairable and drop out).
 * A variable whose values never vary has no defined coefficient (0/0): null, shown as "not defined".
 */

export interface Coding {
  unit: string;
  coder: string;
  variable: string;
  value: string;
}

export interface Agreement {
  variable: string;
  /** units with at least two values (pairable) */
  units: number;
  coders: number;
  cohenKappa: number | null;
  krippendorffAlpha: number | null;
}

/**
 * Cohen's kappa of two coders' values on the same units: (pₒ − pₑ) / (1 − pₑ).
 * @example A 0100000010, B 1110010000 → pₒ 0.6, pₑ 0.56, κ 0.0909
 */
export function cohenKappa(pairs: [string, string][], weights?: number[]): number | null {
  let n = 0;
  const a = new Map<string, number>();
  const b = new Map<string, number>();
  let agree = 0;
  pairs.forEach(([x, y], i) => {
    const w = weights?.[i] ?? 1;
    n += w;
    if (x === y) agree += w;
    a.set(x, (a.get(x) ?? 0) + w);
    b.set(y, (b.get(y) ?? 0) + w);
  });
  if (n === 0) return null;
  const po = agree / n;
  let pe = 0;
  for (const [c, na] of a) pe += (na / n) * ((b.get(c) ?? 0) / n);
  return pe === 1 ? null : (po - pe) / (1 - pe);
}

/**
 * Krippendorff's alpha, nominal metric, from the values each unit received (missing values left out):
 * α = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k, with o the coincidence matrix (each pair of values
 * within a unit of m values adds 1/(m − 1)) and n_c its margins.
 * @example Krippendorff (2011)'s 4 coders × 12 units example → 0.743
 */
export function krippendorffAlpha(units: string[][], weights?: number[]): number | null {
  // values as small integers, the coincidence matrix as a flat k × k array
  const index = new Map<string, number>();
  for (const values of units)
    if (values.length >= 2) for (const v of values) if (!index.has(v)) index.set(v, index.size);
  const k = index.size;
  const o = new Float64Array(k * k);
  for (const [u, values] of units.entries()) {
    const m = values.length;
    if (m < 2) continue;
    const w = (weights?.[u] ?? 1) / (m - 1);
    const ix = values.map((v) => index.get(v)!);
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) if (i !== j) o[ix[i]! * k + ix[j]!]! += w;
  }
  const margins = new Float64Array(k);
  let n = 0;
  let disagree = 0;
  for (let c = 0; c < k; c++)
    for (let d = 0; d < k; d++) {
      const w = o[c * k + d]!;
      margins[c]! += w;
      n += w;
      if (c !== d) disagree += w;
    }
  if (n === 0) return null;
  let expected = 0;
  for (let c = 0; c < k; c++) for (let d = 0; d < k; d++) if (c !== d) expected += margins[c]! * margins[d]!;
  return expected === 0 ? null : 1 - ((n - 1) * disagree) / expected;
}

/** The values one unit received, and who gave each (same order); `weight`: how many units look like this one. */
export interface UnitValues {
  coders: string[];
  values: string[];
  weight?: number;
}

/**
 * Agreement of one variable from the values each unit received: kappa when exactly two coders took
 * part (over the units both coded), alpha always, units counted when pairable.
 */
export function agreementOf(variable: string, units: UnitValues[]): Agreement {
  const tally = new AgreementTally();
  for (const u of units)
    tally.add(
      u.values.length,
      (i) => u.coders[i]!,
      (i) => u.values[i]!,
      u.weight ?? 1,
    );
  return tally.result(variable);
}

/**
 * Agreement for every variable of a set of codings (one value per unit, coder and variable; a repeated
 * triple keeps its last value). Variables in the order first seen.
 */
export function agreement(codings: Coding[]): Agreement[] {
  const byVariable = new Map<string, Map<string, UnitValues>>();
  for (const c of codings) {
    let units = byVariable.get(c.variable);
    if (!units) byVariable.set(c.variable, (units = new Map()));
    let u = units.get(c.unit);
    if (!u) units.set(c.unit, (u = { coders: [], values: [] }));
    const at = u.coders.indexOf(c.coder);
    if (at >= 0) u.values[at] = c.value;
    else {
      u.coders.push(c.coder);
      u.values.push(c.value);
    }
  }
  return [...byVariable].map(([variable, units]) => agreementOf(variable, [...units.values()]));
}
