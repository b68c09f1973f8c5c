import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { z } from 'zod';
import { todayInVietnam } from '../../core/dates.ts';
import { AppError } from '../../core/errors.ts';
import {
  canonicalJson,
  figureChanges,
  NARRATIVE_FIELDS,
  REPORT_KINDS,
  type Issuer,
  type Narrative,
  type ReportContent,
  type ReportKind,
} from '../../core/official-report.ts';
import { isOffice } from '../../core/permissions.ts';
import { cleanLines, cleanText } from '../../core/text.ts';
import { invalidFrom } from '../../core/zod-vi.ts';
import { writeAudit } from '../audit/repository.ts';
import type { Actor, Ctx } from '../context.ts';
import { filePath, storeFile } from '../files/service.ts';
import { listUnitsAsOf } from '../units/repository.ts';
import { reportAnnex } from './annex.ts';
import { reportCharts } from './charts.ts';
import { gatherContent, unitsBehind, type ReportRequest } from './content.ts';
import { reportDocx } from './docx.ts';
import { docxToPdf } from './pdf.ts';
import * as repo from './repository.ts';

const text = (max: number, label: string, lines = false) =>
  z
    .string({ error: `${label}: phải là chữ` })
    .max(max, `${label}: tối đa ${max} ký tự`)
    .transform((s) => (lines ? cleanLines(s) : cleanText(s)));

export const IssuerSchema = z.strictObject({
  parent: text(120, 'Cơ quan chủ quản'),
  body: text(120, 'Cơ quan ban hành').refine((s) => s.length > 0, 'Cơ quan ban hành: không được để trống'),
  symbol: text(40, 'Ký hiệu').refine((s) => /^[\p{L}\p{N}.\-/&]*$/u.test(s), 'Ký hiệu: chỉ gồm chữ, số và . - / &'),
  place: text(60, 'Địa danh'),
  signerTitle: text(200, 'Chức vụ người ký', true),
  signerName: text(80, 'Người ký'),
  recipients: z.array(text(200, 'Nơi nhận'), { error: 'Nơi nhận: phải là danh sách' }).max(30, 'Nơi nhận: tối đa 30'),
});

export const NarrativeSchema = z.strictObject(
  Object.fromEntries(NARRATIVE_FIELDS.map((f) => [f.key, text(20_000, f.vi, true).optional()])) as Record<
    keyof Narrative,
    z.ZodOptional<ReturnType<typeof text>>
  >,
);

const EMPTY_NARRATIVE: Narrative = { summary: '', highlights: '', difficulties: '', directions: '' };

function requireOffice(actor: Actor): void {
  if (!isOffice(actor)) throw new AppError('FORBIDDEN', 'Chỉ cơ quan thường trực lập, sửa, ban hành báo cáo');
}

/** Office and leaders read every report; other users read final ones only (they are published). */
const mayReadDrafts = (actor: Actor) => isOffice(actor) || actor.role === 'viewer';

/** SHA-256 of the figures (key order aside): printed in the report and its annex, so a copy can be checked. */
export const figuresSha256 = (c: ReportContent): string => createHash('sha256').update(canonicalJson(c)).digest('hex');

/** The issuer lines to start from: the last report's, or the province's coordinating office after the reform. */
async function defaultIssuer(ctx: Ctx): Promise<Issuer> {
  const last = (await repo.listReports(ctx.db))[0];
  if (last) {
    const row = await repo.getReport(ctx.db, last.id);
    if (row) return row.issuer as Issuer;
  }
  const { items } = await listUnitsAsOf(ctx.db, {
    asOf: todayInVietnam(),
    parentId: null,
    kinds: ['province'],
    limit: 1,
    offset: 0,
  });
  const province = items[0]?.name ?? '';
  return {
    parent: province ? `UBND ${province}` : '',
    body: 'Sở Nội vụ',
    symbol: 'BC-SNV',
    place: province.replace(/^(tỉnh|thành phố)\s+/iu, ''),
    signerTitle: 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC',
    signerName: '',
    recipients: ['Bộ Nội vụ', ...(province ? [`UBND ${province}`] : []), 'Lưu: VT'],
  };
}

