/**
 * `npm run bench:surveys`: awareness surveys at the scale issue 11 names. On each engine (PostgreSQL from
 * BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres):
 * - the import of ODK Central exports of the default instrument through the product's import (parse in
 *   the worker, match, check, score, store), rows/s: files of BENCH_SURVEY_IMPORT rows (100,000), ten of
 *   them into one wave on PostgreSQL (a million responses, as a wave that size arrives: in several files),
 *   one on PGlite;
 * - estimates by two groups (sex × area) plus the change interval by the same groups between two waves
 *   (goals: 1,000,000 responses under 2 s on PostgreSQL, 100,000 under 5 s on PGlite). Measured with the
 *   responses split over the two waves (500,000 + 500,000 and 50,000 + 50,000) and, on PostgreSQL, also
 *   with a million in each wave; the responses are written straight into the table by SQL.
 * Writes bench/results/surveys-latest.json. No assertion on timings anywhere.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { seededRandom } from '../src/demo/random.ts';
import { demoAnswers } from '../src/demo/surveys.ts';
import type { Engine } from '../src/db/engine.ts';
import { SYSTEM_ACTOR } from '../src/modules/context.ts';
import {
  compareWaves,
  createWave,
  forgetClusterSums,
  importResponses,
  registerDefaultInstrument,
  waveEstimates,
} from '../src/modules/surveys/service.ts';
import { createTestCtx } from '../test/helpers/db.ts';
import { machine, median, timeRuns } from './machine.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const url =
  process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const IMPORT_ROWS = Number(process.env.BENCH_SURVEY_IMPORT || 100_000);
/** responses per wave */
const ROWS: Record<Engine, number[]> = {
  postgres: process.env.BENCH_SURVEY_ROWS ? [Number(process.env.BENCH_SURVEY_ROWS)] : [500_000, 1_000_000],
  pglite: [Number(process.env.BENCH_SURVEY_ROWS_PGLITE || 50_000)],
};
/** The columns of the default instrument as ODK Central names them (group-question), and the question. */
const COLUMNS: [string, string][] = [
  ...['sex', 'age', 'ethnicity', 'area', 'target_group'].map((q): [string, string] => [`thong_tin-${q}`, q]),
  ...['exposed', 'channels'].map((q): [string, string] => [`tiep_can-${q}`, q]),
  ...Array.from({ length: 10 }, (_, i): [string, string] => [`kien_thuc-k${i + 1}`, `k${i + 1}`]),
  ...Array.from({ length: 8 }, (_, i): [string, string] => [`quan_niem-n${i + 1}`, `n${i + 1}`]),
];

