import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { stringify as toYaml } from 'yaml';
import { z } from 'zod';
import { CHOICE_LABELS, SCORE_FORMULA } from '../../core/media/assessment.ts';
import * as codes from '../../core/media/codes.ts';
import { MONITORING_MEASURES } from '../../core/media/indicator-set.ts';
import { PERSON_FLAGS, STORY_FLAGS } from '../../core/media/story.ts';
import { RECORD_STATUSES, TRANSITIONS } from '../../core/workflow.ts';
import { actorOf } from '../../http/auth-hooks.ts';
import { download, XLSX_TYPE } from '../../http/download.ts';
import { DbId, DbInt } from '../../http/params.ts';
import type { Ctx } from '../context.ts';
import { canCodeStories } from '../../core/permissions.ts';
import { readUpload } from '../../http/upload.ts';
import { analysis, analysisWorkbook } from './analysis.ts';
import { codingTemplate, importStories } from './coding-sheet.ts';
import {
  assessmentHistory,
  deleteAssessment,
  getAssessment,
  listAssessments,
  openAssessment,
  saveAssessment,
  transitionAssessment,
} from './assessments.ts';
import { PERSON_DIMENSIONS, type Dimension } from './monitoring-repository.ts';
import {
  createExercise,
  createStory,
  deleteStory,
  getStory,
  listExercises,
  listStories,
  storyAgreement,
  updateStory,
} from './monitoring.ts';
import { currentSet, listSetVersions, saveSetVersion, setAt } from './sets.ts';

const Year = z.coerce.number().int().min(2000).max(2100);
const IdParam = z.object({ id: DbId });
const Version = z.object({ version: DbInt });
const VersionQuery = z.object({ version: DbId });
const Dimensions = z
  .string()
  .max(100)
  .default('function')
  .transform((s) => s.split(',').filter(Boolean))
  .pipe(z.array(z.enum(Object.keys(PERSON_DIMENSIONS) as [Dimension, ...Dimension[]])).max(3));

