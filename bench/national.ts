/**
 * `npm run bench:national`: the indicator engine on a national dataset, on PostgreSQL
 * (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres). Writes
 * bench/results/national-latest.json and, beside it, national-explain-latest.txt (the plan of each query).
 *
 * The dataset grows through the sizes in BENCH_NATIONAL_SIZES (default 1,000,000, 5,000,000 and 20,000,000
 * sessions); at each size, BENCH_NATIONAL_ROUNDS interleaved rounds (default 7) each time a bare count(*)
 * over the sessions (the floor), the whole country's indicators of a year, one province's, and one commune's
 * trend over ten years, and G2's and G6's figures read from their kept spans and through the views they replace,
 * so that every ratio compares figures of the same moments. The span reads do the same work at every size, so
 * their growth (constantWorkGrowthAcrossSizes) is the host's own drift between sizes. The write rate with the
 * aggregates' triggers is measured against the same writes with the triggers disabled, in alternating rounds.
 * BENCH_NATIONAL_REPORT=1 also times the yearly DOCX report (issue 12) at the last size.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type RawBuilder } from 'kysely';
import {
  addNationalModelsAndConventions,
  addNationalRecords,
  addNationalSessions,
  generateNational,
} from '../src/demo/national.ts';
import { planIndicators } from '../src/core/plan-schema.ts';
import { SYSTEM_ACTOR, type Ctx } from '../src/modules/context.ts';
import { aggregateDifferences } from '../src/modules/indicators/aggregates.ts';
import {
  aggregatesFromRows,
  keptAggregatesQuery,
  readsKeptAggregates,
  sourceAggregates,
} from '../src/modules/indicators/repository.ts';
import { indicatorSummaries, indicatorTrends } from '../src/modules/indicators/service.ts';
import { reportAnnex } from '../src/modules/official-reports/annex.ts';
import { gatherContent, unitsBehind } from '../src/modules/official-reports/content.ts';
import { draftDocx, figuresSha256 } from '../src/modules/official-reports/service.ts';
import { getPlan } from '../src/modules/plans/service.ts';
import { importSessions } from '../src/modules/sessions/service.ts';
import { createTestCtx } from '../test/helpers/db.ts';
import { machine, median, timeRuns } from './machine.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const url = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const sizes = (process.env.BENCH_NATIONAL_SIZES || '1000000,5000000,20000000').split(',').map(Number);
const rounds = Number(process.env.BENCH_NATIONAL_ROUNDS || 7);
const unitsFile = path.resolve(here, '../../shared/data/admin-units/vn-2025-07.csv');
const SEED = 11;
const YEAR = 2025;

const ms = (t: number) => Math.round(t * 10) / 10;
const stats = (v: number[]) => ({ minMs: ms(Math.min(...v)), medianMs: ms(median(v)) });
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/**
 * Rows per second of the same writes with the aggregates' triggers and without them, in three alternating
 * rounds: `write(kept)` is timed once with the table's triggers disabled — those rows are then deleted with
 * the triggers still off, so they are never counted nor uncounted — and once with them, and kept.
 */
async function withAndWithout(
  ctx: Ctx,
  rows: number,
  write: (kept: boolean, round: number) => Promise<unknown>,
  table: 'communication_session' | 'unit_record' = 'communication_session',
) {
  const triggers = (on: boolean) =>
    sql`alter table ${sql.table(table)} ${sql.raw(on ? 'enable' : 'disable')} trigger user`.execute(ctx.db);
  const times = { with: [] as number[], without: [] as number[] };
  for (let r = 0; r < 3; r++) {
    const before = await sql<{ id: number }>`select coalesce(max(id), 0) as id from ${sql.table(table)}`.execute(
      ctx.db,
    );
    await triggers(false);
    times.without.push(await timed(() => write(false, r)));
    await sql`delete from ${sql.table(table)} where id > ${before.rows[0]!.id}`.execute(ctx.db);
    await triggers(true);
    times.with.push(await timed(() => write(true, r)));
  }
  const rate = (t: number[]) => Math.round(rows / (median(t) / 1000));
  return { withAggregates: rate(times.with), without: rate(times.without) };
}

