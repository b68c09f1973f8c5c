/**
 * `npm run bench`: the foundation's benchmarks. Writes bench/results/latest.json (and a dated copy).
 * PostgreSQL figures need BENCH_DATABASE_URL (or TEST_DATABASE_URL): a server where the benchmark may
 * create and drop its own databases. Not part of `npm test`; no assertion on timings anywhere.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { buildApp } from '../src/app.ts';
import type { Engine } from '../src/db/engine.ts';
import { generateDataset } from '../src/demo/dataset.ts';
import { SYSTEM_ACTOR } from '../src/modules/context.ts';
import { indicatorDetail, indicatorSummaries } from '../src/modules/indicators/service.ts';
import { importRecords } from '../src/modules/records/import.ts';
import { runReminders } from '../src/modules/reports/reminders.ts';
import { completeness } from '../src/modules/reports/service.ts';
import { importUnits } from '../src/modules/units/service.ts';
import { createTestCtx } from '../test/helpers/db.ts';
import { datedResultFile, machine, median, timeRuns } from './machine.ts';
import { benchScreener } from './screener.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const pgUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
const engines: Engine[] = pgUrl ? ['pglite', 'postgres'] : ['pglite'];
const unitsFile = path.resolve(here, '../../shared/data/admin-units/vn-2025-03.csv');

const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  machine: machine(),
  engines,
  notes: [] as string[],
};
if (!pgUrl) (results.notes as string[]).push('PostgreSQL not measured: set BENCH_DATABASE_URL');

async function benchUnitImport(engine: Engine) {
  if (!fs.existsSync(unitsFile)) return { skipped: `${unitsFile} not found` };
  const content = fs.readFileSync(unitsFile);
  const ctx = await createTestCtx(engine, pgUrl);
  try {
    const t = performance.now();
    const r = await importUnits(ctx, SYSTEM_ACTOR, content, '2020-01-01', '2025-06-30');
    const ms = performance.now() - t;
    const t2 = performance.now();
    await importUnits(ctx, SYSTEM_ACTOR, content, '2020-01-01', '2025-06-30');
    const reimportMs = performance.now() - t2;
    return {
      rows: r.rows,
      ms: Math.round(ms),
      unitsPerSecond: Math.round((r.rows / ms) * 1000),
      reimportUnchangedMs: Math.round(reimportMs),
    };
  } finally {
    await ctx.dispose();
  }
}

async function benchG1(engine: Engine) {
  const ctx = await createTestCtx(engine, pgUrl);
  try {
    const t = performance.now();
    const gen = await generateDataset(ctx, { units: 500, fromYear: 2021, toYear: 2026, seed: 7, sessions: 100_000 });
    const generateMs = performance.now() - t;
    const area = await ctx.db
      .selectFrom('unit')
      .select('id')
      .where('code', '=', gen.provinceCode)
      .executeTakeFirstOrThrow();
    const year = await timeRuns(9, () => indicatorDetail(ctx, 'G1', { year: 2025 }));
    const inArea = await timeRuns(9, () => indicatorDetail(ctx, 'G1', { year: 2025, area: { id: area.id } }));
    const all = await timeRuns(5, () => indicatorSummaries(ctx, { year: 2025 }));
    const floor = await timeRuns(9, () =>
      ctx.db
        .selectFrom('communication_session')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    );
    return {
      dataset: { units: gen.units, sessions: gen.sessions, years: '2021-2026', generateMs: Math.round(generateMs) },
      // each G1 figure is judged against its trend, so it reads three years of records
      g1DetailOneYearMedianMs: Math.round(median(year)),
      g1DetailInProvinceMedianMs: Math.round(median(inArea)),
      allIndicatorsOneYearMedianMs: Math.round(median(all)),
      countStarFloorMedianMs: Math.round(median(floor) * 10) / 10,
    };
  } finally {
    await ctx.dispose();
  }
}

/** Other record types: an import of 2,000 training courses, the completeness table of a period, the reminder job. */
async function benchRecords(engine: Engine) {
  const ctx = await createTestCtx(engine, pgUrl);
  try {
    await generateDataset(ctx, { units: 500, fromYear: 2025, toYear: 2026, seed: 11, sessions: 20_000 });
    const codes = (
      await ctx.db
        .selectFrom('unit')
        .select('code')
        .where('kind', 'in', ['department', 'association', 'commune'])
        .where('valid_to', 'is', null)
        .execute()
    ).map((u) => u.code);
    const lines = [
      'unit_code,date,title,end_date,audiences,participants_total,participants_female,participants_male,' +
        'pre_test_score,post_test_score',
    ];
    for (let i = 0; i < 2000; i++)
      lines.push(
        `${codes[i % codes.length]},${String(1 + (i % 28)).padStart(2, '0')}/09/2026,Lớp tập huấn số ${i + 1},` +
          '30/09/2026,Truyền thông viên; Báo cáo viên,40,22,18,55,80',
      );
    const t = performance.now();
    const r = await importRecords(ctx, SYSTEM_ACTOR, 'training_course', Buffer.from(lines.join('\n')));
    const importMs = performance.now() - t;
    const table = await timeRuns(7, () => completeness(ctx, '2026-CN'));
    const first = performance.now();
    await runReminders(ctx, { today: '2026-12-16', daysBefore: 3 });
    const firstRunMs = performance.now() - first;
    const again = await timeRuns(5, () => runReminders(ctx, { today: '2026-12-16', daysBefore: 3 }));
    return {
      trainingCourseImport: {
        rows: r.created,
        ms: Math.round(importMs),
        rowsPerSecond: Math.round((r.created / importMs) * 1000),
      },
      completenessOnePeriodMedianMs: Math.round(median(table)),
      remindersFirstRunMs: Math.round(firstRunMs),
      remindersRepeatMedianMs: Math.round(median(again)),
    };
  } finally {
    await ctx.dispose();
  }
}

