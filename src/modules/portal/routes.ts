import fs from 'node:fs/promises';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { actorOf } from '../../http/auth-hooks.ts';
import { DbId } from '../../http/params.ts';
import type { Ctx } from '../context.ts';
import { filePath } from '../files/service.ts';
import {
  acceptPublicReport,
  listPublicReports,
  materialFile,
  MaterialQuery,
  portalHome,
  portalMaterials,
  rejectPublicReport,
  submitPublicReport,
} from './service.ts';

/**
 * The public portal's API (docs/portal.md): published progress, the library of public materials, open survey
 * forms and the form to report false information or a discriminatory clause — no sign-in, rate-limited per
 * address; and the office's moderation of what the public sends.
 */
export const portalRoutes =
  (ctx: Ctx): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['portal'];
    const read = { public: true, rateLimit: { max: ctx.config.publicReadMaxPerMinute, timeWindow: 60_000 } };
    app.get(
      '/api/portal/home',
      {
        config: read,
        schema: { tags, summary: 'Cổng công khai: tiến độ từ báo cáo đã ban hành, các khảo sát đang mở' },
      },
      async () => portalHome(ctx),
    );
    app.get(
      '/api/portal/materials',
      {
        config: read,
        schema: {
          tags,
          summary: 'Thư viện tài liệu truyền thông công khai: tìm có hoặc không dấu, lọc theo chủ đề, đối tượng, loại',
          querystring: MaterialQuery,
        },
      },
      async (request) => portalMaterials(ctx, request.query),
    );
    app.get(
      '/api/portal/materials/:id/files/:sha256',
      {
        config: read,
        schema: {
          tags,
          summary: 'Tệp của một tài liệu công khai',
          params: z.object({ id: DbId, sha256: z.string().max(64) }),
        },
      },
      async (request, reply) => {
        const f = await materialFile(ctx, request.params.id, request.params.sha256);
        const content = await fs.readFile(filePath(ctx.config.dataDir, request.params.sha256)).catch(() => {
          throw new AppError('NOT_FOUND', 'Không tìm thấy tệp');
        });
        const ascii =
          f.name
            .normalize('NFD')
            .replace(/[^\x20-\x7e]/gu, '')
            .replace(/["\\]/gu, '') || 'tai-lieu';
        return reply
          .header('content-type', f.mime)
          .header(
            'content-disposition',
            `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(f.name)}`,
          )
          .send(content);
      },
    );
    app.post(
      '/api/portal/reports',
      {
        config: { public: true, rateLimit: { max: ctx.config.publicFormMaxPerMinute, timeWindow: 60_000 } },
        schema: {
          tags,
          summary: 'Người dân phản ánh thông tin sai lệch về bình đẳng giới hoặc điều khoản hương ước phân biệt đối xử',
          body: z.unknown(),
        },
      },
      async (request, reply) => reply.code(201).send(await submitPublicReport(ctx, request.body)),
    );
    app.get(
      '/api/public-reports',
      {
        schema: {
          tags,
          summary: 'Phản ánh của người dân chờ xử lý, đã tiếp nhận hoặc không tiếp nhận (cơ quan thường trực)',
          querystring: z.object({ status: z.enum(['pending', 'accepted', 'rejected']).optional() }),
        },
      },
      async (request) => listPublicReports(ctx, actorOf(request), request.query.status ?? null),
    );
    app.post(
      '/api/public-reports/:id/accept',
      {
        schema: {
          tags,
          summary:
            'Tiếp nhận: tạo vụ việc thông tin sai lệch của một đơn vị, hoặc nội dung phân biệt của một hương ước',
          params: z.object({ id: DbId }),
          body: z.object({ unitId: DbId.optional(), conventionId: DbId.optional(), location: z.unknown().optional() }),
        },
      },
      async (request) => acceptPublicReport(ctx, actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/public-reports/:id/reject',
      {
        schema: {
          tags,
          summary: 'Không tiếp nhận một phản ánh, kèm lý do',
          params: z.object({ id: DbId }),
          body: z.object({ reason: z.unknown() }),
        },
      },
      async (request) => rejectPublicReport(ctx, actorOf(request), request.params.id, request.body.reason),
    );
  };
