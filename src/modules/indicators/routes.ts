import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth-hooks.ts';
import type { Ctx } from '../context.ts';
import { computeG1, g1Series, indicatorSummaries } from './service.ts';

const Year = z.coerce.number().int().min(2000).max(2100);

export const indicatorRoutes = (ctx: Ctx): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/indicators', {
    schema: { tags: ['indicators'], summary: 'Các chỉ tiêu của một năm', querystring: z.object({ year: Year, area: z.string().optional() }) },
  }, async (request) => {
    actorOf(request);
    return indicatorSummaries(ctx, request.query.year, request.query.area);
  });
  app.get('/api/indicators/G1', {
    schema: {
      tags: ['indicators'], summary: 'Mục tiêu 1: chi tiết theo đơn vị, loại đơn vị và địa bàn',
      querystring: z.object({ year: Year, areaId: z.coerce.number().int().optional(), area: z.string().optional() }),
    },
  }, async (request) => {
    actorOf(request);
    return computeG1(ctx, request.query.year, { id: request.query.areaId, code: request.query.area });
  });
  app.get('/api/indicators/G1/series', {
    schema: { tags: ['indicators'], querystring: z.object({ from: Year, to: Year, areaId: z.coerce.number().int().optional() }) },
  }, async (request) => {
    actorOf(request);
    const { from, to } = request.query;
    return g1Series(ctx, Math.min(from, to), Math.min(Math.max(from, to), Math.min(from, to) + 20), { id: request.query.areaId });
  });
};
