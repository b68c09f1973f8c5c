import type { IndicatorDef } from './plan-schema.ts';
import { SOURCES } from './sources.ts';
import type { Structure } from './structure.ts';
import { evaluateUnitShare, share, type ShareGroup } from './unit-share.ts';

/**
 * What the database returns per unit for one indicator and period: records matching the indicator's
 * filter (`count`), of those the ones with the record-share property (`hits`), and the summed field.
 */
export interface UnitAggregate {
  count: number;
  hits: number;
  sum: number;
}

export interface DrillRow {
  id: number;
  code: string;
  name: string;
  kind: string;
  areaName: string | null;
  /** the unit's (or area's) own figure: records counted, hits, or the sum */
  count: number;
  total?: number;
  passes: boolean | null;
  /** what the figure means for this unit, when a count does not say it (an agency's adoption level) */
  note?: string;
}

export interface IndicatorValue {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  isShare: boolean;
  rows: DrillRow[];
  byKind: ShareGroup[];
  byArea: ShareGroup[];
  /** why there is no value, when there is none */
  reason: { vi: string; en: string } | null;
  /** a change against a baseline survey: the 95% interval of the value (its lower bound is what is judged) */
  interval?: { low: number; high: number };
  /** …and the waves behind it */
  survey?: {
    baselineWaveId: number;
    followupWaveId: number;
    scale: string;
    baseline: { n: number; mean: number | null; se: number | null };
    followup: { n: number; mean: number | null; se: number | null };
    verdict: string | null;
    nearCeiling: boolean;
  };
}

export type AreaLevel = 'district' | 'commune' | { groups: { code: string; name: string; communes: string[] }[] };

export interface EvalContext {
  year: number;
  structure: Structure;
  aggregates: ReadonlyMap<number, UnitAggregate>;
  /** restrict to units in this area (on their reference date) */
  rootId: number | null;
  /** what counts as a district-level area at the end of the period: a level, or named groups of communes */
  areaLevel: AreaLevel;
  /** restrict to units of these kinds */
  kinds?: ReadonlySet<string> | undefined;
  /**
   * Restated view: read every unit on this date (today's structure) instead of the structure of the
   * year; aggregates have been carried to the units in force then (see restate.ts), and what belonged
   * to dissolved units is in `dissolved`, counted in whole-database totals.
   */
  restatedOn?: string | undefined;
  dissolved?: UnitAggregate | undefined;
  /** unitsOfPeriod(c), when the caller already has it */
  units?: PeriodUnit[] | undefined;
  /** false: the figure only, without the sorted rows and groups behind it (tables of many indicators) */
  detail?: boolean | undefined;
}

const collator = new Intl.Collator('vi', { numeric: true });
const ZERO: UnitAggregate = { count: 0, hits: 0, sum: 0 };

export interface PeriodUnit {
  id: number;
  code: string;
  name: string;
  kind: string;
  ref: string;
  area: { id: number; name: string } | null;
}

/**
 * Units of the period in scope, with their reference date (the last day of the year they were in
 * force, or the restatement date) and their area then. The same for every indicator of a year, so
 * callers compute it once and pass it in `EvalContext.units`.
 */
export function unitsOfPeriod(c: Omit<EvalContext, 'aggregates' | 'areaLevel' | 'units'>): PeriodUnit[] {
  const end = c.restatedOn ?? `${c.year}-12-31`;
  const out: PeriodUnit[] = [];
  for (const id of c.structure.unitIds()) {
    const last = c.restatedOn ? c.structure.at(id, c.restatedOn) : c.structure.lastIn(id, end);
    if (!last || (c.kinds && !c.kinds.has(last.kind))) continue;
    const ref = last.to !== null && last.to < end ? last.to : end;
    if (c.rootId !== null && !c.structure.isWithin(id, c.rootId, ref)) continue;
    out.push({ id, code: last.code, name: last.name, kind: last.kind, ref, area: c.structure.areaOf(id, ref) });
  }
  return out;
}

function groupSums(rows: { key: string; name: string; num: number; den: number }[]): ShareGroup[] {
  const m = new Map<string, ShareGroup>();
  for (const r of rows) {
    const g = m.get(r.key) ?? { key: r.key, name: r.name, numerator: 0, denominator: 0, value: null };
    g.numerator += r.num;
    g.denominator += r.den;
    m.set(r.key, g);
  }
  return [...m.values()]
    .map((g) => ({ ...g, value: share(g.numerator, g.denominator) }))
    .sort((a, b) => collator.compare(a.name, b.name));
}

const NO_SOURCE = (def: IndicatorDef) => ({
  vi: `Chưa có dữ liệu: hệ thống chưa ghi nhận loại hồ sơ "${SOURCES[def.source].title.vi}".`,
  en: `No data: the product does not keep "${SOURCES[def.source].title.en}" records yet.`,
});

