import { describe, expect, it } from 'vitest';
import { unpackIntegers } from './packed.ts';
import { addRow, PackedAggregates, rowIndex } from './packed-aggregates.ts';

describe('one indicator’s aggregates as a view over packed rows', () => {
  // rows: unit, year, count, a sum, the true rows
  const v = unpackIntegers('11,2025,3,40,1;12,2025,5,0,0;13,2024,2,7,2', 5);
  const index2025 = rowIndex(11, 12);
  addRow(index2025, 11, 0);
  addRow(index2025, 12, 5);

  it('reads a unit’s count, true rows and its indicator’s sum, and nothing for a unit without a row', () => {
    const sums = new PackedAggregates(index2025, v, 2, 4, 3);
    expect(sums.get(11)).toEqual({ count: 3, hits: 1, sum: 40 });
    expect(sums.get(12)).toEqual({ count: 5, hits: 0, sum: 0 });
    // no row, an id beyond the index, and ids that are no unit's
    for (const id of [13, 10, 99, -1, 1.5, Number.NaN]) expect(sums.get(id)).toBeUndefined();
    expect([sums.has(11), sums.has(13), sums.has(99), sums.size]).toEqual([true, false, false, 2]);
    // a count without a sum or true rows reads them as 0
    expect(new PackedAggregates(index2025, v, 2, -1, -1).get(11)).toEqual({ count: 3, hits: 0, sum: 0 });
  });

  it('a second row of a unit replaces the first, as in a map; an empty index has no units', () => {
    const index = rowIndex(11, 11);
    addRow(index, 11, 0);
    addRow(index, 11, 5);
    const sums = new PackedAggregates(index, v, 2, 4, 3);
    expect([...sums]).toEqual([[11, { count: 5, hits: 0, sum: 0 }]]);
    const empty = new PackedAggregates(rowIndex(0, -1), v, 2, 4, 3);
    expect([empty.size, empty.get(11), [...empty]]).toEqual([0, undefined, []]);
  });

  it('iterates as the map of the same rows would', () => {
    const sums = new PackedAggregates(index2025, v, 2, 4, 3);
    const plain = new Map([
      [11, { count: 3, hits: 1, sum: 40 }],
      [12, { count: 5, hits: 0, sum: 0 }],
    ]);
    expect(new Map(sums)).toEqual(plain);
    expect([...sums.keys()]).toEqual([...plain.keys()]);
    expect([...sums.values()]).toEqual([...plain.values()]);
    const seen: [number, number][] = [];
    sums.forEach((a, id, map) => {
      expect(map).toBe(sums);
      seen.push([id, a.count]);
    });
    expect(seen).toEqual([
      [11, 3],
      [12, 5],
    ]);
  });
});
