import { describeIndicator } from '../../core/describe.ts';
import { AppError } from '../../core/errors.ts';
import {
  evaluateIndicator,
  unitsOfPeriod,
  type AreaLevel,
  type IndicatorValue,
  type PeriodUnit,
  type UnitAggregate,
} from '../../core/indicator-eval.ts';
import { planIndicators, type IndicatorDef, type Plan } from '../../core/plan-schema.ts';
import { restateAggregates } from '../../core/restate.ts';
import { judge, needsHistory, type Judgement } from '../../core/status.ts';
import { Structure, type VersionRow } from '../../core/structure.ts';
import { todayInVietnam } from '../../core/dates.ts';
import type { Ctx } from '../context.ts';
import { getPlan } from '../plans/service.ts';
import { allSuccessorLinks, dataVersions, getUnitByCode, getUnitRow, type DataVersions } from '../units/repository.ts';
import { cachedStructure, cachedVersions } from '../units/tree-cache.ts';
import { promiseCache } from '../memo.ts';
import { levelAggregates } from '../media/levels.ts';
import { awarenessValue } from '../surveys/indicator.ts';
import { SOURCES } from '../../core/sources.ts';
import { sourceAggregates, type YearlyAggregates } from './repository.ts';

export interface AreaRef {
  code?: string | undefined;
  id?: number | undefined;
}

