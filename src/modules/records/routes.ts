import { DbId, DbInt } from '../../http/params.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RECORD_TYPES } from '../../core/records/types.ts';
import { RECORD_STATUSES } from '../../core/workflow.ts';
import { actorOf } from '../../http/auth-hooks.ts';
import { canImportRecords } from '../../core/permissions.ts';
import { CSV_TYPE, download, XLSX_TYPE } from '../../http/download.ts';
import { readUpload } from '../../http/upload.ts';
import type { Ctx } from '../context.ts';
import { importRecords } from './import.ts';
import {
  actionMonthActivities,
  createRecord,
  deleteRecord,
  getRecord,
  listRecords,
  recordExport,
  recordHistory,
  transitionRecord,
  typeDef,
  updateRecord,
} from './service.ts';
import { recordsCsv, recordsXlsx, recordTemplate } from './spreadsheet.ts';

// Bodies are checked by the domain (validateRecord) so that every message is Vietnamese and names its field.
const Body = z.object({
  unitId: z.unknown(),
  data: z.record(z.string(), z.unknown()).optional().describe('các trường của loại hồ sơ, theo tên (date, title, …)'),
  evidence: z.array(z.object({ sha256: z.string(), name: z.string().optional() })).optional(),
  submit: z.boolean().optional().describe('true: gửi duyệt ngay; mặc định lưu nháp'),
});
const CreateBody = Body.extend({
  allowDuplicate: z.boolean().optional().describe('true: lưu dù có vẻ trùng một bản ghi cùng đơn vị, ngày và tên'),
});
const TypeParam = z.object({ type: z.string().max(60) });
const TypeId = z.object({ type: z.string().max(60), id: DbId });
const ListFilter = z.object({
  unitId: DbId.optional(),
  status: z.enum(RECORD_STATUSES).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  key: z.string().max(40).optional(),
});
const yearRange = (year: number | undefined) => ({
  from: year ? `${year}-01-01` : undefined,
  to: year ? `${year}-12-31` : undefined,
});

export const recordRoutes =
  (ctx: Ctx): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/record-types',
      { schema: { tags: ['records'], summary: 'Các loại hồ sơ và trường của từng loại (để dựng biểu mẫu)' } },
      async (request) => {
        actorOf(request);
        return RECORD_TYPES.map(({ type, vi, en, task, fields, listFields, key }) => ({
          type,
          vi,
          en,
          task,
          fields,
          listFields,
          keyField: key?.field ?? null,
        }));
      },
    );
    app.get(
      '/api/records/:type',
      {
        schema: {
          tags: ['records'],
          summary: 'Hồ sơ một loại, mới nhất trước',
          params: TypeParam,
          querystring: ListFilter.extend({
            limit: z.coerce.number().int().min(1).max(500).default(50),
            offset: z.coerce.number().int().min(0).default(0),
          }),
        },
      },
      async (request) => {
        actorOf(request);
        const q = request.query;
        typeDef(request.params.type);
        return listRecords(ctx, {
          type: request.params.type,
          unitId: q.unitId,
          status: q.status,
          key: q.key,
          ...yearRange(q.year),
          limit: q.limit,
          offset: q.offset,
        });
      },
    );
    app.get(
      '/api/records/:type/template.xlsx',
      {
        schema: {
          tags: ['records'],
          summary: 'Mẫu Excel để nhập (tiêu đề tiếng Việt, danh mục thả xuống, dòng ví dụ)',
          params: TypeParam,
        },
      },
      async (request, reply) => {
        actorOf(request);
        return download(
          reply,
          `mau-${request.params.type}.xlsx`,
          XLSX_TYPE,
          await recordTemplate(typeDef(request.params.type)),
        );
      },
    );
    const exportOf = (type: string, q: z.infer<typeof ListFilter>) =>
      recordExport(ctx, { type, unitId: q.unitId, status: q.status, key: q.key, ...yearRange(q.year) });
    app.get(
      '/api/records/:type/export.xlsx',
      {
        schema: {
          tags: ['records'],
          summary: 'Xuất danh sách đã lọc ra Excel (nhập lại được)',
          params: TypeParam,
          querystring: ListFilter,
        },
      },
      async (request, reply) => {
        actorOf(request);
        const def = typeDef(request.params.type);
        return download(reply, `${def.type}.xlsx`, XLSX_TYPE, recordsXlsx(def, exportOf(def.type, request.query)));
      },
    );
    app.get(
      '/api/records/:type/export.csv',
      {
        schema: {
          tags: ['records'],
          summary: 'Xuất danh sách đã lọc ra CSV (UTF-8)',
          params: TypeParam,
          querystring: ListFilter,
        },
      },
      async (request, reply) => {
        actorOf(request);
        const def = typeDef(request.params.type);
        return download(reply, `${def.type}.csv`, CSV_TYPE, recordsCsv(def, exportOf(def.type, request.query)));
      },
    );
    app.post(
      '/api/records/:type/import',
      { schema: { tags: ['records'], summary: 'Nhập từ CSV/XLSX; tất cả hoặc không', params: TypeParam } },
      async (request) => {
        const actor = actorOf(request);
        typeDef(request.params.type);
        const file = await readUpload(request, ctx.config.maxUploadBytes, canImportRecords(actor, request.params.type));
        return importRecords(ctx, actor, request.params.type, file.content);
      },
    );
    app.get('/api/records/:type/:id', { schema: { tags: ['records'], params: TypeId } }, async (request) => {
      actorOf(request);
      return getRecord(ctx, request.params.type, request.params.id);
    });
    app.get(
      '/api/records/action_month_plan/:id/activities',
      {
        schema: {
          tags: ['records'],
          summary: 'Hoạt động của đơn vị trong Tháng hành động (15/11–15/12) của kế hoạch',
          params: z.object({ id: DbId }),
        },
      },
      async (request) => {
        actorOf(request);
        return actionMonthActivities(ctx, request.params.id);
      },
    );
    app.post(
      '/api/records/:type',
      { schema: { tags: ['records'], params: TypeParam, body: CreateBody } },
      async (request, reply) => {
        reply.status(201);
        return createRecord(ctx, actorOf(request), request.params.type, request.body);
      },
    );
    app.put(
      '/api/records/:type/:id',
      { schema: { tags: ['records'], params: TypeId, body: Body.extend({ version: z.unknown() }) } },
      async (request) => updateRecord(ctx, actorOf(request), request.params.type, request.params.id, request.body),
    );
    app.delete(
      '/api/records/:type/:id',
      { schema: { tags: ['records'], params: TypeId, querystring: z.object({ version: DbId }) } },
      async (request) => {
        await deleteRecord(ctx, actorOf(request), request.params.type, request.params.id, request.query.version);
        return { ok: true };
      },
    );
    app.post(
      '/api/records/:type/:id/transition',
      {
        schema: {
          tags: ['records'],
          summary: 'Gửi duyệt, duyệt, trả lại (kèm lý do) hoặc mở lại (kèm lý do)',
          params: TypeId,
          body: z.object({
            action: z.enum(['submit', 'approve', 'return', 'reopen']),
            version: DbInt,
            comment: z.string().max(2000).optional(),
          }),
        },
      },
      async (request) => transitionRecord(ctx, actorOf(request), request.params.type, request.params.id, request.body),
    );
    app.get(
      '/api/records/:type/:id/history',
      { schema: { tags: ['records'], summary: 'Lịch sử duyệt và thay đổi kể từ lần duyệt gần nhất', params: TypeId } },
      async (request) => {
        actorOf(request);
        return recordHistory(ctx, request.params.type, request.params.id);
      },
    );
  };