/** The write rates with the aggregates' triggers and without: the product's import, one-row inserts, bulk. */
async function writeRates(ctx: Ctx, stored: { n: number }) {
  const unit = await ctx.db.selectFrom('unit').select('id').where('kind', '=', 'commune').executeTakeFirstOrThrow();
  const bulk = 200_000;
  const single = 1_000;
  const bulkInsertSelectRowsPerSecond = await withAndWithout(ctx, bulk, async (kept) => {
    await addNationalSessions(ctx, stored.n, bulk, SEED);
    if (kept) stored.n += bulk;
  });
  const oneRowStatementsPerSecond = await withAndWithout(ctx, single, async () => {
    for (let i = 0; i < single; i++)
      await ctx.db
        .insertInto('communication_session')
        .values({
          unit_id: unit.id,
          date: `${YEAR}-05-05`,
          title: 'Hoạt động mẫu sinh tự động (từng dòng)',
          form: 'conference',
          topics: [],
          target_groups: [],
          participants_total: 30,
          participants_female: 20,
          participants_male: 10,
        })
        .execute();
  });
  // the product's import (a CSV read, checked, written in one transaction with its audit): 5,000 sessions of
  // 500 units
  const codes = (await ctx.db.selectFrom('unit').select('code').where('kind', '=', 'commune').limit(500).execute()).map(
    (u) => u.code,
  );
  const importRows = 5_000;
  const csv = Buffer.from(
    'unit_code,date,title,form,participants_total,participants_female,participants_male\n' +
      Array.from(
        { length: importRows },
        (_, i) =>
          `${codes[i % codes.length]},2024-${String(1 + (i % 12)).padStart(2, '0')}-15,Nhập mẫu ` +
          `${i},conference,30,18,12`,
      ).join('\n'),
  );
  const productImportRowsPerSecond = await withAndWithout(ctx, importRows, () =>
    importSessions(ctx, SYSTEM_ACTOR, csv),
  );
  // records (issue 15, G3): a year of Action Month plans and three activities for every unit, one statement each;
  // each round writes a year of its own (a plan's key is unique per unit and year): 2031, 2032, 2033
  const units = await ctx.db
    .selectFrom('unit')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '<>', 'province')
    .executeTakeFirstOrThrow();
  const recordRows = Number(units.n) * 4;
  const recordsInsertSelectRowsPerSecond = await withAndWithout(
    ctx,
    recordRows,
    (_kept, round) => addNationalRecords(ctx, { from: 2031 + round, to: 2031 + round }, 3),
    'unit_record',
  );
  const r = (x: { withAggregates: number; without: number }) => ratio(x.withAggregates, x.without);
  return {
    productImportRowsPerSecond,
    bulkInsertSelectRowsPerSecond,
    oneRowStatementsPerSecond,
    recordsInsertSelectRowsPerSecond,
    productImportRatio: r(productImportRowsPerSecond),
    bulkRatio: r(bulkInsertSelectRowsPerSecond),
    oneRowRatio: r(oneRowStatementsPerSecond),
    recordsRatio: r(recordsInsertSelectRowsPerSecond),
  };
}

