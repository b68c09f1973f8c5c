/**
 * A bare Fastify server with /api/health and the pieces of the app's request path switched on by PIECES (a
 * comma-separated list; empty: none), for `npm run bench:health-pieces` (issue 15). The pieces are the app's own
 * code where it can be imported without a database, and the same libraries with the app's options otherwise:
 * - headers: the app's securityHeaders in an onRequest hook; one-header: one header (nosniff) set in such a hook;
 * - histogram: the app's requestObserver (request histogram, no log line) in an onResponse hook; on-response: an
 *   empty onResponse hook (the hook's own turn);
 * - logger: Fastify's pino logger at level error (a child logger per request, nothing written); deferred-logger:
 *   the same pino logger through the app's deferredLogger (a pino child only when a request writes);
 * - gate: a preValidation hook with the app's refuseUnsafeText and requireSignIn (no session cookie is sent, so
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
import { requestObserver } from '../src/modules/metrics/routes.ts';

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
const app = Fastify({
  ...(on.has('logger') ? { logger: { level: 'error', stream: nowhere } } : {}),
  ...(on.has('deferred-logger') ? { loggerInstance: deferredLogger(pino({ level: 'error' }, nowhere)) } : {}),
  logController: new LogController({ disableRequestLogging: true }),
  ...(on.has('reqid') ? { genReqId: requestId } : {}),
});
if (on.has('plugins')) {
  await app.register(rateLimit, { global: false });
  await app.register(swagger, { openapi: { info: { title: 'pieces', version: '0' } } });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
}
if (on.has('headers'))
  app.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request, reply);
    done();
  });
if (on.has('one-header'))
  app.addHook('onRequest', (_request, reply, done) => {
    reply.header('x-content-type-options', 'nosniff');
    done();
  });
if (on.has('histogram')) app.addHook('onResponse', requestObserver(false));
if (on.has('on-response')) app.addHook('onResponse', (_request, _reply, done) => done());
if (on.has('gate'))
  app.addHook('preValidation', (request, _reply, done) => {
    try {
      refuseUnsafeText(request);
      request.user = null;
      requireSignIn(request);
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
