import { sql, type Kysely } from 'kysely';
import { exercisesNeeded, type Answers } from '../../core/media/assessment.ts';
import type { IndicatorSet } from '../../core/media/indicator-set.ts';

/**
 * G4 (media agencies applying the gender indicator set, by level) kept on write (issue 15), the last source of the
 * plan's counted indicators that read its raw rows. An agency's level in a year follows from its self-assessment's
 * answers, judged by the criteria of the set's version, and from the number of monitoring exercises of that year
 * in which its stories were coded. G4 read every assessment's answers and set, and counted distinct exercises over
 * every story of the years asked.
 *
 * - Each assessment keeps the fewest exercises with which its answers reach the pilot and the official level
 *   (`pilot_exercises`, `official_exercises`; null when another criterion fails), written with its answers by the
 *   repository (core/media/assessment.ts, `exercisesNeeded`): only the exercises' criterion depends on the year's
 *   monitoring, and more exercises never unmeet it.
 * - `agg_media_exercise` counts the first codings (not the second codings of an agreement check) per year, agency
 *   and exercise, kept by statement-level delta triggers on `media_story` like the sessions' aggregates of 0016:
 *   an agency-year's exercises are its rows.
 *
 * The assessments already stored get their counts here, from the same function; `bdg aggregates verify` recomputes
 * both from the raw rows and `bdg aggregates rebuild` writes them again (modules/media/repository.ts).
 */
const KEY = 'year, unit_id, exercise_id';
const rowsOf = (table: string, sign: '' | '-') => `
  select extract(year from date)::int as year, unit_id, exercise_id, ${sign}1 as stories
    from ${table}
   where check_of is null`;
const apply = (deltas: string) => `
  insert into agg_media_exercise as a (${KEY}, stories)
  select ${KEY}, sum(stories) from (${deltas}) d
   group by ${KEY}
  having sum(stories) <> 0
   order by ${KEY}
  on conflict (${KEY}) do update set stories = a.stories + excluded.stories;`;
const dropEmptied = `
  delete from agg_media_exercise a
   using (select distinct ${KEY} from (${rowsOf('old_rows', '-')}) o) k
   where a.stories = 0 and a.year = k.year and a.unit_id = k.unit_id and a.exercise_id = k.exercise_id;`;
const trigger = (name: string, body: string) => `
  create function ${name}() returns trigger language plpgsql as $$
  begin
    ${body}
    return null;
  end $$`;

const statements = [
  `alter table media_assessment add column pilot_exercises integer, add column official_exercises integer`,
  `create table agg_media_exercise (
     year integer not null,
     unit_id integer not null,
     exercise_id integer not null,
     stories bigint not null,
     primary key (year, unit_id, exercise_id)
   ) with (fillfactor = 70)`,
  // what the kept counts are recomputed from (bdg aggregates verify)
  `create view src_media_exercise_story as
     select unit_id, date, exercise_id from media_story where check_of is null`,
  trigger('agg_media_exercise_insert', apply(rowsOf('new_rows', ''))),
  trigger('agg_media_exercise_delete', apply(rowsOf('old_rows', '-')) + dropEmptied),
  trigger(
    'agg_media_exercise_update',
    apply(`${rowsOf('new_rows', '')} union all ${rowsOf('old_rows', '-')}`) + dropEmptied,
  ),
  trigger('agg_media_exercise_truncate', 'delete from agg_media_exercise;'),
  `create trigger agg_media_exercise_insert after insert on media_story
     referencing new table as new_rows for each statement execute function agg_media_exercise_insert()`,
  `create trigger agg_media_exercise_delete after delete on media_story
     referencing old table as old_rows for each statement execute function agg_media_exercise_delete()`,
  `create trigger agg_media_exercise_update after update on media_story
     referencing old table as old_rows new table as new_rows for each statement
     execute function agg_media_exercise_update()`,
  `create trigger agg_media_exercise_truncate after truncate on media_story
     for each statement execute function agg_media_exercise_truncate()`,
  `insert into agg_media_exercise (${KEY}, stories)
   select ${KEY}, count(*) from (${rowsOf('media_story', '')}) d group by ${KEY}`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
  await fillExercisesNeeded(db);
}

/** Every assessment's exercise counts, from its answers and its set's version. */
async function fillExercisesNeeded(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ id: number; answers: Answers; definition: IndicatorSet }>`
    select a.id, a.answers, s.definition
      from media_assessment a
      join media_indicator_set s on s.set_id = a.set_id and s.version = a.set_version`.execute(db);
  for (const r of rows) {
    const n = exercisesNeeded(r.definition, r.answers);
    await sql`update media_assessment set pilot_exercises = ${n.pilot}, official_exercises = ${n.official}
               where id = ${r.id}`.execute(db);
  }
}
