import { deleteAt, setStatusAt } from '../../db/versioned.ts';
import { sql, type SqlBool } from 'kysely';
import type { RecordStatus } from '../../core/workflow.ts';
import type { Db } from '../../db/engine.ts';
import { exercisesNeeded, type Answers } from '../../core/media/assessment.ts';
import type { IndicatorSet } from '../../core/media/indicator-set.ts';

// ---- indicator set versions

export async function latestSet(db: Db, setId: string) {
  return db
    .selectFrom('media_indicator_set')
    .selectAll()
    .where('set_id', '=', setId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function setVersion(db: Db, setId: string, version: number) {
  return db
    .selectFrom('media_indicator_set')
    .selectAll()
    .where('set_id', '=', setId)
    .where('version', '=', version)
    .executeTakeFirst();
}

export async function setVersions(db: Db, setId: string) {
  return db
    .selectFrom('media_indicator_set as s')
    .leftJoin('app_user as u', 'u.id', 's.created_by')
    .select(['s.version', 's.note', 's.created_at', 'u.username'])
    .where('s.set_id', '=', setId)
    .orderBy('s.version', 'desc')
    .execute();
}

export async function insertSetVersion(
  db: Db,
  v: { setId: string; version: number; definition: unknown; note: string | null; createdBy: number | null },
  ifMissing = false,
) {
  const q = db.insertInto('media_indicator_set').values({
    set_id: v.setId,
    version: v.version,
    definition: JSON.stringify(v.definition),
    note: v.note,
    created_by: v.createdBy,
  });
  // the seed: a version another process wrote first is kept (no error, which would end a transaction)
  await (ifMissing ? q.onConflict((oc) => oc.columns(['set_id', 'version']).doNothing()) : q).execute();
}

// ---- assessments

const assessmentColumns = [
  'a.id',
  'a.unit_id',
  'a.year',
  'a.set_id',
  'a.set_version',
  'a.answers',
  'a.note',
  'a.status',
  'a.version',
  'a.created_at',
  'a.updated_at',
  'u.code as unit_code',
] as const;

function assessments(db: Db) {
  return db
    .selectFrom('media_assessment as a')
    .innerJoin('unit as u', 'u.id', 'a.unit_id')
    .select(assessmentColumns)
    .select(
      sql<string>`(select v.name from unit_version v where v.unit_id = a.unit_id and v.valid_from <=
        make_date(a.year, 12, 31) order by v.valid_from desc limit 1)`.as('unit_name'),
    );
}
export type AssessmentRow = Awaited<ReturnType<typeof getAssessment>> & object;

export async function getAssessment(db: Db, id: number) {
  return assessments(db).where('a.id', '=', id).executeTakeFirst();
}

export async function findAssessment(db: Db, unitId: number, year: number) {
  return assessments(db).where('a.unit_id', '=', unitId).where('a.year', '=', year).executeTakeFirst();
}

export async function listAssessments(db: Db, f: { year?: number | undefined; status?: RecordStatus | undefined }) {
  let q = assessments(db);
  if (f.year !== undefined) q = q.where('a.year', '=', f.year);
  if (f.status) q = q.where('a.status', '=', f.status);
  return q.orderBy('a.year', 'desc').orderBy('a.id').execute();
}

/** Assessments of the years [from, to] (of some units), for the adoption levels of G4. */
export async function assessmentsOfYears(db: Db, from: number, to: number, unitIds: number[] | null) {
  let q = db
    .selectFrom('media_assessment')
    .select(['id', 'unit_id', 'year', 'set_id', 'set_version', 'answers', 'status'])
    .where('year', '>=', from)
    .where('year', '<=', to);
  if (unitIds) q = q.where(sql<SqlBool>`unit_id = any(${unitIds}::int[])`);
  return q.execute();
}

/**
 * The levels of the agencies' assessments of the years [from, to] (of some units) for G4, from what is kept on write
 * (migration 0020): each assessment's fewest exercises per level against its agency-year's exercises. Rank 0 none,
 * 1 pilot, 2 official. Approved assessments, and submitted ones with `includePending`.
 */
export async function keptLevelsOfYears(
  db: Db,
  from: number,
  to: number,
  unitIds: number[] | null,
  includePending: boolean,
) {
  const r = await sql<{ unit_id: number; year: number; rank: number }>`
    select a.unit_id, a.year,
           case when a.official_exercises <= e.n then 2 when a.pilot_exercises <= e.n then 1 else 0 end as rank
      from media_assessment a
     cross join lateral (select count(*)::int as n from agg_media_exercise x
                          where x.year = a.year and x.unit_id = a.unit_id) e
     where a.year between ${from} and ${to}
       and a.status in (${sql.join(includePending ? ['approved', 'submitted'] : ['approved'])})
       and ${unitIds ? sql`a.unit_id = any(${unitIds}::int[])` : sql`true`}`.execute(db);
  return r.rows;
}

/** An assessment's answers and what they leave to the year's monitoring (kept with them, see keptLevelsOfYears). */
const answerColumns = (set: IndicatorSet, answers: Answers) => {
  const needed = exercisesNeeded(set, answers);
  return {
    answers: JSON.stringify(answers),
    pilot_exercises: needed.pilot,
    official_exercises: needed.official,
  };
};

/**
 * Assessments whose kept exercise counts (see keptLevelsOfYears) differ from those their answers and their set's
 * version give now: what `bdg aggregates verify` reports and a rebuild writes again.
 */
export async function exercisesNeededDifferences(db: Db) {
  const { rows } = await sql<{
    id: number;
    answers: Answers;
    definition: IndicatorSet;
    pilot_exercises: number | null;
    official_exercises: number | null;
  }>`
    select a.id, a.answers, s.definition, a.pilot_exercises, a.official_exercises
      from media_assessment a
      join media_indicator_set s on s.set_id = a.set_id and s.version = a.set_version
     order by a.id`.execute(db);
  return rows.flatMap((r) => {
    const n = exercisesNeeded(r.definition, r.answers);
    const stored = { pilot_exercises: r.pilot_exercises, official_exercises: r.official_exercises };
    const recomputed = { pilot_exercises: n.pilot, official_exercises: n.official };
    return n.pilot === r.pilot_exercises && n.official === r.official_exercises
      ? []
      : [{ id: r.id, stored, recomputed }];
  });
}

/** Writes an assessment's kept exercise counts (a rebuild). */
export async function writeExercisesNeeded(
  db: Db,
  id: number,
  v: { pilot_exercises: number | null; official_exercises: number | null },
) {
  await db.updateTable('media_assessment').set(v).where('id', '=', id).execute();
}

export async function insertAssessment(
  db: Db,
  v: { unitId: number; year: number; set: IndicatorSet; setVersion: number; answers: Answers; note: string | null },
  userId: number | null,
): Promise<number> {
  const r = await db
    .insertInto('media_assessment')
    .values({
      unit_id: v.unitId,
      year: v.year,
      set_id: v.set.id,
      set_version: v.setVersion,
      ...answerColumns(v.set, v.answers),
      note: v.note,
      created_by: userId,
      updated_by: userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateAssessment(
  db: Db,
  id: number,
  version: number,
  v: { set: IndicatorSet; answers: Answers; note: string | null },
  userId: number | null,
): Promise<boolean> {
  const r = await db
    .updateTable('media_assessment')
    .set({
      ...answerColumns(v.set, v.answers),
      note: v.note,
      version: version + 1,
      updated_at: new Date(),
      updated_by: userId,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const setAssessmentStatus = (db: Db, id: number, version: number, status: RecordStatus, userId: number | null) =>
  setStatusAt(db, 'media_assessment', id, version, status, userId);

export const deleteAssessment = (db: Db, id: number, version: number) => deleteAt(db, 'media_assessment', id, version);

export async function assessmentFiles(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('media_assessment_file as l')
    .innerJoin('stored_file as f', 'f.sha256', 'l.sha256')
    .select(['l.assessment_id', 'l.indicator', 'l.sha256', 'l.name', 'f.size', 'f.mime'])
    .where('l.assessment_id', 'in', ids)
    .orderBy('l.indicator')
    .orderBy('l.name')
    .execute();
}

export async function replaceAssessmentFiles(
  db: Db,
  id: number,
  files: { indicator: string; sha256: string; name: string }[],
) {
  await db.deleteFrom('media_assessment_file').where('assessment_id', '=', id).execute();
  if (files.length)
    await db
      .insertInto('media_assessment_file')
      .values(files.map((f) => ({ assessment_id: id, indicator: f.indicator, sha256: f.sha256, name: f.name })))
      .execute();
}
