/**
 * A bare Fastify server with /api/health and the pieces of the app's request path switched on by PIECES (a
 * comma-separated list; empty: none), for `npm run bench:health-pieces` (issue 15). The pieces are the app's own
 * code where it can be imported without a database, and the same libraries with the app's options otherwise:
 * - headers: the app's securityHeaders in a preValidation hook (the app's one hook, shared with gate when both are
 *   on); one-header: one header (nosniff) set in an onRequest hook;
 * - histogram: the app's RequestObserver (request histogram, no log line) as Fastify's log controller, with a silent
 *   deferred logger when no logger piece is on (Fastify reports sent answers only when it has a logger);
 *   on-response: an empty onResponse hook (a hook's own turn);
 * - logger: Fastify's pino logger at level error (a child logger per request, nothing written); deferred-logger:
 *   the same pino logger through the app's deferredLogger (a pino child only when a request writes);
 * - gate: the app's refuseUnsafeText and requireSignIn in the preValidation hook (no session cookie is sent, so
 *   the app's session lookup would return at once; it needs a database and is left out);
 * - reqid: the app's request id (the caller's X-Request-Id or a new UUID);
 * - plugins: @fastify/rate-limit (not global), @fastify/swagger and @fastify/swagger-ui as the app registers them.
 * Prints "LISTENING <address>".
 */
import { Writable } from 'node:stream';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController } from 'fastify';
import { pino } from 'pino';
import { requireSignIn } from '../src/http/auth-hooks.ts';
import { refuseUnsafeText, securityHeaders } from '../src/http/boundary.ts';
import { deferredLogger } from '../src/http/deferred-logger.ts';
import { requestId } from '../src/http/request-id.ts';
import { RequestObserver } from '../src/modules/metrics/request-observer.ts';

const PIECES = [
  'headers',
  'one-header',
  'histogram',
  'on-response',
  'logger',
  'deferred-logger',
  'gate',
  'reqid',
  'plugins',
] as const;

const on = new Set((process.env.PIECES ?? '').split(',').filter(Boolean));
for (const piece of on)
  if (!(PIECES as readonly string[]).includes(piece)) throw new Error(`unknown piece ${piece}; known: ${PIECES}`);

const nowhere = new Writable({ write: (_chunk, _encoding, done) => done() });
const silent = on.has('histogram') && !on.has('logger') && !on.has('deferred-logger');
const app = Fastify({
  ...(on.has('logger') ? { logger: { level: 'error', stream: nowhere } } : {}),
  ...(on.has('deferred-logger') ? { loggerInstance: deferredLogger(pino({ level: 'error' }, nowhere)) } : {}),
  ...(silent ? { loggerInstance: deferredLogger(pino({ level: 'silent' })) } : {}),
  logController: on.has('histogram') ? new RequestObserver(false) : new LogController({ disableRequestLogging: true }),
  ...(on.has('reqid') ? { genReqId: requestId } : {}),
});
if (on.has('plugins')) {
  await app.register(rateLimit, { global: false });
  await app.register(swagger, { openapi: { info: { title: 'pieces', version: '0' } } });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
}
if (on.has('one-header'))
  app.addHook('onRequest', (_request, reply, done) => {
    reply.header('x-content-type-options', 'nosniff');
    done();
  });
if (on.has('on-response')) app.addHook('onResponse', (_request, _reply, done) => done());
const headers = on.has('headers');
const gate = on.has('gate');
if (gate) app.decorateRequest('user', null);
if (headers || gate)
  app.addHook('preValidation', (request, reply, done) => {
    if (headers) securityHeaders(request, reply);
    try {
      if (gate) {
        refuseUnsafeText(request);
        requireSignIn(request);
      }
      done();
    } catch (e) {
      done(e as Error);
    }
  });
app.get('/api/health', { config: { public: true } }, async () => ({ ok: true }));
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
if (address === null || typeof address === 'string') throw new Error('no TCP address');
console.log(`LISTENING http://127.0.0.1:${address.port}`);
