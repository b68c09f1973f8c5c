import {} from '../../http/params.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { canReadAudit } from '../../core/permissions.ts';
import { actorOf } from '../../http/auth-hooks.ts';
import type { Ctx } from '../context.ts';
import { listAudit } from './repository.ts';

export const auditRoutes =
  (ctx: Ctx): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/audit',
      {
        schema: {
          tags: ['audit'],
          summary: 'Nhật ký thay đổi (quản trị viên, cơ quan thường trực)',
          querystring: z.object({
            entity: z.string().optional(),
            entityId: z.string().optional(),
            username: z.string().optional(),
            limit: z.coerce.number().int().min(1).max(500).default(50),
            offset: z.coerce.number().int().min(0).default(0),
          }),
        },
      },
      async (request) => {
        if (!canReadAudit(actorOf(request)))
          throw new AppError('FORBIDDEN', 'Chỉ quản trị viên và cơ quan thường trực xem được nhật ký');
        return listAudit(ctx.db, request.query);
      },
    );
  };