/**
 * Evaluates one indicator over per-unit aggregates, on the structure of the period.
 * - unit_share: share of expected units (kinds in force in the year) whose count reaches the threshold;
 * - area_share: share of district-level areas whose units together reach the threshold;
 * - record_share: hits / count over the units in scope;
 * - count, sum: totals over the units in scope (no denominator);
 * - level_share: share of expected units (media agencies in force in the year) whose adoption level reaches
 *   the indicator's (the aggregate's count is 1 then; its sum is the level's rank + 1, 0 without assessment);
 * - change_vs_baseline: measured by survey waves, not from units' aggregates (modules/surveys/indicator.ts);
 *   here it has no value.
 * @example count over units A (3 records) and B (2) in scope → value 5, rows A:3, B:2
 */
export function evaluateIndicator(def: IndicatorDef, c: EvalContext): IndicatorValue {
  const empty = (reason: IndicatorValue['reason'], isShare: boolean): IndicatorValue => ({
    value: null,
    numerator: null,
    denominator: null,
    isShare,
    rows: [],
    byKind: [],
    byArea: [],
    reason,
  });
  const isShare = def.kind !== 'count' && def.kind !== 'sum';
  if (!SOURCES[def.source].available) return empty(NO_SOURCE(def), isShare);
  const units = c.units ?? unitsOfPeriod(c);
  const agg = (id: number) => c.aggregates.get(id) ?? ZERO;

  if (def.kind === 'unit_share' || def.kind === 'level_share') {
    // an agency reaches a level when its aggregate counts 1 (modules/media/levels.ts): a unit share, threshold 1
    const threshold = def.kind === 'unit_share' ? def.threshold : 1;
    const v = unitShare(def.unitKinds, threshold, units, agg, c.detail !== false, isShare);
    if (def.kind === 'level_share')
      v.rows = v.rows.map((r) => ({ ...r, note: LEVEL_NOTES[Math.min(agg(r.id).sum, 3)]! }));
    return v;
  }

  if (def.kind === 'area_share') {
    // the areas of the end of the period (for 2025: communes, or the province's groups of communes)
    const end = c.restatedOn ?? `${c.year}-12-31`;
    const level = c.areaLevel;
    const areas =
      typeof level === 'string'
        ? units.filter((u) => u.kind === level && u.ref === end)
        : level.groups.map((g, i) => ({
            id: -(i + 1),
            code: g.code,
            name: g.name,
            kind: 'group',
            ref: end,
            area: null,
          }));
    const totals = new Map<number, number>(areas.map((a) => [a.id, 0]));
    for (const [unit, inArea] of areaOfEachUnit(units, c.structure, level, totals)) {
      totals.set(inArea, totals.get(inArea)! + agg(unit).count);
    }
    if (c.detail === false) {
      // the figure alone: no rows to build and sort
      const numerator = areas.filter((a) => totals.get(a.id)! >= def.threshold).length;
      const value = share(numerator, areas.length);
      const reason = areas.length === 0 ? NO_AREA : null;
      return { value, numerator, denominator: areas.length, isShare, rows: [], byKind: [], byArea: [], reason };
    }
    const rows: DrillRow[] = areas
      .map((a) => ({
        id: a.id,
        code: a.code,
        name: a.name,
        kind: a.kind,
        areaName: a.name,
        count: totals.get(a.id)!,
        passes: totals.get(a.id)! >= def.threshold,
      }))
      .sort((a, b) => Number(a.passes) - Number(b.passes) || collator.compare(a.name, b.name));
    const numerator = rows.filter((r) => r.passes).length;
    return {
      value: share(numerator, rows.length),
      numerator,
      denominator: rows.length,
      isShare,
      rows,
      byKind: groupSums(rows.map((r) => ({ key: r.kind, name: r.kind, num: r.passes ? 1 : 0, den: 1 }))),
      byArea: groupSums(rows.map((r) => ({ key: String(r.id), name: r.name, num: r.passes ? 1 : 0, den: 1 }))),
      reason: rows.length === 0 ? NO_AREA : null,
    };
  }

  if (def.kind === 'record_share' || def.kind === 'count' || def.kind === 'sum') {
    const figure = (a: UnitAggregate) =>
      def.kind === 'record_share' ? a.hits : def.kind === 'count' ? a.count : a.sum;
    const scoped = units.filter((u) => c.aggregates.has(u.id));
    // records of dissolved units have no place in today's tree, but still count in the whole
    const extra = c.dissolved && c.rootId === null && !c.kinds ? c.dissolved : ZERO;
    const numerator = scoped.reduce((s, u) => s + figure(agg(u.id)), 0) + figure(extra);
    const denominator =
      def.kind === 'record_share' ? scoped.reduce((s, u) => s + agg(u.id).count, 0) + extra.count : null;
    const value = def.kind === 'record_share' ? share(numerator, denominator!) : numerator;
    const reason =
      def.kind === 'record_share' && denominator === 0
        ? { vi: 'Không có hồ sơ nào trong năm.', en: 'No records in the year.' }
        : null;
    if (c.detail === false) return { value, numerator, denominator, isShare, rows: [], byKind: [], byArea: [], reason };
    const rows: DrillRow[] = scoped
      .map((u) => ({
        id: u.id,
        code: u.code,
        name: u.name,
        kind: u.kind,
        areaName: u.area?.name ?? null,
        count: figure(agg(u.id)),
        ...(def.kind === 'record_share' ? { total: agg(u.id).count } : {}),
        passes: null,
      }))
      .sort((a, b) => b.count - a.count || collator.compare(a.name, b.name));
    if (extra.count > 0) {
      rows.push({
        id: -1,
        code: '—',
        name: 'Đơn vị đã giải thể, không có đơn vị kế thừa',
        kind: 'other',
        areaName: null,
        count: figure(extra),
        ...(def.kind === 'record_share' ? { total: extra.count } : {}),
        passes: null,
      });
    }
    const parts = scoped.map((u) => ({
      u,
      num: figure(agg(u.id)),
      den: def.kind === 'record_share' ? agg(u.id).count : 0,
    }));
    return {
      value,
      numerator,
      denominator,
      isShare,
      rows,
      reason,
      byKind: groupSums(parts.map((p) => ({ key: p.u.kind, name: p.u.kind, num: p.num, den: p.den }))),
      byArea: groupSums(
        parts.map((p) => ({ key: String(p.u.area?.id ?? ''), name: p.u.area?.name ?? '', num: p.num, den: p.den })),
      ),
    };
  }
  return empty(NO_SOURCE(def), isShare);
}

