import { sql, type Kysely } from 'kysely';

/** Units with history, users, sessions, audit, files and communication sessions (issue 2). */
const statements = [
  `create extension if not exists pg_trgm`,
  `create table unit (
     id serial primary key,
     code text not null unique,
     kind text not null check (kind in
       ('province','district','commune','department','association','media','school','enterprise','village','other')),
     valid_from date not null,
     valid_to date,
     created_at timestamptz not null default now(),
     check (valid_to is null or valid_to >= valid_from)
   )`,
  `create table unit_version (
     id serial primary key,
     unit_id integer not null references unit(id) on delete cascade,
     name text not null check (length(name) > 0),
     parent_id integer references unit(id),
     valid_from date not null,
     valid_to date,
     search_text text not null,
     sort_key text not null,
     check (valid_to is null or valid_to >= valid_from)
   )`,
  `create index unit_version_unit on unit_version (unit_id, valid_from)`,
  `create index unit_version_parent on unit_version (parent_id)`,
  `create index unit_version_search on unit_version using gin (search_text gin_trgm_ops)`,
  `create table unit_successor (
     from_unit_id integer not null references unit(id) on delete cascade,
     to_unit_id integer not null references unit(id) on delete cascade,
     date date not null,
     primary key (from_unit_id, to_unit_id, date),
     check (from_unit_id <> to_unit_id)
   )`,
  `create table app_user (
     id serial primary key,
     username text not null unique,
     display_name text not null,
     password_hash text not null,
     role text not null check (role in ('admin','coordinator','reporter','inspector','viewer')),
     unit_id integer references unit(id),
     active boolean not null default true,
     failed_logins integer not null default 0,
     locked_until timestamptz,
     version integer not null default 1,
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now(),
     check (role <> 'reporter' or unit_id is not null)
   )`,
  `create table auth_session (
     id text primary key,
     user_id integer not null references app_user(id) on delete cascade,
     csrf_token text not null,
     created_at timestamptz not null default now(),
     expires_at timestamptz not null,
     ip text
   )`,
  `create index auth_session_user on auth_session (user_id)`,
  `create table audit_log (
     id bigserial primary key,
     at timestamptz not null default now(),
     user_id integer,
     username text,
     action text not null,
     entity text not null,
     entity_id text not null,
     before jsonb,
     after jsonb,
     ip text
   )`,
  `create index audit_log_entity on audit_log (entity, entity_id)`,
  `create index audit_log_at on audit_log (at desc)`,
  `create table stored_file (
     sha256 text primary key,
     size bigint not null,
     mime text not null,
     created_at timestamptz not null default now(),
     created_by integer references app_user(id)
   )`,
  `create table communication_session (
     id serial primary key,
     unit_id integer not null references unit(id),
     date date not null,
     title text not null check (length(title) > 0),
     form text not null,
     topics text[] not null default '{}',
     target_groups text[] not null default '{}',
     participants_total integer check (participants_total >= 0),
     participants_female integer check (participants_female >= 0),
     participants_male integer check (participants_male >= 0),
     place_unit_id integer references unit(id),
     notes text,
     version integer not null default 1,
     created_at timestamptz not null default now(),
     created_by integer references app_user(id),
     updated_at timestamptz not null default now(),
     updated_by integer references app_user(id),
     check (coalesce(participants_female, 0) + coalesce(participants_male, 0) <= coalesce(participants_total,
       2147483647))
   )`,
  `create index communication_session_date_unit on communication_session (date, unit_id)`,
  `create index communication_session_unit_date on communication_session (unit_id, date)`,
  `create table communication_session_file (
     session_id integer not null references communication_session(id) on delete cascade,
     sha256 text not null references stored_file(sha256),
     name text not null,
     primary key (session_id, sha256)
   )`,
  `create table app_meta (key text primary key, value jsonb not null)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}
