import { DbId, DbInt } from '../../http/params.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth-hooks.ts';
import type { Ctx } from '../context.ts';
import { completeness, exempt, reportingPeriods, reportPrefill, unexempt } from './service.ts';

const PeriodKey = z.string().max(20).describe('kỳ báo cáo, dạng NĂM-MÃ (ví dụ 2026-6T)');

export const reportRoutes =
  (ctx: Ctx): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/reports/periods',
      { schema: { tags: ['reports'], summary: 'Các kỳ báo cáo của kế hoạch: khoảng thời gian, hạn nộp; kỳ đang làm' } },
      async (request) => {
        actorOf(request);
        return reportingPeriods(ctx);
      },
    );
    app.get(
      '/api/reports/prefill',
      {
        schema: {
          tags: ['reports'],
          summary: 'Số liệu sẽ điền sẵn vào báo cáo định kỳ của một đơn vị cho một kỳ, trước khi lưu',
          querystring: z.object({ unitId: DbId, period: PeriodKey }),
        },
      },
      async (request) => {
        actorOf(request);
        return reportPrefill(ctx, request.query.unitId, request.query.period);
      },
    );
    app.get(
      '/api/reports/completeness',
      {
        schema: {
          tags: ['reports'],
          summary: 'Tính đầy đủ, đúng hạn của báo cáo một kỳ, theo đơn vị và toàn tỉnh',
          querystring: z.object({ period: PeriodKey, areaId: DbId.optional() }),
        },
      },
      async (request) => {
        actorOf(request);
        return completeness(ctx, request.query.period, request.query.areaId);
      },
    );
    app.post(
      '/api/reports/exemptions',
      {
        schema: {
          tags: ['reports'],
          summary: 'Miễn báo cáo một kỳ cho một đơn vị (kèm lý do)',
          body: z.object({ unitId: DbInt, period: PeriodKey, reason: z.unknown().optional() }),
        },
      },
      async (request) => exempt(ctx, actorOf(request), request.body.unitId, request.body.period, request.body.reason),
    );
    app.delete(
      '/api/reports/exemptions',
      {
        schema: {
          tags: ['reports'],
          summary: 'Bỏ miễn báo cáo',
          querystring: z.object({ unitId: DbId, period: PeriodKey }),
        },
      },
      async (request) => unexempt(ctx, actorOf(request), request.query.unitId, request.query.period),
    );
  };
