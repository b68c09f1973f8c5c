import { sql, type Kysely } from 'kysely';

/** Plans as data, versioned: every edit makes a new version; figures name the version they used (issue 3). */
const statements = [
  `create table plan (
     id text primary key,
     name text not null,
     created_at timestamptz not null default now()
   )`,
  `create table plan_version (
     plan_id text not null references plan(id) on delete cascade,
     version integer not null check (version >= 1),
     definition jsonb not null,
     note text,
     created_at timestamptz not null default now(),
     created_by integer references app_user(id),
     primary key (plan_id, version)
   )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}
