/**
 * `npm run bench:national`: the indicator engine on a national dataset, on PostgreSQL
 * (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres). Writes
 * bench/results/national-latest.json. BENCH_NATIONAL_RECORDS sets the number of records (default 5,000,000).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateNational } from '../src/demo/national.ts';
import { indicatorSummaries } from '../src/modules/indicators/service.ts';
import { reportAnnex } from '../src/modules/official-reports/annex.ts';
import { gatherContent, unitsBehind } from '../src/modules/official-reports/content.ts';
import { draftDocx, figuresSha256 } from '../src/modules/official-reports/service.ts';
import { createTestCtx } from '../test/helpers/db.ts';
import { machine, median, timeRuns } from './machine.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const url = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const records = Number(process.env.BENCH_NATIONAL_RECORDS || 5_000_000);
const unitsFile = path.resolve(here, '../../shared/data/admin-units/vn-2025-07.csv');

const ctx = await createTestCtx('postgres', url);
try {
  console.log(`[bench] generating ${records.toLocaleString()} records…`);
  const t = performance.now();
  const gen = await generateNational(ctx, { unitsFile, records, unitsPerProvince: 255, seed: 11 });
  const generateMs = performance.now() - t;
  console.log(`[bench] ${gen.units} units, ${gen.records} records in ${Math.round(generateMs / 1000)} s`);
  const provinces = await ctx.db
    .selectFrom('unit')
    .select(['code'])
    .where('kind', '=', 'province')
    .orderBy('code')
    .execute();
  const floor = await timeRuns(5, () =>
    ctx.db
      .selectFrom('communication_session')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  );
  const province = await timeRuns(5, () => indicatorSummaries(ctx, { year: 2025, area: { code: '01' } }));
  const country = await timeRuns(3, () => indicatorSummaries(ctx, { year: 2025 }));
  const each = await timeRuns(1, async () => {
    for (const p of provinces) await indicatorSummaries(ctx, { year: 2025, area: { code: p.code } });
  });
  // the yearly report of the whole country: figures gathered, charts drawn, DOCX written (issue 12)
  let docxBytes = 0;
  const report = await timeRuns(3, async () => {
    docxBytes = (await draftDocx(ctx, { kind: 'yearly', year: 2025 })).length;
  });
  const annex = await timeRuns(1, async () => {
    const content = await gatherContent(ctx, { kind: 'yearly', year: 2025 });
    await reportAnnex(content, await unitsBehind(ctx, content), figuresSha256(content));
  });
  const result = {
    date: new Date().toISOString(),
    machine: machine(),
    engine: 'postgres',
    dataset: {
      provinces: provinces.length,
      units: gen.units,
      records: gen.records,
      years: '2021-2030',
      generateSeconds: Math.round(generateMs / 1000),
    },
    countStarFloorMs: Math.round(median(floor)),
    allIndicatorsOneProvinceYearMs: Math.round(median(province)),
    allIndicatorsWholeCountryYearMs: Math.round(median(country)),
    allIndicatorsEachOf34ProvincesInTurnMs: Math.round(median(each)),
    ratioCountryToFloor: Math.round((median(country) / median(floor)) * 100) / 100,
    yearlyReportWholeCountryDocxMs: Math.round(median(report)),
    yearlyReportDocxBytes: docxBytes,
    yearlyReportWholeCountryWithAnnexMs: Math.round(median(annex)),
  };
  console.log(result);
  fs.mkdirSync(path.join(here, 'results'), { recursive: true });
  fs.writeFileSync(path.join(here, 'results', 'national-latest.json'), `${JSON.stringify(result, null, 2)}\n`);
} finally {
  await ctx.dispose();
}
