import { AppError } from '../../core/errors.ts';
import { G1 } from '../../core/indicators.ts';
import { Structure } from '../../core/structure.ts';
import { evaluateUnitShare, type ExpectedUnit, type UnitShareResult } from '../../core/unit-share.ts';
import type { Ctx } from '../context.ts';
import { countSessionsByUnit } from '../sessions/repository.ts';
import { getUnitByCode, getUnitRow, versionsOverlapping } from '../units/repository.ts';

export interface IndicatorSummary {
  code: string;
  year: number;
  area: { id: number; code: string } | null;
  value: number | null;
  numerator: number;
  denominator: number;
  target: number;
  title: string;
}

async function resolveArea(ctx: Ctx, area: { code?: string | undefined; id?: number | undefined }) {
  if (area.code) {
    const u = await getUnitByCode(ctx.db, area.code);
    if (!u) throw new AppError('NOT_FOUND', `Không tìm thấy địa bàn mã "${area.code}"`);
    return u;
  }
  if (area.id !== undefined) {
    const u = await getUnitRow(ctx.db, area.id);
    if (!u) throw new AppError('NOT_FOUND', 'Không tìm thấy địa bàn');
    return u;
  }
  return null;
}

/**
 * G1 for a year, in an area or the whole database: who was expected (on the structure of that year),
 * how many sessions each held, the share that reached the threshold, split by kind and by area.
 */
export async function computeG1(ctx: Ctx, year: number, area: { code?: string | undefined; id?: number | undefined } = {}) {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const root = await resolveArea(ctx, area);
  const [versions, counts] = await Promise.all([versionsOverlapping(ctx.db, from, to), countSessionsByUnit(ctx.db, from, to)]);
  const structure = new Structure(versions);
  const kinds = new Set<string>(G1.kinds);
  const expected: ExpectedUnit[] = [];
  for (const unitId of structure.unitIds()) {
    const last = structure.lastIn(unitId, to);
    if (!last || !kinds.has(last.kind)) continue;
    const ref = last.to !== null && last.to < to ? last.to : to;
    if (root && !structure.isWithin(unitId, root.id, ref)) continue;
    const a = structure.areaOf(unitId, ref);
    expected.push({ id: unitId, code: last.code, name: last.name, kind: last.kind, areaId: a?.id ?? null, areaName: a?.name ?? null });
  }
  const result: UnitShareResult = evaluateUnitShare(expected, counts, G1.threshold);
  return {
    code: G1.code,
    year,
    area: root ? { id: root.id, code: root.code } : null,
    title: G1.title.vi,
    rule: G1.rule.vi,
    target: G1.target,
    ...result,
  };
}

export async function indicatorSummaries(ctx: Ctx, year: number, areaCode?: string): Promise<IndicatorSummary[]> {
  const g1 = await computeG1(ctx, year, { code: areaCode });
  return [{ code: g1.code, year, area: g1.area, value: g1.value, numerator: g1.numerator, denominator: g1.denominator, target: g1.target, title: g1.title }];
}

/** G1 for each year of a range, for the trend chart. */
export async function g1Series(ctx: Ctx, fromYear: number, toYear: number, area: { id?: number | undefined } = {}) {
  const out = [];
  for (let y = fromYear; y <= toYear; y++) {
    const r = await computeG1(ctx, y, area);
    out.push({ year: y, value: r.value, numerator: r.numerator, denominator: r.denominator, target: r.target });
  }
  return out;
}