async function rps(url: string): Promise<number> {
  const r = await autocannon({ url, connections: 10, duration: 5, pipelining: 1 });
  return Math.round(r.requests.average);
}

async function benchHealth() {
  const ctx = await createTestCtx('pglite');
  const app = await buildApp({ ctx });
  const bare = Fastify();
  bare.get('/health', async () => ({ ok: true }));
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
    await bare.listen({ host: '127.0.0.1', port: 0 });
    const port = (s: typeof bare) => (s.server.address() as { port: number }).port;
    const appRps = await rps(`http://127.0.0.1:${port(app as unknown as typeof bare)}/api/health`);
    const bareRps = await rps(`http://127.0.0.1:${port(bare)}/health`);
    return { appHealthRps: appRps, bareFastifyRps: bareRps, ratio: Math.round((appRps / bareRps) * 100) / 100 };
  } finally {
    await app.close();
    await bare.close();
    await ctx.dispose();
  }
}

for (const engine of engines) {
  console.log(`[bench] unit import on ${engine}…`);
  results[`unitImport_${engine}`] = await benchUnitImport(engine);
  console.log(results[`unitImport_${engine}`]);
  console.log(`[bench] G1 on ${engine} (500 units, 100k sessions)…`);
  results[`g1_${engine}`] = await benchG1(engine);
  console.log(results[`g1_${engine}`]);
  console.log(`[bench] record import, completeness and reminders on ${engine}…`);
  results[`records_${engine}`] = await benchRecords(engine);
  console.log(results[`records_${engine}`]);
}
console.log('[bench] screener: 100,000 clauses and one 1 MB text on one core…');
results.screener = benchScreener();
console.log(results.screener);
console.log('[bench] GET /api/health vs a bare Fastify route…');
results.health = await benchHealth();
console.log(results.health);

const dir = path.join(here, 'results');
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
fs.writeFileSync(datedResultFile(dir, '', new Date(String(results.date))), `${JSON.stringify(results, null, 2)}\n`);
console.log(`[bench] written to ${path.join(dir, 'latest.json')}`);
