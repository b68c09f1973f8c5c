import fs from 'node:fs';
import path from 'node:path';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { refuseUnsafeText, securityHeaders } from './http/boundary.ts';
import { requestId } from './http/request-id.ts';
import { deferredLogger } from './http/deferred-logger.ts';
import { errorHandler } from './http/errors.ts';
import { responseSerializer } from './http/serializer.ts';
import { acceptMultipart } from './http/upload.ts';
import './core/zod-vi.ts';
import { requireSignIn, sessionHook } from './http/auth-hooks.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { backupRoutes } from './modules/backup/routes.ts';
import { mediaRoutes } from './modules/media/routes.ts';
import { surveyRoutes } from './modules/surveys/routes.ts';
import { authRoutes } from './modules/auth/routes.ts';
import type { Ctx } from './modules/context.ts';
import { fileRoutes } from './modules/files/routes.ts';
import { indicatorRoutes } from './modules/indicators/routes.ts';
import { metaRoutes } from './modules/meta/routes.ts';
import { metricsRoutes } from './modules/metrics/routes.ts';
import { RequestObserver } from './modules/metrics/request-observer.ts';
import { notificationRoutes } from './modules/notifications/routes.ts';
import { planRoutes } from './modules/plans/routes.ts';
import { sessionRoutes } from './modules/sessions/routes.ts';
import { recordRoutes } from './modules/records/routes.ts';
import { workflowRoutes } from './modules/workflow/routes.ts';
import { reportRoutes } from './modules/reports/routes.ts';
import { officialReportRoutes } from './modules/official-reports/routes.ts';
import { openDataRoutes } from './modules/open-data/routes.ts';
import { portalRoutes } from './modules/portal/routes.ts';
import { geoRoutes } from './modules/geo/routes.ts';
import { conventionRoutes } from './modules/conventions/routes.ts';
import { unitRoutes } from './modules/units/routes.ts';
import { userRoutes } from './modules/users/routes.ts';

export interface AppOptions {
  ctx: Ctx;
  /** Folder of the built web client; served at / when it exists. */
  webDir?: string | undefined;
  /** log (pino JSON lines) to standard output, or to this stream */
  logger?: boolean | { write(line: string): void };
  /** every answer also checked by zod and compared (the test suite; see http/serializer.ts) */
  checkResponses?: boolean;
}

/** Without a destination the logger is silent: Fastify still needs one to report each sent answer (see below). */
const requestLogger = (level: string, to: boolean | { write(line: string): void }): FastifyBaseLogger =>
  deferredLogger(typeof to === 'object' ? pino({ level }, to) : pino({ level: to ? level : 'silent' }));

/** Builds the Fastify application (tests use app.inject; server.ts calls listen). */
export async function buildApp({
  ctx,
  webDir,
  logger = false,
  checkResponses = false,
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // pino, with each request's child logger made only when the request writes a line (http/deferred-logger.ts)
    loggerInstance: requestLogger(ctx.config.logLevel, logger),
    // every answer counted in the request histogram, and logged in one line when BDG_REQUEST_LOG is on: Fastify
    // tells its log controller of each answer sent when it has a logger, so this needs no onResponse hook
    logController: new RequestObserver(ctx.config.requestLog),
    trustProxy: ctx.config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    genReqId: requestId,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializer(checkResponses));
  app.setErrorHandler(errorHandler);

  acceptMultipart(app);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'BĐG Monitor API',
        version: '0.1.0',
        description: 'Theo dõi kế hoạch truyền thông về bình đẳng giới',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  // declared up front, so that every request object has the same shape (setting them on a request that lacks
  // them would change its hidden class on every request: Fastify's advice for request decorators)
  app.decorateRequest('user', null);
  app.decorateRequest('csrfToken', null);
  const readSession = sessionHook(ctx);
  // The one hook every request passes (each hook costs every answer a turn; the request histogram is kept by the log
  // controller above): the security headers, then the unsafe-text and sign-in checks. A request refused before this
  // phase (a body that does not parse, a rate limit) gets its headers from the error handler. Callback style: a
  // request that needs no database (no session, or a read whose session is cached) passes without a promise.
  app.addHook('preValidation', (request, reply, done) => {
    securityHeaders(request, reply);
    try {
      refuseUnsafeText(request);
      const pending = readSession(request);
      if (!pending) {
        requireSignIn(request);
        return done();
      }
      pending.then(() => requireSignIn(request)).then(() => done(), done);
    } catch (e) {
      done(e as Error);
    }
  });

  for (const routes of [
    metaRoutes,
    metricsRoutes,
    authRoutes,
    userRoutes,
    unitRoutes,
    sessionRoutes,
    recordRoutes,
    workflowRoutes,
    reportRoutes,
    officialReportRoutes,
    openDataRoutes,
    portalRoutes,
    geoRoutes,
    conventionRoutes,
    fileRoutes,
    planRoutes,
    indicatorRoutes,
    notificationRoutes,
    auditRoutes,
    backupRoutes,
    mediaRoutes,
    surveyRoutes,
  ]) {
    await app.register(routes(ctx));
  }

  if (webDir && fs.existsSync(path.join(webDir, 'index.html'))) {
    // Built files are sent as written at build time in brotli or gzip (web/vite.config.ts); names under
    // assets/ carry their content's hash, so a browser keeps them for a year without asking again, while
    // index.html (which names them) is asked for each time.
    await app.register(fastifyStatic, {
      root: path.resolve(webDir),
      wildcard: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, file) => {
        reply.header(
          'cache-control',
          file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
    app.setNotFoundHandler((request, reply) => {
      if (request.url.startsWith('/api/'))
        return reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'Không tìm thấy' } });
      return reply.type('text/html').sendFile('index.html');
    });
  } else {
    app.setNotFoundHandler((_request, reply) =>
      reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'Không tìm thấy' } }),
    );
  }
  return app;
}
