import { DbId } from '../../http/params.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isIsoDate, todayInVietnam } from '../../core/dates.ts';
import { AppError } from '../../core/errors.ts';
import { UNIT_KINDS } from '../../core/units.ts';
import { actorOf } from '../../http/auth-hooks.ts';
import type { Ctx } from '../context.ts';
import { drillDownWorkbook } from './export.ts';
import { cachedIndicatorSummaries } from './cache.ts';
import { indicatorDetail, indicatorSeries, indicatorTrends } from './service.ts';

const Year = z.coerce.number().int().min(2000).max(2100);
const Scope = {
  restate: z
    .union([z.literal('today'), z.string().refine(isIsoDate, 'ngày phải có dạng YYYY-MM-DD')])
    .optional()
    .describe('quy đổi lịch sử về cơ cấu đơn vị của ngày này (hoặc today) qua quan hệ kế thừa'),
  kind: z.string().optional().describe('chỉ tính đơn vị thuộc các loại này, cách nhau bởi dấu phẩy'),
  includePending: z
    .enum(['true', 'false'])
    .optional()
    .describe('true: tính cả hồ sơ đang chờ duyệt (số liệu tạm); mặc định chỉ hồ sơ đã duyệt'),
  area: z.string().optional().describe('mã địa bàn (đơn vị)'),
  areaId: DbId.optional(),
  plan: z.string().optional().describe('mã kế hoạch; mặc định kế hoạch đầu tiên'),
  planVersion: z.coerce.number().int().min(1).optional(),
};
const scopeOf = (q: {
  area?: string | undefined;
  areaId?: number | undefined;
  plan?: string | undefined;
  planVersion?: number | undefined;
  restate?: string | undefined;
  kind?: string | undefined;
  includePending?: string | undefined;
}) => {
  const kinds = q.kind
    ?.split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  const bad = kinds?.filter((k) => !(UNIT_KINDS as readonly string[]).includes(k)) ?? [];
  if (bad.length > 0)
    throw new AppError('VALIDATION', `Loại đơn vị không hợp lệ: ${bad.join(', ')}`, {
      kind: `dùng một trong: ${UNIT_KINDS.join(', ')}`,
    });
  return {
    area: { code: q.area, id: q.areaId },
    planId: q.plan,
    planVersion: q.planVersion,
    view: {
      restateOn: q.restate === 'today' ? todayInVietnam() : q.restate,
      kinds,
      includePending: q.includePending === 'true',
    },
  };
};
const Code = z.object({ code: z.string().min(1).max(60) });

export const indicatorRoutes =
  (ctx: Ctx): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/indicators/trends',
      {
        schema: {
          tags: ['indicators'],
          summary: 'Giá trị mọi chỉ tiêu qua các năm (tối đa 20 năm), cho bảng điều hành',
          querystring: z.object({ from: Year, to: Year, ...Scope }),
        },
      },
      async (request) => {
        actorOf(request);
        const { from, to } = request.query;
        if (from > to || to - from > 20)
          throw new AppError('VALIDATION', 'Khoảng năm: từ năm phải trước đến năm, tối đa 20 năm', {
            from: 'từ năm ≤ đến năm, tối đa 20 năm',
          });
        return indicatorTrends(ctx, from, to, scopeOf(request.query));
      },
    );
    app.get(
      '/api/indicators',
      {
        schema: {
          tags: ['indicators'],
          summary: 'Mọi chỉ tiêu của kế hoạch trong một năm: giá trị, mục tiêu, trạng thái, phiên bản kế hoạch',
          querystring: z.object({ year: Year, ...Scope }),
        },
      },
      async (request) => {
        actorOf(request);
        return cachedIndicatorSummaries(ctx, { year: request.query.year, ...scopeOf(request.query) });
      },
    );
    app.get(
      '/api/indicators/:code',
      {
        schema: {
          tags: ['indicators'],
          summary: 'Một chỉ tiêu, kèm danh sách đơn vị (địa bàn) đứng sau con số',
          params: Code,
          querystring: z.object({ year: Year, ...Scope }),
        },
      },
      async (request) => {
        actorOf(request);
        return indicatorDetail(ctx, request.params.code, { year: request.query.year, ...scopeOf(request.query) });
      },
    );
    app.get(
      '/api/indicators/:code/series',
      {
        schema: {
          tags: ['indicators'],
          summary: 'Diễn biến qua các năm, với mục tiêu và dự báo',
          params: Code,
          querystring: z.object({ from: Year, to: Year, ...Scope }),
        },
      },
      async (request) => {
        actorOf(request);
        const { from, to } = request.query;
        const lo = Math.min(from, to);
        return indicatorSeries(
          ctx,
          request.params.code,
          lo,
          Math.min(Math.max(from, to), lo + 20),
          scopeOf(request.query),
        );
      },
    );
    app.get(
      '/api/indicators/:code/export.xlsx',
      {
        schema: {
          tags: ['indicators'],
          summary: 'Danh sách đứng sau con số, dạng Excel',
          params: Code,
          querystring: z.object({ year: Year, ...Scope }),
        },
      },
      async (request, reply) => {
        actorOf(request);
        const detail = await indicatorDetail(ctx, request.params.code, {
          year: request.query.year,
          ...scopeOf(request.query),
        });
        const buffer = await drillDownWorkbook(detail);
        const name = `chi-tieu-${detail.code}-${detail.year}.xlsx`;
        reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="${name}"`);
        return reply.send(buffer);
      },
    );
  };