/** An ODK Central export of the default instrument (the demo's respondents), `n` rows, with design columns. */
function odkExport(n: number, part: number): Buffer {
  const rnd = seededRandom(5 + part);
  const lines = [
    ['SubmissionDate', 'meta-instanceID', ...COLUMNS.map((c) => c[0]), 'stratum,cluster,weight,KEY'].join(','),
  ];
  for (let i = 0; i < n; i++) {
    const a = demoAnswers(rnd, 0.55);
    const id = `uuid:b-${part}-${i}`;
    const cluster = `${a.area}-${1 + Math.floor(rnd() * 40)}`;
    const weight = (100 + rnd() * 100).toFixed(2);
    lines.push(
      ['2026-05-01T08:00:00.000Z', id, ...COLUMNS.map((c) => a[c[1]] ?? ''), a.area, cluster, weight, id].join(','),
    );
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

const design = { strata: 'stratum', cluster: 'cluster', weight: 'weight' };

async function benchEngine(engine: Engine) {
  const ctx = await createTestCtx(engine, url);
  try {
    const { id: instrumentId } = await registerDefaultInstrument(ctx, SYSTEM_ACTOR);
    const wave = async (year: number) =>
      (
        await createWave(ctx, SYSTEM_ACTOR, {
          name: `Đo ${year}`,
          year,
          instrumentId,
          startDate: `${year}-01-01`,
          endDate: `${year}-12-31`,
          design,
        })
      ).id;

    const files = engine === 'postgres' ? Number(process.env.BENCH_SURVEY_IMPORT_FILES || 10) : 1;
    const importWave = await wave(2026);
    let importMs = 0;
    let created = 0;
    let fileBytes = 0;
    for (let f = 0; f < files; f++) {
      console.log(
        `[surveys] ${engine}: importing file ${f + 1} of ${files} (${IMPORT_ROWS.toLocaleString('en')} rows)…`,
      );
      const file = odkExport(IMPORT_ROWS, f);
      fileBytes = file.length;
      const t = performance.now();
      created += (await importResponses(ctx, SYSTEM_ACTOR, importWave, file)).created;
      importMs += performance.now() - t;
    }

    const sizes: Record<string, unknown> = {};
    for (const n of ROWS[engine]) {
      console.log(`[surveys] ${engine}: writing two waves of ${n.toLocaleString('en')} responses…`);
      const waves = [await wave(2025), await wave(2030)];
      for (const [k, w] of waves.entries()) {
        // scores around 55 (baseline) and 61 (follow-up), 3 strata × 600 clusters, weights 100–200
        await sql`
          insert into survey_response (wave_id, source, answers, scores, stratum, cluster, weight)
          select ${w}, 'import',
            jsonb_build_object('sex', case when random() < 0.5 then 'female' else 'male' end,
                               'area', case when random() < 0.4 then 'urban' else 'rural' end),
            jsonb_build_object('overall', least(100, greatest(0, ${55 + 6 * k} + 15 * (random() + random() - 1)))),
            's' || (g % 3), 'c' || (g % 600), 100 + random() * 100
          from generate_series(1, ${n}) g`.execute(ctx.db);
      }
      await sql`analyze survey_response`.execute(ctx.db);
      // cold: nothing kept from an earlier request (the first page view after new data)
      const cold =
        <T>(f: () => Promise<T>) =>
        () => {
          forgetClusterSums(ctx.db);
          return f();
        };
      const estimates = () => waveEstimates(ctx, waves[1]!, 'overall', ['sex', 'area']);
      const changes = () => compareWaves(ctx, waves[0]!, waves[1]!, 'overall', ['sex', 'area']);
      const estimate = await timeRuns(3, cold(estimates));
      const change = await timeRuns(3, cold(changes));
      const both = await timeRuns(
        3,
        cold(async () => {
          await estimates();
          await changes();
        }),
      );
      // the survey page asks for both at once (two requests): the follow-up wave is scanned once, and on
      // PostgreSQL the baseline beside it
      const page = await timeRuns(
        3,
        cold(() => Promise.all([estimates(), changes()])),
      );
      // warm: the same page again while no response arrived (the sums are kept; one count per wave)
      const again = await timeRuns(3, async () => {
        await estimates();
        await changes();
      });
      sizes[`responses_${2 * n}`] = {
        perWave: n,
        estimatesBySexAreaMedianMs: Math.round(median(estimate)),
        changeBySexAreaMedianMs: Math.round(median(change)),
        estimatesPlusChangeMedianMs: Math.round(median(both)),
        pageBothAtOnceMedianMs: Math.round(median(page)),
        estimatesPlusChangeAgainMedianMs: Math.round(median(again)),
      };
      console.log(engine, sizes[`responses_${2 * n}`]);
      await sql`delete from survey_response where wave_id in (${waves[0]!}, ${waves[1]!})`.execute(ctx.db);
    }
    return {
      import: {
        files,
        rows: created,
        ms: Math.round(importMs),
        rowsPerSecond: Math.round((created / importMs) * 1000),
        fileMiB: Math.round((fileBytes / 2 ** 20) * 10) / 10,
      },
      ...sizes,
      goalMs: engine === 'postgres' ? 2000 : 5000,
      goalResponses: engine === 'postgres' ? 1_000_000 : 100_000,
    };
  } finally {
    await ctx.dispose();
  }
}

const results: Record<string, unknown> = { date: new Date().toISOString(), machine: machine() };
for (const engine of ['pglite', 'postgres'] as const) {
  results[engine] = await benchEngine(engine);
  console.log(engine, results[engine]);
}
const dir = path.join(here, 'results');
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, 'surveys-latest.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('[surveys] written to bench/results/surveys-latest.json');
