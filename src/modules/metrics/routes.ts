import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../core/errors.ts';
import type { Ctx } from '../context.ts';
import { metricsText, registry } from './registry.ts';

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
