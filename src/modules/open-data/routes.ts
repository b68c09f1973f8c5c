import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CSV_TYPE, download } from '../../http/download.ts';
import { DbId } from '../../http/params.ts';
import type { Ctx } from '../context.ts';
import { openReport, openReportCsv, openReportDhis2, openReports } from './service.ts';

const Id = z.object({ id: DbId });

/**
 * Open data: the figures of final official reports, without signing in (docs/open-data.md). Drafts are never
 * published; every answer names the report's version and its figures' checksum. Rate-limited per address.
 */
export const openDataRoutes =
  (ctx: Ctx): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['open-data'];
    // public figures, read by other systems from anywhere: no cookies are sent or needed
    app.addHook('onSend', async (request, reply) => {
      if (request.url.startsWith('/api/open/')) reply.header('access-control-allow-origin', '*');
    });
    const config = { public: true, rateLimit: { max: ctx.config.publicReadMaxPerMinute, timeWindow: 60_000 } };
    app.get(
      '/api/open/reports',
      { config, schema: { tags, summary: 'Dữ liệu mở: các báo cáo đã ban hành, địa chỉ số liệu của từng báo cáo' } },
      async () => openReports(ctx),
    );
    app.get(
      '/api/open/reports/:id',
      { config, schema: { tags, summary: 'Số liệu của một báo cáo đã ban hành (JSON)', params: Id } },
      async (request) => openReport(ctx, request.params.id),
    );
    app.get(
      '/api/open/reports/:id/figures.csv',
      {
        config,
        schema: { tags, summary: 'Số liệu các chỉ tiêu của một báo cáo đã ban hành (CSV, UTF-8)', params: Id },
      },
      async (request, reply) =>
        download(
          reply,
          `so-lieu-bao-cao-${request.params.id}.csv`,
          CSV_TYPE,
          await openReportCsv(ctx, request.params.id),
        ),
    );
    app.get(
      '/api/open/reports/:id/dhis2.json',
      {
        config,
        schema: {
          tags,
          summary: 'Số liệu của một báo cáo đã ban hành dạng DHIS2 dataValueSets (mã theo tệp ánh xạ)',
          params: Id,
        },
      },
      async (request, reply) => {
        const { payload, skipped } = await openReportDhis2(ctx, request.params.id);
        // what was left out travels in a header: the body is exactly what DHIS2 imports
        reply.header('x-bdg-skipped', skipped.map((k) => `${k.code} ${k.year}: ${k.reason}`).join('; '));
        return payload;
      },
    );
  };
