import { parseCookie } from 'cookie';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../core/errors.ts';
import { authenticate, cachedSession, type SessionUser } from '../modules/auth/service.ts';
import type { Actor, Ctx } from '../modules/context.ts';

export const SESSION_COOKIE = 'bdg_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** open without signing in (health, meta, login, logout); every other /api route needs a session */
    public?: boolean;
  }
  interface FastifyRequest {
    user: SessionUser | null;
    csrfToken: string | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

type Found = { user: SessionUser; csrfToken: string } | null | undefined;

/**
 * Reads the session cookie on every request, and refuses a state-changing request of a signed-in
 * session that does not carry its CSRF token in X-CSRF-Token (compared in constant time). A read may be
 * answered from the session cache, synchronously (no promise, no turn of the event loop); a write always
 * asks the database. Returns a promise only when it has to wait.
 */
export function sessionHook(ctx: Ctx) {
  const settle = (request: FastifyRequest, s: Found): void => {
    if (s) {
      request.user = s.user;
      request.csrfToken = s.csrfToken;
    }
    if (!SAFE_METHODS.has(request.method) && request.user) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !constantTimeEqual(sent, request.csrfToken ?? '')) throw new AppError('CSRF');
    }
  };
  return (request: FastifyRequest): Promise<void> | void => {
    request.user = null;
    request.csrfToken = null;
    const token = sessionToken(request);
    if (!token) return;
    const hit = SAFE_METHODS.has(request.method) ? cachedSession(ctx, token) : undefined;
    if (hit) return settle(request, hit);
    return authenticate(ctx, token).then((s) => settle(request, s));
  };
}

/** The session cookie's value, if the request carries one. */
export function sessionToken(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  return header ? parseCookie(header)[SESSION_COOKIE] : undefined;
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length || a.length === 0) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** The signed-in actor, or 401. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.user) throw new AppError('UNAUTHENTICATED');
  const u = request.user;
  return { id: u.id, username: u.username, role: u.role, unitId: u.unitId, ip: request.ip };
}

/**
 * Every /api route needs a session unless it is marked `config: { public: true }`: an anonymous request
 * hears 401 before its input is even validated, so that nothing about a route's input leaks to strangers.
 * Runs after sessionHook; routes still take their actor with actorOf.
 */
export function requireSignIn(request: FastifyRequest): void {
  if (request.user || !request.url.startsWith('/api/') || request.url.startsWith('/api/docs')) return;
  // Fastify builds routeOptions afresh on every read: read it once
  const { url, config } = request.routeOptions;
  if (!url || config?.public) return;
  throw new AppError('UNAUTHENTICATED');
}