export const mediaRoutes =
  (ctx: Ctx): FastifyPluginAsyncZod =>
  async (app) => {
    // ---- the indicator set
    app.get(
      '/api/media/set',
      {
        schema: {
          tags: ['media'],
          summary: 'Bộ chỉ số về giới trong truyền thông (phiên bản mới nhất, hoặc ?version=), kèm YAML để sửa',
          querystring: z.object({ version: DbId.optional() }),
        },
      },
      async (request) => {
        actorOf(request);
        const latest = await currentSet(ctx.db);
        const version = request.query.version ?? latest.version;
        const set = version === latest.version ? latest.set : await setAt(ctx.db, latest.set.id, version);
        return {
          version,
          latestVersion: latest.version,
          set,
          yaml: toYaml(set, { lineWidth: 0 }),
          formula: SCORE_FORMULA,
        };
      },
    );
    app.get(
      '/api/media/set/versions',
      { schema: { tags: ['media'], summary: 'Các phiên bản của bộ chỉ số' } },
      async (request) => {
        actorOf(request);
        return listSetVersions(ctx);
      },
    );
    app.post(
      '/api/media/set',
      {
        schema: {
          tags: ['media'],
          summary: 'Lưu bộ chỉ số thành phiên bản mới (cơ quan thường trực); lỗi nêu số dòng',
          body: z.object({
            yaml: z.string().max(500_000),
            note: z.string().max(1000).optional(),
            expectedVersion: DbInt,
          }),
        },
      },
      async (request) => {
        const b = request.body;
        const r = await saveSetVersion(
          ctx,
          actorOf(request),
          { yaml: b.yaml },
          b.note?.trim() || null,
          b.expectedVersion,
        );
        return { version: r.version, changed: r.changed };
      },
    );
    // ---- self-assessments
    app.get(
      '/api/media/assessments',
      {
        schema: {
          tags: ['media'],
          summary: 'Các bản tự đánh giá (điểm, mức áp dụng)',
          querystring: z.object({ year: Year.optional(), status: z.enum(RECORD_STATUSES).optional() }),
        },
      },
      async (request) => {
        actorOf(request);
        return listAssessments(ctx, request.query);
      },
    );
    app.post(
      '/api/media/assessments',
      {
        schema: {
          tags: ['media'],
          summary: 'Mở bản tự đánh giá của một cơ quan cho một năm (tạo nháp nếu chưa có)',
          body: z.object({ unitId: DbId, year: Year }),
        },
      },
      async (request) => openAssessment(ctx, actorOf(request), request.body.unitId, request.body.year),
    );
    app.get(
      '/api/media/assessments/:id',
      { schema: { tags: ['media'], summary: 'Một bản tự đánh giá, với bộ chỉ số và lịch sử', params: IdParam } },
      async (request) => {
        actorOf(request);
        return getAssessment(ctx, request.params.id);
      },
    );
    app.get(
      '/api/media/assessments/:id/history',
      { schema: { tags: ['media'], summary: 'Lịch sử duyệt của bản tự đánh giá', params: IdParam } },
      async (request) => {
        actorOf(request);
        return assessmentHistory(ctx, request.params.id);
      },
    );
    app.put(
      '/api/media/assessments/:id',
      {
        schema: {
          tags: ['media'],
          summary: 'Lưu câu trả lời, ghi chú và minh chứng (bản nháp hoặc bị trả lại)',
          params: IdParam,
          body: z.object({
            version: DbInt,
            answers: z.record(z.string().max(20), z.unknown()),
            note: z.string().max(5000).nullable().optional(),
            evidence: z
              .array(z.object({ indicator: z.string().max(20), sha256: z.string(), name: z.string().optional() }))
              .max(200)
              .optional(),
          }),
        },
      },
      async (request) => saveAssessment(ctx, actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/media/assessments/:id/transition',
      {
        schema: {
          tags: ['media'],
          summary: 'Gửi duyệt, duyệt, trả lại, mở lại bản tự đánh giá',
          params: IdParam,
          body: z.object({
            action: z.enum(Object.keys(TRANSITIONS) as [keyof typeof TRANSITIONS, ...(keyof typeof TRANSITIONS)[]]),
            version: DbInt,
            comment: z.string().max(2000).optional(),
          }),
        },
      },
      async (request) => transitionAssessment(ctx, actorOf(request), request.params.id, request.body),
    );
    app.delete(
      '/api/media/assessments/:id',
      { schema: { tags: ['media'], summary: 'Xoá bản nháp tự đánh giá', params: IdParam, querystring: VersionQuery } },
      async (request, reply) => {
        await deleteAssessment(ctx, actorOf(request), request.params.id, request.query.version);
        return reply.status(204).send();
      },
    );
    // ---- content monitoring
    app.get(
      '/api/media/codes',
      { schema: { tags: ['media'], summary: 'Danh mục mã hoá giám sát nội dung (chủ đề, vai trò, nghề…)' } },
      async (request) => {
        actorOf(request);
        return {
          ...codes,
          storyFlags: STORY_FLAGS,
          personFlags: PERSON_FLAGS,
          choices: CHOICE_LABELS,
          measures: MONITORING_MEASURES,
        };
      },
    );
    app.get(
      '/api/media/exercises',
      { schema: { tags: ['media'], summary: 'Các đợt giám sát nội dung' } },
      async (request) => {
        actorOf(request);
        return listExercises(ctx);
      },
    );
    app.post(
      '/api/media/exercises',
      {
        schema: {
          tags: ['media'],
          summary: 'Tạo đợt giám sát (cơ quan thường trực)',
          body: z.object({
            name: z.unknown(),
            startDate: z.unknown(),
            endDate: z.unknown(),
            media: z.array(z.string().max(20)).max(10).optional(),
            note: z.string().max(2000).optional(),
          }),
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createExercise(ctx, actorOf(request), request.body as Record<string, unknown>)),
    );
    app.get(
      '/api/media/stories',
      {
        schema: {
          tags: ['media'],
          summary: 'Tin bài đã mã hoá, mới nhất trước',
          querystring: z.object({
            exerciseId: DbId.optional(),
            unitId: DbId.optional(),
            limit: z.coerce.number().int().min(1).max(500).default(50),
            offset: z.coerce.number().int().min(0).default(0),
          }),
        },
      },
      async (request) => {
        actorOf(request);
        return listStories(ctx, request.query);
      },
    );
    // bodies are checked by the domain (validateStory) so that every message is Vietnamese and names its field
    const StoryBody = z.record(z.string().max(40), z.unknown());
    app.post(
      '/api/media/stories',
      {
        schema: {
          tags: ['media'],
          summary: 'Mã hoá một tin bài với những người trong tin (checkOf: mã hoá lần hai để đo độ tin cậy)',
          body: StoryBody,
        },
      },
      async (request, reply) => {
        const { checkOf, ...story } = request.body;
        const check = checkOf === undefined || checkOf === null ? null : DbId.parse(checkOf);
        return reply.status(201).send(await createStory(ctx, actorOf(request), story, check));
      },
    );
    app.get(
      '/api/media/stories/template.xlsx',
      {
        schema: {
          tags: ['media'],
          summary: 'Mẫu Excel mã hoá tin bài (mỗi dòng một người trong tin; danh mục thả xuống)',
        },
      },
      async (request, reply) => {
        actorOf(request);
        return download(reply, 'mau-ma-hoa-tin-bai.xlsx', XLSX_TYPE, await codingTemplate());
      },
    );
    app.post(
      '/api/media/stories/import',
      {
        schema: {
          tags: ['media'],
          summary: 'Nhập tệp mã hoá tin bài (CSV/XLSX) vào một đợt giám sát; tất cả hoặc không',
          querystring: z.object({ exerciseId: DbId }),
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const file = await readUpload(request, ctx.config.maxUploadBytes, canCodeStories(actor));
        return importStories(ctx, actor, request.query.exerciseId, file.content);
      },
    );
    app.get(
      '/api/media/stories/:id',
      { schema: { tags: ['media'], summary: 'Một tin bài đã mã hoá', params: IdParam } },
      async (request) => {
        actorOf(request);
        return getStory(ctx, request.params.id);
      },
    );
    app.put(
      '/api/media/stories/:id',
      {
        schema: { tags: ['media'], summary: 'Sửa mã hoá một tin bài', params: IdParam, body: StoryBody.and(Version) },
      },
      async (request) => {
        const { version, ...story } = request.body;
        return updateStory(ctx, actorOf(request), request.params.id, version, story);
      },
    );
    app.delete(
      '/api/media/stories/:id',
      { schema: { tags: ['media'], summary: 'Xoá một tin bài', params: IdParam, querystring: VersionQuery } },
      async (request, reply) => {
        await deleteStory(ctx, actorOf(request), request.params.id, request.query.version);
        return reply.status(204).send();
      },
    );
    app.get(
      '/api/media/analysis',
      {
        schema: {
          tags: ['media'],
          summary: 'Tỷ lệ nữ trong tin theo tối đa ba chiều (by=function,topic_group,medium…), n và khoảng Wilson 95%',
          querystring: z.object({
            year: Year.optional(),
            exerciseId: DbId.optional(),
            unitId: DbId.optional(),
            by: Dimensions,
            format: z.enum(['json', 'xlsx']).default('json'),
          }),
        },
      },
      async (request, reply) => {
        actorOf(request);
        const q = request.query;
        const a = await analysis(ctx, q);
        if (q.format === 'json') return a;
        const title = `Giám sát nội dung: tỷ lệ nữ trong tin${q.year ? `, năm ${q.year}` : ''}`;
        return download(
          reply,
          `giam-sat-noi-dung${q.year ? `-${q.year}` : ''}.xlsx`,
          XLSX_TYPE,
          await analysisWorkbook(a, title),
        );
      },
    );
    app.get(
      '/api/media/agreement',
      {
        schema: {
          tags: ['media'],
          summary: "Độ tin cậy giữa người mã hoá: Cohen's kappa và Krippendorff's alpha theo từng biến",
          querystring: z.object({ exerciseId: DbId.optional() }),
        },
      },
      async (request) => {
        actorOf(request);
        return storyAgreement(ctx, request.query.exerciseId);
      },
    );
  };
