import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { REPORT_KINDS } from '../../core/official-report.ts';
import { actorOf } from '../../http/auth-hooks.ts';
import { download, XLSX_TYPE } from '../../http/download.ts';
import { DbId, DbInt } from '../../http/params.ts';
import type { Ctx } from '../context.ts';
import { findSoffice, PDF_INSTALL_HINT } from './pdf.ts';
import {
  correctOfficialReport,
  createOfficialReport,
  deleteOfficialReport,
  finaliseOfficialReport,
  getOfficialReport,
  listOfficialReports,
  officialReportFile,
  refreshOfficialReport,
  updateOfficialReport,
} from './service.ts';

const Id = z.object({ id: DbId });
const TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: XLSX_TYPE,
  pdf: 'application/pdf',
} as const;

export const officialReportRoutes =
  (ctx: Ctx): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['official-reports'];
    app.get(
      '/api/official-reports',
      {
        schema: {
          tags,
          summary: 'Các báo cáo 6 tháng, năm, sơ kết, tổng kết (bản nháp chỉ cơ quan thường trực, lãnh đạo thấy)',
        },
      },
      async (request) => listOfficialReports(ctx, actorOf(request)),
    );
    app.get(
      '/api/official-reports/capabilities',
      { schema: { tags, summary: 'Máy chủ có xuất được PDF không (LibreOffice); nếu không, cách cài' } },
      async (request) => {
        actorOf(request);
        const soffice = await findSoffice(ctx.config.soffice);
        return { pdf: soffice !== null, hint: soffice ? null : PDF_INSTALL_HINT };
      },
    );
    app.post(
      '/api/official-reports',
      {
        schema: {
          tags,
          summary: 'Lập bản nháp một báo cáo: số liệu lấy từ dữ liệu ngay lúc này',
          body: z.object({
            kind: z.enum(REPORT_KINDS, { error: 'Loại báo cáo: half_year, yearly hoặc review' }),
            year: DbInt.describe('năm báo cáo'),
            areaId: DbId.optional().describe('địa bàn; bỏ trống: toàn tỉnh'),
            issuer: z.unknown().optional(),
          }),
        },
      },
      async (request, reply) => reply.code(201).send(await createOfficialReport(ctx, actorOf(request), request.body)),
    );
    app.get(
      '/api/official-reports/:id',
      { schema: { tags, summary: 'Một báo cáo: số liệu, phần viết, người ban hành, mã kiểm tra', params: Id } },
      async (request) => getOfficialReport(ctx, actorOf(request), request.params.id),
    );
    app.put(
      '/api/official-reports/:id',
      {
        schema: {
          tags,
          summary: 'Sửa bản nháp: phần viết, thông tin cơ quan ban hành, nội dung đính chính',
          params: Id,
          body: z.object({
            narrative: z.unknown().optional(),
            issuer: z.unknown().optional(),
            changeNote: z.unknown().optional(),
          }),
        },
      },
      async (request) => updateOfficialReport(ctx, actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/official-reports/:id/refresh',
      { schema: { tags, summary: 'Cập nhật số liệu của bản nháp từ dữ liệu hiện tại', params: Id } },
      async (request) => refreshOfficialReport(ctx, actorOf(request), request.params.id),
    );
    app.post(
      '/api/official-reports/:id/finalise',
      {
        schema: {
          tags,
          summary: 'Ban hành: số liệu được đóng băng, tệp DOCX và phụ lục XLSX lưu kèm mã SHA-256',
          params: Id,
        },
      },
      async (request) => finaliseOfficialReport(ctx, actorOf(request), request.params.id),
    );
    app.post(
      '/api/official-reports/:id/correct',
      {
        schema: {
          tags,
          summary: 'Lập bản đính chính (phiên bản mới) của một báo cáo đã ban hành',
          params: Id,
          body: z.object({ changeNote: z.unknown() }),
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await correctOfficialReport(ctx, actorOf(request), request.params.id, request.body.changeNote)),
    );
    app.delete(
      '/api/official-reports/:id',
      { schema: { tags, summary: 'Xoá bản nháp (báo cáo đã ban hành không xoá được)', params: Id } },
      async (request) => deleteOfficialReport(ctx, actorOf(request), request.params.id),
    );
    for (const format of ['docx', 'xlsx', 'pdf'] as const)
      app.get(
        `/api/official-reports/:id/report.${format}`,
        {
          schema: {
            tags,
            summary:
              format === 'xlsx'
                ? 'Phụ lục XLSX: mọi bảng và danh sách đơn vị đứng sau từng số liệu'
                : `Báo cáo dạng ${format.toUpperCase()} (thể thức Nghị định 30/2020/NĐ-CP)`,
            params: Id,
          },
        },
        async (request, reply) => {
          const f = await officialReportFile(ctx, actorOf(request), request.params.id, format);
          return download(reply, f.name, TYPES[format], f.bytes);
        },
      );
  };
