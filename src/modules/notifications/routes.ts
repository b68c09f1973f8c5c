import { DbInt } from '../../http/params.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth-hooks.ts';
import type { Ctx } from '../context.ts';
import { myNotifications, outbox, readNotifications } from './service.ts';

export const notificationRoutes =
  (ctx: Ctx): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/notifications',
      { schema: { tags: ['notifications'], summary: 'Thông báo của tôi (50 gần nhất) và số chưa đọc' } },
      async (request) => myNotifications(ctx, actorOf(request)),
    );
    app.post(
      '/api/notifications/read',
      {
        schema: {
          tags: ['notifications'],
          summary: 'Đánh dấu đã đọc một thông báo (id) hoặc tất cả',
          body: z.object({ id: DbInt.nullable() }),
        },
      },
      async (request) => readNotifications(ctx, actorOf(request), request.body.id),
    );
    app.get(
      '/api/outbox',
      {
        schema: {
          tags: ['notifications'],
          summary: 'Hộp thư đi (quản trị viên)',
          querystring: z.object({
            limit: z.coerce.number().int().min(1).max(500).default(50),
            offset: z.coerce.number().int().min(0).default(0),
          }),
        },
      },
      async (request) => outbox(ctx, actorOf(request), request.query.limit, request.query.offset),
    );
  };
