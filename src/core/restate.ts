import type { UnitAggregate } from './indicator-eval.ts';

export interface SuccessorLink {
  from: number;
  to: number;
  date: string;
  toCode: string;
}

/**
 * The unit that carries a unit's history on a later date: the unit itself if it is still in force,
 * else the first successor in force found by following the links (merges and renames). When a unit
 * was split, its records go to one successor — the earliest link, then the lowest code — so that a
 * record is counted once. Null when the chain ends without a unit in force (the unit was dissolved).
 * @example Xã A and Xã B merged into Xã C on 1/7/2025 → both are carried by C on any later date
 */
export function currentSuccessor(
  unitId: number,
  links: readonly SuccessorLink[],
  inForce: (id: number) => boolean,
): number | null {
  const byFrom = new Map<number, SuccessorLink[]>();
  for (const l of links) byFrom.set(l.from, [...(byFrom.get(l.from) ?? []), l]);
  for (const list of byFrom.values())
    list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.toCode < b.toCode ? -1 : 1));
  const seen = new Set<number>();
  let current: number | undefined = unitId;
  while (current !== undefined && !seen.has(current)) {
    if (inForce(current)) return current;
    seen.add(current);
    current = byFrom.get(current)?.[0]?.to;
  }
  return null;
}

/**
 * Moves per-unit aggregates onto the units in force on a later date. Nothing is lost or counted
 * twice: what cannot be carried (dissolved units) is returned apart, for the totals.
 */
export function restateAggregates(
  aggregates: ReadonlyMap<number, UnitAggregate>,
  links: readonly SuccessorLink[],
  inForce: (id: number) => boolean,
): { carried: Map<number, UnitAggregate>; dissolved: UnitAggregate & { units: number[] } } {
  const carried = new Map<number, UnitAggregate>();
  const dissolved = { count: 0, hits: 0, sum: 0, units: [] as number[] };
  for (const [id, a] of aggregates) {
    const to = currentSuccessor(id, links, inForce);
    const target = to === null ? dissolved : (carried.get(to) ?? { count: 0, hits: 0, sum: 0 });
    target.count += a.count;
    target.hits += a.hits;
    target.sum += a.sum;
    if (to === null) dissolved.units.push(id);
    else carried.set(to, target);
  }
  return { carried, dissolved };
}
