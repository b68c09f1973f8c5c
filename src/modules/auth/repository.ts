import type { Db } from '../../db/engine.ts';

export async function findUserByUsername(db: Db, username: string) {
  return db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function recordFailedLogin(db: Db, userId: number, maxAttempts: number, lockMinutes: number) {
  const user = await db
    .selectFrom('app_user')
    .select(['failed_logins'])
    .where('id', '=', userId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const failed = user.failed_logins + 1;
  const lock = failed >= maxAttempts;
  await db
    .updateTable('app_user')
    .set({ failed_logins: lock ? 0 : failed, locked_until: lock ? new Date(Date.now() + lockMinutes * 60_000) : null })
    .where('id', '=', userId)
    .execute();
  return lock;
}

export async function clearFailedLogins(db: Db, userId: number) {
  await db.updateTable('app_user').set({ failed_logins: 0, locked_until: null }).where('id', '=', userId).execute();
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
