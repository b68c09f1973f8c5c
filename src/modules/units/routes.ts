import { DbId } from '../../http/params.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isIsoDate } from '../../core/dates.ts';
import { AppError } from '../../core/errors.ts';
import { canManageUnits } from '../../core/permissions.ts';
import { UNIT_KINDS } from '../../core/units.ts';
import { actorOf } from '../../http/auth-hooks.ts';
import { readUpload } from '../../http/upload.ts';
import type { Ctx } from '../context.ts';
import { getUnit, importSuccessors, importUnits, listUnits } from './service.ts';

const IsoDate = z.string().refine(isIsoDate, 'ngày phải có dạng YYYY-MM-DD');

const UnitItem = z.object({
  id: z.number(),
  code: z.string(),
  kind: z.string(),
  name: z.string(),
  parentId: z.number().nullable(),
  parentName: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  hasChildren: z.boolean(),
});

export const unitRoutes =
  (ctx: Ctx): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/units',
      {
        schema: {
          tags: ['units'],
          summary: 'Đơn vị còn hiệu lực vào một ngày; q tìm theo tên (có hoặc không dấu) hoặc mã',
          querystring: z.object({
            asOf: IsoDate.optional(),
            level: z
              .string()
              .optional()
              .describe(`một hoặc nhiều loại, cách nhau bởi dấu phẩy: ${UNIT_KINDS.join(', ')}`),
            q: z.string().max(200).optional(),
            parentId: z.union([z.literal('root'), DbId]).optional(),
            within: DbId.optional(),
            limit: z.coerce.number().int().min(1).max(1000).default(50),
            offset: z.coerce.number().int().min(0).default(0),
          }),
          response: { 200: z.object({ total: z.number(), items: z.array(UnitItem) }) },
        },
      },
      async (request) => {
        actorOf(request);
        const q = request.query;
        const kinds = q.level
          ?.split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const bad = kinds?.filter((k) => !(UNIT_KINDS as readonly string[]).includes(k));
        if (bad && bad.length > 0)
          throw new AppError('VALIDATION', `Loại đơn vị không hợp lệ: ${bad.join(', ')}`, {
            level: `dùng một trong: ${UNIT_KINDS.join(', ')}`,
          });
        return listUnits(ctx, {
          asOf: q.asOf,
          kinds,
          q: q.q,
          parentId: q.parentId === 'root' ? null : q.parentId,
          withinId: q.within,
          limit: q.limit,
          offset: q.offset,
        });
      },
    );

    app.get(
      '/api/units/:id',
      {
        schema: {
          tags: ['units'],
          params: z.object({ id: DbId }),
          querystring: z.object({ asOf: IsoDate.optional() }),
        },
      },
      async (request) => {
        actorOf(request);
        return getUnit(ctx, request.params.id, request.query.asOf);
      },
    );

    app.post(
      '/api/units/import',
      {
        schema: {
          tags: ['units'],
          summary: 'Nhập đơn vị từ CSV/XLSX (code,name,level,parent_code)',
          querystring: z.object({ validFrom: IsoDate, validTo: IsoDate.optional() }),
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const file = await readUpload(request, ctx.config.maxUploadBytes, canManageUnits(actor));
        return importUnits(ctx, actor, file.content, request.query.validFrom, request.query.validTo ?? null);
      },
    );

    app.post(
      '/api/units/successors/import',
      { schema: { tags: ['units'], summary: 'Nhập quan hệ kế thừa (from_code,to_code,date)' } },
      async (request) => {
        const actor = actorOf(request);
        const file = await readUpload(request, ctx.config.maxUploadBytes, canManageUnits(actor));
        return importSuccessors(ctx, actor, file.content);
      },
    );
  };
