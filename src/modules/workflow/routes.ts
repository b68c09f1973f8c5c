import { DbInt } from '../../http/params.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { isOffice } from '../../core/permissions.ts';
import { actorOf } from '../../http/auth-hooks.ts';
import type { Ctx } from '../context.ts';
import { myWork } from './my-work.ts';
import { inbox, approveInbox } from './inbox.ts';

export const workflowRoutes =
  (ctx: Ctx): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/my-work',
      {
        schema: {
          tags: ['workflow'],
          summary: 'Việc của đơn vị mình: hồ sơ bị trả lại (kèm lý do), hồ sơ nháp chưa gửi',
        },
      },
      async (request) => myWork(ctx, actorOf(request)),
    );
    app.get(
      '/api/inbox',
      {
        schema: {
          tags: ['workflow'],
          summary: 'Hồ sơ mọi loại chờ duyệt (cơ quan thường trực), gửi sớm nhất trước',
          querystring: z.object({
            limit: z.coerce.number().int().min(1).max(500).default(100),
            offset: z.coerce.number().int().min(0).default(0),
          }),
        },
      },
      async (request) => {
        if (!isOffice(actorOf(request))) throw new AppError('FORBIDDEN', 'Chỉ cơ quan thường trực có hộp duyệt');
        return inbox(ctx, request.query.limit, request.query.offset);
      },
    );
    app.post(
      '/api/inbox/approve',
      {
        schema: {
          tags: ['workflow'],
          summary: 'Duyệt nhiều hồ sơ một lần (tất cả hoặc không)',
          body: z.object({
            items: z
              .array(
                z.object({
                  kind: z.string().max(60).default('communication_session'),
                  id: DbInt,
                  version: DbInt,
                }),
              )
              .max(500),
          }),
        },
      },
      async (request) => approveInbox(ctx, actorOf(request), request.body.items),
    );
  };
