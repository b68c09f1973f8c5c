import { sql } from 'kysely';
import { expect, it } from 'vitest';
import type { Answers } from '../../src/core/media/assessment.ts';
import type { IndicatorDef } from '../../src/core/plan-schema.ts';
import { SYSTEM_ACTOR, type Ctx } from '../../src/modules/context.ts';
import { aggregateDifferences, rebuildAggregates } from '../../src/modules/indicators/aggregates.ts';
import { levelAggregates, levelsFromRows } from '../../src/modules/media/levels.ts';
import { insertExercise } from '../../src/modules/media/monitoring-repository.ts';
import { insertAssessment, setAssessmentStatus } from '../../src/modules/media/repository.ts';
import { currentSet } from '../../src/modules/media/sets.ts';
import { appliedMigrations, migrate, migrateTo } from '../../src/db/migrate.ts';
import { writeUnitHistories } from '../../src/modules/units/repository.ts';
import { intBetween, pick, seededRandom } from '../../src/demo/random.ts';
import { describeEachEngine, emptyDatabase } from '../helpers/db.ts';
import { buildUnit } from '../helpers/factories.ts';

// Issue 15: G4 (media agencies' adoption levels) read from what is kept on write (migration 0020) — each
// assessment's fewest exercises per level and the first codings per year, agency and exercise — compared with the
// levels judged from the raw answers and stories, after random writes, on both engines.

const base = { source: 'media_indicator_level' as const, filter: [], tasks: [], milestones: [], targets: {} };
const DEFS: IndicatorDef[] = (['pilot', 'official'] as const).map((level) => ({
  ...base,
  code: `G4.${level}`,
  title: { vi: level, en: level },
  kind: 'level_share',
  unitKinds: ['media'],
  level,
}));

async function insertStoryRows(
  db: Ctx['db'],
  rows: { unit: number; exercise: number; date: string; checkOf?: number }[],
) {
  if (rows.length === 0) return [];
  const r = await db
    .insertInto('media_story')
    .values(
      rows.map((x, i) => ({
        exercise_id: x.exercise,
        unit_id: x.unit,
        medium: 'print',
        date: x.date,
        headline: `Tin ${i}`,
        topic: 'other',
        topic_group: 'other',
        scope: 'local',
        reporter_sex: 'unknown',
        about_women: false,
        highlights_inequality: false,
        challenges_stereotypes: false,
        stereotype: false,
        refers_to_law: false,
        check_of: x.checkOf ?? null,
      })),
    )
    .returning('id')
    .execute();
  return r.map((x) => x.id);
}

/** Verify finds nothing, and the kept levels equal those judged from raw rows: whole, for some units, for none. */
async function expectLevelsExact(db: Ctx['db']) {
  expect(await aggregateDifferences(db)).toEqual([]);
  const agencies = (await db.selectFrom('media_assessment').select('unit_id').distinct().execute()).map(
    (r) => r.unit_id,
  );
  for (const units of [null, agencies.filter((_, i) => i % 2 === 0), []])
    for (const pending of [false, true])
      expect(await levelAggregates(db, DEFS, 2023, 2026, units, pending)).toEqual(
        await levelsFromRows(db, DEFS, 2023, 2026, units, pending),
      );
}

