import { sql, type Kysely } from 'kysely';

/**
 * Community conventions (issue 5): the register (a convention belongs to a village or residential group
 * and its commune), every version of its text (the adopted one, then amendments), and the screener's
 * findings with their review (confirmed, dismissed, resolved by an amendment; or marked by a reviewer).
 *
 * View src_convention gives G6 its source: one row per convention and year from its adoption to its
 * replacement (or today), counted free of discrimination when it is in force and no confirmed finding is
 * left unresolved.
 */
const statements = [
  `create table convention (
     id serial primary key,
     village_unit_id integer not null references unit(id),
     commune_unit_id integer not null references unit(id),
     title text not null check (length(title) > 0),
     kind text not null check (kind in ('huong_uoc', 'quy_uoc')),
     adopted_on date,
     households_agree_pct numeric(5,2) check (households_agree_pct >= 0 and households_agree_pct <= 100),
     decision_number text,
     decision_date date,
     status text not null default 'draft' check (status in ('draft', 'in_force', 'under_amendment', 'replaced')),
     replaced_on date,
     version integer not null default 1,
     created_at timestamptz not null default now(),
     created_by integer references app_user(id),
     updated_at timestamptz not null default now(),
     updated_by integer references app_user(id)
   )`,
  `create index convention_commune on convention (commune_unit_id)`,
  `create table convention_text (
     id serial primary key,
     convention_id integer not null references convention(id) on delete cascade,
     version_no integer not null,
     text text not null,
     effective_date date,
     decision_number text,
     note text,
     created_at timestamptz not null default now(),
     created_by integer references app_user(id),
     unique (convention_id, version_no)
   )`,
  `create table convention_finding (
     id serial primary key,
     convention_id integer not null references convention(id) on delete cascade,
     text_id integer not null references convention_text(id) on delete cascade,
     rule text,
     category text not null check (category in ('discrimination', 'stereotype')),
     location text not null,
     span_start integer,
     span_end integer,
     excerpt text not null,
     message text not null,
     law text,
     suggestion text,
     manual boolean not null default false,
     status text not null default 'open' check (status in ('open', 'confirmed', 'dismissed', 'resolved')),
     note text,
     reviewed_by integer references app_user(id),
     reviewed_at timestamptz,
     resolved_by_text_id integer references convention_text(id),
     created_at timestamptz not null default now()
   )`,
  `create index convention_finding_convention on convention_finding (convention_id, status)`,
  `create view src_convention as
   select c.village_unit_id as unit_id, make_date(y.y, 6, 30) as date, 'approved'::text as status,
          (c.status = 'in_force' and not exists (select 1 from convention_finding f where f.convention_id = c.id
            and f.status = 'confirmed')) as free_of_discrimination
     from convention c
     cross join lateral generate_series(extract(year from c.adopted_on)::int,
                                        extract(year from coalesce(c.replaced_on, current_date))::int) as y(y)
    where c.adopted_on is not null and c.status in ('in_force', 'under_amendment', 'replaced')`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}