/**
 * Each unit's area (unit id → area id: the nearest unit above it, itself included, among `areaIds`; or the
 * index of the group naming one of its ancestors' codes), units in no area left out. The same for every area
 * indicator of a period, so it is kept per list of units and structure (the evaluator shares both between
 * indicators and readers): the whole country's 12,000 units otherwise walk their chains once per indicator.
 */
function areaOfEachUnit(
  units: PeriodUnit[],
  structure: Structure,
  level: AreaLevel,
  areaIds: ReadonlyMap<number, unknown>,
): Map<number, number> {
  const key = typeof level === 'string' ? level : JSON.stringify(level.groups);
  let byLevel = AREA_MEMO.get(units)?.get(structure);
  if (!byLevel) {
    byLevel = new Map();
    const byStructure = AREA_MEMO.get(units) ?? new WeakMap();
    byStructure.set(structure, byLevel);
    AREA_MEMO.set(units, byStructure);
  }
  const known = byLevel.get(key);
  if (known) return known;
  const groupOf = new Map<string, number>(
    typeof level === 'string'
      ? []
      : level.groups.flatMap((g, i) => g.communes.map((code) => [code, -(i + 1)] as [string, number])),
  );
  const out = new Map<number, number>();
  for (const u of units) {
    const chain = structure.chain(u.id, u.ref);
    const inArea =
      typeof level === 'string'
        ? chain.find((v) => areaIds.has(v.unitId))?.unitId
        : chain.map((v) => groupOf.get(v.code)).find((g) => g !== undefined);
    if (inArea !== undefined) out.set(u.id, inArea);
  }
  byLevel.set(key, out);
  return out;
}

const AREA_MEMO = new WeakMap<PeriodUnit[], WeakMap<Structure, Map<string, Map<number, number>>>>();

/** What an agency's aggregate says of its level (sum = the level's rank + 1, 0 without assessment). */
const LEVEL_NOTES = ['Chưa có bản tự đánh giá', 'Chưa áp dụng', 'Thí điểm', 'Chính thức'];

const NO_AREA = { vi: 'Không có địa bàn cấp huyện nào trong năm.', en: 'No district-level area in the year.' };
const NO_UNITS = {
  vi: 'Không có đơn vị nào thuộc diện phải thực hiện trong năm.',
  en: 'No unit was expected in the year.',
};

/** Share of expected units (of `kinds`) whose count reaches `threshold`; without detail, the figure only. */
function unitShare(
  kinds: readonly string[],
  threshold: number,
  units: PeriodUnit[],
  agg: (id: number) => UnitAggregate,
  detail: boolean,
  isShare: boolean,
): IndicatorValue {
  const expected = units.filter((u) => kinds.includes(u.kind));
  if (!detail) {
    const numerator = expected.filter((u) => agg(u.id).count >= threshold).length;
    const value = share(numerator, expected.length);
    const reason = value === null ? NO_UNITS : null;
    return { value, numerator, denominator: expected.length, isShare, rows: [], byKind: [], byArea: [], reason };
  }
  const r = evaluateUnitShare(
    expected.map((u) => ({
      id: u.id,
      code: u.code,
      name: u.name,
      kind: u.kind,
      areaId: u.area?.id ?? null,
      areaName: u.area?.name ?? null,
    })),
    new Map(expected.map((u) => [u.id, agg(u.id).count])),
    threshold,
    collator,
  );
  return {
    value: r.value,
    numerator: r.numerator,
    denominator: r.denominator,
    isShare,
    rows: r.rows,
    byKind: r.byKind,
    byArea: r.byArea,
    reason: r.value === null ? NO_UNITS : null,
  };
}
