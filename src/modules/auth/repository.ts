import { sql } from 'kysely';
import type { Db } from '../../db/engine.ts';

export async function findUserByUsername(db: Db, username: string) {
  return db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
}

/** When the name typed at login is locked (whether or not such a user exists), or null. */
export async function lockedUntil(db: Db, username: string): Promise<Date | null> {
  const row = await db
    .selectFrom('login_throttle')
    .select('locked_until')
    .where('username', '=', username)
    .where('locked_until', '>', new Date())
    .executeTakeFirst();
  return row?.locked_until ?? null;
}

/**
 * Counts a failed login for a name, atomically; the count restarts when the last failure is older than
 * the lock time. The `maxAttempts`-th failure in a row locks the name for `lockMinutes`. Returns whether
 * the name is now locked.
 */
export async function recordFailedLogin(db: Db, username: string, maxAttempts: number, lockMinutes: number) {
  const lockFor = sql`make_interval(secs => ${lockMinutes * 60})`;
  // the failures in a row, this one included: a failure older than the lock time starts the count again
  const inRow = sql`(case when t.updated_at < now() - ${lockFor} then 1 else t.failures + 1 end)`;
  const firstLocks = 1 >= maxAttempts;
  const row = await sql<{ locked: boolean }>`
    insert into login_throttle as t (username, failures, locked_until, updated_at)
    values (${username}, ${firstLocks ? 0 : 1}, ${firstLocks ? sql`now() + ${lockFor}` : null}, now())
    on conflict (username) do update set
      failures = case when ${inRow} >= ${maxAttempts} then 0 else ${inRow} end,
      locked_until = case when ${inRow} >= ${maxAttempts} then now() + ${lockFor} else t.locked_until end,
      updated_at = now()
    returning coalesce(t.locked_until > now(), false) as locked`.execute(db);
  return row.rows[0]?.locked === true;
}

export async function clearFailedLogins(db: Db, username: string) {
  await db.deleteFrom('login_throttle').where('username', '=', username).execute();
}

/** Forgets failures and locks older than a day (names typed by strangers included). */
export async function pruneLoginThrottle(db: Db) {
  await db
    .deleteFrom('login_throttle')
    .where('updated_at', '<', new Date(Date.now() - 86_400_000))
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', new Date())]))
    .execute();
}

export async function isKnownAddress(db: Db, userId: number, ip: string | null): Promise<boolean> {
  if (!ip) return false;
  const row = await db
    .selectFrom('login_known_address')
    .select('ip')
    .where('user_id', '=', userId)
    .where('ip', '=', ip)
    .executeTakeFirst();
  return row !== undefined;
}

export async function rememberAddress(db: Db, userId: number, ip: string | null) {
  if (!ip) return;
  await db
    .insertInto('login_known_address')
    .values({ user_id: userId, ip })
    .onConflict((oc) => oc.columns(['user_id', 'ip']).doUpdateSet({ last_success_at: new Date() }))
    .execute();
}

export async function insertSession(
  db: Db,
  s: { id: string; userId: number; csrf: string; expiresAt: Date; ip: string | null },
) {
  await db
    .insertInto('auth_session')
    .values({ id: s.id, user_id: s.userId, csrf_token: s.csrf, expires_at: s.expiresAt, ip: s.ip })
    .execute();
}

export async function findSession(db: Db, id: string) {
  return db
    .selectFrom('auth_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select([
      's.id',
      's.csrf_token',
      's.expires_at',
      'u.id as user_id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.unit_id',
      'u.active',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

export async function deleteSession(db: Db, id: string) {
  await db.deleteFrom('auth_session').where('id', '=', id).execute();
}

export async function deleteExpiredSessions(db: Db) {
  await db.deleteFrom('auth_session').where('expires_at', '<', new Date()).execute();
}

export async function deleteUserSessions(db: Db, userId: number) {
  await db.deleteFrom('auth_session').where('user_id', '=', userId).execute();
}

/** Ends a user's sessions on every other device, keeping the one with id `keepId`. */
export async function deleteOtherSessions(db: Db, userId: number, keepId: string) {
  await db.deleteFrom('auth_session').where('user_id', '=', userId).where('id', '!=', keepId).execute();
}

export async function passwordHashOf(db: Db, userId: number): Promise<{ username: string; hash: string } | undefined> {
  const row = await db
    .selectFrom('app_user')
    .select(['username', 'password_hash'])
    .where('id', '=', userId)
    .executeTakeFirst();
  return row && { username: row.username, hash: row.password_hash };
}

export async function setPasswordHash(db: Db, userId: number, passwordHash: string) {
  await db.updateTable('app_user').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
}
