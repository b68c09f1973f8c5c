import type { Agreement } from './agreement.ts';

/**
 * Kappa and alpha of one variable, tallied unit by unit without keeping the units: values and coders
 * become small integers, the coincidence matrix fills as units arrive (each ordered pair of values within
 * a unit of m values adds weight/(m − 1)), and for kappa each unit keeps only its (coder, value) pairs as
 * integers. The same formulas as cohenKappa and krippendorffAlpha (agreement.ts), for tens of thousands of
 * units in a few milliseconds.
 */
export class AgreementTally {
  private readonly valueIndex = new Map<string, number>();
  private readonly coderIndex = new Map<string, number>();
  /** coincidences, keyed value × 65536 + value */
  private readonly o = new Map<number, number>();
  /** per pairable unit: m, weight, then m × (coder, value) */
  private readonly flat: number[] = [];
  private units = 0;

  private intern(map: Map<string, number>, key: string): number {
    let i = map.get(key);
    if (i === undefined) map.set(key, (i = map.size));
    return i;
  }

  /** One unit: its m values, `coderAt(i)` and `valueAt(i)` for i < m; `weight` identical units. */
  add(m: number, coderAt: (i: number) => string, valueAt: (i: number) => string, weight = 1): void {
    const coders: number[] = [];
    const values: number[] = [];
    for (let i = 0; i < m; i++) {
      coders.push(this.intern(this.coderIndex, coderAt(i)));
      values.push(this.intern(this.valueIndex, valueAt(i)));
    }
    if (m < 2) return;
    this.units += weight;
    const w = weight / (m - 1);
    for (let i = 0; i < m; i++)
      for (let j = 0; j < m; j++) {
        if (i === j) continue;
        const key = values[i]! * 65536 + values[j]!;
        this.o.set(key, (this.o.get(key) ?? 0) + w);
      }
    this.flat.push(m, weight);
    for (let i = 0; i < m; i++) this.flat.push(coders[i]!, values[i]!);
  }

  private alpha(): number | null {
    const margins = new Map<number, number>();
    let n = 0;
    let disagree = 0;
    for (const [key, w] of this.o) {
      const c = Math.floor(key / 65536);
      margins.set(c, (margins.get(c) ?? 0) + w);
      n += w;
      if (c !== key % 65536) disagree += w;
    }
    if (n === 0) return null;
    let sum = 0;
    let squares = 0;
    for (const nc of margins.values()) {
      sum += nc;
      squares += nc * nc;
    }
    // Σ_{c≠k} n_c·n_k = (Σ n_c)² − Σ n_c²
    const expected = sum * sum - squares;
    return expected <= 0 ? null : 1 - ((n - 1) * disagree) / expected;
  }

  /** Kappa over the units both coders coded, when exactly two coders took part. */
  private kappa(): number | null {
    if (this.coderIndex.size !== 2) return null;
    const a = new Map<number, number>();
    const b = new Map<number, number>();
    let n = 0;
    let agree = 0;
    for (let at = 0; at < this.flat.length;) {
      const m = this.flat[at]!;
      const weight = this.flat[at + 1]!;
      let x = -1;
      let y = -1;
      for (let i = 0; i < m; i++) {
        const coder = this.flat[at + 2 + 2 * i]!;
        const value = this.flat[at + 3 + 2 * i]!;
        if (coder === 0 && x < 0) x = value;
        if (coder === 1 && y < 0) y = value;
      }
      at += 2 + 2 * m;
      if (x < 0 || y < 0) continue;
      n += weight;
      if (x === y) agree += weight;
      a.set(x, (a.get(x) ?? 0) + weight);
      b.set(y, (b.get(y) ?? 0) + weight);
    }
    if (n === 0) return null;
    let pe = 0;
    for (const [c, na] of a) pe += (na / n) * ((b.get(c) ?? 0) / n);
    return pe === 1 ? null : (agree / n - pe) / (1 - pe);
  }

  result(variable: string): Agreement {
    return {
      variable,
      units: this.units,
      coders: this.coderIndex.size,
      cohenKappa: this.kappa(),
      krippendorffAlpha: this.alpha(),
    };
  }
}
