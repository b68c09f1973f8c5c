import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../core/errors.ts';
import { actorOf } from '../../http/auth-hooks.ts';
import type { Ctx } from '../context.ts';
import { backupForDownload } from './service.ts';

export const backupRoutes =
  (ctx: Ctx): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/admin/backup',
      {
        schema: {
          tags: ['admin'],
          summary: 'Tải bản sao lưu toàn bộ (cơ sở dữ liệu và tệp minh chứng), nhất quán khi máy chủ đang chạy',
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        if (actor.role !== 'admin') throw new AppError('FORBIDDEN', 'Chỉ quản trị viên được sao lưu');
        const stream = new PassThrough();
        const stamp = new Date().toISOString().slice(0, 16).replace(/[-:T]/gu, '');
        backupForDownload(ctx, actor, stream).catch((e: unknown) => {
          request.log.error(e, 'backup failed');
          stream.destroy(e as Error);
        });
        return reply
          .header('content-type', 'application/gzip')
          .header('content-disposition', `attachment; filename="bdg-backup-${stamp}.bdgbak"`)
          .send(stream);
      },
    );
  };
