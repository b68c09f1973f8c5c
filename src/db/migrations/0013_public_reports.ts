import { sql, type Kysely } from 'kysely';

/**
 * What the public reports through the portal (issue 12): false information about gender equality, or a
 * clause of a village convention that may discriminate. Name and contact are optional; nothing identifies
 * the sender otherwise (no address is kept). The office accepts a report — it becomes a false-information
 * case of a unit, or a confirmed finding of a convention — or rejects it with a reason.
 */
const statements = [
  `create table public_report (
     id serial primary key,
     kind text not null check (kind in ('false_information', 'convention_clause')),
     text text not null check (length(text) between 10 and 5000),
     place text not null default '',
     link text not null default '',
     name text not null default '',
     contact text not null default '',
     created_at timestamptz not null default now(),
     status text not null default 'pending' check (status in ('pending', 'accepted', 'rejected')),
     decided_at timestamptz,
     decided_by integer references app_user(id),
     decision_note text not null default '',
     record_id integer references unit_record(id),
     convention_id integer references convention(id)
   )`,
  `create index public_report_pending on public_report (created_at) where status = 'pending'`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}
