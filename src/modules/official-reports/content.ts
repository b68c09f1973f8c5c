import {
  isEmptyReport,
  reportPeriods,
  reportTitle,
  type IndicatorLine,
  type ReportContent,
  type ReportKind,
  type TaskLine,
} from '../../core/official-report.ts';
import { AppError } from '../../core/errors.ts';
import { parsePeriodKey, type Period } from '../../core/periods.ts';
import { recordType } from '../../core/records/types.ts';
import type { Status } from '../../core/status.ts';
import { todayInVietnam } from '../../core/dates.ts';
import type { Ctx } from '../context.ts';
import { indicatorDetail, indicatorSeries, indicatorSummaries } from '../indicators/service.ts';
import { getPlan } from '../plans/service.ts';
import { completeness } from '../reports/service.ts';
import { getUnitByCode, getUnitRow, listUnitsAsOf } from '../units/repository.ts';
import * as repo from './repository.ts';

export interface ReportRequest {
  kind: ReportKind;
  year: number;
  area?: { id?: number | undefined; code?: string | undefined } | undefined;
}

const SESSION_LABEL = 'Buổi truyền thông trực tiếp';

/** The plan's half-year and yearly periods: the shortest window and the longest one. */
function periodCodes(periods: { code: string; start: string; end: string }[], year: number, of: PeriodOf) {
  const length = (code: string) => {
    const p = of(code, year)!;
    return Date.parse(p.to) - Date.parse(p.from);
  };
  const sorted = [...periods].sort((a, b) => length(a.code) - length(b.code));
  return { half: sorted.length > 1 ? sorted[0]!.code : null, year: sorted[sorted.length - 1]!.code };
}
type PeriodOf = (code: string, year: number) => Period | null;

/** The area of a report and every unit in it on any of the given dates (a review spans the 2025 reform). */
async function areaUnits(ctx: Ctx, request: ReportRequest['area'], dates: string[]) {
  if (!request || (request.id === undefined && !request.code)) return { area: null, unitIds: null };
  const row = request.code ? await getUnitByCode(ctx.db, request.code) : await getUnitRow(ctx.db, request.id!);
  if (!row) throw new AppError('VALIDATION', 'Địa bàn: không tồn tại', { area: 'không tồn tại' });
  const ids = new Set<number>();
  let name: string | null = null;
  for (const asOf of dates) {
    const at = row.valid_to && row.valid_to < asOf ? row.valid_to : asOf;
    if (at < row.valid_from) continue;
    const { items } = await listUnitsAsOf(ctx.db, { asOf: at, withinId: row.id, limit: 1_000_000, offset: 0 });
    for (const u of items) ids.add(u.id);
    name = items.find((u) => u.id === row.id)?.name ?? name;
  }
  if (name === null)
    throw new AppError('VALIDATION', `Địa bàn ${row.code} không tồn tại trong kỳ báo cáo`, {
      area: 'không tồn tại trong kỳ báo cáo',
    });
  return { area: { id: row.id, code: row.code, name }, unitIds: [...ids] };
}

/**
 * Gathers a report's figures from the data: every indicator of the plan for the year (and, for a review,
 * every year since the plan began), the activities of the task groups in the reporting window, the Action
 * Month, the models, the completeness of unit reports and what units wrote under difficulties and proposals.
 */
