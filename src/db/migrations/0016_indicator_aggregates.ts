import { sql, type Kysely } from 'kysely';

/**
 * Indicator aggregates kept on write (issue 15), and the version of the unit tree. `agg_session` holds, per unit, year
 * and approval status, the number of communication sessions and the sums of their participant counts — what the
 * indicator kinds count, sum and compare with a threshold. Statement-level triggers keep it exact inside the
 * transaction that writes the sessions, on PostgreSQL and PGlite alike: each statement's inserted, deleted or updated
 * rows (its transition tables) are grouped once and applied as deltas, so a bulk import of a million rows costs one
 * grouped upsert, and an update that moves a session to another unit, year or status takes it out of the old group and
 * into the new one. Rows whose count falls to 0 are removed.
 *
 * Pages are left 30% free so that most updates of a group stay on its page (HOT: no index to touch).
 * The deltas are applied in key order, so two transactions writing several groups lock them in the same
 * order. Tables named agg_… are derived: backups leave them out and the triggers fill them again on restore;
 * `bdg aggregates verify` compares them with the raw rows and `bdg aggregates rebuild` recomputes them.
 */
/** The tables indicators read besides the unit tree (a test checks that every other table is listed as not read). */
export const DATA_TABLES = [
  'communication_session',
  'unit_record',
  'convention',
  'convention_finding',
  'media_indicator_set',
  'media_assessment',
  'monitoring_exercise',
  'media_story',
  'media_person',
  'survey_instrument',
  'survey_wave',
  'survey_response',
  'plan',
  'plan_version',
];

const DELTA_COLUMNS = 'unit_id, year, status, sessions, participants_total, participants_female, participants_male';
const rowsOf = (table: string, sign: '' | '-') => `
  select unit_id, extract(year from date)::int as year, status, ${sign}1 as sessions,
         ${sign}coalesce(participants_total, 0)::bigint as participants_total,
         ${sign}coalesce(participants_female, 0)::bigint as participants_female,
         ${sign}coalesce(participants_male, 0)::bigint as participants_male
    from ${table}`;
const apply = (deltas: string) => `
  insert into agg_session as a (${DELTA_COLUMNS})
  select unit_id, year, status, sum(sessions), sum(participants_total), sum(participants_female),
         sum(participants_male)
    from (${deltas}) d
   group by unit_id, year, status
  having sum(sessions) <> 0 or sum(participants_total) <> 0 or sum(participants_female) <> 0
      or sum(participants_male) <> 0
   order by year, unit_id, status
  on conflict (year, unit_id, status) do update
     set sessions = a.sessions + excluded.sessions,
         participants_total = a.participants_total + excluded.participants_total,
         participants_female = a.participants_female + excluded.participants_female,
         participants_male = a.participants_male + excluded.participants_male;`;
// the sessions' own triggers also make the new data version (one trigger call per statement instead of two)
const BUMP_DATA = `
  insert into agg_version as v (name, stripe, version) values ('data', pg_backend_pid() % 16, 1)
  on conflict (name, stripe) do update set version = v.version + 1;`;
// the groups a delete or an update emptied
const dropEmptied = `
  delete from agg_session a
   using (select distinct unit_id, extract(year from date)::int as year, status from old_rows) k
   where a.sessions = 0 and a.year = k.year and a.unit_id = k.unit_id and a.status = k.status;`;

const statements = [
  `create table agg_session (
     year integer not null,
     unit_id integer not null,
     status text not null,
     sessions bigint not null,
     participants_total bigint not null,
     participants_female bigint not null,
     participants_male bigint not null,
     primary key (year, unit_id, status)
   ) with (fillfactor = 70)`,
  // a unit's trend over the years
  `create index agg_session_unit_year on agg_session (unit_id, year)`,
  `create function agg_session_insert() returns trigger language plpgsql as $$
   begin
     ${apply(rowsOf('new_rows', ''))}${BUMP_DATA}
     return null;
   end $$`,
  `create function agg_session_delete() returns trigger language plpgsql as $$
   begin
     ${apply(rowsOf('old_rows', '-'))}${dropEmptied}${BUMP_DATA}
     return null;
   end $$`,
  `create function agg_session_update() returns trigger language plpgsql as $$
   begin
     ${apply(`${rowsOf('new_rows', '')} union all ${rowsOf('old_rows', '-')}`)}${dropEmptied}${BUMP_DATA}
     return null;
   end $$`,
  `create function agg_session_truncate() returns trigger language plpgsql as $$
   begin
     delete from agg_session;${BUMP_DATA}
     return null;
   end $$`,
  `create trigger agg_session_insert after insert on communication_session
     referencing new table as new_rows for each statement execute function agg_session_insert()`,
  `create trigger agg_session_delete after delete on communication_session
     referencing old table as old_rows for each statement execute function agg_session_delete()`,
  `create trigger agg_session_update after update on communication_session
     referencing old table as old_rows new table as new_rows for each statement execute function agg_session_update()`,
  `create trigger agg_session_truncate after truncate on communication_session
     for each statement execute function agg_session_truncate()`,
  // versions of the data that caches key on (modules/indicators/cache.ts, modules/units/tree-cache.ts):
  // 'units' for the unit tree, 'data' for everything an indicator reads. Each statement that writes such a
  // table adds 1 to a row of its own connection's stripe (pid mod 16), so that concurrent writers rarely
  // wait for one another; a version is the sum of its stripes, which only grows.
  `create table agg_version (
     name text not null,
     stripe integer not null,
     version bigint not null,
     primary key (name, stripe)
   )`,
  `create function agg_bump() returns trigger language plpgsql as $$
   begin
     insert into agg_version as a (name, stripe, version) values (tg_argv[0], pg_backend_pid() % 16, 1)
     on conflict (name, stripe) do update set version = a.version + 1;
     return null;
   end $$`,
  ...['unit', 'unit_version', 'unit_successor'].map(
    (t) => `create trigger agg_bump_units after insert or update or delete or truncate on ${t}
              for each statement execute function agg_bump('units')`,
  ),
  ...DATA_TABLES.filter((t) => t !== 'communication_session').map(
    (t) => `create trigger agg_bump_data after insert or update or delete or truncate on ${t}
              for each statement execute function agg_bump('data')`,
  ),
  // the sessions already stored
  `insert into agg_session (${DELTA_COLUMNS})
   select unit_id, year, status, sum(sessions), sum(participants_total), sum(participants_female),
          sum(participants_male)
     from (${rowsOf('communication_session', '')}) d
    group by unit_id, year, status`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}
