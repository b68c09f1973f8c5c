import { sql, type Kysely } from 'kysely';

/**
 * The approval workflow (issue 4): a status on every record and the history of its transitions.
 * Sessions recorded before the workflow existed are taken as approved (they were accepted then).
 */
const statements = [
  `alter table communication_session add column status text not null default 'approved'
     check (status in ('draft', 'submitted', 'approved', 'returned'))`,
  `alter table communication_session alter column status set default 'draft'`,
  `create index communication_session_submitted on communication_session (updated_at) where status = 'submitted'`,
  `create table record_event (
     id bigserial primary key,
     entity text not null,
     entity_id text not null,
     action text not null,
     from_status text,
     to_status text not null,
     comment text,
     snapshot jsonb,
     at timestamptz not null default now(),
     user_id integer references app_user(id),
     username text
   )`,
  `create index record_event_entity on record_event (entity, entity_id, id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}
