import { hash, randomBytes } from 'node:crypto';
import { AppError } from '../../core/errors.ts';
import { SessionCache } from '../../core/session-cache.ts';
import type { Db } from '../../db/engine.ts';
import { writeAudit } from '../audit/repository.ts';
import type { Actor, Ctx, Role } from '../context.ts';
import { passwordProblem } from '../../core/permissions.ts';
import { invalid } from '../../core/errors.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords.ts';
import * as repo from './repository.ts';

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unitId: number | null;
}

// one-shot hash (no Hash object): asked on every signed-in request
const tokenId = (token: string): string => hash('sha256', token, 'hex');

const actorOf = (
  u: { id: number; username: string; role: string; unit_id: number | null },
  ip: string | null,
): Actor => ({
  id: u.id,
  username: u.username,
  role: u.role as Role,
  unitId: u.unit_id,
  ip,
});

/**
 * Checks a password and opens a session. The cookie carries a random token; the database keeps only
 * its SHA-256, so a leaked table does not let anyone in.
 *
 * Throttling (besides the per-address rate limit of the route): after BDG_LOCKOUT_ATTEMPTS wrong
 * passwords in a row the *name typed* is locked for BDG_LOCKOUT_MINUTES — names that belong to nobody
 * too, so that neither 401 nor 423 tells which usernames exist. A lock does not keep the owner out: the
 * right password from an address the account has signed in from before passes it, so a stranger cannot
 * lock an account out again and again. Failures of real accounts are audited; an admin can unlock.
 */
export async function login(ctx: Ctx, username: string, password: string, ip: string | null) {
  const name = username.normalize('NFC').trim().toLowerCase();
  const user = await repo.findUserByUsername(ctx.db, name);
  const usable = user && user.active ? user : null;
  // the same work whether or not the user exists: one argon2 verification
  const passwordOk = await verifyPassword(usable?.password_hash ?? (await dummyPasswordHash()), password);
  const locked = await repo.lockedUntil(ctx.db, name);
  if (locked) {
    if (!(usable && passwordOk && (await repo.isKnownAddress(ctx.db, usable.id, ip)))) {
      throw new AppError('ACCOUNT_LOCKED');
    }
  } else if (!usable || !passwordOk) {
    const nowLocked = await ctx.db.transaction().execute(async (trx) => {
      const l = await repo.recordFailedLogin(trx, name, ctx.config.lockoutAttempts, ctx.config.lockoutMinutes);
      if (usable)
        await writeAudit(trx, actorOf(usable, ip), 'login_failed', 'app_user', usable.id, null, { locked: l });
      return l;
    });
    throw new AppError(nowLocked ? 'ACCOUNT_LOCKED' : 'BAD_CREDENTIALS');
  }
  const account = usable!;
  const actor = actorOf(account, ip);
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + ctx.config.sessionHours * 3600_000);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.clearFailedLogins(trx, name);
    await repo.rememberAddress(trx, account.id, ip);
    await repo.insertSession(trx, { id: tokenId(token), userId: account.id, csrf: csrfToken, expiresAt, ip });
    await writeAudit(trx, actor, locked ? 'login_past_lock' : 'login', 'app_user', account.id, null, null);
  });
  await repo.deleteExpiredSessions(ctx.db);
  await repo.pruneLoginThrottle(ctx.db);
  const sessionUser: SessionUser = {
    id: account.id,
    username: account.username,
    displayName: account.display_name,
    role: account.role as Role,
    unitId: account.unit_id,
  };
  return { token, csrfToken, expiresAt, user: sessionUser };
}

// one cache per database handle (tests and tools that open several databases in a process never mix
// them), started afresh when a configuration with another cache time uses the handle
const caches = new WeakMap<Db, SessionCache<SessionUser>>();
function cacheOf(ctx: Ctx): SessionCache<SessionUser> {
  let c = caches.get(ctx.db);
  if (!c || c.ttlMs !== ctx.config.sessionCacheMs)
    caches.set(ctx.db, (c = new SessionCache<SessionUser>(ctx.config.sessionCacheMs)));
  return c;
}

/**
 * A read's session from the session cache (core/session-cache.ts: looked up less than
 * BDG_SESSION_CACHE_SECONDS ago, not forgotten since by a logout or a change of the user), or undefined:
 * then ask `authenticate`. Writes never use it.
 */
export function cachedSession(ctx: Ctx, token: string): { user: SessionUser; csrfToken: string } | undefined {
  return cacheOf(ctx).get(tokenId(token));
}

/**
 * The user and CSRF token behind a session cookie, from the database, or null when it is unknown, expired
 * or disabled. What it finds is kept in the session cache for reads.
 */
export async function authenticate(ctx: Ctx, token: string): Promise<{ user: SessionUser; csrfToken: string } | null> {
  const id = tokenId(token);
  const cache = cacheOf(ctx);
  const generation = cache.begin();
  const s = await repo.findSession(ctx.db, id);
  if (!s || !s.active || s.expires_at.getTime() <= Date.now()) return null;
  const found = {
    csrfToken: s.csrf_token,
    user: { id: s.user_id, username: s.username, displayName: s.display_name, role: s.role as Role, unitId: s.unit_id },
  };
  cache.store(id, s.user_id, { ...found, expiresAt: s.expires_at.getTime() }, generation);
  return found;
}

/** After a user's role, unit, name, password or state changed: this process trusts none of their sessions. */
export function forgetUserSessions(ctx: Ctx, userId: number): void {
  cacheOf(ctx).forgetUser(userId);
}

export async function logout(ctx: Ctx, token: string, actor: Actor): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await repo.deleteSession(trx, tokenId(token));
    await writeAudit(trx, actor, 'logout', 'app_user', actor.id ?? 0, null, null);
  });
  cacheOf(ctx).forget(tokenId(token));
}

/** Lifts the login lock of a user's name (an admin's act, audited). */
export async function unlockLogin(ctx: Ctx, actor: Actor, userId: number, username: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.lockedUntil(trx, username);
    await repo.clearFailedLogins(trx, username);
    await writeAudit(trx, actor, 'unlock', 'app_user', userId, { lockedUntil: before?.toISOString() ?? null }, null);
  });
}

/**
 * A signed-in user changes their own password: the current one first (a session left open on a shared
 * computer is not enough), the new one by the same rules as an admin's. The user's sessions on other
 * devices end; this one goes on. Audited without either password.
 */
export async function changeOwnPassword(
  ctx: Ctx,
  actor: Actor,
  token: string,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  if (actor.id === null) throw new AppError('UNAUTHENTICATED');
  const account = await repo.passwordHashOf(ctx.db, actor.id);
  if (!account) throw new AppError('UNAUTHENTICATED');
  if (!(await verifyPassword(account.hash, input.currentPassword)))
    throw invalid({ currentPassword: 'Mật khẩu hiện tại không đúng' });
  const problem =
    input.newPassword === input.currentPassword
      ? 'mật khẩu mới phải khác mật khẩu hiện tại'
      : passwordProblem(input.newPassword, account.username);
  if (problem) throw invalid({ newPassword: `Mật khẩu mới: ${problem}` });
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.setPasswordHash(trx, actor.id!, passwordHash);
    await repo.deleteOtherSessions(trx, actor.id!, tokenId(token));
    await writeAudit(trx, actor, 'password', 'app_user', actor.id!, null, { passwordChanged: true });
  });
  forgetUserSessions(ctx, actor.id);
}
