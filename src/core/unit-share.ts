/**
 * "Unit share" indicators (G1, later G3): among the units expected to report in a period, the share
 * whose count of matching records reaches a threshold.
 */

export interface ExpectedUnit {
  id: number;
  code: string;
  name: string;
  kind: string;
  /** The area the unit belonged to in the period (its district, commune, or the province itself). */
  areaId: number | null;
  areaName: string | null;
}

export interface UnitShareRow extends ExpectedUnit {
  count: number;
  passes: boolean;
}

export interface ShareGroup {
  key: string;
  name: string;
  numerator: number;
  denominator: number;
  value: number | null;
}

export interface UnitShareResult {
  value: number | null;
  numerator: number;
  denominator: number;
  threshold: number;
  rows: UnitShareRow[];
  byKind: ShareGroup[];
  byArea: ShareGroup[];
}

/** numerator / denominator, or null when nothing is expected (no data is not zero). */
export function share(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/**
 * Evaluates a unit-share indicator.
 * @example 3 expected units with 2, 1 and 0 sessions and threshold 2 → value 1/3, numerator 1,
 *   denominator 3; the two units with 1 and 0 sessions are the ones that fall short.
 */
export function evaluateUnitShare(
  units: readonly ExpectedUnit[],
  counts: ReadonlyMap<number, number>,
  threshold: number,
  collator: Intl.Collator = new Intl.Collator('vi', { numeric: true }),
): UnitShareResult {
  const rows = units.map((u) => {
    const count = counts.get(u.id) ?? 0;
    return { ...u, count, passes: count >= threshold };
  });
  rows.sort((a, b) => Number(a.passes) - Number(b.passes) || collator.compare(a.name, b.name));
  const numerator = rows.filter((r) => r.passes).length;
  const group = (keyOf: (r: UnitShareRow) => string, nameOf: (r: UnitShareRow) => string): ShareGroup[] => {
    const groups = new Map<string, ShareGroup>();
    for (const r of rows) {
      const key = keyOf(r);
      const g = groups.get(key) ?? { key, name: nameOf(r), numerator: 0, denominator: 0, value: null };
      g.denominator += 1;
      if (r.passes) g.numerator += 1;
      groups.set(key, g);
    }
    return [...groups.values()]
      .map((g) => ({ ...g, value: share(g.numerator, g.denominator) }))
      .sort((a, b) => collator.compare(a.name, b.name));
  };
  return {
    value: share(numerator, rows.length),
    numerator,
    denominator: rows.length,
    threshold,
    rows,
    byKind: group(
      (r) => r.kind,
      (r) => r.kind,
    ),
    byArea: group(
      (r) => String(r.areaId ?? ''),
      (r) => r.areaName ?? '',
    ),
  };
}
