import { describe, expect, it } from 'vitest';
import { evaluateIndicator, unitsOfPeriod, type EvalContext, type UnitAggregate } from './indicator-eval.ts';
import { IndicatorSchema } from './plan-schema.ts';
import { Structure, type VersionRow } from './structure.ts';

const v = (unitId: number, code: string, kind: VersionRow['kind'], name: string, parentId: number | null) => ({
  unitId,
  code,
  kind,
  name,
  parentId,
  from: '2020-01-01',
  to: null,
});

// a province with two districts; three communes (two in the first district) and a department
const structure = new Structure([
  v(1, 'P', 'province', 'Tỉnh Thử', null),
  v(2, 'D1', 'district', 'Huyện Ân Thi', 1),
  v(3, 'D2', 'district', 'Huyện Đông Anh', 1),
  v(4, 'C1', 'commune', 'Xã Bình Minh', 2),
  v(5, 'C2', 'commune', 'Xã An Hòa', 2),
  v(6, 'C3', 'commune', 'Xã Yên Lạc', 3),
  v(7, 'S1', 'department', 'Sở Văn hóa', 1),
]);
const aggregates = new Map<number, UnitAggregate>([
  [4, { count: 2, hits: 1, sum: 40 }],
  [5, { count: 1, hits: 1, sum: 15 }],
  [6, { count: 1, hits: 0, sum: 5 }],
  [7, { count: 3, hits: 2, sum: 100 }],
]);
const base: EvalContext = { year: 2024, structure, aggregates, rootId: null, areaLevel: 'district' };
const common = { title: { vi: 'Chỉ tiêu', en: 'Indicator' }, source: 'communication_session' };
const defs = [
  { ...common, code: 'A', kind: 'area_share', threshold: 3 },
  { ...common, code: 'U', kind: 'unit_share', unitKinds: ['commune'], threshold: 2 },
  { ...common, code: 'R', kind: 'record_share', where: { field: 'x', op: 'eq', value: true } },
  { ...common, code: 'C', kind: 'count' },
  { ...common, code: 'S', kind: 'sum', field: 'participants' },
].map((d) => IndicatorSchema.parse(d));

describe('evaluateIndicator', () => {
  it('counts an area when its units together reach the threshold', () => {
    const r = evaluateIndicator(defs[0]!, base);
    // D1: 2 + 1 = 3 sessions (passes); D2: 1 (does not); the department sits in no district
    expect([r.numerator, r.denominator, r.value]).toEqual([1, 2, 0.5]);
    expect(r.rows.map((x) => [x.code, x.count, x.passes])).toEqual([
      ['D2', 1, false],
      ['D1', 3, true],
    ]);
  });

  it.each(defs.map((d) => [d.kind, d] as const))(
    '%s: the figure alone equals the figure with its rows',
    (_kind, def) => {
      const full = evaluateIndicator(def, base);
      const bare = evaluateIndicator(def, { ...base, detail: false });
      expect(bare).toMatchObject({ value: full.value, numerator: full.numerator, denominator: full.denominator });
      expect(bare.reason).toEqual(full.reason);
      expect(bare.rows).toEqual([]);
      expect(full.value).not.toBeNull();
    },
  );

  it('areas of a shared list of units: each level its own, the same figures as a list made afresh', () => {
    // the evaluator hands every indicator of a period the same list of units: the areas found for one
    // level must not answer for another, nor for other aggregates
    const units = unitsOfPeriod(base);
    const groups = { groups: [{ code: 'N', name: 'Nhóm Bình Minh – Yên Lạc', communes: ['C1', 'C3'] }] };
    const figures = (c: EvalContext) => {
      const r = evaluateIndicator(defs[0]!, c);
      return [r.numerator, r.denominator, r.rows.map((x) => [x.code, x.count])];
    };
    for (let round = 0; round < 2; round++) {
      expect(figures({ ...base, units })).toEqual([
        1,
        2,
        [
          ['D2', 1],
          ['D1', 3],
        ],
      ]);
      // C1 (2) + C3 (1) = 3 sessions: the group passes
      expect(figures({ ...base, units, areaLevel: groups })).toEqual([1, 1, [['N', 3]]]);
      const fewer = new Map([[4, { count: 1, hits: 0, sum: 0 }]]);
      expect(figures({ ...base, units, aggregates: fewer, areaLevel: groups })).toEqual([0, 1, [['N', 1]]]);
      expect(figures({ ...base, units, aggregates: fewer })).toEqual(figures({ ...base, aggregates: fewer }));
    }
  });

  it('says there is no district-level area, with or without rows', () => {
    const none = { ...base, rootId: 7 };
    for (const detail of [true, false]) {
      const r = evaluateIndicator(defs[0]!, { ...none, detail });
      expect(r.value).toBeNull();
      expect(r.reason?.vi).toContain('Không có địa bàn cấp huyện');
    }
  });
});
