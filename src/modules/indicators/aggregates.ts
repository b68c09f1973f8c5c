import { sql } from 'kysely';
import type { Db } from '../../db/engine.ts';
import { writeAudit } from '../audit/repository.ts';
import type { Actor } from '../context.ts';
import { exercisesNeededDifferences, writeExercisesNeeded } from '../media/repository.ts';

/**
 * The aggregates kept on write (migrations 0016 to 0020) and how each is recomputed from its source (a table or
 * the view an indicator reads): the key columns and, for each stored column, the expression that must equal it.
 */
const KEPT_TABLES = [
  {
    table: 'agg_session',
    source: 'communication_session',
    // the tables the source reads: a rebuild holds writers off them until it commits
    locks: ['communication_session'],
    keys: { year: 'extract(year from date)::int', unit_id: 'unit_id', status: 'status' },
    measures: {
      sessions: 'count(*)',
      participants_total: 'coalesce(sum(participants_total), 0)',
      participants_female: 'coalesce(sum(participants_female), 0)',
      participants_male: 'coalesce(sum(participants_male), 0)',
    },
  },
  {
    // migration 0017: the sessions and records dated in a year's Action Month window
    table: 'agg_action_month_activity',
    source: 'src_action_month_activity',
    locks: ['communication_session', 'unit_record'],
    keys: { year: 'extract(year from date)::int', unit_id: 'unit_id', status: 'status' },
    measures: { activities: 'count(*)' },
  },
  {
    // the plans joined with those counts give the rows of the view they replace: a view, nothing to rebuild
    table: 'src_action_month_kept',
    source: 'src_action_month',
    locks: [],
    view: true,
    keys: { year: 'extract(year from date)::int', unit_id: 'unit_id', status: 'status' },
    measures: { plans: 'count(*)' },
  },
  {
    // migration 0018: effective models' runs of years, counted per area unit, status and span
    table: 'agg_effective_model',
    source: 'src_effective_model_span',
    locks: ['unit_record'],
    keys: {
      unit_id: 'unit_id',
      status: 'status',
      first_year: 'first_year',
      last_year: 'last_year',
      until_today: 'until_today',
    },
    measures: { models: 'count(*)' },
  },
  {
    table: 'src_effective_model_kept',
    source: 'src_effective_model',
    locks: [],
    view: true,
    keys: { year: 'extract(year from date)::int', unit_id: 'unit_id', status: 'status' },
    measures: { models: 'count(*)' },
  },
  {
    // one row per convention (its key is unique in the source: each aggregate reads that one row)
    table: 'agg_convention_span',
    source: 'src_convention_span',
    locks: ['convention', 'convention_finding'],
    keys: { convention_id: 'convention_id' },
    measures: {
      unit_id: 'min(unit_id)',
      first_year: 'min(first_year)',
      last_year: 'min(last_year)',
      until_today: 'bool_and(until_today)',
      free: 'bool_and(free)',
    },
  },
  {
    table: 'src_convention_kept',
    source: 'src_convention',
    locks: [],
    view: true,
    keys: { year: 'extract(year from date)::int', unit_id: 'unit_id', status: 'status' },
    measures: {
      conventions: 'count(*)',
      free_of_discrimination: 'count(*) filter (where free_of_discrimination)',
    },
  },
  {
    // migration 0020: the first codings of stories per year, agency and exercise (G4's exercises per agency-year)
    table: 'agg_media_exercise',
    source: 'src_media_exercise_story',
    locks: ['media_story'],
    keys: { year: 'extract(year from date)::int', unit_id: 'unit_id', exercise_id: 'exercise_id' },
    measures: { stories: 'count(*)' },
  },
] as const;

export interface AggregateDifference {
  table: string;
  key: Record<string, string | number | boolean>;
  stored: Record<string, number | boolean | null> | null;
  recomputed: Record<string, number | boolean | null> | null;
}

/** Holds writers of a source table off until the transaction commits. */
const lockTable = (db: Db, table: string) => sql`lock table ${sql.table(table)} in share mode`.execute(db);

const recomputed = (t: (typeof KEPT_TABLES)[number]) =>
  sql`select ${sql.join(Object.entries(t.keys).map(([k, e]) => sql`${sql.raw(e)} as ${sql.ref(k)}`))},
             ${sql.join(Object.entries(t.measures).map(([k, e]) => sql`${sql.raw(e)} as ${sql.ref(k)}`))}
        from ${sql.table(t.source)}
       group by ${sql.join(Object.values(t.keys).map((e) => sql.raw(e)))}`;

