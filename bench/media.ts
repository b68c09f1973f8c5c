/**
 * `npm run bench:media`: content monitoring at the scale of a large province's year on PostgreSQL
 * (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres): 100,000 coded stories with
 * about 300,000 people in the news (BENCH_MEDIA_STORIES sets the number). Measures the share table by
 * function × topic group × medium for a year (target under 300 ms), intercoder agreement over 10,000
 * double-coded stories (target under 200 ms), the coding sheet's import rate (5,000 stories from an XLSX, all or
 * nothing), G4 of the year read from what is kept on write against judged from the raw answers and stories, and what
 * the kept counts cost the stories' writes (batches alternated with their triggers on and off).
 * Writes bench/results/media-latest.json. No assertion on timings anywhere.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { Answers } from '../src/core/media/assessment.ts';
import { topicGroupOf } from '../src/core/media/codes.ts';
import { planIndicators } from '../src/core/plan-schema.ts';
import { demoStory, recodeStory } from '../src/demo/media.ts';
import { seededRandom } from '../src/demo/random.ts';
import { SYSTEM_ACTOR } from '../src/modules/context.ts';
import { analysis } from '../src/modules/media/analysis.ts';
import { CODING_COLUMNS, importStories } from '../src/modules/media/coding-sheet.ts';
import { agreementQuery, insertExercise, insertStories } from '../src/modules/media/monitoring-repository.ts';
import { storyAgreement } from '../src/modules/media/monitoring.ts';
import { levelAggregates, levelsFromRows } from '../src/modules/media/levels.ts';
import { insertAssessment, setAssessmentStatus } from '../src/modules/media/repository.ts';
import { currentSet } from '../src/modules/media/sets.ts';
import { getPlan } from '../src/modules/plans/service.ts';
import { aggregateDifferences, rebuildAggregates } from '../src/modules/indicators/aggregates.ts';
import { writeUnitHistories } from '../src/modules/units/repository.ts';
import { createTestCtx } from '../test/helpers/db.ts';
import { machine, median, timeRuns } from './machine.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const url =
  process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const STORIES = Number(process.env.BENCH_MEDIA_STORIES || 100_000);
const DOUBLE = 10_000;
const AGENCIES = 40;
const rnd = seededRandom(10);
const stats = (ms: number[]) => ({
  minMs: Math.round(Math.min(...ms)),
  medianMs: Math.round(median(ms)),
  runs: ms.length,
});

const ctx = await createTestCtx('postgres', url);
try {
  const ids = new Map<string, number>();
  await writeUnitHistories(
    ctx.db,
    [
      {
        code: 'BM-P',
        kind: 'province',
        isNew: true,
        spans: [{ from: '2020-01-01', to: null, value: { name: 'Tỉnh đo', parentCode: null } }],
      },
      ...Array.from({ length: AGENCIES }, (_, i) => ({
        code: `BM-${i}`,
        kind: 'media' as const,
        isNew: true,
        spans: [{ from: '2020-01-01', to: null, value: { name: `Cơ quan đo ${i}`, parentCode: 'BM-P' } }],
      })),
    ],
    ids,
  );
  const exercises: { id: number; date: string }[] = [];
  for (let m = 1; m <= 12; m++) {
    const date = `2025-${String(m).padStart(2, '0')}-10`;
    exercises.push({
      id: await insertExercise(
        ctx.db,
        { name: `Đợt ${m}`, startDate: date, endDate: date, media: [], note: null },
        null,
      ),
      date,
    });
  }
  console.log(`[bench] inserting ${STORIES.toLocaleString()} stories…`);
  let t = performance.now();
  let people = 0;
  // every other batch is written with G4's kept exercise counts switched off (migration 0020): what they cost
  const keptTriggers = ['insert', 'update', 'delete'].map((w) => `agg_media_exercise_${w}`);
  const switchKept = async (on: boolean) => {
    for (const tr of keptTriggers)
      await sql.raw(`alter table media_story ${on ? 'enable' : 'disable'} trigger ${tr}`).execute(ctx.db);
  };
  const batchMs = { kept: [] as number[], without: [] as number[] };
  const firstOfLast: { id: number; story: ReturnType<typeof demoStory> }[] = [];
  for (let done = 0; done < STORIES; done += 5000) {
    const batch = Array.from({ length: Math.min(5000, STORIES - done) }, (_, i) => {
      const e = exercises[(done + i) % exercises.length]!;
      const agency = `BM-${(done + i) % AGENCIES}`;
      const s = demoStory(rnd, e.id, ids.get(agency)!, agency, e.date, done + i);
      // about three people a story, as in GMMP samples, and every medium
      s.people = [...s.people, ...s.people.slice(0, 1)];
      s.medium = (['print', 'radio', 'tv', 'online', 'social'] as const)[(done + i) % 5]!;
      return s;
    });
    people += batch.reduce((n, s) => n + s.people.length, 0);
    const kept = (done / 5000) % 2 === 0;
    await switchKept(kept);
    const b = performance.now();
    const storyIds = await ctx.db.transaction().execute((trx) =>
      insertStories(
        trx,
        batch.map((s) => ({
          story: s,
          topicGroup: topicGroupOf(s.topic)!,
          coderId: null,
          checkOf: null,
          suggestion: null,
        })),
      ),
    );
    (kept ? batchMs.kept : batchMs.without).push(performance.now() - b);
    if (firstOfLast.length < DOUBLE)
      batch.forEach((s, i) => firstOfLast.length < DOUBLE && firstOfLast.push({ id: storyIds[i]!, story: s }));
  }
  const insertMs = performance.now() - t;
  await switchKept(true);
  // the counts of the batches written without them, then proof that they are exact
  await rebuildAggregates(ctx.db, SYSTEM_ACTOR);
  console.log(`[bench] ${people.toLocaleString()} people; second codings of ${DOUBLE.toLocaleString()} stories…`);
  await ctx.db.transaction().execute((trx) =>
    insertStories(
      trx,
      firstOfLast.map(({ id, story }) => {
        const again = recodeStory(rnd, story);
        return { story: again, topicGroup: topicGroupOf(again.topic)!, coderId: null, checkOf: id, suggestion: null };
      }),
    ),
  );
  // what autovacuum does on a live server after a bulk load (statistics, and the visibility map that
  // index-only scans need)
  await sql`vacuum analyze`.execute(ctx.db);
  const shareTable = await timeRuns(5, () => analysis(ctx, { year: 2025, by: ['function', 'topic_group', 'medium'] }));
  const overall = await timeRuns(5, () => analysis(ctx, { year: 2025, by: [] }));
  const cells = (await analysis(ctx, { year: 2025, by: ['function', 'topic_group', 'medium'] })).rows.length;
  const agreement = await timeRuns(7, () => storyAgreement(ctx, undefined));
  const agreed = await storyAgreement(ctx, undefined);
  const compiled = agreementQuery(undefined).compile(ctx.db);
  const inline = compiled.sql.replace(
    /\$(\d+)/gu,
    (_m, i: string) => `'${String(compiled.parameters[Number(i) - 1])}'`,
  );
  await sql`set jit = off`.execute(ctx.db); // as the application runs it (monitoring-repository.ts)
  await sql`set enable_sort = off`.execute(ctx.db);
  const plan = await sql<{ 'QUERY PLAN': string }>`explain analyze ${sql.raw(inline)}`.execute(ctx.db);

  // G4 for the year: every agency's self-assessment (answers drawn, approved), read from what is kept on write
  // (migration 0020) and judged from the raw answers and stories, in alternated rounds
  const { set, version } = await currentSet(ctx.db);
  for (let a = 0; a < AGENCIES; a++) {
    const share = a % 4 === 0 ? 1 : rnd();
    const answers: Answers = {};
    for (const ind of set.indicators)
      if (rnd() <= share)
        answers[ind.code] = {
          value: ind.measure === 'yes_partly_no' ? (rnd() < 0.7 ? 'yes' : 'partly') : Math.round(rnd() * 100),
          note: null,
          from: 'manual',
          reason: null,
          n: null,
          days: null,
        };
    const id = await insertAssessment(
      ctx.db,
      { unitId: ids.get(`BM-${a}`)!, year: 2025, set, setVersion: version, answers, note: null },
      null,
    );
    await setAssessmentStatus(ctx.db, id, 1, 'submitted', null);
    await setAssessmentStatus(ctx.db, id, 2, 'approved', null);
  }
  const g4 = planIndicators((await getPlan(ctx)).plan).filter((d) => d.source === 'media_indicator_level');
  const g4Ms = { kept: [] as number[], raw: [] as number[] };
  for (let r = 0; r < 7; r++) {
    g4Ms.kept.push(...(await timeRuns(1, () => levelAggregates(ctx.db, g4, 2025, 2025, null, false))));
    g4Ms.raw.push(...(await timeRuns(1, () => levelsFromRows(ctx.db, g4, 2025, 2025, null, false))));
  }
  const keptLevels = await levelAggregates(ctx.db, g4, 2025, 2025, null, false);
  const sameLevels = isDeepStrictEqual(keptLevels, await levelsFromRows(ctx.db, g4, 2025, 2025, null, false));
  const differences = (await aggregateDifferences(ctx.db)).length;

  // the coding sheet: 5,000 stories, one row a person, as a team would send it
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Mã hoá tin bài');
  ws.addRow(CODING_COLUMNS.map((c) => c.code));
  let rows = 0;
  for (let i = 1; i <= 5000; i++) {
    const e = exercises[0]!;
    const s = demoStory(rnd, e.id, 0, 'BM-0', e.date, i);
    const story = [i, 'BM-0', s.medium, '10/01/2025', s.headline, s.topic, s.scope, s.reporterSex];
    const list = s.people.length ? s.people : [null];
    list.forEach((p, j) => {
      const values: Record<string, unknown> =
        j === 0
          ? Object.fromEntries(CODING_COLUMNS.slice(0, story.length).map((c, k) => [c.code, story[k]]))
          : { story_no: i };
      if (p)
        Object.assign(values, {
          person_sex: p.sex,
          person_function: p.function,
          person_occupation: p.occupation,
          person_age_band: p.ageBand,
        });
      ws.addRow(CODING_COLUMNS.map((c) => values[c.code] ?? ''));
      rows += 1;
    });
  }
  const sheet = Buffer.from(await wb.xlsx.writeBuffer());
  t = performance.now();
  const imported = await importStories(ctx, SYSTEM_ACTOR, exercises[0]!.id, sheet);
  const importMs = performance.now() - t;

  const result = {
    date: new Date().toISOString(),
    machine: machine(),
    engine: 'postgres',
    dataset: { stories: STORIES, people, agencies: AGENCIES, exercises: exercises.length, doubleCoded: DOUBLE },
    insert: {
      ms: Math.round(insertMs),
      storiesPerSecond: Math.round((STORIES / insertMs) * 1000),
      // batches of 5,000 stories with their people, alternated: with G4's kept counts and without them
      medianBatchMs: { kept: Math.round(median(batchMs.kept)), without: Math.round(median(batchMs.without)) },
      rateWithKeptToWithout: Math.round((median(batchMs.without) / median(batchMs.kept)) * 100) / 100,
    },
    g4CountryYear: {
      agencies: AGENCIES,
      kept: stats(g4Ms.kept),
      fromRawRows: stats(g4Ms.raw),
      sameFigures: sameLevels,
      aggregateDifferencesAfterWrites: differences,
    },
    shareTableFunctionTopicGroupMedium: { ...stats(shareTable), cells, targetMs: 300 },
    overallShare: stats(overall),
    agreement10000: {
      ...stats(agreement),
      stories: agreed.stories,
      variables: agreed.variables.length,
      targetMs: 200,
      plan: plan.rows.map((r) => r['QUERY PLAN']),
    },
    codingSheetImport: {
      rows,
      stories: imported.stories,
      people: imported.people,
      bytes: sheet.length,
      ms: Math.round(importMs),
      rowsPerSecond: Math.round((rows / importMs) * 1000),
    },
  };
  console.log(JSON.stringify(result, null, 2));
  fs.mkdirSync(path.join(here, 'results'), { recursive: true });
  fs.writeFileSync(path.join(here, 'results', 'media-latest.json'), `${JSON.stringify(result, null, 2)}\n`);
} finally {
  await ctx.dispose();
}
