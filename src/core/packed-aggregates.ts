import type { UnitAggregate } from './indicator-eval.ts';

/**
 * One indicator's per-unit aggregates of one year, read from rows of whole numbers kept as they arrived (a flat
 * array, `width` numbers a row; see packed.ts): a unit's row is found through an index shared by every indicator
 * of the source and year, and its aggregate is made when asked. Reading a country's rows thus costs one index entry
 * per unit, not one map entry and one object per unit and indicator. `countAt`, `hitsAt`, `sumAt` are the columns
 * of the count, the true rows and the indicator's sum (-1: none, read as 0).
 */
export class PackedAggregates implements ReadonlyMap<number, UnitAggregate> {
  constructor(
    private readonly rowOf: ReadonlyMap<number, number>,
    private readonly numbers: Float64Array,
    private readonly countAt: number,
    private readonly hitsAt: number,
    private readonly sumAt: number,
  ) {}

  get size(): number {
    return this.rowOf.size;
  }

  has(unitId: number): boolean {
    return this.rowOf.has(unitId);
  }

  get(unitId: number): UnitAggregate | undefined {
    const at = this.rowOf.get(unitId);
    return at === undefined ? undefined : this.at(at);
  }

  private at(row: number): UnitAggregate {
    const v = this.numbers;
    return {
      count: v[row + this.countAt]!,
      hits: this.hitsAt < 0 ? 0 : v[row + this.hitsAt]!,
      sum: this.sumAt < 0 ? 0 : v[row + this.sumAt]!,
    };
  }

  *entries(): MapIterator<[number, UnitAggregate]> {
    for (const [id, row] of this.rowOf) yield [id, this.at(row)];
  }

  keys(): MapIterator<number> {
    return this.rowOf.keys();
  }

  *values(): MapIterator<UnitAggregate> {
    for (const row of this.rowOf.values()) yield this.at(row);
  }

  [Symbol.iterator](): MapIterator<[number, UnitAggregate]> {
    return this.entries();
  }

  forEach(fn: (value: UnitAggregate, key: number, map: ReadonlyMap<number, UnitAggregate>) => void): void {
    for (const [id, a] of this.entries()) fn(a, id, this);
  }
}
