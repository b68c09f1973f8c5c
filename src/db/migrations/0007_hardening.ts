import { sql, type Kysely } from 'kysely';

/**
 * Hardening (issue 9).
 * - Login throttling by the name typed, whether or not such a user exists, so that the answers do not tell
 *   which usernames exist; addresses an account has signed in from, so that a stranger's wrong passwords
 *   cannot keep its owner out (the right password from a known address passes a lock). The lock moves
 *   off app_user.
 * - Village codes are unique (they already were, through unit.code); nothing to add there.
 */
const statements = [
  `create table login_throttle (
     username text primary key,
     failures integer not null default 0 check (failures >= 0),
     locked_until timestamptz,
     updated_at timestamptz not null default now()
   )`,
  `insert into login_throttle (username, failures, locked_until)
     select username, failed_logins, locked_until from app_user where failed_logins > 0 or locked_until > now()`,
  `alter table app_user drop column failed_logins`,
  `alter table app_user drop column locked_until`,
  `create table login_known_address (
     user_id integer not null references app_user(id) on delete cascade,
     ip text not null,
     last_success_at timestamptz not null default now(),
     primary key (user_id, ip)
   )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}
