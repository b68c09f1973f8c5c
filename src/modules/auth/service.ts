import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../core/errors.ts';
import { writeAudit } from '../audit/repository.ts';
import type { Actor, Ctx, Role } from '../context.ts';
import { dummyPasswordHash, verifyPassword } from './passwords.ts';
import * as repo from './repository.ts';

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unitId: number | null;
}

const tokenId = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * Checks a password and opens a session. The cookie carries a random token; the database keeps only
 * its SHA-256, so a leaked table does not let anyone in. After N failures the account is locked for a
 * while (BDG_LOCKOUT_*), and every failure is audited.
 */
export async function login(ctx: Ctx, username: string, password: string, ip: string | null) {
  const name = username.normalize('NFC').trim().toLowerCase();
  const user = await repo.findUserByUsername(ctx.db, name);
  if (!user || !user.active) {
    await verifyPassword(await dummyPasswordHash(), password);
    throw new AppError('BAD_CREDENTIALS');
  }
  if (user.locked_until && user.locked_until.getTime() > Date.now()) throw new AppError('ACCOUNT_LOCKED');
  const actor: Actor = { id: user.id, username: user.username, role: user.role as Role, unitId: user.unit_id, ip };
  if (!(await verifyPassword(user.password_hash, password))) {
    const locked = await ctx.db.transaction().execute(async (trx) => {
      const l = await repo.recordFailedLogin(trx, user.id, ctx.config.lockoutAttempts, ctx.config.lockoutMinutes);
      await writeAudit(trx, actor, 'login_failed', 'app_user', user.id, null, { locked: l });
      return l;
    });
    throw new AppError(locked ? 'ACCOUNT_LOCKED' : 'BAD_CREDENTIALS');
  }
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + ctx.config.sessionHours * 3600_000);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.clearFailedLogins(trx, user.id);
    await repo.insertSession(trx, { id: tokenId(token), userId: user.id, csrf: csrfToken, expiresAt, ip });
    await writeAudit(trx, actor, 'login', 'app_user', user.id, null, null);
  });
  await repo.deleteExpiredSessions(ctx.db);
  const sessionUser: SessionUser = {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    role: user.role as Role,
    unitId: user.unit_id,
  };
  return { token, csrfToken, expiresAt, user: sessionUser };
}

/** The user and CSRF token behind a session cookie, or null when it is unknown, expired or disabled. */
export async function authenticate(ctx: Ctx, token: string): Promise<{ user: SessionUser; csrfToken: string } | null> {
  const s = await repo.findSession(ctx.db, tokenId(token));
  if (!s || !s.active || s.expires_at.getTime() <= Date.now()) return null;
  return {
    csrfToken: s.csrf_token,
    user: { id: s.user_id, username: s.username, displayName: s.display_name, role: s.role as Role, unitId: s.unit_id },
  };
}

export async function logout(ctx: Ctx, token: string, actor: Actor): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await repo.deleteSession(trx, tokenId(token));
    await writeAudit(trx, actor, 'logout', 'app_user', actor.id ?? 0, null, null);
  });
}
