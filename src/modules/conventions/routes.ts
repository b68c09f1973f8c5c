import { DbId, DbInt } from '../../http/params.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth-hooks.ts';
import { todayInVietnam } from '../../core/dates.ts';
import { canSendFiles } from '../../core/permissions.ts';
import { download } from '../../http/download.ts';
import { readUpload } from '../../http/upload.ts';
import type { Ctx } from '../context.ts';
import { screenDocument, textOfUpload } from '../screener/service.ts';
import {
  addMissedFinding,
  amendConvention,
  compareTexts,
  conventionDetail,
  createConvention,
  createVillage,
  falseAlarmReport,
  listConventions,
  reviewFinding,
  screenerFeedback,
  updateConvention,
} from './service.ts';

const Id = z.object({ id: DbId });
// bodies are checked by the domain so that messages are Vietnamese and name their field
const Body = z.record(z.string(), z.unknown());

export const conventionRoutes =
  (ctx: Ctx): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/screen',
      {
        schema: {
          tags: ['screener'],
          summary: 'Sàng lọc một văn bản (dán vào): điều, khoản có thể phân biệt đối xử hoặc định kiến giới',
          body: z.object({ text: z.string().max(1_000_000) }),
        },
      },
      async (request) => {
        actorOf(request);
        return screenDocument(request.body.text);
      },
    );
    app.post(
      '/api/text-of-file',
      { schema: { tags: ['screener'], summary: 'Lấy nội dung chữ của tệp .docx hoặc .txt tải lên' } },
      async (request) => {
        const actor = actorOf(request);
        const file = await readUpload(request, ctx.config.maxUploadBytes, canSendFiles(actor));
        return { text: await textOfUpload(file.content), filename: file.filename };
      },
    );
    app.get(
      '/api/conventions',
      {
        schema: {
          tags: ['conventions'],
          summary: 'Sổ đăng ký hương ước, quy ước',
          querystring: z.object({
            communeId: DbId.optional(),
            status: z.string().max(30).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
            offset: z.coerce.number().int().min(0).default(0),
          }),
        },
      },
      async (request) => {
        actorOf(request);
        return listConventions(ctx, request.query);
      },
    );
    app.get(
      '/api/conventions/false-alarms',
      { schema: { tags: ['conventions'], summary: 'Luật sàng lọc bị bỏ qua (báo nhầm) nhiều nhất' } },
      async (request) => {
        actorOf(request);
        return falseAlarmReport(ctx);
      },
    );
    app.get(
      '/api/conventions/screener-feedback.yaml',
      {
        schema: {
          tags: ['conventions'],
          summary:
            'Quyết định xem xét (xác nhận, bỏ qua, đoạn bị bỏ sót) thành lô câu ứng viên cho kho câu của bộ sàng lọc',
          querystring: z.object({ since: z.string().max(30).optional() }),
        },
      },
      async (request, reply) => {
        const origin = `${request.protocol}://${request.host}`;
        const yaml = await screenerFeedback(ctx, actorOf(request), origin, request.query.since);
        return download(
          reply,
          `screener-feedback-${todayInVietnam()}.yaml`,
          'application/yaml; charset=utf-8',
          Buffer.from(yaml),
        );
      },
    );
    app.post(
      '/api/conventions/villages',
      {
        schema: {
          tags: ['conventions'],
          summary: 'Xã tạo thôn, tổ dân phố',
          body: z.object({ communeId: DbInt, name: z.unknown().optional() }),
        },
      },
      async (request) => createVillage(ctx, actorOf(request), request.body.communeId, request.body.name),
    );
    app.post(
      '/api/conventions',
      {
        schema: {
          tags: ['conventions'],
          summary: 'Đăng ký hương ước, quy ước kèm toàn văn (được sàng lọc ngay)',
          body: Body,
        },
      },
      async (request, reply) => {
        reply.status(201);
        return createConvention(ctx, actorOf(request), request.body);
      },
    );
    app.get('/api/conventions/:id', { schema: { tags: ['conventions'], params: Id } }, async (request) => {
      actorOf(request);
      return conventionDetail(ctx, request.params.id);
    });
    app.put('/api/conventions/:id', { schema: { tags: ['conventions'], params: Id, body: Body } }, async (request) =>
      updateConvention(ctx, actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/conventions/:id/findings/:findingId/review',
      {
        schema: {
          tags: ['conventions'],
          summary: 'Xác nhận (kèm nhận xét) hoặc bỏ qua (kèm lý do) một phát hiện',
          params: z.object({ id: DbId, findingId: DbId }),
          body: z.object({ decision: z.enum(['confirm', 'dismiss']), note: z.unknown().optional() }),
        },
      },
      async (request) =>
        reviewFinding(
          ctx,
          actorOf(request),
          request.params.id,
          request.params.findingId,
          request.body.decision,
          request.body.note,
        ),
    );
    app.post(
      '/api/conventions/:id/findings',
      { schema: { tags: ['conventions'], summary: 'Đánh dấu một đoạn công cụ bỏ sót', params: Id, body: Body } },
      async (request) => addMissedFinding(ctx, actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/conventions/:id/amendments',
      {
        schema: {
          tags: ['conventions'],
          summary: 'Ghi nhận sửa đổi: toàn văn mới, ngày, quyết định',
          params: Id,
          body: Body,
        },
      },
      async (request) => amendConvention(ctx, actorOf(request), request.params.id, request.body),
    );
    app.get(
      '/api/conventions/:id/compare',
      {
        schema: {
          tags: ['conventions'],
          summary: 'So sánh hai phiên bản văn bản',
          params: Id,
          querystring: z.object({ from: DbId, to: DbId }),
        },
      },
      async (request) => {
        actorOf(request);
        return compareTexts(ctx, request.params.id, request.query.from, request.query.to);
      },
    );
  };