function parseIssuer(value: unknown): Issuer {
  const r = IssuerSchema.safeParse(value);
  if (!r.success) throw invalidFrom(r.error, 'issuer.');
  return r.data;
}

async function loadReport(ctx: Ctx, actor: Actor, id: number) {
  const row = await repo.getReport(ctx.db, id);
  if (!row) throw new AppError('NOT_FOUND', 'Không tìm thấy báo cáo');
  if (row.status === 'draft' && !mayReadDrafts(actor))
    throw new AppError('FORBIDDEN', 'Bản nháp chỉ cơ quan thường trực và lãnh đạo xem được; chờ báo cáo ban hành');
  return row;
}

async function loadDraft(ctx: Ctx, actor: Actor, id: number) {
  requireOffice(actor);
  const row = await loadReport(ctx, actor, id);
  if (row.status !== 'draft')
    throw new AppError('LOCKED', 'Báo cáo đã ban hành nên không sửa được; lập bản đính chính (phiên bản mới)');
  return row;
}

const view = (row: NonNullable<repo.ReportRow>) => {
  const content = row.content as ReportContent;
  return {
    id: row.id,
    kind: row.kind,
    year: row.year,
    areaId: row.area_unit_id,
    version: row.version,
    previousId: row.previous_id,
    status: row.status,
    issuer: row.issuer as Issuer,
    narrative: { ...EMPTY_NARRATIVE, ...(row.narrative as Partial<Narrative>) },
    content,
    figuresSha256: figuresSha256(content),
    changeNote: row.change_note,
    changes: row.changes,
    docxSha256: row.docx_sha256,
    annexSha256: row.annex_sha256,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    finalisedAt: row.finalised_at ? new Date(row.finalised_at).toISOString() : null,
    finalisedBy: row.finalised_by_name,
  };
};

export async function listOfficialReports(ctx: Ctx, actor: Actor) {
  const rows = await repo.listReports(ctx.db);
  return rows
    .filter((r) => r.status === 'final' || mayReadDrafts(actor))
    .map((r) => ({
      id: r.id,
      kind: r.kind,
      year: r.year,
      area: r.area_unit_id ? { id: r.area_unit_id, code: r.area_code, name: r.area_name } : null,
      version: r.version,
      previousId: r.previous_id,
      status: r.status,
      title: r.title,
      docxSha256: r.docx_sha256,
      createdAt: new Date(r.created_at).toISOString(),
      finalisedAt: r.finalised_at ? new Date(r.finalised_at).toISOString() : null,
    }));
}

export async function getOfficialReport(ctx: Ctx, actor: Actor, id: number) {
  return view(await loadReport(ctx, actor, id));
}

const auditSummary = (row: {
  status: string;
  version: number;
  content: unknown;
  narrative?: unknown;
  issuer?: unknown;
}) => ({
  status: row.status,
  version: row.version,
  figuresSha256: figuresSha256(row.content as ReportContent),
  ...(row.narrative !== undefined ? { narrative: row.narrative } : {}),
  ...(row.issuer !== undefined ? { issuer: row.issuer } : {}),
});

/** Starts a draft: the figures are gathered now; the office writes the narrative afterwards. */
export async function createOfficialReport(
  ctx: Ctx,
  actor: Actor,
  input: { kind: ReportKind; year: number; areaId?: number | undefined; issuer?: unknown },
) {
  requireOffice(actor);
  if (!REPORT_KINDS.includes(input.kind))
    throw new AppError('VALIDATION', 'Loại báo cáo: không hợp lệ', { kind: 'không hợp lệ' });
  const issuer = parseIssuer(input.issuer ?? (await defaultIssuer(ctx)));
  const content = await gatherContent(ctx, { kind: input.kind, year: input.year, area: { id: input.areaId } });
  const areaId = content.area?.id ?? null;
  const latest = await repo.latestOf(ctx.db, input.kind, input.year, areaId);
  if (latest?.status === 'draft')
    throw new AppError('DUPLICATE', `Đã có bản nháp của báo cáo này (số ${latest.id}); mở bản nháp đó để sửa`, {
      kind: `đã có bản nháp ${latest.id}`,
    });
  if (latest)
    throw new AppError(
      'DUPLICATE',
      `Báo cáo này đã ban hành (phiên bản ${latest.version}); muốn sửa thì lập bản đính chính từ bản đã ban hành`,
      { kind: 'đã ban hành' },
    );
  const id = await ctx.db.transaction().execute(async (trx) => {
    const newId = await repo.insertReport(trx, {
      kind: input.kind,
      year: input.year,
      areaId,
      version: 1,
      previousId: null,
      issuer,
      narrative: EMPTY_NARRATIVE,
      content,
      changeNote: '',
      userId: actor.id,
    });
    await writeAudit(trx, actor, 'create', 'official_report', String(newId), null, {
      kind: input.kind,
      year: input.year,
      areaId,
      ...auditSummary({ status: 'draft', version: 1, content, issuer }),
    });
    return newId;
  });
  return getOfficialReport(ctx, actor, id);
}

