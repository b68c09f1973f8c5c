import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../core/errors.ts';
import type { Ctx } from '../context.ts';
import { httpRequests, metricsText, registry } from './registry.ts';

/**
 * Counts every answered request by method, route pattern (not the raw URL) and status, with its duration;
 * with `log`, also writes one line per request (Fastify's own two lines per request are off). A hook with a
 * callback, not a promise: it runs for every answer.
 */
export function requestObserver(log: boolean) {
  return (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    const route = request.routeOptions.url ?? 'unmatched';
    httpRequests.observe(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    if (log)
      request.log.info(
        { method: request.method, route, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 },
        'request',
      );
    done();
  };
}

const sameSecret = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * /api/metrics for Prometheus: with `Authorization: Bearer <BDG_METRICS_TOKEN>` (a scraper has no
 * session), or for a signed-in admin. Without a token configured, only admins see it.
 */
export const metricsRoutes =
  (ctx: Ctx): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/metrics',
      {
        config: { public: true },
        schema: {
          tags: ['meta'],
          summary: 'Chỉ số vận hành dạng Prometheus (mã BDG_METRICS_TOKEN hoặc quản trị viên)',
        },
      },
      async (request, reply) => {
        const auth = request.headers.authorization ?? '';
        const token = ctx.config.metricsToken;
        const byToken = token !== undefined && auth.startsWith('Bearer ') && sameSecret(auth.slice(7), token);
        if (!byToken) {
          if (!request.user) throw new AppError('UNAUTHENTICATED');
          if (request.user.role !== 'admin') throw new AppError('FORBIDDEN');
        }
        reply.header('content-type', registry.contentType);
        return metricsText();
      },
    );
  };
