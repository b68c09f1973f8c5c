import { todayInVietnam } from '../../core/dates.ts';
import type { Ctx } from '../context.ts';
import { promiseCache } from '../memo.ts';
import { dataVersions } from '../units/repository.ts';
import { indicatorSummaries, type IndicatorQuery } from './service.ts';

const cache = promiseCache<Awaited<ReturnType<typeof indicatorSummaries>>>(100);

/**
 * The indicator table of a plan, cached per query, per version of the data (migration 0016: every statement
 * that writes the unit tree, the plan or what indicators read makes a new version) and per day (some
 * sources count what is in force today). Readers that arrive while the table is being computed share that
 * computation: the embedded database answers one query at a time, so fifty dashboards opened at once cost
 * one evaluation. The versions are read before the figures, so a cached table is never older than its key.
 * The tables are shared: callers must not change them.
 */
export async function cachedIndicatorSummaries(ctx: Ctx, q: IndicatorQuery) {
  const v = await dataVersions(ctx.db);
  return cache(ctx.db, JSON.stringify([v.units, v.data, todayInVietnam(), q]), () => indicatorSummaries(ctx, q, v));
}
