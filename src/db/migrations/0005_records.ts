import { sql, type Kysely } from 'kysely';

/**
 * The other record types of the plan (issue 4) in one table: common columns (unit, date, title, status,
 * version) and the type's own fields as JSON, described by src/core/records/types.ts. `key` makes a record
 * unique per unit (one Action Month plan a year, one periodic report a period).
 *
 * Two views give the indicator engine its sources (one row per unit and year that counts):
 * - src_action_month (G3): a unit's Action Month plan for year Y, when at least one of its activities
 *   (a session or another record of the unit) is dated 15/11–15/12 of Y; approved when the plan and one
 *   such activity are approved;
 * - src_effective_model (G2): a model, on its area, in every year from its start to its end (or today)
 *   whose latest evaluation by the end of that year judged it effective.
 */
const ACTIVITY_TYPES =
  `('media_product', 'training_course', 'education_activity', 'false_information_case', ` +
  `'communication_model', 'resource_mobilisation', 'inspection')`;

const statements = [
  `create table unit_record (
     id serial primary key,
     type text not null,
     unit_id integer not null references unit(id),
     date date not null,
     title text not null check (length(title) > 0),
     key text,
     data jsonb not null default '{}',
     status text not null default 'draft' check (status in ('draft', 'submitted', 'approved', 'returned')),
     version integer not null default 1,
     created_at timestamptz not null default now(),
     created_by integer references app_user(id),
     updated_at timestamptz not null default now(),
     updated_by integer references app_user(id)
   )`,
  `create unique index unit_record_key on unit_record (type, unit_id, key) where key is not null`,
  `create index unit_record_type_unit_date on unit_record (type, unit_id, date)`,
  `create index unit_record_unit_date on unit_record (unit_id, date)`,
  `create index unit_record_submitted on unit_record (updated_at) where status = 'submitted'`,
  `create table unit_record_file (
     record_id integer not null references unit_record(id) on delete cascade,
     sha256 text not null references stored_file(sha256),
     name text not null,
     primary key (record_id, sha256)
   )`,
  `create table report_exemption (
     unit_id integer not null references unit(id),
     period text not null,
     reason text not null check (length(reason) > 0),
     created_at timestamptz not null default now(),
     created_by integer references app_user(id),
     primary key (unit_id, period)
   )`,
  `create view src_action_month as
   select p.unit_id,
          make_date((p.data->>'year')::int, 12, 15) as date,
          case when p.status = 'approved' and (
                 exists (select 1 from communication_session s where s.unit_id = p.unit_id and s.status = 'approved'
                          and s.date between make_date((p.data->>'year')::int, 11, 15) and
                            make_date((p.data->>'year')::int, 12, 15))
              or exists (select 1 from unit_record r where r.unit_id = p.unit_id and r.status = 'approved' and
                r.type in ${ACTIVITY_TYPES}
                          and r.date between make_date((p.data->>'year')::int, 11, 15) and
                            make_date((p.data->>'year')::int, 12, 15)))
               then 'approved' else 'pending' end as status
     from unit_record p
    where p.type = 'action_month_plan'
      and (exists (select 1 from communication_session s where s.unit_id = p.unit_id
                    and s.date between make_date((p.data->>'year')::int, 11, 15) and
                      make_date((p.data->>'year')::int, 12, 15))
        or exists (select 1 from unit_record r where r.unit_id = p.unit_id and r.type in ${ACTIVITY_TYPES}
                    and r.date between make_date((p.data->>'year')::int, 11, 15) and
                      make_date((p.data->>'year')::int, 12, 15)))`,
  `create view src_effective_model as
   select (m.data->>'areaUnitId')::int as unit_id, make_date(y.y, 6, 30) as date, m.status
     from unit_record m
     cross join lateral generate_series(extract(year from m.date)::int,
                                        extract(year from coalesce((m.data->>'endDate')::date,
                                          current_date))::int) as y(y)
    where m.type = 'communication_model'
      and (select (e->>'effective')::boolean
             from jsonb_array_elements(coalesce(m.data->'evaluations', '[]'::jsonb)) e
            where (e->>'date')::date <= make_date(y.y, 12, 31)
            order by (e->>'date')::date desc limit 1) is true`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}
