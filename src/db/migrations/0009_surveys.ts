import { sql, type Kysely } from 'kysely';

/**
 * Awareness surveys (issue 11): instruments (an XLSForm read into JSON with its scoring specification;
 * never changed once stored — a new version is a new row), waves (one instrument version, the year and
 * days, the target groups and areas surveyed, the sampling design: which columns of the field data are strata, clusters
 * and weights, and the population margins to rake to; a public token while the web form is open), and responses
 * (answers kept as the form checked them, the scores, and the design values). A response's instance id (ODK's
 * meta-instanceID, Kobo's _uuid) is unique within its wave, so an export imported twice adds nothing.
 */
const statements = [
  `create table survey_instrument (
     id serial primary key,
     form_id text not null,
     version text not null,
     title text not null,
     definition jsonb not null,
     scoring jsonb not null,
     note text,
     created_at timestamptz not null default now(),
     created_by integer references app_user(id),
     unique (form_id, version)
   )`,
  `create table survey_wave (
     id serial primary key,
     name text not null check (length(name) > 0),
     year integer not null check (year between 2000 and 2100),
     instrument_id integer not null references survey_instrument(id),
     start_date date not null,
     end_date date not null,
     design jsonb not null default '{}',
     target_groups text[] not null default '{}',
     area_unit_ids integer[] not null default '{}',
     public_token text unique,
     note text,
     version integer not null default 1,
     created_at timestamptz not null default now(),
     created_by integer references app_user(id),
     check (end_date >= start_date)
   )`,
  `create index survey_wave_year on survey_wave (year)`,
  `create table survey_response (
     id serial primary key,
     wave_id integer not null references survey_wave(id),
     source text not null check (source in ('web', 'import')),
     instance_id text,
     answers jsonb not null,
     scores jsonb not null,
     stratum text not null default '',
     cluster text not null default '',
     weight double precision not null default 1 check (weight > 0 and weight < 'Infinity'),
     created_at timestamptz not null default now(),
     created_by integer references app_user(id),
     unique (wave_id, instance_id)
   )`,
  `create index survey_response_wave on survey_response (wave_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}
