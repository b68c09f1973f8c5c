import compress from '@fastify/compress';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { isOffice } from '../../core/permissions.ts';
import { WaveDesignSchema } from '../../core/surveys/design.ts';
import { sampleSize } from '../../core/surveys/inference.ts';
import { actorOf } from '../../http/auth-hooks.ts';
import { download, XLSX_TYPE } from '../../http/download.ts';
import { DbId, IdParams } from '../../http/params.ts';
import { readUpload } from '../../http/upload.ts';
import type { Ctx } from '../context.ts';
import { defaultFormFile } from './instrument-files.ts';
import {
  compareWaves,
  createInvitations,
  createWave,
  getInstrument,
  importInstrument,
  importResponses,
  invitationsWorkbook,
  listInstruments,
  listInvitations,
  listWaves,
  publicForm,
  registerDefaultInstrument,
  setWavePublic,
  submitPublic,
  waveEstimates,
  withdrawInvitation,
} from './service.ts';

const Name = z.string().trim().min(1).max(100);
const By = z
  .string()
  .max(200)
  .default('')
  .transform((s) => s.split(',').filter(Boolean))
  .pipe(z.array(Name).max(2));
const Scale = z.string().trim().min(1).max(60).default('overall');
const Share = z.coerce.number().min(-1).max(10);
const Token = z.object({ token: z.string().regex(/^[\w-]{8,64}$/u) });
const Answers = z
  .record(z.string().max(100), z.union([z.string().max(4000), z.array(z.string().max(200)).max(200)]))
  .refine((a) => Object.keys(a).length <= 500, 'tối đa 500 câu trả lời');