/**
 * Every difference between the stored aggregates and the same figures recomputed from the raw rows (a
 * group missing on either side, or a count or sum that differs), at most `limit` of them. Run in one
 * transaction with a repeatable-read snapshot, so that writes committed meanwhile cannot show as differences.
 */
export async function aggregateDifferences(db: Db, limit = 100): Promise<AggregateDifference[]> {
  return db.transaction().execute(async (trx) => {
    await sql`set transaction isolation level repeatable read`.execute(trx);
    const out: AggregateDifference[] = [];
    for (const t of KEPT_TABLES) {
      const keys = Object.keys(t.keys);
      const measures = Object.keys(t.measures);
      const r = await sql<{
        k: AggregateDifference['key'];
        s: AggregateDifference['stored'];
        r: AggregateDifference['recomputed'];
      }>`
        select json_build_object(${sql.join(
          keys.flatMap((k) => [sql.lit(k), sql`coalesce(s.${sql.ref(k)}, r.${sql.ref(k)})`]),
        )}) as k,
               case when s.${sql.ref(keys[0]!)} is null then null else json_build_object(${sql.join(
                 measures.flatMap((m) => [sql.lit(m), sql`s.${sql.ref(m)}`]),
               )}) end as s,
               case when r.${sql.ref(keys[0]!)} is null then null else json_build_object(${sql.join(
                 measures.flatMap((m) => [sql.lit(m), sql`r.${sql.ref(m)}`]),
               )}) end as r
          from ${sql.table(t.table)} s
          full join (${recomputed(t)}) r
            on ${sql.join(
              keys.map((k) => sql`s.${sql.ref(k)} = r.${sql.ref(k)}`),
              sql` and `,
            )}
         where ${sql.join(
           measures.map((m) => sql`s.${sql.ref(m)} is distinct from r.${sql.ref(m)}`),
           sql` or `,
         )}
         order by ${sql.join(keys.map((k) => sql`coalesce(s.${sql.ref(k)}, r.${sql.ref(k)})`))}
         limit ${limit}`.execute(trx);
      for (const row of r.rows) out.push({ table: t.table, key: row.k, stored: row.s, recomputed: row.r });
    }
    // each assessment's fewest exercises per level (0020), judged in JavaScript by its set's criteria
    for (const d of (await exercisesNeededDifferences(trx)).slice(0, limit))
      out.push({ table: 'media_assessment', key: { id: d.id }, stored: d.stored, recomputed: d.recomputed });
    return out;
  });
}

/**
 * Recomputes every kept aggregate from the raw rows, in one transaction; writers of the source tables wait
 * until it commits (share lock), so that no write falls between the recount and the commit.
 * Returns the number of groups written per table, and under `media_assessment` the number of assessments whose
 * kept exercise counts were wrong and written again; the audit log records who rebuilt and the counts.
 */
export async function rebuildAggregates(db: Db, actor: Actor): Promise<Record<string, number>> {
  return db.transaction().execute(async (trx) => {
    const out: Record<string, number> = {};
    for (const t of KEPT_TABLES) {
      if ('view' in t) continue;
      for (const l of t.locks) await lockTable(trx, l);
      const removed = await sql`delete from ${sql.table(t.table)}`.execute(trx);
      const r = await sql`insert into ${sql.table(t.table)}
        (${sql.join([...Object.keys(t.keys), ...Object.keys(t.measures)].map((c) => sql.ref(c)))})
        ${recomputed(t)}`.execute(trx);
      out[t.table] = Number(r.numAffectedRows ?? 0);
      await writeAudit(
        trx,
        actor,
        'update',
        t.table,
        'rebuild',
        { groups: Number(removed.numAffectedRows ?? 0) },
        {
          groups: out[t.table],
        },
      );
    }
    await lockTable(trx, 'media_assessment');
    const wrong = await exercisesNeededDifferences(trx);
    for (const d of wrong) await writeExercisesNeeded(trx, d.id, d.recomputed);
    out.media_assessment = wrong.length;
    await writeAudit(trx, actor, 'update', 'media_assessment', 'rebuild', null, {
      exercisesNeededWritten: wrong.length,
      ids: wrong.map((d) => d.id),
    });
    return out;
  });
}
