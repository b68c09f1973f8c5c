import { sql, type Kysely } from 'kysely';

/**
 * The Action Month source (G3) kept on write (issue 15). `src_action_month` decides, for a unit's plan of year
 * Y, whether one of its activities (a session or another record of the unit) is dated 15/11–15/12 of Y and
 * which approval status the pair has: read for one year it evaluated every plan of every year with up to six
 * index probes each — 130 ms for 12,000 units over ten years, growing with every year of plans.
 *
 * What grows is the activities, so they are what is kept: `agg_action_month_activity` counts, per year, unit
 * and status, the sessions and records dated in that year's window, by statement-level triggers that apply
 * each statement's rows as deltas, exactly like the sessions' aggregates of migration 0016 (an update that
 * moves an activity in or out of the window, to another unit or status, leaves one group and joins another;
 * deltas commute, so concurrent writers need no lock). Plans are one row per unit and year: the view
 * `src_action_month_kept` joins a year's plans (through an index on the plan's year) with those counts and
 * gives the same rows as `src_action_month`; `bdg aggregates verify` checks both the counts and that equality.
 */
const WINDOW = `((extract(month from date) = 11 and extract(day from date) >= 15)
     or (extract(month from date) = 12 and extract(day from date) <= 15))`;
// the record types that count as an Action Month activity (as in src_action_month, migrations 0005 and 0010)
const ACTIVITY_TYPES = `('media_product', 'training_course', 'education_activity', 'false_information_case',
                        'communication_model', 'resource_mobilisation', 'inspection')`;

/** The activity rows of a relation of sessions or records, as signed deltas. */
const rowsOf = (rows: string, table: 'session' | 'record', sign: '' | '-') => `
  select unit_id, extract(year from date)::int as year, status, ${sign}1 as activities
    from ${rows} where ${WINDOW}${table === 'record' ? ` and type in ${ACTIVITY_TYPES}` : ''}`;
const apply = (deltas: string) => `
  insert into agg_action_month_activity as a (year, unit_id, status, activities)
  select year, unit_id, status, sum(activities) from (${deltas}) d
   group by year, unit_id, status
  having sum(activities) <> 0
   order by year, unit_id, status
  on conflict (year, unit_id, status) do update set activities = a.activities + excluded.activities;`;
// the groups a delete or an update emptied
const dropEmptied = (table: 'session' | 'record') => `
  delete from agg_action_month_activity a
   using (select distinct year, unit_id, status from (${rowsOf('old_rows', table, '-')}) o) k
   where a.activities = 0 and a.year = k.year and a.unit_id = k.unit_id and a.status = k.status;`;

const trigger = (name: string, body: string) => `
  create function ${name}() returns trigger language plpgsql as $$
  begin
    ${body}
    return null;
  end $$`;

const statements = [
  `create view src_action_month_activity as
   select unit_id, date, status from communication_session where ${WINDOW}
   union all
   select unit_id, date, status from unit_record where type in ${ACTIVITY_TYPES} and ${WINDOW}`,
  `create table agg_action_month_activity (
     year integer not null,
     unit_id integer not null,
     status text not null,
     activities bigint not null,
     primary key (year, unit_id, status)
   )`,
  // a year's plans, without reading those of every other year
  `create index unit_record_action_month_year on unit_record (((data->>'year')::int), unit_id)
     where type = 'action_month_plan'`,
  // the plans joined with their counts, grouped per plan: a filter on the year or the unit reaches both tables,
  // so a year's, an area's or a unit's plans cost their own rows, never a grouping of every count
  `create view src_action_month_kept as
   select unit_id, year, make_date(year, 12, 15) as date,
          case when status = 'approved' and approved > 0 then 'approved'
               when status in ('approved', 'submitted') and approved + submitted > 0 then 'submitted'
               else 'draft' end as status,
          1 as plans
     from (select p.id, p.unit_id, p.status, (p.data->>'year')::int as year,
                  coalesce(sum(c.activities) filter (where c.status = 'approved'), 0) as approved,
                  coalesce(sum(c.activities) filter (where c.status = 'submitted'), 0) as submitted
             from unit_record p
             join agg_action_month_activity c on c.year = (p.data->>'year')::int and c.unit_id = p.unit_id
            where p.type = 'action_month_plan'
            group by p.id, p.unit_id, p.status, (p.data->>'year')::int) x`,
  ...(['session', 'record'] as const).flatMap((t) => [
    trigger(`agg_action_month_${t}_insert`, apply(rowsOf('new_rows', t, ''))),
    trigger(`agg_action_month_${t}_delete`, apply(rowsOf('old_rows', t, '-')) + dropEmptied(t)),
    trigger(
      `agg_action_month_${t}_update`,
      apply(`${rowsOf('new_rows', t, '')} union all ${rowsOf('old_rows', t, '-')}`) + dropEmptied(t),
    ),
  ]),
  // a truncate of either table: the other's activities stay, so everything is counted again
  trigger(
    'agg_action_month_all',
    `delete from agg_action_month_activity;
     ${apply(`select unit_id, extract(year from date)::int as year, status, 1 as activities
                from src_action_month_activity`)}`,
  ),
  ...(['communication_session', 'unit_record'] as const).flatMap((table) => {
    const fn = table === 'unit_record' ? 'agg_action_month_record' : 'agg_action_month_session';
    return [
      `create trigger agg_action_month_insert after insert on ${table}
         referencing new table as new_rows for each statement execute function ${fn}_insert()`,
      `create trigger agg_action_month_delete after delete on ${table}
         referencing old table as old_rows for each statement execute function ${fn}_delete()`,
      `create trigger agg_action_month_update after update on ${table}
         referencing old table as old_rows new table as new_rows for each statement execute function ${fn}_update()`,
      `create trigger agg_action_month_truncate after truncate on ${table}
         for each statement execute function agg_action_month_all()`,
    ];
  }),
  // the activities already stored
  `insert into agg_action_month_activity (year, unit_id, status, activities)
   select extract(year from date)::int, unit_id, status, count(*) from src_action_month_activity group by 1, 2, 3`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}
