import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currentSuccessor, restateAggregates, type SuccessorLink } from './restate.ts';

const link = (from: number, to: number, date = '2025-07-01'): SuccessorLink => ({ from, to, date, toCode: `C${to}` });

describe('currentSuccessor', () => {
  it('follows merges through several steps, and stops on a dissolved unit', () => {
    const links = [link(1, 2, '2023-01-01'), link(2, 3)];
    expect(currentSuccessor(1, links, (id) => id === 3)).toBe(3);
    expect(currentSuccessor(4, links, (id) => id === 3)).toBeNull();
    expect(currentSuccessor(3, links, (id) => id === 3)).toBe(3);
  });
  it('sends a split unit to one successor only (the lowest code), and survives cycles', () => {
    expect(currentSuccessor(1, [link(1, 7), link(1, 5)], () => false)).toBeNull();
    expect(currentSuccessor(1, [link(1, 7), link(1, 5)], (id) => id === 5 || id === 7)).toBe(5);
    expect(currentSuccessor(1, [link(1, 2), link(2, 1)], () => false)).toBeNull();
  });
});

describe('restateAggregates', () => {
  it('property: restating neither loses nor duplicates records', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 })), { maxLength: 15 }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 12 }), fc.nat(50), fc.nat(50)), { maxLength: 20 }),
        fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 6 }),
        (pairs, aggs, alive) => {
          const links = pairs.filter(([a, b]) => a !== b).map(([a, b]) => link(a, b));
          const aggregates = new Map<number, { count: number; hits: number; sum: number }>();
          for (const [id, count, sum] of aggs) aggregates.set(id, { count, hits: 0, sum });
          const live = new Set(alive);
          const { carried, dissolved } = restateAggregates(aggregates, links, (id) => live.has(id));
          const total = (f: 'count' | 'sum') => [...aggregates.values()].reduce((s, a) => s + a[f], 0);
          const after = (f: 'count' | 'sum') => [...carried.values()].reduce((s, a) => s + a[f], 0) + dissolved[f];
          expect(after('count')).toBe(total('count'));
          expect(after('sum')).toBe(total('sum'));
          for (const id of carried.keys()) expect(live.has(id)).toBe(true);
        },
      ),
    );
  });
});