const ctx = await createTestCtx('postgres', url);
const explains: string[] = [];
try {
  const t0 = performance.now();
  const gen = await generateNational(ctx, { unitsFile, records: 0, unitsPerProvince: 255, seed: SEED });
  // every unit's Action Month plan and three activities in each year (the G3 source kept on write)
  await addNationalRecords(ctx, { from: 2021, to: 2030 }, 3);
  // two models and ten conventions per commune (the G2 and G6 sources kept as spans of years)
  await addNationalModelsAndConventions(ctx, { models: 2, conventions: 10 });
  console.log(`[bench] ${gen.units} units and their records in ${Math.round((performance.now() - t0) / 1000)} s`);
  const stored = { n: 0 };
  const writes = await writeRates(ctx, stored);
  console.log('[bench] writes', writes);
  const provinces = (
    await ctx.db.selectFrom('unit').select(['id', 'code']).where('kind', '=', 'province').orderBy('code').execute()
  ).map((p) => p.code);
  const communes = (
    await ctx.db.selectFrom('unit').select('code').where('kind', '=', 'commune').orderBy('code').limit(50).execute()
  ).map((c) => c.code);
  const { plan } = await getPlan(ctx, undefined, undefined);
  const defs = planIndicators(plan);
  const paths = Object.fromEntries(
    defs.map((d) => [
      d.code,
      readsKeptAggregates(d) ? 'kept aggregates' : d.source === 'communication_session' ? 'raw rows' : 'own source',
    ]),
  );
  const sessionDefs = defs.filter((d) => d.source === 'communication_session');
  // G2 and G6: their sources read from the spans kept on write, and through the views they replace
  const spanDefs = defs.filter((d) => d.source === 'effective_model' || d.source === 'convention');
  const spanFigures = async (read: typeof aggregatesFromRows) => {
    for (const d of spanDefs) await read(ctx.db, [d], YEAR, YEAR, null, false);
  };
  const explain = async (title: string, query: RawBuilder<unknown>) => {
    const r = await sql<{ 'QUERY PLAN': string }>`explain (analyze, buffers) ${query}`.execute(ctx.db);
    explains.push(`## ${title}\n${r.rows.map((x) => x['QUERY PLAN']).join('\n')}\n`);
  };

  const bySize = [];
  for (const size of sizes) {
    const t = performance.now();
    if (size > stored.n) await addNationalSessions(ctx, stored.n, size - stored.n, SEED);
    stored.n = Math.max(size, stored.n);
    await sql`vacuum analyze communication_session`.execute(ctx.db);
    await sql`vacuum analyze agg_session`.execute(ctx.db);
    // the records and the Action Month counts, as autovacuum would have them by now
    await sql`vacuum analyze unit_record`.execute(ctx.db);
    await sql`vacuum analyze agg_action_month_activity`.execute(ctx.db);
    await sql`vacuum analyze agg_effective_model`.execute(ctx.db);
    await sql`vacuum analyze agg_convention_span`.execute(ctx.db);
    await sql`vacuum analyze convention`.execute(ctx.db);
    await sql`vacuum analyze convention_finding`.execute(ctx.db);
    const grew = Math.round((performance.now() - t) / 1000);
    const stats0 = await sql<{ sessions: number; groups: number }>`
      select (select count(*) from communication_session) as sessions, (select count(*) from agg_session) as
        groups`.execute(ctx.db);
    console.log(`[bench] ${stats0.rows[0]!.sessions} sessions, ${stats0.rows[0]!.groups} groups (+${grew} s)`);
    const floor: number[] = [];
    const country: number[] = [];
    const province: number[] = [];
    const trend: number[] = [];
    const rawCountry: number[] = [];
    const spansKept: number[] = [];
    const spansViews: number[] = [];
    // a round not counted: the first calls run before V8 has optimised the code
    await indicatorSummaries(ctx, { year: YEAR });
    await indicatorTrends(ctx, 2021, 2030, { area: { code: communes[0] } });
    for (let r = 0; r < rounds; r++) {
      floor.push(await timed(() => sql`select count(*) from communication_session`.execute(ctx.db)));
      country.push(await timed(() => indicatorSummaries(ctx, { year: YEAR })));
      province.push(
        await timed(() => indicatorSummaries(ctx, { year: YEAR, area: { code: provinces[r % provinces.length] } })),
      );
      trend.push(
        await timed(() => indicatorTrends(ctx, 2021, 2030, { area: { code: communes[r % communes.length] } })),
      );
      // the same session figures read from the raw rows, as before issue 15
      rawCountry.push(await timed(() => aggregatesFromRows(ctx.db, sessionDefs, YEAR, YEAR, null, false)));
      spansKept.push(await timed(() => spanFigures(sourceAggregates)));
      spansViews.push(await timed(() => spanFigures(aggregatesFromRows)));
    }
    const ids = (
      await ctx.db.selectFrom('unit').select('id').where('code', 'like', `GEN-${provinces[0]}-%`).execute()
    ).map((u) => u.id);
    explains.push(`# ${stats0.rows[0]!.sessions} sessions\n`);
    await explain('floor: count(*)', sql`select count(*) from communication_session`);
    await explain(
      'country-year, kept aggregates',
      keptAggregatesQuery('communication_session', YEAR, YEAR, null, false)!,
    );
    await explain(
      'country-year, the Action Month source (plans joined with kept counts of activities)',
      keptAggregatesQuery('action_month', YEAR, YEAR, null, false)!,
    );
    await explain(
      'country-year, effective models (G2) from their kept spans',
      keptAggregatesQuery('effective_model', YEAR, YEAR, null, false)!,
    );
    await explain(
      'country-year, conventions (G6) from their kept spans',
      keptAggregatesQuery('convention', YEAR, YEAR, null, false)!,
    );
    await explain(
      `province-year (${ids.length} provincial units of ${provinces[0]}), kept aggregates`,
      keptAggregatesQuery('communication_session', YEAR, YEAR, ids, false)!,
    );
    await explain(
      'one unit over ten years, kept aggregates',
      keptAggregatesQuery('communication_session', 2021, 2030, ids.slice(0, 1), false)!,
    );
    const f = median(floor);
    bySize.push({
      sessions: stats0.rows[0]!.sessions,
      aggregateGroups: stats0.rows[0]!.groups,
      countStarFloor: stats(floor),
      wholeCountryYear: stats(country),
      oneProvinceYear: stats(province),
      oneCommuneTrendTenYears: stats(trend),
      sessionFiguresFromRawRowsCountryYear: stats(rawCountry),
      modelAndConventionFiguresCountryYear: { keptSpans: stats(spansKept), throughViews: stats(spansViews) },
      ratioCountryToFloor: { min: ratio(Math.min(...country), Math.min(...floor)), median: ratio(median(country), f) },
      ratioRawToFloor: { median: ratio(median(rawCountry), f) },
    });
    console.log(bySize.at(-1));
  }
  const differences = (await aggregateDifferences(ctx.db)).length;
  let report = {};
  if (process.env.BENCH_NATIONAL_REPORT === '1') {
    let docxBytes = 0;
    const docx = await timeRuns(3, async () => {
      docxBytes = (await draftDocx(ctx, { kind: 'yearly', year: YEAR })).length;
    });
    const annex = await timeRuns(1, async () => {
      const content = await gatherContent(ctx, { kind: 'yearly', year: YEAR });
      await reportAnnex(content, await unitsBehind(ctx, content), figuresSha256(content));
    });
    report = {
      yearlyReportWholeCountryDocxMs: Math.round(median(docx)),
      yearlyReportDocxBytes: docxBytes,
      yearlyReportWholeCountryWithAnnexMs: Math.round(median(annex)),
    };
  }
  const medians = bySize.map((s) => s.wholeCountryYear.medianMs);
  const probe = bySize.map((s) => s.modelAndConventionFiguresCountryYear.keptSpans.medianMs);
  const result = {
    date: new Date().toISOString(),
    machine: machine(),
    engine: 'postgres',
    dataset: {
      provinces: provinces.length,
      units: gen.units,
      years: '2021-2030',
      modelsPerCommune: 2,
      conventionsPerCommune: 10,
      generated: true,
    },
    rounds,
    indicatorPaths: paths,
    writes,
    bySize,
    countryGrowthAcrossSizes: ratio(Math.max(...medians), Math.min(...medians)),
    // the same rows read at every size (G2's and G6's kept spans do not change with the sessions), at the sizes
    // where the country was slowest and fastest: how much of the country's growth is the host's own drift
    constantWorkGrowthAcrossSizes: ratio(
      probe[medians.indexOf(Math.max(...medians))]!,
      probe[medians.indexOf(Math.min(...medians))]!,
    ),
    aggregateDifferencesAfterRun: differences,
    ...report,
  };
  console.log(JSON.stringify(result, null, 2));
  fs.mkdirSync(path.join(here, 'results'), { recursive: true });
  fs.writeFileSync(path.join(here, 'results', 'national-latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  fs.writeFileSync(path.join(here, 'results', 'national-explain-latest.txt'), explains.join('\n'));
} finally {
  await ctx.dispose();
}
