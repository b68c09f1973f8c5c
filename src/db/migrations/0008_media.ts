import { sql, type Kysely } from 'kysely';

/**
 * Media agencies (issue 10): the Gender Indicator Set in media as versioned data, each agency's yearly
 * self-assessment against one version of it (answers as JSON keyed by indicator code, evidence per
 * indicator), and content monitoring after the GMMP method: exercises, stories, people in the news.
 * A story coded a second time for intercoder agreement points at the first coding (`check_of`) and is
 * left out of every figure.
 */
const statements = [
  `create table media_indicator_set (
     set_id text not null,
     version integer not null check (version >= 1),
     definition jsonb not null,
     note text,
     created_at timestamptz not null default now(),
     created_by integer references app_user(id),
     primary key (set_id, version)
   )`,
  `create table media_assessment (
     id serial primary key,
     unit_id integer not null references unit(id),
     year integer not null check (year between 2000 and 2100),
     set_id text not null,
     set_version integer not null,
     answers jsonb not null default '{}',
     note text,
     status text not null default 'draft' check (status in ('draft', 'submitted', 'approved', 'returned')),
     version integer not null default 1,
     created_at timestamptz not null default now(),
     created_by integer references app_user(id),
     updated_at timestamptz not null default now(),
     updated_by integer references app_user(id),
     unique (unit_id, year),
     foreign key (set_id, set_version) references media_indicator_set(set_id, version)
   )`,
  `create index media_assessment_year on media_assessment (year, unit_id)`,
  `create table media_assessment_file (
     assessment_id integer not null references media_assessment(id) on delete cascade,
     indicator text not null,
     sha256 text not null references stored_file(sha256),
     name text not null,
     primary key (assessment_id, indicator, sha256)
   )`,
  `create table monitoring_exercise (
     id serial primary key,
     name text not null check (length(name) > 0),
     start_date date not null,
     end_date date not null,
     media text[] not null default '{}',
     note text,
     version integer not null default 1,
     created_at timestamptz not null default now(),
     created_by integer references app_user(id),
     updated_at timestamptz not null default now(),
     check (end_date >= start_date)
   )`,
  `create table media_story (
     id serial primary key,
     exercise_id integer not null references monitoring_exercise(id),
     unit_id integer not null references unit(id),
     medium text not null,
     date date not null,
     headline text not null check (length(headline) > 0),
     topic text not null,
     topic_group text not null,
     scope text not null,
     reporter_sex text not null default 'unknown',
     about_women boolean not null default false,
     highlights_inequality boolean not null default false,
     challenges_stereotypes boolean not null default false,
     stereotype boolean not null default false,
     refers_to_law boolean not null default false,
     body text,
     suggestion jsonb,
     check_of integer references media_story(id) on delete cascade,
     coder_id integer references app_user(id),
     version integer not null default 1,
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now()
   )`,
  `create index media_story_unit_date on media_story (unit_id, date) where check_of is null`,
  `create index media_story_date on media_story (date) where check_of is null`,
  `create index media_story_exercise on media_story (exercise_id)`,
  `create index media_story_check_of on media_story (check_of) where check_of is not null`,
  `create table media_person (
     story_id integer not null references media_story(id) on delete cascade,
     position integer not null check (position >= 1),
     sex text not null,
     age_band text not null default 'unknown',
     occupation text not null default 'unknown',
     function text not null,
     family_role boolean not null default false,
     victim text not null default 'no',
     quoted boolean not null default false,
     photographed boolean not null default false,
     primary key (story_id, position)
   )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}
