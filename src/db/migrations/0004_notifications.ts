import { sql, type Kysely } from 'kysely';

/**
 * In-app notifications and the mail outbox (issue 4): a unit is told when its record is returned.
 * The outbox keeps every e-mail the product means to send; it is what admins read while no SMTP server
 * is configured, and what a sender will drain. Dedupe keys make a repeated call write nothing twice.
 */
const statements = [
  `alter table app_user add column email text`,
  `create table notification (
     id bigserial primary key,
     user_id integer not null references app_user(id) on delete cascade,
     kind text not null,
     title text not null,
     body text,
     link text,
     dedupe_key text unique,
     created_at timestamptz not null default now(),
     read_at timestamptz
   )`,
  `create index notification_user on notification (user_id, id desc)`,
  `create table mail_outbox (
     id bigserial primary key,
     to_address text not null,
     subject text not null,
     body text not null,
     dedupe_key text unique,
     created_at timestamptz not null default now(),
     sent_at timestamptz,
     attempts integer not null default 0,
     claimed_until timestamptz,
     last_error text
   )`,
  `create index mail_outbox_pending on mail_outbox (id) where sent_at is null`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}
