import { sql, type Kysely } from 'kysely';

/**
 * The last two record sources of the plan kept on write (issue 15): effective models (G2) and conventions (G6).
 * Both views of migrations 0005 and 0006 give one row per model or convention and year, from its start to its
 * end or to today, so a year's read expanded every model's and every convention's years and, for a model,
 * looked up its latest evaluation for each of them; for a convention, its confirmed findings.
 *
 * What is kept is each one's years as spans, a span being a run of consecutive years: `first_year` to
 * `last_year`, and `until_today` when it has no end date (the span stops at the current year when read, as the
 * views stop at `current_date`; `last_year` is then 9999 for a run that lasts). A view expands the spans into
 * years and gives the same rows per unit, year and status as the view it replaces, which
 * `bdg aggregates verify` checks besides the spans themselves.
 *
 * - Effective models: a model's spans depend on its own row alone (start, end date, evaluations), so they are
 *   counted per unit, status and span by statement-level delta triggers on `unit_record`, exactly like the
 *   sessions' aggregates of migration 0016. A model without an end date is effective from its last evaluation's
 *   year on as that evaluation says: its years after that year need no row.
 * - Conventions: whether a convention is free of discrimination depends on another table (its confirmed
 *   findings), so each convention keeps its own span row, recomputed from the current rows for the conventions a
 *   statement touched on either table. A write of findings first locks their conventions (for no key update, which
 *   the findings' own key-share locks do not block), so that two transactions recomputing one convention follow
 *   each other and the last sees what the first committed.
 *
 * A model's latest evaluation by a year's end is now the last one in its list when two share a date (the view
 * of migration 0005 left that tie to the sort): the view is replaced with the same rows otherwise.
 */
const MODEL_ROWS = (rows: string, sign: '' | '-') => `
  select (m.data->>'areaUnitId')::int as unit_id, m.status, s.first_year, s.last_year, s.until_today,
         ${sign}1 as models
    from ${rows} m cross join lateral effective_model_spans(m.data, m.date) s
   where m.type = 'communication_model' and m.data->>'areaUnitId' is not null`;
const MODEL_KEY = 'unit_id, status, first_year, last_year, until_today';
const applyModels = (deltas: string) => `
  insert into agg_effective_model as a (${MODEL_KEY}, models)
  select ${MODEL_KEY}, sum(models) from (${deltas}) d
   group by ${MODEL_KEY}
  having sum(models) <> 0
   order by ${MODEL_KEY}
  on conflict (${MODEL_KEY}) do update set models = a.models + excluded.models;`;
const dropEmptiedModels = `
  delete from agg_effective_model a
   using (select distinct ${MODEL_KEY} from (${MODEL_ROWS('old_rows', '-')}) o) k
   where a.models = 0 and a.unit_id = k.unit_id and a.status = k.status and a.first_year = k.first_year
     and a.last_year = k.last_year and a.until_today = k.until_today;`;

/** Recomputes the span rows of the conventions whose ids `ids` (an SQL int[] expression) gives. */
const refreshConventions = (ids: string) => `
  delete from agg_convention_span a
   where a.convention_id = any(${ids})
     and not exists (select 1 from src_convention_span s where s.convention_id = a.convention_id);
  insert into agg_convention_span as a
  select * from src_convention_span where convention_id = any(${ids}) order by convention_id
  on conflict (convention_id) do update
     set unit_id = excluded.unit_id, first_year = excluded.first_year, last_year = excluded.last_year,
         until_today = excluded.until_today, free = excluded.free;`;

const trigger = (name: string, body: string, declare = '') => `
  create function ${name}() returns trigger language plpgsql as $$
  ${declare}
  begin
    ${body}
    return null;
  end $$`;
/** The statement-level triggers of `fn`_insert, _delete and _update on a table, with their transition tables. */
const transitionTriggers = (name: string, table: string, fn: string) => [
  `create trigger ${name}_insert after insert on ${table}
     referencing new table as new_rows for each statement execute function ${fn}_insert()`,
  `create trigger ${name}_delete after delete on ${table}
     referencing old table as old_rows for each statement execute function ${fn}_delete()`,
  `create trigger ${name}_update after update on ${table}
     referencing old table as old_rows new table as new_rows for each statement execute function ${fn}_update()`,
];
// a span's last year as read today
const LAST = `case when until_today then least(last_year, extract(year from current_date)::int) else last_year end`;