export const surveyRoutes =
  (ctx: Ctx): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/surveys/instruments',
      { schema: { tags: ['surveys'], summary: 'Các bộ câu hỏi khảo sát nhận thức (mỗi phiên bản không đổi)' } },
      async (request) => {
        actorOf(request);
        return listInstruments(ctx);
      },
    );
    app.get(
      '/api/surveys/instruments/:id',
      { schema: { tags: ['surveys'], summary: 'Một bộ câu hỏi: câu hỏi, lựa chọn, cách tính điểm', params: IdParams } },
      async (request) => {
        actorOf(request);
        return getInstrument(ctx, request.params.id);
      },
    );
    app.post(
      '/api/surveys/instruments/default',
      { schema: { tags: ['surveys'], summary: 'Đăng ký bộ câu hỏi mặc định của sản phẩm (một lần)' } },
      async (request, reply) => {
        const r = await registerDefaultInstrument(ctx, actorOf(request));
        reply.status(r.created ? 201 : 200);
        return r;
      },
    );
    app.post(
      '/api/surveys/instruments',
      {
        schema: {
          tags: ['surveys'],
          summary: 'Đăng ký một bộ câu hỏi: XLSForm (.xlsx, base64) và quy tắc tính điểm (YAML)',
          body: z.object({
            xlsform: z.base64().max(1_400_000),
            scoring: z.string().max(200_000),
          }),
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        if (!isOffice(actor)) throw new AppError('FORBIDDEN', 'Chỉ cơ quan thường trực đăng ký bộ câu hỏi');
        reply.status(201);
        return importInstrument(ctx, actor, Buffer.from(request.body.xlsform, 'base64'), request.body.scoring);
      },
    );
    app.get(
      '/api/surveys/default-form.xlsx',
      { schema: { tags: ['surveys'], summary: 'Bộ câu hỏi mặc định dạng XLSForm (dùng với ODK, KoboToolbox)' } },
      async (request, reply) => {
        actorOf(request);
        const file = await defaultFormFile('default');
        return download(reply, file.name, XLSX_TYPE, file.bytes);
      },
    );
    app.get('/api/surveys/waves', { schema: { tags: ['surveys'], summary: 'Các đợt khảo sát' } }, async (request) => {
      actorOf(request);
      return listWaves(ctx);
    });
    app.post(
      '/api/surveys/waves',
      {
        schema: {
          tags: ['surveys'],
          summary: 'Tạo một đợt khảo sát: bộ câu hỏi, thời gian, thiết kế mẫu',
          body: z.object({
            name: z.string().max(300),
            year: z.number().int(),
            instrumentId: DbId,
            startDate: z.string().max(10),
            endDate: z.string().max(10),
            design: WaveDesignSchema.optional(),
            targetGroups: z.array(z.string().max(60)).max(50).optional(),
            areaUnitIds: z.array(DbId).max(500).optional(),
            note: z.string().max(2000).optional(),
          }),
        },
      },
      async (request, reply) => {
        reply.status(201);
        return createWave(ctx, actorOf(request), request.body);
      },
    );
    app.post(
      '/api/surveys/waves/:id/import',
      {
        schema: {
          tags: ['surveys'],
          summary: 'Nhập dữ liệu xuất từ ODK Central hoặc KoboToolbox (CSV/XLSX) vào một đợt; tất cả hoặc không',
          params: IdParams,
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const file = await readUpload(request, ctx.config.maxUploadBytes, isOffice(actor));
        return importResponses(ctx, actor, request.params.id, file.content);
      },
    );
    app.post(
      '/api/surveys/waves/:id/public',
      {
        schema: {
          tags: ['surveys'],
          summary: 'Mở (mã mới) hoặc đóng biểu mẫu công khai của một đợt khảo sát',
          params: IdParams,
          body: z.object({ open: z.boolean() }),
        },
      },
      async (request) => setWavePublic(ctx, actorOf(request), request.params.id, request.body.open),
    );
    // invitations: one link per respondent, answered once (the links' tokens are given back once)
    app.get(
      '/api/surveys/waves/:id/invitations',
      {
        schema: {
          tags: ['surveys'],
          summary: 'Thư mời của một đợt khảo sát: người được mời, đã trả lời chưa (không có liên kết)',
          params: IdParams,
        },
      },
      async (request) => listInvitations(ctx, actorOf(request), request.params.id),
    );
    app.post(
      '/api/surveys/waves/:id/invitations',
      {
        schema: {
          tags: ['surveys'],
          summary: 'Tạo thư mời (mỗi thư mời một liên kết, trả lời một lần) cho đợt không chọn mẫu theo tầng, cụm',
          params: IdParams,
          body: z.object({ count: z.number().int() }),
        },
      },
      async (request, reply) => {
        reply.status(201);
        return createInvitations(ctx, actorOf(request), request.params.id, { count: request.body.count });
      },
    );
    app.post(
      '/api/surveys/waves/:id/invitations/import',
      {
        schema: {
          tags: ['surveys'],
          summary: 'Tạo thư mời từ danh sách mẫu (CSV/XLSX: label và các cột của thiết kế mẫu); tất cả hoặc không',
          params: IdParams,
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const file = await readUpload(request, ctx.config.maxUploadBytes, isOffice(actor));
        reply.status(201);
        return createInvitations(ctx, actor, request.params.id, { file: file.content });
      },
    );
    app.post(
      '/api/surveys/invitations.xlsx',
      {
        schema: {
          tags: ['surveys'],
          summary: 'Bảng liên kết của các thư mời vừa tạo, để gửi cho người được mời (XLSX)',
          body: z.object({
            origin: z.string().regex(/^https?:\/\/[\w.:-]{1,200}$/u),
            invitations: z
              .array(z.object({ label: z.string().max(200), token: z.string().regex(/^[\w-]{8,64}$/u) }))
              .max(5000),
          }),
        },
      },
      async (request, reply) => {
        if (!isOffice(actorOf(request)))
          throw new AppError('FORBIDDEN', 'Chỉ cơ quan thường trực tạo thư mời khảo sát');
        const { origin, invitations } = request.body;
        return download(reply, 'thu-moi-khao-sat.xlsx', XLSX_TYPE, await invitationsWorkbook(origin, invitations));
      },
    );
    app.delete(
      '/api/surveys/invitations/:id',
      {
        schema: {
          tags: ['surveys'],
          summary: 'Thu hồi một thư mời chưa được trả lời',
          params: IdParams,
        },
      },
      async (request, reply) => {
        await withdrawInvitation(ctx, actorOf(request), request.params.id);
        return reply.status(204).send();
      },
    );
    // the public form: no sign-in; answers rate-limited per address
    // sent compressed: a phone on a slow connection waits for a quarter of the bytes. The compression
    // plugin lives in a scope of this route alone, as it adds a hook to every route it sees (and
    // never decompresses a request body: a compressed upload would be a way round the size limits).
    await app.register(async (scope) => {
      await scope.register(compress, { global: false });
      scope.withTypeProvider<ZodTypeProvider>().get(
        '/api/public/surveys/:token',
        {
          config: { public: true },
          compress: {},
          schema: { tags: ['public'], summary: 'Biểu mẫu khảo sát công khai (câu hỏi, lựa chọn)', params: Token },
        },
        async (request) => publicForm(ctx, request.params.token),
      );
    });
    app.post(
      '/api/public/surveys/:token/responses',
      {
        config: { public: true, rateLimit: { max: ctx.config.publicFormMaxPerMinute, timeWindow: 60_000 } },
        schema: {
          tags: ['public'],
          summary: 'Gửi một câu trả lời cho biểu mẫu công khai (kiểm tra lại trên máy chủ)',
          params: Token,
          body: z.object({
            answers: Answers,
            language: z.enum(['vi', 'en']).optional(),
            // made by the respondent's browser once per answer sheet: sending it again stores nothing new
            instanceId: z
              .string()
              .regex(/^[A-Za-z0-9_-]{16,64}$/u, 'mã phiếu gồm 16–64 chữ, số, - hoặc _')
              .optional(),
          }),
        },
      },
      async (request, reply) => {
        const { answers, language, instanceId } = request.body;
        const outcome = await submitPublic(ctx, request.params.token, answers, { language, instanceId });
        reply.status(outcome.repeated ? 200 : 201);
        return outcome;
      },
    );
    app.get(
      '/api/surveys/waves/:id/estimates',
      {
        schema: {
          tags: ['surveys'],
          summary: 'Điểm trung bình có trọng số theo nhóm (sai số theo thiết kế mẫu; ô dưới 30 người không công bố)',
          params: IdParams,
          querystring: z.object({ scale: Scale, by: By }),
        },
      },
      async (request) => {
        actorOf(request);
        return waveEstimates(ctx, request.params.id, request.query.scale, request.query.by);
      },
    );
    app.get(
      '/api/surveys/sample-size',
      {
        schema: {
          tags: ['surveys'],
          summary: 'Cỡ mẫu mỗi đợt để phát hiện một mức thay đổi (trung bình, độ lệch chuẩn, hiệu ứng thiết kế)',
          querystring: z.object({
            mean: z.coerce.number().positive().max(1e6),
            sd: z.coerce.number().positive().max(1e6),
            change: z.coerce.number().min(-1).max(10),
            deff: z.coerce.number().min(1).max(100).default(1),
            power: z.coerce.number().gt(0).lt(1).default(0.8),
            alpha: z.coerce.number().gt(0).lt(1).default(0.05),
          }),
        },
      },
      async (request) => {
        actorOf(request);
        const q = request.query;
        if (q.change === 0) throw new AppError('VALIDATION', 'Mức thay đổi phải khác 0', { change: 'khác 0' });
        return sampleSize(q);
      },
    );
    app.get(
      '/api/surveys/change',
      {
        schema: {
          tags: ['surveys'],
          summary: 'Thay đổi giữa đợt đầu kỳ và một đợt sau: KTC 95%, kết luận so với chỉ tiêu, Holm theo nhóm',
          querystring: z.object({
            baseline: DbId,
            followup: DbId,
            scale: Scale,
            by: By,
            target: Share.optional(),
            stretch: Share.optional(),
          }),
        },
      },
      async (request) => {
        actorOf(request);
        const q = request.query;
        const target =
          q.target === undefined
            ? undefined
            : { target: q.target, ...(q.stretch !== undefined ? { stretch: q.stretch } : {}) };
        return compareWaves(ctx, q.baseline, q.followup, q.scale, q.by, target);
      },
    );
  };