/** Gathers a draft's figures again (records approved since are counted). */
export async function refreshOfficialReport(ctx: Ctx, actor: Actor, id: number) {
  const row = await loadDraft(ctx, actor, id);
  const before = row.content as ReportContent;
  const request: ReportRequest = {
    kind: row.kind as ReportKind,
    year: row.year,
    area: row.area_unit_id ? { id: row.area_unit_id } : undefined,
  };
  const content = await gatherContent(ctx, request);
  await ctx.db.transaction().execute(async (trx) => {
    if ((await repo.updateDraft(trx, id, { content }, actor.id)) === 0)
      throw new AppError('LOCKED', 'Báo cáo vừa được ban hành; tải lại trang');
    await writeAudit(
      trx,
      actor,
      'update',
      'official_report',
      String(id),
      { figuresSha256: figuresSha256(before) },
      { figuresSha256: figuresSha256(content) },
    );
  });
  return getOfficialReport(ctx, actor, id);
}

/** Changes a draft's narrative, issuer lines or (for a correction) its note. */
export async function updateOfficialReport(
  ctx: Ctx,
  actor: Actor,
  id: number,
  patch: { narrative?: unknown; issuer?: unknown; changeNote?: unknown },
) {
  const row = await loadDraft(ctx, actor, id);
  const beforeNarrative = { ...EMPTY_NARRATIVE, ...(row.narrative as Partial<Narrative>) };
  let narrative: Narrative | undefined;
  if (patch.narrative !== undefined) {
    const r = NarrativeSchema.safeParse(patch.narrative);
    if (!r.success) throw invalidFrom(r.error, 'narrative.');
    narrative = {
      ...beforeNarrative,
      ...Object.fromEntries(Object.entries(r.data).filter(([, v]) => v !== undefined)),
    };
  }
  const issuer = patch.issuer !== undefined ? parseIssuer(patch.issuer) : undefined;
  let changeNote: string | undefined;
  if (patch.changeNote !== undefined) {
    if (typeof patch.changeNote !== 'string' || row.version === 1)
      throw new AppError('VALIDATION', 'Nội dung đính chính: chỉ có ở bản đính chính', { changeNote: 'không áp dụng' });
    changeNote = cleanText(patch.changeNote).slice(0, 2000);
    if (changeNote.length < 5)
      throw new AppError('VALIDATION', 'Nội dung đính chính: cần ghi rõ (ít nhất 5 ký tự)', { changeNote: 'quá ngắn' });
  }
  await ctx.db.transaction().execute(async (trx) => {
    const n = await repo.updateDraft(
      trx,
      id,
      { narrative, issuer, ...(changeNote !== undefined ? { changeNote } : {}) },
      actor.id,
    );
    if (n === 0) throw new AppError('LOCKED', 'Báo cáo vừa được ban hành; tải lại trang');
    await writeAudit(
      trx,
      actor,
      'update',
      'official_report',
      String(id),
      { narrative: beforeNarrative, issuer: row.issuer, changeNote: row.change_note },
      {
        narrative: narrative ?? beforeNarrative,
        issuer: issuer ?? row.issuer,
        changeNote: changeNote ?? row.change_note,
      },
    );
  });
  return getOfficialReport(ctx, actor, id);
}

