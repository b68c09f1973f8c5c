import { sql } from 'kysely';
import type { Db } from '../../db/engine.ts';

/** The login lock of the user's name, when one is in force (see auth/repository.ts). */
const lockedUntil = sql<Date | null>`(select t.locked_until from login_throttle t
  where t.username = u.username and t.locked_until > now())`.as('locked_until');

const PUBLIC_COLUMNS = [
  'u.id',
  'u.username',
  'u.display_name',
  'u.role',
  'u.unit_id',
  'u.email',
  'u.active',
  'u.version',
  'u.created_at',
] as const;

export async function listUsers(db: Db) {
  return db
    .selectFrom('app_user as u')
    .leftJoin('unit as un', 'un.id', 'u.unit_id')
    .select([...PUBLIC_COLUMNS, lockedUntil, 'un.code as unit_code'])
    .orderBy('u.username')
    .execute();
}

export async function getUser(db: Db, id: number) {
  return db
    .selectFrom('app_user as u')
    .select([...PUBLIC_COLUMNS, lockedUntil])
    .where('u.id', '=', id)
    .executeTakeFirst();
}

export async function insertUser(
  db: Db,
  u: {
    username: string;
    displayName: string;
    passwordHash: string;
    role: string;
    unitId: number | null;
    email?: string | null;
  },
) {
  return db
    .insertInto('app_user')
    .values({
      username: u.username,
      display_name: u.displayName,
      password_hash: u.passwordHash,
      role: u.role,
      unit_id: u.unitId,
      email: u.email ?? null,
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();
}

export async function updateUser(
  db: Db,
  id: number,
  version: number,
  patch: {
    display_name?: string;
    role?: string;
    unit_id?: number | null;
    active?: boolean;
    password_hash?: string;
    email?: string | null;
  },
): Promise<boolean> {
  const res = await db
    .updateTable('app_user')
    .set({ ...patch, version: version + 1, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
