import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Structure, type VersionRow } from './structure.ts';
import { evaluateUnitShare, type ExpectedUnit } from './unit-share.ts';

const unit = (id: number, kind = 'department', areaId: number | null = 100): ExpectedUnit => ({
  id,
  code: `U${id}`,
  name: `Đơn vị ${id}`,
  kind,
  areaId,
  areaName: `Địa bàn ${areaId}`,
});

describe('evaluateUnitShare', () => {
  it('computes the worked example by hand', () => {
    const r = evaluateUnitShare(
      [unit(1), unit(2), unit(3, 'commune', 200)],
      new Map([
        [1, 2],
        [2, 1],
      ]),
      2,
    );
    expect(r.value).toBeCloseTo(1 / 3);
    expect([r.numerator, r.denominator]).toEqual([1, 3]);
    expect(
      r.rows
        .filter((x) => !x.passes)
        .map((x) => x.id)
        .sort(),
    ).toEqual([2, 3]);
    expect(r.byKind.find((g) => g.key === 'department')).toMatchObject({ numerator: 1, denominator: 2 });
    expect(r.byArea.find((g) => g.key === '200')).toMatchObject({ numerator: 0, denominator: 1, value: 0 });
  });
  it('says "no data" (null), not 0, when nobody is expected', () => {
    expect(evaluateUnitShare([], new Map(), 2).value).toBeNull();
  });
  it('property: value in [0,1]; area and kind numerators add up to the total', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 5 }),
            fc.constantFrom('department', 'commune'),
            fc.integer({ min: 1, max: 4 }),
          ),
          { maxLength: 40 },
        ),
        (specs) => {
          const units = specs.map(([, kind, area], i) => unit(i + 1, kind, area));
          const counts = new Map(specs.map(([n], i) => [i + 1, n]));
          const r = evaluateUnitShare(units, counts, 2);
          if (r.value !== null) expect(r.value >= 0 && r.value <= 1).toBe(true);
          expect(r.byArea.reduce((s, g) => s + g.numerator, 0)).toBe(r.numerator);
          expect(r.byKind.reduce((s, g) => s + g.denominator, 0)).toBe(r.denominator);
        },
      ),
    );
  });
});

describe('Structure', () => {
  const v = (
    unitId: number,
    kind: VersionRow['kind'],
    name: string,
    parentId: number | null,
    from: string,
    to: string | null,
  ): VersionRow => ({ unitId, code: `C${unitId}`, kind, name, parentId, from, to });
  const s = new Structure([
    v(1, 'province', 'Tỉnh A', null, '2020-01-01', null),
    v(2, 'district', 'Huyện B', 1, '2020-01-01', '2025-06-30'),
    v(3, 'commune', 'Xã C', 2, '2020-01-01', '2025-06-30'),
    v(3, 'commune', 'Xã C mới', 1, '2025-07-01', null),
    v(4, 'department', 'Sở D', 1, '2020-01-01', null),
    v(5, 'school', 'Trường E', 3, '2020-01-01', null),
  ]);
  it('places a commune in its district before the reform and in itself after', () => {
    expect(s.areaOf(3, '2025-06-30')).toEqual({ id: 2, name: 'Huyện B' });
    expect(s.areaOf(3, '2025-12-31')).toEqual({ id: 3, name: 'Xã C mới' });
    expect(s.areaOf(5, '2024-05-01')).toEqual({ id: 2, name: 'Huyện B' });
  });
  it('counts province-level units in the province itself', () => {
    expect(s.areaOf(4, '2024-01-01')).toEqual({ id: 1, name: 'Tỉnh A (cấp tỉnh)' });
  });
  it('takes the last shape of a unit in a period', () => {
    expect(s.lastIn(3, '2025-12-31')?.name).toBe('Xã C mới');
    expect(s.lastIn(3, '2024-12-31')?.name).toBe('Xã C');
    expect(s.isWithin(5, 2, '2024-01-01')).toBe(true);
    expect(s.isWithin(5, 2, '2025-12-31')).toBe(false);
  });
});
