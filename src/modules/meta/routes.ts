import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PEAK_PERIODS } from '../../core/peaks.ts';
import { SESSION_FORMS, SESSION_TOPICS, TARGET_GROUPS } from '../../core/sessions.ts';
import { UNIT_KIND_LABELS } from '../../core/units.ts';
import type { Ctx } from '../context.ts';
import { getMeta } from './repository.ts';
import { readiness } from './service.ts';

export interface DemoInfo {
  provinceCode: string;
  provinceName: string;
  createdAt: string;
}

export const metaRoutes =
  (ctx: Ctx): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/health',
      {
        config: { public: true },
        schema: { tags: ['meta'], summary: 'Còn sống (liveness): tiến trình trả lời, không hỏi cơ sở dữ liệu' },
      },
      async () => ({ ok: true }),
    );
    app.get(
      '/api/health/ready',
      {
        config: { public: true },
        schema: {
          tags: ['meta'],
          summary: 'Sẵn sàng (readiness): cơ sở dữ liệu trả lời và đã áp dụng mọi migration; 503 nếu chưa',
        },
      },
      async (_request, reply) => {
        const r = await readiness(ctx);
        reply.status(r.ready ? 200 : 503);
        return r;
      },
    );
    app.get(
      '/api/meta',
      {
        config: { public: true },
        schema: { tags: ['meta'], summary: 'Danh mục mã và thông tin dữ liệu mẫu' },
      },
      async () => ({
        engine: ctx.engine,
        demo: (await getMeta<DemoInfo>(ctx.db, 'demo')) ?? null,
        lists: {
          forms: SESSION_FORMS,
          topics: SESSION_TOPICS,
          targetGroups: TARGET_GROUPS,
          unitKinds: UNIT_KIND_LABELS,
          peaks: PEAK_PERIODS,
        },
      }),
    );
  };
