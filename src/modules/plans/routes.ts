import { DbInt } from '../../http/params.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { describeIndicator } from '../../core/describe.ts';
import { planIndicators } from '../../core/plan-schema.ts';
import { actorOf } from '../../http/auth-hooks.ts';
import type { Ctx } from '../context.ts';
import { editPlan, getPlan, listPlans, planVersions } from './service.ts';

export const planRoutes =
  (ctx: Ctx): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/plans',
      { schema: { tags: ['plans'], summary: 'Các kế hoạch và phiên bản mới nhất' } },
      async (request) => {
        actorOf(request);
        return listPlans(ctx);
      },
    );
    app.get(
      '/api/plans/:id',
      {
        schema: {
          tags: ['plans'],
          summary: 'Một kế hoạch: mục tiêu, chỉ tiêu, chỉ số, phân công, các phiên bản',
          params: z.object({ id: z.string() }),
          querystring: z.object({ version: z.coerce.number().int().min(1).optional() }),
        },
      },
      async (request) => {
        actorOf(request);
        const { plan, version } = await getPlan(ctx, request.params.id, request.query.version);
        return {
          version,
          plan,
          rules: Object.fromEntries(planIndicators(plan).map((i) => [i.code, describeIndicator(i)])),
          versions: await planVersions(ctx, plan.id),
        };
      },
    );
    app.put(
      '/api/plans/:id',
      {
        schema: {
          tags: ['plans'],
          summary: 'Sửa mục tiêu và phân công: tạo phiên bản mới',
          params: z.object({ id: z.string() }),
          body: z.object({
            version: DbInt,
            note: z.string().max(500).optional(),
            targets: z.record(z.string(), z.record(z.string(), z.number())).optional(),
            responsible: z.record(z.string(), z.array(z.string())).optional(),
          }),
        },
      },
      async (request) => {
        const saved = await editPlan(ctx, actorOf(request), request.params.id, request.body);
        return { version: saved.version, plan: saved.plan };
      },
    );
  };