async function renderFiles(row: ReturnType<typeof view>, date: string, correction: DocxCorrection) {
  const charts = reportCharts(row.content);
  const docx = await reportDocx({
    content: row.content,
    issuer: row.issuer,
    narrative: row.narrative,
    charts,
    status: row.status,
    version: row.version,
    date,
    figuresSha256: row.figuresSha256,
    correction,
  });
  return docx;
}
type DocxCorrection = Parameters<typeof reportDocx>[0]['correction'];

async function correctionOf(ctx: Ctx, row: ReturnType<typeof view>): Promise<DocxCorrection> {
  if (row.previousId === null) return null;
  const prev = await repo.getReport(ctx.db, row.previousId);
  if (!prev) return null;
  const p = view(prev);
  return {
    note: row.changeNote,
    ...figureChanges(p.content, row.content, { before: p.narrative, after: row.narrative }),
  };
}

/**
 * Makes a draft final: its figures are checked against the data once more (an indicator whose value moved
 * since the draft was gathered stops it), then the DOCX and the XLSX annex are written and stored by
 * SHA-256; the row never changes again.
 */
export async function finaliseOfficialReport(ctx: Ctx, actor: Actor, id: number) {
  const row = view(await loadDraft(ctx, actor, id));
  const missing: Record<string, string> = {};
  if (!row.issuer.place) missing['issuer.place'] = 'Địa danh: ghi trước khi ban hành';
  if (!row.issuer.signerName) missing['issuer.signerName'] = 'Người ký: ghi họ tên trước khi ban hành';
  if (!row.issuer.signerTitle) missing['issuer.signerTitle'] = 'Chức vụ người ký: ghi trước khi ban hành';
  if (Object.keys(missing).length > 0)
    throw new AppError('VALIDATION', `Chưa ban hành được: ${Object.values(missing).join('; ')}`, missing);
  if (row.previousId !== null && row.changeNote.length < 5)
    throw new AppError('VALIDATION', 'Nội dung đính chính: ghi rõ điều đã sửa trước khi ban hành', {
      changeNote: 'chưa ghi',
    });
  const behind = await unitsBehind(ctx, row.content);
  const moved = behind.filter((b) => {
    const line = row.content.goals.flatMap((g) => g.indicators).find((i) => i.code === b.code);
    return line !== undefined && line.value !== b.value;
  });
  if (moved.length > 0)
    throw new AppError(
      'STALE_FIGURES',
      `Số liệu đã thay đổi từ khi bản nháp được cập nhật (${moved.map((m) => m.code).join(', ')}); bấm "Cập nhật ` +
        `số liệu", xem lại rồi ban hành`,
    );
  const date = todayInVietnam();
  const correction = await correctionOf(ctx, row);
  const docx = await renderFiles({ ...row, status: 'final' }, date, correction);
  const annex = await reportAnnex(row.content, behind, row.figuresSha256);
  const [d, a] = [await storeFile(ctx, actor, docx), await storeFile(ctx, actor, annex)];
  await ctx.db.transaction().execute(async (trx) => {
    const changes = correction ? { figures: correction.figures, sections: correction.sections } : null;
    if ((await repo.finalise(trx, id, { docx: d.sha256, annex: a.sha256, changes }, actor.id)) === 0)
      throw new AppError('LOCKED', 'Báo cáo vừa được ban hành bởi người khác; tải lại trang');
    await writeAudit(
      trx,
      actor,
      'finalise',
      'official_report',
      String(id),
      { status: 'draft' },
      { status: 'final', docxSha256: d.sha256, annexSha256: a.sha256, figuresSha256: row.figuresSha256 },
    );
  });
  return getOfficialReport(ctx, actor, id);
}