const statements = [
  // the runs of consecutive years in which a model is effective (its latest evaluation by the year's end says
  // so), from its start to its end date, or to its last evaluation's year and on if it has no end date
  `create function effective_model_spans(data jsonb, start date)
     returns table (first_year int, last_year int, until_today boolean) language sql stable as $$
     with ev as (
       select (e->>'date')::date as d, (e->>'effective')::boolean as effective, n
         from jsonb_array_elements(coalesce(data->'evaluations', '[]'::jsonb)) with ordinality as x(e, n)),
     b as (
       select extract(year from start)::int as s, data->>'endDate' is null as open,
              case when data->>'endDate' is null
                   then greatest(extract(year from start)::int, (select max(extract(year from d))::int from ev))
                   else extract(year from (data->>'endDate')::date)::int end as k),
     y as (
       select g.y, b.open, b.k,
              (select effective from ev where d <= make_date(g.y, 12, 31) order by d desc, n desc limit 1)
                is true as effective
         from b cross join generate_series(b.s, b.k) as g(y))
     select min(y), case when bool_or(open and y = k) then 9999 else max(y) end, bool_or(open)
       from (select y, open, k, y - row_number() over (order by y) as run from y where effective) r
      group by run
   $$`,
  `create or replace view src_effective_model as
   select (m.data->>'areaUnitId')::int as unit_id, make_date(y.y, 6, 30) as date, m.status
     from unit_record m
     cross join lateral generate_series(
            extract(year from m.date)::int,
            extract(year from coalesce((m.data->>'endDate')::date, current_date))::int) as y(y)
    where m.type = 'communication_model'
      and (select (e->>'effective')::boolean
             from jsonb_array_elements(coalesce(m.data->'evaluations', '[]'::jsonb)) with ordinality as x(e, n)
            where (e->>'date')::date <= make_date(y.y, 12, 31)
            order by (e->>'date')::date desc, n desc limit 1) is true`,
  `create view src_effective_model_span as ${MODEL_ROWS('unit_record', '')}`,
  `create table agg_effective_model (
     unit_id integer not null,
     status text not null,
     first_year integer not null,
     last_year integer not null,
     until_today boolean not null,
     models bigint not null,
     primary key (unit_id, status, first_year, last_year, until_today)
   )`,
  `create view src_effective_model_kept as
   select unit_id, y as year, make_date(y, 6, 30) as date, status, sum(models) as models
     from agg_effective_model cross join lateral generate_series(first_year, ${LAST}) as y
    group by unit_id, y, status`,
  trigger('agg_effective_model_insert', applyModels(MODEL_ROWS('new_rows', ''))),
  trigger('agg_effective_model_delete', applyModels(MODEL_ROWS('old_rows', '-')) + dropEmptiedModels),
  trigger(
    'agg_effective_model_update',
    applyModels(`${MODEL_ROWS('new_rows', '')} union all ${MODEL_ROWS('old_rows', '-')}`) + dropEmptiedModels,
  ),
  trigger(
    'agg_effective_model_truncate',
    `delete from agg_effective_model;
     ${applyModels(MODEL_ROWS('unit_record', ''))}`,
  ),
  ...transitionTriggers('agg_effective_model', 'unit_record', 'agg_effective_model'),
  `create trigger agg_effective_model_truncate after truncate on unit_record
     for each statement execute function agg_effective_model_truncate()`,
  `insert into agg_effective_model (${MODEL_KEY}, models)
   select ${MODEL_KEY}, count(*) from src_effective_model_span group by ${MODEL_KEY}`,

  // conventions: one span row each, while adopted and in force, under amendment or replaced (as src_convention)
  `create view src_convention_span as
   select c.id as convention_id, c.village_unit_id as unit_id, extract(year from c.adopted_on)::int as first_year,
          coalesce(extract(year from c.replaced_on)::int, 9999) as last_year, c.replaced_on is null as until_today,
          (c.status = 'in_force' and not exists (select 1 from convention_finding f
                                                  where f.convention_id = c.id and f.status = 'confirmed')) as free
     from convention c
    where c.adopted_on is not null and c.status in ('in_force', 'under_amendment', 'replaced')`,
  `create table agg_convention_span (
     convention_id integer primary key,
     unit_id integer not null,
     first_year integer not null,
     last_year integer not null,
     until_today boolean not null,
     free boolean not null
   )`,
  // an area's or a unit's conventions (a unit's ten-year trend: 2.8 → 1.4 ms for G2 and G6 together, measured)
  `create index agg_convention_span_unit on agg_convention_span (unit_id)`,
  `create view src_convention_kept as
   select unit_id, y as year, make_date(y, 6, 30) as date, 'approved'::text as status, count(*) as conventions,
          count(*) filter (where free) as free_of_discrimination
     from agg_convention_span cross join lateral generate_series(first_year, ${LAST}) as y
    group by unit_id, y`,
  trigger('agg_convention_insert', refreshConventions('array(select id from new_rows)')),
  trigger('agg_convention_delete', refreshConventions('array(select id from old_rows)')),
  trigger('agg_convention_update', refreshConventions('array(select id from new_rows union select id from old_rows)')),
  ...(
    [
      ['insert', 'new_rows'],
      ['delete', 'old_rows'],
      ['update', 'new_rows union select convention_id from old_rows'],
    ] as const
  ).map(([event, rows]) =>
    trigger(
      `agg_convention_finding_${event}`,
      `ids := array(select convention_id from ${rows});
       perform 1 from convention where id = any(ids) order by id for no key update;
       ${refreshConventions('ids')}`,
      'declare ids int[];',
    ),
  ),
  trigger(
    'agg_convention_all',
    `delete from agg_convention_span;
     insert into agg_convention_span select * from src_convention_span;`,
  ),
  ...transitionTriggers('agg_convention', 'convention', 'agg_convention'),
  ...transitionTriggers('agg_convention', 'convention_finding', 'agg_convention_finding'),
  ...['convention', 'convention_finding'].map(
    (t) => `create trigger agg_convention_truncate after truncate on ${t}
              for each statement execute function agg_convention_all()`,
  ),
  `insert into agg_convention_span select * from src_convention_span`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}
