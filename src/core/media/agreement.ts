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
export function cohenKappa(pairs: [string, string][]): number | null {
  const n = pairs.length;
  if (n === 0) return null;
  const a = new Map<string, number>();
  const b = new Map<string, number>();
  let agree = 0;
  for (const [x, y] of pairs) {
    if (x === y) agree += 1;
    a.set(x, (a.get(x) ?? 0) + 1);
    b.set(y, (b.get(y) ?? 0) + 1);
  }
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
export function krippendorffAlpha(units: string[][]): number | null {
  const o = new Map<string, Map<string, number>>();
  const add = (c: string, k: string, w: number) => {
    const row = o.get(c) ?? new Map<string, number>();
    row.set(k, (row.get(k) ?? 0) + w);
    o.set(c, row);
  };
  for (const values of units) {
    const m = values.length;
    if (m < 2) continue;
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) if (i !== j) add(values[i]!, values[j]!, 1 / (m - 1));
  }
  const margins = new Map<string, number>();
  let n = 0;
  let disagree = 0;
  for (const [c, row] of o)
    for (const [k, w] of row) {
      margins.set(c, (margins.get(c) ?? 0) + w);
      n += w;
      if (c !== k) disagree += w;
    }
  if (n === 0) return null;
  let expected = 0;
  for (const [c, nc] of margins) for (const [k, nk] of margins) if (c !== k) expected += nc * nk;
  return expected === 0 ? null : 1 - ((n - 1) * disagree) / expected;
}

/**
 * Agreement for every variable of a set of codings (one value per unit, coder and variable; a repeated
 * triple keeps its last value). Variables in the order first seen.
 */
export function agreement(codings: Coding[]): Agreement[] {
  const byVariable = new Map<string, Map<string, Map<string, string>>>();
  for (const c of codings) {
    const units = byVariable.get(c.variable) ?? new Map<string, Map<string, string>>();
    const coders = units.get(c.unit) ?? new Map<string, string>();
    coders.set(c.coder, c.value);
    units.set(c.unit, coders);
    byVariable.set(c.variable, units);
  }
  const out: Agreement[] = [];
  for (const [variable, units] of byVariable) {
    const coders = new Set<string>();
    for (const byCoder of units.values()) for (const coder of byCoder.keys()) coders.add(coder);
    const values = [...units.values()].map((byCoder) => [...byCoder.values()]);
    let kappa: number | null = null;
    if (coders.size === 2) {
      const [one, two] = [...coders];
      const pairs: [string, string][] = [];
      for (const byCoder of units.values())
        if (byCoder.has(one!) && byCoder.has(two!)) pairs.push([byCoder.get(one!)!, byCoder.get(two!)!]);
      kappa = cohenKappa(pairs);
    }
    out.push({
      variable,
      units: values.filter((v) => v.length >= 2).length,
      coders: coders.size,
      cohenKappa: kappa,
      krippendorffAlpha: krippendorffAlpha(values),
    });
  }
  return out;
}