/** Starts a correction of a final report: a new draft version, with the figures gathered again. */
export async function correctOfficialReport(ctx: Ctx, actor: Actor, id: number, note: unknown) {
  requireOffice(actor);
  const row = await loadReport(ctx, actor, id);
  if (row.status !== 'final')
    throw new AppError('INVALID_TRANSITION', 'Chỉ đính chính được báo cáo đã ban hành; bản nháp thì sửa trực tiếp');
  const latest = await repo.latestOf(ctx.db, row.kind, row.year, row.area_unit_id);
  if (latest && latest.id !== row.id)
    throw new AppError(
      'INVALID_TRANSITION',
      `Đã có phiên bản mới hơn (phiên bản ${latest.version}, số ${latest.id}); đính chính từ phiên bản đó`,
    );
  const changeNote = typeof note === 'string' ? cleanText(note).slice(0, 2000) : '';
  if (changeNote.length < 5)
    throw new AppError('VALIDATION', 'Nội dung đính chính: cần ghi rõ điều sửa và lý do (ít nhất 5 ký tự)', {
      changeNote: 'quá ngắn',
    });
  const content = await gatherContent(ctx, {
    kind: row.kind as ReportKind,
    year: row.year,
    area: row.area_unit_id ? { id: row.area_unit_id } : undefined,
  });
  const newId = await ctx.db.transaction().execute(async (trx) => {
    const created = await repo.insertReport(trx, {
      kind: row.kind,
      year: row.year,
      areaId: row.area_unit_id,
      version: row.version + 1,
      previousId: row.id,
      issuer: row.issuer,
      narrative: row.narrative,
      content,
      changeNote,
      userId: actor.id,
    });
    await writeAudit(trx, actor, 'create', 'official_report', String(created), null, {
      correcting: row.id,
      changeNote,
      ...auditSummary({ status: 'draft', version: row.version + 1, content }),
    });
    return created;
  });
  return getOfficialReport(ctx, actor, newId);
}

export async function deleteOfficialReport(ctx: Ctx, actor: Actor, id: number) {
  const row = await loadDraft(ctx, actor, id);
  await ctx.db.transaction().execute(async (trx) => {
    if ((await repo.deleteDraft(trx, id)) === 0) throw new AppError('LOCKED', 'Báo cáo vừa được ban hành');
    await writeAudit(trx, actor, 'delete', 'official_report', String(id), auditSummary(row), null);
  });
  return { ok: true };
}

const slug = (r: ReturnType<typeof view>) => {
  const area = r.content.area ? `-${r.content.area.code}` : '';
  const draft = r.status === 'draft' ? '-du-thao' : '';
  return `bao-cao-${r.kind.replace('_', '-')}-${r.year}${area}-v${r.version}${draft}`;
};

/**
 * A report's file: a final report's stored DOCX or annex (the same bytes every time, their SHA-256 in the
 * list), a draft's made now and marked "DỰ THẢO"; PDF converted from the DOCX by LibreOffice.
 */
export async function officialReportFile(ctx: Ctx, actor: Actor, id: number, format: 'docx' | 'xlsx' | 'pdf') {
  const row = view(await loadReport(ctx, actor, id));
  const name = `${slug(row)}.${format}`;
  const stored = format === 'xlsx' ? row.annexSha256 : row.docxSha256;
  let bytes: Buffer;
  if (row.status === 'final' && stored) {
    bytes = await fs.readFile(filePath(ctx.config.dataDir, format === 'pdf' ? row.docxSha256! : stored)).catch(() => {
      throw new AppError(
        'NOT_FOUND',
        'Tệp báo cáo đã ban hành không còn trên đĩa; báo quản trị viên khôi phục bản sao lưu',
      );
    });
  } else if (format === 'xlsx') {
    bytes = await reportAnnex(row.content, await unitsBehind(ctx, row.content), row.figuresSha256);
  } else {
    bytes = await renderFiles(row, todayInVietnam(), await correctionOf(ctx, row));
  }
  if (format === 'pdf') bytes = await docxToPdf(bytes, ctx.config.soffice);
  return { name, bytes };
}

/** A report from the current data, never stored: what `bdg report` writes. */
export async function draftDocx(ctx: Ctx, request: ReportRequest): Promise<Buffer> {
  const content = await gatherContent(ctx, request);
  const issuer = await defaultIssuer(ctx);
  return reportDocx({
    content,
    issuer,
    narrative: EMPTY_NARRATIVE,
    charts: reportCharts(content),
    status: 'draft',
    version: 1,
    date: todayInVietnam(),
    figuresSha256: figuresSha256(content),
    correction: null,
  });
}