describeEachEngine(
  'G4 kept on write: exercises per agency-year and the exercises each assessment needs',
  (ctx, engine) => {
    it('migration 0020 fills both for the assessments and stories written before it', async () => {
      const { handle, dispose } = await emptyDatabase(engine, ctx().databaseUrl);
      try {
        const db = handle.db;
        const names = await appliedMigrations(ctx().db);
        await migrateTo(db, names.slice(0, names.indexOf('0020_media_level_aggregates')));
        const ids = new Map<string, number>();
        await writeUnitHistories(
          db,
          ['M1', 'M2'].map((code) => ({
            code,
            kind: 'media' as const,
            isNew: true,
            spans: [{ from: '2020-01-01', to: null, value: { name: code, parentCode: null } }],
          })),
          ids,
        );
        const { set, version } = await currentSet(db);
        const manual = (value: Answers[string]['value']) =>
          ({ value, note: null, from: 'manual', reason: null, n: null, days: null }) as const;
        // M1 answers everything (official with two exercises), M2 nothing (none)
        const full = Object.fromEntries(
          set.indicators.map((i) => [i.code, manual(i.measure === 'yes_partly_no' ? 'yes' : 50)]),
        );
        for (const [code, answers] of [
          ['M1', full],
          ['M2', {}],
        ] as const)
          await db
            .insertInto('media_assessment')
            .values({
              unit_id: ids.get(code)!,
              year: 2025,
              set_id: set.id,
              set_version: version,
              answers: JSON.stringify(answers),
              status: 'approved',
            })
            .execute();
        const exercise = (name: string) =>
          insertExercise(db, { name, startDate: '2025-01-01', endDate: '2025-12-31', media: [], note: null }, null);
        const [e1, e2] = [await exercise('Đợt 1'), await exercise('Đợt 2')];
        const first = await insertStoryRows(db, [
          { unit: ids.get('M1')!, exercise: e1, date: '2025-03-01' },
          { unit: ids.get('M1')!, exercise: e2, date: '2025-09-01' },
          { unit: ids.get('M2')!, exercise: e1, date: '2025-03-01' },
        ]);
        await insertStoryRows(db, [{ unit: ids.get('M2')!, exercise: e2, date: '2025-09-01', checkOf: first[2]! }]);

        await migrate(db);
        const kept = await db
          .selectFrom('media_assessment')
          .select(['unit_id', 'pilot_exercises', 'official_exercises'])
          .orderBy('unit_id')
          .execute();
        expect(kept).toEqual([
          { unit_id: ids.get('M1'), pilot_exercises: 1, official_exercises: 2 },
          { unit_id: ids.get('M2'), pilot_exercises: null, official_exercises: null },
        ]);
        const counts = await db
          .selectFrom('agg_media_exercise')
          .select(['unit_id', 'exercise_id', 'stories'])
          .orderBy('unit_id')
          .orderBy('exercise_id')
          .execute();
        // the second coding of M2's story is not counted
        expect(counts).toEqual([
          { unit_id: ids.get('M1'), exercise_id: e1, stories: 1 },
          { unit_id: ids.get('M1'), exercise_id: e2, stories: 1 },
          { unit_id: ids.get('M2'), exercise_id: e1, stories: 1 },
        ]);
        await expectLevelsExact(db);
        const levels = await levelAggregates(db, DEFS, 2025, 2025, null, false);
        expect(levels.get('G4.official')!.get(2025)!.get(ids.get('M1')!)).toMatchObject({ count: 1, sum: 3 });
        expect(levels.get('G4.pilot')!.get(2025)!.get(ids.get('M2')!)).toMatchObject({ count: 0, sum: 1 });
      } finally {
        await dispose();
      }
    });

    it('random stories, moves, second codings, deletes, rollbacks: the same levels as from the raw rows', async () => {
      const db = ctx().db;
      const rnd = seededRandom(4015);
      const agencies: number[] = [];
      for (let i = 0; i < 4; i++) agencies.push((await buildUnit(ctx(), { kind: 'media', from: '2020-01-01' })).id);
      const exercises: number[] = [];
      for (let i = 0; i < 4; i++)
        exercises.push(
          await insertExercise(
            db,
            { name: `Đợt ${i + 1}`, startDate: '2024-01-01', endDate: '2025-12-31', media: [], note: null },
            null,
          ),
        );
      const { set, version } = await currentSet(db);
      const date = () => `${pick(rnd, [2024, 2025])}-${String(1 + intBetween(rnd, 0, 11)).padStart(2, '0')}-15`;
      // every agency-year assessed, answers drawn so that each level's other criteria hold about half the time
      let assessed = 0;
      for (const unit of agencies)
        for (const year of [2024, 2025]) {
          const answers: Answers = {};
          // the first agency answers everything, with a written policy: official once it has two exercises
          const all = unit === agencies[0];
          const share = all ? 1 : rnd();
          for (const ind of set.indicators) {
            if (rnd() > share) continue;
            const choice = all ? 'yes' : pick(rnd, ['yes', 'partly'] as const);
            const v = ind.measure === 'yes_partly_no' ? choice : 10 + intBetween(rnd, 0, 79);
            answers[ind.code] = { value: v, note: null, from: 'manual', reason: null, n: null, days: null };
          }
          const id = await insertAssessment(
            db,
            { unitId: unit, year, set, setVersion: version, answers, note: null },
            null,
          );
          const status = pick(rnd, ['draft', 'submitted', 'approved', 'approved'] as const);
          if (status !== 'draft') await setAssessmentStatus(db, id, 1, 'submitted', null);
          if (status === 'approved') await setAssessmentStatus(db, id, 2, 'approved', null);
          assessed++;
        }
      expect(assessed).toBe(8);

      const ops = ['insert', 'second', 'move', 'delete', 'rollback'] as const;
      const seen = new Set<string>();
      for (let step = 0; step < 40; step++) {
        const op = ops[step % ops.length]!;
        const ids = (await db.selectFrom('media_story').select('id').where('check_of', 'is', null).execute()).map(
          (r) => r.id,
        );
        if (op === 'insert' || ids.length < 3) {
          const n = 1 + intBetween(rnd, 0, 5);
          await insertStoryRows(
            db,
            Array.from({ length: n }, () => ({
              unit: pick(rnd, agencies),
              exercise: pick(rnd, exercises),
              date: date(),
            })),
          );
        } else if (op === 'second') {
          // a second coding (agreement check) of a story: never counted
          const of = pick(rnd, ids);
          const first = await db.selectFrom('media_story').selectAll().where('id', '=', of).executeTakeFirstOrThrow();
          await insertStoryRows(db, [
            { unit: first.unit_id, exercise: first.exercise_id, date: '2025-06-01', checkOf: of },
          ]);
        } else if (op === 'move') {
          // several stories at once to another agency, exercise and year (one statement)
          const some = ids.filter(() => rnd() < 0.3);
          if (some.length)
            await db
              .updateTable('media_story')
              .set({ unit_id: pick(rnd, agencies), exercise_id: pick(rnd, exercises), date: date() })
              .where('id', 'in', some)
              .execute();
        } else if (op === 'delete') {
          // deleting a first coding deletes its second codings too (on delete cascade)
          await db
            .deleteFrom('media_story')
            .where('id', 'in', [pick(rnd, ids), pick(rnd, ids)])
            .execute();
        } else {
          await db
            .transaction()
            .execute(async (trx) => {
              await insertStoryRows(trx, [{ unit: pick(rnd, agencies), exercise: pick(rnd, exercises), date: date() }]);
              await trx.deleteFrom('media_story').where('id', '=', pick(rnd, ids)).execute();
              throw new Error('rolled back');
            })
            .catch((e: Error) => expect(e.message).toBe('rolled back'));
        }
        await expectLevelsExact(db);
        const levels = await levelAggregates(db, DEFS, 2024, 2025, null, true);
        for (const byUnit of levels.get('G4.pilot')!.values()) for (const a of byUnit.values()) seen.add(String(a.sum));
      }
      // the levels moved through none, pilot and official (sum = rank + 1) on the way, so the comparison could fail
      expect([...seen].sort()).toEqual(['1', '2', '3']);
      const kept = await sql<{ n: number }>`select count(*)::int as n from agg_media_exercise`.execute(db);
      expect(kept.rows[0]!.n).toBeGreaterThan(4);
    });

    it('verify finds a wrong exercise count and a wrong kept need; rebuild writes both again, audited', async () => {
      const db = ctx().db;
      await sql`update agg_media_exercise set stories = stories + 2
               where (year, unit_id, exercise_id) = (select year, unit_id, exercise_id from agg_media_exercise
                                                      order by 1, 2, 3 limit 1)`.execute(db);
      const wrongId = (await db.selectFrom('media_assessment').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
      await sql`update media_assessment set pilot_exercises = 7, official_exercises = 9 where id = ${wrongId}`.execute(
        db,
      );
      const found = await aggregateDifferences(db);
      expect(found.map((d) => d.table).sort()).toEqual(['agg_media_exercise', 'media_assessment']);
      const assessment = found.find((d) => d.table === 'media_assessment')!;
      expect(assessment.key).toEqual({ id: wrongId });
      expect(assessment.stored).toEqual({ pilot_exercises: 7, official_exercises: 9 });
      expect(assessment.recomputed).not.toEqual(assessment.stored);
      const story = found.find((d) => d.table === 'agg_media_exercise')!;
      expect(story.stored!.stories).toBe(Number(story.recomputed!.stories) + 2);

      const rebuilt = await rebuildAggregates(db, SYSTEM_ACTOR);
      expect(rebuilt.agg_media_exercise).toBeGreaterThan(4);
      expect(rebuilt.media_assessment).toBe(1);
      await expectLevelsExact(db);
      const audit = await db
        .selectFrom('audit_log')
        .select(['entity', 'entity_id', 'after'])
        .where('entity', '=', 'media_assessment')
        .where('entity_id', '=', 'rebuild')
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]!.after).toMatchObject({ exercisesNeededWritten: 1, ids: [wrongId] });
    });
  },
);
