import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth-hooks.ts';
import { canSendFiles } from '../../core/permissions.ts';
import { readUpload } from '../../http/upload.ts';
import type { Ctx } from '../context.ts';
import { readFile, storeFile } from './service.ts';

export const fileRoutes =
  (ctx: Ctx): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/files',
      { schema: { tags: ['files'], summary: 'Tải lên tệp minh chứng (lưu một lần theo SHA-256)' } },
      async (request, reply) => {
        const actor = actorOf(request);
        const upload = await readUpload(request, ctx.config.maxUploadBytes, canSendFiles(actor));
        const stored = await storeFile(ctx, actor, upload.content);
        reply.status(201);
        return { ...stored, name: upload.filename };
      },
    );
    app.get(
      '/api/files/:sha256',
      { schema: { tags: ['files'], params: z.object({ sha256: z.string() }) } },
      async (request, reply) => {
        const f = await readFile(ctx, actorOf(request), request.params.sha256);
        reply
          .header('content-type', f.mime)
          .header('x-content-type-options', 'nosniff')
          .header('content-disposition', 'attachment');
        return reply.send(f.content);
      },
    );
  };
