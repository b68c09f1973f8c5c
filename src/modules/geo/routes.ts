import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isOffice } from '../../core/permissions.ts';
import { isIsoDate, todayInVietnam } from '../../core/dates.ts';
import { actorOf } from '../../http/auth-hooks.ts';
import { DbId } from '../../http/params.ts';
import { readUpload } from '../../http/upload.ts';
import type { Ctx } from '../context.ts';
import { areaBoundaries, uploadBoundaries } from './service.ts';

export const geoRoutes =
  (ctx: Ctx): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['boundaries'];
    app.post(
      '/api/boundaries',
      {
        schema: {
          tags,
          summary:
            'Tải lên ranh giới địa bàn (GeoJSON FeatureCollection, properties.code là mã đơn vị): tất cả hoặc không',
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const upload = await readUpload(request, ctx.config.maxUploadBytes, isOffice(actor));
        return uploadBoundaries(ctx, actor, upload.content);
      },
    );
    app.get(
      '/api/boundaries',
      {
        schema: {
          tags,
          summary: 'Ranh giới các địa bàn trong một địa bàn vào một ngày (GeoJSON), cho bản đồ',
          querystring: z.object({
            areaId: DbId.optional(),
            asOf: z.string().refine(isIsoDate, 'Ngày: dạng YYYY-MM-DD').optional(),
            kinds: z.string().max(100).optional(),
          }),
        },
      },
      async (request) => {
        actorOf(request);
        const kinds = (request.query.kinds ?? 'district,commune').split(',').filter(Boolean);
        return areaBoundaries(ctx, request.query.areaId ?? null, request.query.asOf ?? todayInVietnam(), kinds);
      },
    );
  };
