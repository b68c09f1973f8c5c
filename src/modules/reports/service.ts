import {
  completenessRows,
  ON_TIME_RULE,
  responsibleKinds,
  summarise,
  type CompletenessRow,
} from '../../core/completeness.ts';
import { todayInVietnam } from '../../core/dates.ts';
import { AppError, invalid } from '../../core/errors.ts';
import { parsePeriodKey, periodsBetween, periodsOn, type Period } from '../../core/periods.ts';
import { validatePlan, type Plan } from '../../core/plan-schema.ts';
import { isOffice } from '../../core/permissions.ts';
import { cleanText } from '../../core/text.ts';
import { writeAudit } from '../audit/repository.ts';
import type { Actor, Ctx } from '../context.ts';
import { getPlan } from '../plans/service.ts';
import { getUnitRow, listUnitsAsOf } from '../units/repository.ts';
import { windowSummary } from '../records/summary.ts';
import * as repo from './repository.ts';

/** The reporting periods of the plan that end in its years, each with its window and due day. */
export async function reportingPeriods(
  ctx: Ctx,
): Promise<{ periods: Period[]; current: string | null; lastDue: string | null }> {
  const { plan } = await getPlan(ctx);
  const periods = periodsBetween(plan.reporting.periods, plan.period.from, plan.period.to, plan.reporting.holidays);
  return { periods, ...periodsOn(periods, todayInVietnam()) };
}

export async function periodOrError(ctx: Ctx, key: string): Promise<{ period: Period; plan: Plan }> {
  const { plan } = await getPlan(ctx);
  const period = parsePeriodKey(key, plan.reporting.periods, plan.reporting.holidays);
  if (!period)
    throw invalid({
      period:
        `Kỳ báo cáo: "${key}" không phải kỳ của kế hoạch (dạng NĂM-MÃ, ví dụ ` +
        `${new Date().getFullYear()}-${plan.reporting.periods[0]!.code})`,
    });
  return { period, plan };
}

/**
 * Completeness and timeliness of a period's reports: one row per unit (expected ones from the plan's
 * responsibilities in force at the end of the period, and any other unit that reported), the province
 * summary, a summary by kind of unit, and the rule in words.
 */
/**
 * What a unit's periodic report for a period will be pre-filled with, before it is saved: its records and
 * sessions dated in the period's window, by kind (approved ones counted apart).
 */
export async function reportPrefill(ctx: Ctx, unitId: number, key: string) {
  const { period } = await periodOrError(ctx, key);
  if (!(await getUnitRow(ctx.db, unitId))) throw new AppError('NOT_FOUND', 'Không tìm thấy đơn vị');
  return { period, ...(await windowSummary(ctx.db, unitId, period.from, period.to)) };
}

export async function completeness(ctx: Ctx, key: string, withinId?: number) {
  const { period, plan } = await periodOrError(ctx, key);
  const inForce = await repo.planVersionAsOf(ctx.db, plan.id, period.to);
  const kinds = responsibleKinds(validatePlan(inForce!.definition).taskGroups);
  const units = (await listUnitsAsOf(ctx.db, { asOf: period.to, withinId, limit: 1_000_000, offset: 0 })).items;
  const [exemptions, reports, records] = await Promise.all([
    repo.exemptions(ctx.db, period.key),
    repo.reportStates(ctx.db, period.key),
    repo.recordCountsByUnit(ctx.db, period.from, period.to),
  ]);
  const pick = (u: (typeof units)[number]) => ({ id: u.id, code: u.code, name: u.name, kind: u.kind });
  const rows = completenessRows(
    period,
    units.filter((u) => kinds.includes(u.kind)).map(pick),
    units.filter((u) => !kinds.includes(u.kind)).map(pick),
    exemptions,
    reports,
    records,
  );
  const byKind = kinds
    .map((kind) => ({ kind, ...summarise(rows.filter((r) => r.kind === kind)) }))
    .filter((k) => k.expected > 0 || rows.some((r) => r.kind === k.kind));
  return {
    period,
    planId: plan.id,
    planVersion: inForce!.version,
    responsibleKinds: kinds,
    rule: { vi: ON_TIME_RULE.vi(period.due), en: ON_TIME_RULE.en(period.due) },
    summary: summarise(rows),
    byKind,
    rows: rows satisfies CompletenessRow[],
  };
}

function requireOffice(actor: Actor): void {
  if (!isOffice(actor)) throw new AppError('FORBIDDEN', 'Chỉ cơ quan thường trực được miễn báo cáo');
}

/** Exempts a unit from a period's report, with a reason (audited). */
export async function exempt(ctx: Ctx, actor: Actor, unitId: number, key: string, reason: unknown) {
  requireOffice(actor);
  const { period } = await periodOrError(ctx, key);
  const text = typeof reason === 'string' ? cleanText(reason) : '';
  if (text.length < 3) throw invalid({ reason: 'Lý do miễn: cần ghi lý do (ít nhất 3 ký tự)' });
  if (!(await getUnitRow(ctx.db, unitId))) throw invalid({ unitId: 'Đơn vị: không tồn tại' });
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.getExemption(trx, unitId, period.key);
    await repo.upsertExemption(trx, unitId, period.key, text.slice(0, 500), actor.id);
    await writeAudit(
      trx,
      actor,
      before ? 'update' : 'create',
      'report_exemption',
      `${unitId}:${period.key}`,
      before ?? null,
      { unitId, period: period.key, reason: text },
    );
  });
  return { unitId, period: period.key, reason: text };
}

export async function unexempt(ctx: Ctx, actor: Actor, unitId: number, key: string) {
  requireOffice(actor);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.getExemption(trx, unitId, key);
    if (!before) throw new AppError('NOT_FOUND', 'Đơn vị không được miễn kỳ này');
    await repo.deleteExemption(trx, unitId, key);
    await writeAudit(trx, actor, 'delete', 'report_exemption', `${unitId}:${key}`, before, null);
  });
  return { ok: true };
}
