import { DbId, DbInt } from '../../http/params.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth-hooks.ts';
import { canImportSessions } from '../../core/permissions.ts';
import { readUpload } from '../../http/upload.ts';
import { CSV_TYPE, download, XLSX_TYPE as XLSX } from '../../http/download.ts';
import type { Ctx } from '../context.ts';
import {
  createSession,
  deleteSession,
  getSession,
  importSessions,
  listSessions,
  sessionExport,
  sessionHistory,
  transitionSession,
  updateSession,
} from './service.ts';
import { RECORD_STATUSES } from '../../core/workflow.ts';
import { sessionsCsv, sessionsXlsx, sessionTemplate } from './spreadsheet.ts';
import { errorsXlsx } from '../files/sheets.ts';

// Bodies are checked by the domain (validateSession) so that every message is Vietnamese and names its field.
const SessionBody = z
  .object({
    unitId: z.unknown(),
    date: z.unknown(),
    title: z.unknown(),
    form: z.unknown(),
    topics: z.unknown(),
    targetGroups: z.unknown(),
    participantsTotal: z.unknown(),
    participantsFemale: z.unknown(),
    participantsMale: z.unknown(),
    placeUnitId: z.unknown(),
    notes: z.unknown(),
    evidence: z.array(z.object({ sha256: z.string(), name: z.string().optional() })).optional(),
    submit: z.boolean().optional().describe('true: gửi duyệt ngay; mặc định lưu nháp'),
  })
  .partial();

const Id = z.object({ id: DbId });

export const sessionRoutes =
  (ctx: Ctx): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/sessions',
      {
        schema: {
          tags: ['sessions'],
          summary: 'Hoạt động truyền thông, mới nhất trước',
          querystring: z.object({
            unitId: DbId.optional(),
            status: z.enum(RECORD_STATUSES).optional(),
            year: z.coerce.number().int().min(2000).max(2100).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(50),
            offset: z.coerce.number().int().min(0).default(0),
          }),
        },
      },
      async (request) => {
        actorOf(request);
        const q = request.query;
        return listSessions(ctx, {
          unitId: q.unitId,
          status: q.status,
          from: q.year ? `${q.year}-01-01` : undefined,
          to: q.year ? `${q.year}-12-31` : undefined,
          limit: q.limit,
          offset: q.offset,
        });
      },
    );
    app.get('/api/sessions/:id', { schema: { tags: ['sessions'], params: Id } }, async (request) => {
      actorOf(request);
      return getSession(ctx, request.params.id);
    });
    app.post(
      '/api/sessions',
      {
        schema: {
          tags: ['sessions'],
          body: SessionBody.extend({
            allowDuplicate: z
              .boolean()
              .optional()
              .describe('true: lưu dù có vẻ trùng một bản ghi cùng đơn vị, ngày và tên'),
          }),
        },
      },
      async (request, reply) => {
        reply.status(201);
        return createSession(ctx, actorOf(request), request.body);
      },
    );
    app.put(
      '/api/sessions/:id',
      { schema: { tags: ['sessions'], params: Id, body: SessionBody.extend({ version: z.unknown() }) } },
      async (request) => updateSession(ctx, actorOf(request), request.params.id, request.body),
    );
    app.delete(
      '/api/sessions/:id',
      { schema: { tags: ['sessions'], params: Id, querystring: z.object({ version: DbId }) } },
      async (request) => {
        await deleteSession(ctx, actorOf(request), request.params.id, request.query.version);
        return { ok: true };
      },
    );
    app.post(
      '/api/sessions/:id/transition',
      {
        schema: {
          tags: ['sessions'],
          summary: 'Gửi duyệt, duyệt, trả lại (kèm lý do) hoặc mở lại (kèm lý do)',
          params: Id,
          body: z.object({
            action: z.enum(['submit', 'approve', 'return', 'reopen']),
            version: DbInt,
            comment: z.string().max(2000).optional(),
          }),
        },
      },
      async (request) => transitionSession(ctx, actorOf(request), request.params.id, request.body),
    );
    app.get(
      '/api/sessions/:id/history',
      { schema: { tags: ['sessions'], summary: 'Lịch sử duyệt và thay đổi kể từ lần duyệt gần nhất', params: Id } },
      async (request) => {
        actorOf(request);
        return sessionHistory(ctx, request.params.id);
      },
    );
    const ListFilter = z.object({
      unitId: DbId.optional(),
      status: z.enum(RECORD_STATUSES).optional(),
      year: z.coerce.number().int().min(2000).max(2100).optional(),
    });
    const exportOf = (q: z.infer<typeof ListFilter>) =>
      sessionExport(ctx, {
        unitId: q.unitId,
        status: q.status,
        from: q.year ? `${q.year}-01-01` : undefined,
        to: q.year ? `${q.year}-12-31` : undefined,
      });
    app.get(
      '/api/sessions/template.xlsx',
      {
        schema: {
          tags: ['sessions'],
          summary: 'Mẫu Excel để nhập hoạt động (tiêu đề tiếng Việt, danh mục thả xuống, dòng ví dụ)',
        },
      },
      async (request, reply) => {
        actorOf(request);
        return download(reply, 'mau-nhap-hoat-dong.xlsx', XLSX, await sessionTemplate());
      },
    );
    app.get(
      '/api/sessions/export.xlsx',
      {
        schema: {
          tags: ['sessions'],
          summary: 'Xuất danh sách đã lọc ra Excel (nhập lại được)',
          querystring: ListFilter,
        },
      },
      async (request, reply) => {
        actorOf(request);
        return download(reply, 'hoat-dong.xlsx', XLSX, sessionsXlsx(exportOf(request.query)));
      },
    );
    app.get(
      '/api/sessions/export.csv',
      { schema: { tags: ['sessions'], summary: 'Xuất danh sách đã lọc ra CSV (UTF-8)', querystring: ListFilter } },
      async (request, reply) => {
        actorOf(request);
        return download(reply, 'hoat-dong.csv', CSV_TYPE, sessionsCsv(exportOf(request.query)));
      },
    );
    app.post(
      '/api/import-errors.xlsx',
      {
        schema: {
          tags: ['sessions'],
          summary: 'Danh sách lỗi của một lần nhập, dạng Excel',
          body: z.object({
            rows: z
              .array(z.object({ line: z.number(), column: z.string().optional(), reason: z.string() }))
              .max(100_000),
          }),
        },
      },
      async (request, reply) => {
        actorOf(request);
        return download(reply, 'loi-nhap.xlsx', XLSX, await errorsXlsx(request.body.rows));
      },
    );
    app.post(
      '/api/sessions/import',
      { schema: { tags: ['sessions'], summary: 'Nhập hoạt động từ CSV/XLSX; tất cả hoặc không' } },
      async (request) => {
        const actor = actorOf(request);
        const file = await readUpload(request, ctx.config.maxUploadBytes, canImportSessions(actor));
        return importSessions(ctx, actor, file.content);
      },
    );
  };