async function resolveArea(ctx: Ctx, area: AreaRef) {
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

/** What counts as a district-level area at the end of a year, by the plan's dated choices. */
function areaLevelAt(plan: Plan, year: number): AreaLevel {
  const end = `${year}-12-31`;
  const choice = [...plan.areaLevels]
    .sort((a, b) => (a.from < b.from ? -1 : 1))
    .filter((l) => l.from <= end)
    .pop();
  if (!choice) return 'district';
  return choice.level === 'group' ? { groups: choice.groups ?? [] } : choice.level;
}

/**
 * The units of a period, per version of the unit tree (every reader of a year's table shares them; they
 * are never changed once made).
 */
const periodUnitsCache = promiseCache<PeriodUnit[]>(60);

/** How figures are read: the structure, the kinds of unit, which records. */
export interface View {
  /** restate history on the structure in force on this date (through successor links) */
  restateOn?: string | undefined;
  /** only units of these kinds */
  kinds?: string[] | undefined;
  /** count records waiting for approval (submitted) besides the approved ones: provisional figures */
  includePending?: boolean | undefined;
}

/**
 * Evaluates indicators of one plan, caching the structure and units of each year so that a table of
 * every indicator (and the years a trend needs) reads the unit tree once per year and the records once
 * per source.
 */
class Evaluator {
  private readonly structures = new Map<string, Promise<Structure>>();
  private readonly periodUnits = new Map<string, Promise<PeriodUnit[]>>();
  private prepared: Promise<YearlyAggregates> | null = null;
  private readonly extra = new Map<string, Promise<YearlyAggregates>>();
  private links: ReturnType<typeof allSuccessorLinks> | null = null;
  private rangeVersions: Promise<VersionRow[]> | null = null;

  /**
   * @param defs the indicators that will be asked for, and [fromYear, toYear] the years: their
   *   records are read in one grouped scan per source, restricted to the area's units.
   */
  constructor(
    private readonly ctx: Ctx,
    private readonly plan: Plan,
    private readonly rootId: number | null,
    private readonly view: View,
    private readonly defs: IndicatorDef[],
    private readonly fromYear: number,
    private readonly toYear: number,
    /** the version of the unit tree, read once with the plan: every cache of the tree below keys on it */
    private readonly unitsVersion: number,
  ) {}

  private kinds(): Set<string> | undefined {
    return this.view.kinds?.length ? new Set(this.view.kinds) : undefined;
  }

  private async versions(from: string, to: string): Promise<VersionRow[]> {
    // an area reads its own subtree; a restated view needs the whole tree (predecessors may sit anywhere)
    const root = this.view.restateOn ? null : this.rootId;
    return cachedVersions(this.ctx.db, from, to, root, this.unitsVersion);
  }

  /** A year of a trend: its structure is cut from the versions of the whole range, read in one query. */
  private inRange(year: number): boolean {
    return !this.view.restateOn && this.toYear > this.fromYear && year >= this.fromYear && year <= this.toYear;
  }

  private structure(year: number): Promise<Structure> {
    const on = this.view.restateOn;
    const [from, to] = on ? [on, on] : [`${year}-01-01`, `${year}-12-31`];
    let s = this.structures.get(from);
    if (!s) {
      if (this.inRange(year)) {
        // a trend: the versions of the whole range in one query, each year's those that overlap it (the
        // same rows a query per year returns, plus units of the subtree in other years, which
        // unitsOfPeriod leaves out because they sit elsewhere that year)
        this.rangeVersions ??= this.versions(`${this.fromYear}-01-01`, `${this.toYear}-12-31`);
        s = this.rangeVersions.then((all) => new Structure(all.filter((v) => v.from <= to && (v.to ?? to) >= from)));
      } else {
        const root = on ? null : this.rootId;
        s = cachedStructure(this.ctx.db, from, to, root, this.unitsVersion);
      }
      this.structures.set(from, s);
    }
    return s;
  }

  private units(year: number): Promise<PeriodUnit[]> {
    const key = this.view.restateOn ?? String(year);
    let u = this.periodUnits.get(key);
    if (!u) {
      const compute = () =>
        this.structure(year).then((structure) =>
          unitsOfPeriod({ year, structure, rootId: this.rootId, kinds: this.kinds(), restatedOn: this.view.restateOn }),
        );
      // outside a trend, the units of a period are the same for every reader until the unit tree changes
      u = this.inRange(year)
        ? compute()
        : periodUnitsCache(
            this.ctx.db,
            JSON.stringify([
              this.unitsVersion,
              year,
              this.rootId,
              this.view.kinds ?? null,
              this.view.restateOn ?? null,
            ]),
            compute,
          );
      this.periodUnits.set(key, u);
    }
    return u;
  }

  /** Aggregates of some indicators over some years: one grouped scan per source, restricted to the area's units. */
  private async batch(defs: IndicatorDef[], from: number, to: number): Promise<YearlyAggregates> {
    let ids: number[] | null = null;
    if (this.rootId !== null && !this.view.restateOn) {
      const all = new Set<number>();
      for (let y = from; y <= to; y++) for (const u of await this.units(y)) all.add(u.id);
      ids = [...all];
    }
    const bySource = new Map<string, IndicatorDef[]>();
    for (const d of defs) bySource.set(d.source, [...(bySource.get(d.source) ?? []), d]);
    // the sources are read concurrently: on PostgreSQL each query has its own connection, so the server
    // answers one while the client parses another's rows
    const read = await Promise.all(
      [...bySource.values()].map((list) =>
        // adoption levels are decided by the indicator set's criteria (core/media), not by a grouped count
        (list[0]!.source === 'media_indicator_level' ? levelAggregates : sourceAggregates)(
          this.ctx.db,
          list,
          from,
          to,
          ids,
          this.view.includePending === true,
        ),
      ),
    );
    return new Map(read.flatMap((m) => [...m]));
  }

  private aggregatesOf(def: IndicatorDef, year: number): Promise<ReadonlyMap<number, UnitAggregate> | undefined> {
    if (year >= this.fromYear && year <= this.toYear && this.defs.includes(def)) {
      this.prepared ??= this.batch(this.defs, this.fromYear, this.toYear);
      return this.prepared.then((p) => p.get(def.code)?.get(year));
    }
    // an earlier year, asked only when a status needs the trend: read for every indicator of the same source
    // at once (the next indicator of that source will likely ask for the same year), one query per source
    const planned = this.defs.includes(def);
    const together = planned ? this.defs.filter((d) => d.source === def.source) : [def];
    const key = `${planned ? def.source : def.code}@${year}`;
    let one = this.extra.get(key);
    if (!one) {
      one = this.batch(together, year, year);
      this.extra.set(key, one);
    }
    return one.then((p) => p.get(def.code)?.get(year));
  }

  async value(def: IndicatorDef, year: number, detail = true): Promise<IndicatorValue> {
    // awareness is measured by survey waves, not counted from units' records
    if (def.kind === 'change_vs_baseline' && SOURCES[def.source].available)
      return awarenessValue(this.ctx, def, year, this.rootId);
    const on = this.view.restateOn;
    const [structure, units, found] = await Promise.all([
      this.structure(year),
      this.units(year),
      this.aggregatesOf(def, year),
    ]);
    const aggregates: ReadonlyMap<number, UnitAggregate> = found ?? new Map<number, UnitAggregate>();
    const base = {
      year,
      structure,
      units,
      detail,
      rootId: this.rootId,
      kinds: this.kinds(),
      areaLevel: areaLevelAt(this.plan, on ? Number(on.slice(0, 4)) : year),
    };
    if (!on) return evaluateIndicator(def, { ...base, aggregates });
    this.links ??= allSuccessorLinks(this.ctx.db);
    const { carried, dissolved } = restateAggregates(
      aggregates,
      await this.links,
      (id) => structure.at(id, on) !== undefined,
    );
    return evaluateIndicator(def, { ...base, aggregates: carried, restatedOn: on, dissolved });
  }

  /** The value and its judgement; the two years before are read only when the status needs the trend. */
  async judged(def: IndicatorDef, year: number, detail = true): Promise<{ v: IndicatorValue; j: Judgement }> {
    const v = await this.value(def, year, detail);
    // a change measured by a survey is judged by the lower bound of its interval, never by the point estimate
    const value = v.interval ? v.interval.low : v.value;
    const input = { year, value, targets: def.targets, milestones: def.milestones, isShare: v.isShare };
    if (v.interval) {
      const j = judge({ ...input, history: [] });
      const prefix = { vi: 'Theo cận dưới của khoảng tin cậy 95%: ', en: 'By the lower 95% confidence bound: ' };
      return { v, j: { ...j, rule: { vi: prefix.vi + j.rule.vi, en: prefix.en + j.rule.en } } };
    }
    const history = needsHistory(input)
      ? await Promise.all(
          [year - 2, year - 1].map(async (y) => ({ year: y, value: (await this.value(def, y, false)).value })),
        )
      : [];
    return { v, j: judge({ ...input, history }) };
  }
}

function findIndicator(plan: Plan, code: string) {
  const def = planIndicators(plan).find((i) => i.code === code);
  if (!def) throw new AppError('NOT_FOUND', `Kế hoạch không có chỉ tiêu "${code}"`);
  return def;
}

const VIEW_WORDS = {
  period: { vi: 'Theo cơ cấu đơn vị của từng năm.', en: 'On the structure of units of each year.' },
  restated: (on: string) => ({
    vi: `Quy đổi về cơ cấu đơn vị ngày ${on.split('-').reverse().join('/')} qua quan hệ kế thừa (sáp nhập, chia tách).`,
    en: `Restated on the structure of ${on} through successor links (mergers, splits).`,
  }),
};

const withRecords = (w: { vi: string; en: string }, includePending: boolean) =>
  includePending
    ? {
        vi: `${w.vi} Số liệu tạm: tính cả hồ sơ đang chờ duyệt (không tính bản nháp, hồ sơ bị trả lại).`,
        en: `${w.en} Provisional: records awaiting approval included (not drafts or returned records).`,
      }
    : { vi: `${w.vi} Chỉ tính hồ sơ đã duyệt.`, en: `${w.en} Approved records only.` };

const header = (
  def: IndicatorDef & { goal: string },
  planId: string,
  planVersion: number,
  year: number,
  area: { id: number; code: string } | null,
  view: View = {},
) => ({
  code: def.code,
  goal: def.goal,
  kind: def.kind,
  source: def.source,
  title: def.title.vi,
  titles: def.title,
  rule: describeIndicator(def),
  year,
  planId,
  planVersion,
  area,
  // the year is not over, or records not yet approved are counted
  provisional: year >= Number(todayInVietnam().slice(0, 4)) || view.includePending === true,
  yearOpen: year >= Number(todayInVietnam().slice(0, 4)),
  view: {
    restatedOn: view.restateOn ?? null,
    kinds: view.kinds ?? null,
    includePending: view.includePending === true,
    words: withRecords(
      view.restateOn ? VIEW_WORDS.restated(view.restateOn) : VIEW_WORDS.period,
      view.includePending === true,
    ),
  },
});

const judgement = (v: IndicatorValue, j: Judgement) => ({
  value: v.value,
  numerator: v.numerator,
  denominator: v.denominator,
  isShare: v.isShare,
  reason: v.reason,
  ...(v.interval ? { interval: v.interval } : {}),
  ...(v.survey ? { survey: v.survey } : {}),
  target: j.target,
  status: j.status,
  statusRule: j.rule,
  milestone: j.milestone,
  projection: j.projection,
});

export interface IndicatorQuery {
  year: number;
  area?: AreaRef | undefined;
  planId?: string | undefined;
  planVersion?: number | undefined;
  view?: View | undefined;
}

/**
 * The plan asked for and the version of the unit tree, from one read of the data's versions (`versions`: the
 * caller's own read, when it has one): the plan's cache and the evaluator's caches of the tree key on it.
 */
async function planOf(ctx: Ctx, q: Pick<IndicatorQuery, 'planId' | 'planVersion'>, versions?: DataVersions) {
  const v = versions ?? (await dataVersions(ctx.db));
  return { ...(await getPlan(ctx, q.planId, q.planVersion, v)), unitsVersion: v.units };
}

/** Every indicator of the plan for a year and area, with target, status and the plan version. */
export async function indicatorSummaries(ctx: Ctx, q: IndicatorQuery, versions?: DataVersions) {
  const { plan, version, unitsVersion } = await planOf(ctx, q, versions);
  const root = await resolveArea(ctx, q.area ?? {});
  const defs = planIndicators(plan);
  const ev = new Evaluator(ctx, plan, root?.id ?? null, q.view ?? {}, defs, q.year, q.year, unitsVersion);
  // judged concurrently (the evaluator shares every read between them), listed in the plan's order
  return Promise.all(
    defs.map(async (def) => {
      const { v, j } = await ev.judged(def, q.year, false);
      return {
        ...header(def, plan.id, version, q.year, root ? { id: root.id, code: root.code } : null, q.view),
        ...judgement(v, j),
      };
    }),
  );
}

/** One indicator with its drill-down: the units (or areas) behind the number, by kind and by area. */
export async function indicatorDetail(ctx: Ctx, code: string, q: IndicatorQuery) {
  const { plan, version, unitsVersion } = await planOf(ctx, q);
  const def = findIndicator(plan, code);
  const root = await resolveArea(ctx, q.area ?? {});
  const { v, j } = await new Evaluator(
    ctx,
    plan,
    root?.id ?? null,
    q.view ?? {},
    [def],
    q.year,
    q.year,
    unitsVersion,
  ).judged(def, q.year);
  return {
    ...header(def, plan.id, version, q.year, root ? { id: root.id, code: root.code } : null, q.view),
    ...judgement(v, j),
    threshold: 'threshold' in def ? def.threshold : null,
    rows: v.rows,
    byKind: v.byKind,
    byArea: v.byArea,
  };
}

/** One indicator over a range of years, each judged, with the plan's targets and the projection. */
export async function indicatorSeries(
  ctx: Ctx,
  code: string,
  from: number,
  to: number,
  q: Omit<IndicatorQuery, 'year'>,
) {
  const { plan, version, unitsVersion } = await planOf(ctx, q);
  const def = findIndicator(plan, code);
  const root = await resolveArea(ctx, q.area ?? {});
  const ev = new Evaluator(ctx, plan, root?.id ?? null, q.view ?? {}, [def], from - 2, to, unitsVersion);
  const points = [];
  for (let y = from; y <= to; y++) {
    const { v, j } = await ev.judged(def, y, false);
    points.push({
      year: y,
      value: v.value,
      numerator: v.numerator,
      denominator: v.denominator,
      target: j.target,
      status: j.status,
      projection: j.projection,
      milestone: j.milestone,
    });
  }
  return { code, planId: plan.id, planVersion: version, targets: def.targets, milestones: def.milestones, points };
}

/**
 * Every indicator of the plan over a range of years, values only: the leaders' tiles' trend lines. One
 * evaluator reads the records of the whole range once per source, instead of one series per indicator.
 */
export async function indicatorTrends(ctx: Ctx, from: number, to: number, q: Omit<IndicatorQuery, 'year'>) {
  const { plan, version, unitsVersion } = await planOf(ctx, q);
  const root = await resolveArea(ctx, q.area ?? {});
  const defs = planIndicators(plan);
  const ev = new Evaluator(ctx, plan, root?.id ?? null, q.view ?? {}, defs, from, to, unitsVersion);
  const indicators = [];
  for (const def of defs) {
    const points = [];
    for (let y = from; y <= to; y++) points.push({ year: y, value: (await ev.value(def, y, false)).value });
    indicators.push({ code: def.code, points });
  }
  return { planId: plan.id, planVersion: version, from, to, indicators };
}