export async function gatherContent(ctx: Ctx, request: ReportRequest): Promise<ReportContent> {
  const { plan, version } = await getPlan(ctx);
  const { kind, year } = request;
  if (year < plan.period.from || year > plan.period.to)
    throw new AppError('VALIDATION', `Năm: ngoài thời gian của kế hoạch (${plan.period.from}–${plan.period.to})`, {
      year: `ngoài ${plan.period.from}–${plan.period.to}`,
    });
  const of: PeriodOf = (code, y) => parsePeriodKey(`${y}-${code}`, plan.reporting.periods, plan.reporting.holidays);
  const codes = periodCodes(plan.reporting.periods, year, of);
  if (kind === 'half_year' && !codes.half)
    throw new AppError('VALIDATION', 'Loại báo cáo: kế hoạch không có kỳ báo cáo 6 tháng', {
      kind: 'không có kỳ 6 tháng',
    });
  const periods = reportPeriods(kind, year, plan.period.from, of, codes);
  const from = periods[0]!.from;
  const to = periods[periods.length - 1]!.to;
  const { area, unitIds } = await areaUnits(
    ctx,
    request.area,
    periods.map((p) => p.to),
  );
  const scope = { year, area: area ? { id: area.id } : undefined };

  const summaries = await indicatorSummaries(ctx, scope);
  const series =
    kind === 'review'
      ? new Map(
          await Promise.all(
            summaries.map(
              async (s) =>
                [
                  s.code,
                  (await indicatorSeries(ctx, s.code, plan.period.from, year, { area: scope.area })).points.map(
                    (p) => ({
                      year: p.year,
                      value: p.value,
                    }),
                  ),
                ] as const,
            ),
          ),
        )
      : null;
  const goals = plan.goals.map((g) => ({
    code: g.code,
    title: g.title.vi,
    indicators: summaries
      .filter((s) => s.goal === g.code)
      .map((s): IndicatorLine => ({
        code: s.code,
        title: s.title,
        isShare: s.isShare,
        value: s.value,
        target: s.target,
        numerator: s.numerator,
        denominator: s.denominator,
        status: s.status as Status,
        rule: s.statusRule.vi,
        reason: s.reason?.vi ?? null,
        ...(series ? { years: series.get(s.code) ?? [] } : {}),
      })),
  }));

  const byType = await repo.approvedByType(ctx.db, unitIds, from, to);
  const tasks = plan.taskGroups.map((t) => ({
    code: t.code,
    title: t.title.vi,
    lines: byType
      .filter((b) => (b.type === 'communication_session' ? 'T1' : recordType(b.type)?.task) === t.code)
      .map((b): TaskLine => ({
        type: b.type,
        label: b.type === 'communication_session' ? SESSION_LABEL : (recordType(b.type)?.vi ?? b.type),
        approved: b.n,
        participants: b.participants,
        female: b.female,
        units: b.units,
      })),
  }));

  const completenessRows = [];
  for (const p of kind === 'yearly' && codes.half ? [of(codes.half, year)!, ...periods] : periods) {
    const c = await completeness(ctx, p.key, area?.id);
    completenessRows.push({
      period: p.key,
      label: p.vi,
      expected: c.summary.expected,
      complete: c.summary.complete,
      onTime: c.summary.onTime,
    });
  }
  const notes = await repo.periodicNotes(
    ctx.db,
    completenessRows.map((c) => c.period),
    unitIds,
    to,
  );
  const partial = {
    goals,
    tasks,
    ...(kind === 'half_year'
      ? { actionMonth: null }
      : { actionMonth: { year, ...(await repo.actionMonth(ctx.db, year, unitIds)) } }),
  };
  return {
    kind,
    year,
    from,
    to,
    periods: completenessRows.map((c) => c.period),
    title: reportTitle(kind, year, { ...plan.period, title: plan.name.vi }),
    area,
    planId: plan.id,
    planVersion: version,
    generatedAt: new Date().toISOString(),
    provisional: to >= todayInVietnam() || year >= Number(todayInVietnam().slice(0, 4)),
    ...partial,
    models: await repo.models(ctx.db, from, to, unitIds),
    completeness: completenessRows,
    difficulties: notes
      .filter((n) => n.difficulties.trim())
      .map((n) => ({ unit: n.unit, kind: n.kind, text: n.difficulties.trim() })),
    proposals: notes
      .filter((n) => n.proposals.trim())
      .map((n) => ({ unit: n.unit, kind: n.kind, text: n.proposals.trim() })),
    empty: isEmptyReport(partial),
  };
}

/** The units behind every indicator of a report's year and area: the annex's second sheet. */
export async function unitsBehind(ctx: Ctx, content: ReportContent) {
  const scope = { year: content.year, area: content.area ? { id: content.area.id } : undefined };
  const out = [];
  for (const i of content.goals.flatMap((g) => g.indicators)) {
    const d = await indicatorDetail(ctx, i.code, scope);
    out.push({ code: i.code, title: i.title, kind: d.kind, value: d.value, rows: d.rows });
  }
  return out;
}
