import { diffLines } from 'diff';
import {
  isFreeOfDiscrimination,
  validateConvention,
  type ConventionStatus,
  type FindingStatus,
} from '../../core/conventions.ts';
import { parseDateInput, startOfDayVietnam, todayInVietnam } from '../../core/dates.ts';
import { AppError, invalid } from '../../core/errors.ts';
import { isOffice } from '../../core/permissions.ts';
import { feedbackBatch, feedbackYaml } from '../../core/screener/feedback.ts';
import { cleanText } from '../../core/text.ts';
import type { Db } from '../../db/engine.ts';
import { writeAudit } from '../audit/repository.ts';
import type { Actor, Ctx } from '../context.ts';
import { screenDocument } from '../screener/service.ts';
import { getUnitRow, writeUnitHistories } from '../units/repository.ts';
import * as repo from './repository.ts';

const ENTITY = 'convention';

/** The office any convention; a commune's reporter the conventions of its own villages. */
export const canManageConventions = (actor: Actor, communeId: number): boolean =>
  isOffice(actor) || (actor.role === 'reporter' && actor.unitId === communeId);

/**
 * Checks, before anything of the request is looked at, that the actor may manage the convention: a
 * stranger hears 403 (or 404), never what is wrong with a body it may not send. Checked again inside the
 * write's transaction.
 */
async function requireManageConvention(db: Db, actor: Actor, conventionId: number): Promise<void> {
  requireManage(actor, (await loadRow(db, conventionId)).commune_unit_id);
}

function requireManage(actor: Actor, communeId: number): void {
  if (!canManageConventions(actor, communeId))
    throw new AppError(
      'FORBIDDEN',
      'Chỉ UBND xã sở tại hoặc cơ quan thường trực được quản lý, xem xét hương ước, quy ước này',
    );
}

const cleanBody = (v: unknown, field: string, label: string): string => {
  const text = typeof v === 'string' ? v.normalize('NFC').replace(/\r\n?/gu, '\n').trim() : '';
  if (text.length < 20) throw invalid({ [field]: `${label}: cần toàn văn (ít nhất 20 ký tự)` });
  if (text.length > 500_000) throw invalid({ [field]: `${label}: dài quá 500.000 ký tự` });
  return text;
};

/** Screens a text version and stores what the screener found, each awaiting review. */
async function screenVersion(db: Db, conventionId: number, textId: number, text: string): Promise<number> {
  const { findings } = screenDocument(text);
  await repo.insertFindings(
    db,
    findings.map((f) => ({
      conventionId,
      textId,
      rule: f.rule,
      category: f.category,
      location: f.location,
      start: f.start,
      end: f.end,
      excerpt: f.text,
      message: f.message,
      law: f.law,
      suggestion: f.suggestion,
      manual: false,
      status: 'open',
      note: null,
      reviewedBy: null,
    })),
  );
  return findings.length;
}

async function resolveVillage(db: Db, villageUnitId: number, asOf: string): Promise<number> {
  const v = await repo.villageCommune(db, villageUnitId, asOf);
  if (!v || v.kind !== 'village' || !v.parent_id || v.parent_kind !== 'commune')
    throw invalid({
      villageUnitId: `Thôn, tổ dân phố: phải là thôn, tổ dân phố thuộc một xã, phường vào ngày ${asOf}`,
    });
  return v.parent_id;
}

async function loadRow(db: Db, id: number): Promise<repo.ConventionRow> {
  const row = await repo.getConvention(db, id);
  if (!row) throw new AppError('NOT_FOUND', 'Không tìm thấy hương ước, quy ước');
  return row;
}

export async function conventionDetail(ctx: Ctx, id: number) {
  const row = await loadRow(ctx.db, id);
  const [texts, findings] = await Promise.all([repo.texts(ctx.db, id), repo.findings(ctx.db, id)]);
  return {
    ...toSummary(row),
    texts: texts.map((t) => ({
      id: t.id,
      versionNo: t.version_no,
      text: t.text,
      effectiveDate: t.effective_date,
      decisionNumber: t.decision_number,
      note: t.note,
      createdAt: new Date(t.created_at).toISOString(),
    })),
    findings: findings.map((f) => ({
      id: f.id,
      textId: f.text_id,
      rule: f.rule,
      category: f.category,
      location: f.location,
      start: f.span_start,
      end: f.span_end,
      excerpt: f.excerpt,
      message: f.message,
      law: f.law,
      suggestion: f.suggestion,
      manual: f.manual,
      status: f.status as FindingStatus,
      note: f.note,
      reviewer: f.reviewer,
      reviewedAt: f.reviewed_at ? new Date(f.reviewed_at).toISOString() : null,
    })),
  };
}

function toSummary(r: repo.ConventionRow) {
  return {
    id: r.id,
    villageUnitId: r.village_unit_id,
    villageName: r.village_name,
    communeUnitId: r.commune_unit_id,
    communeName: r.commune_name,
    title: r.title,
    kind: r.kind,
    adoptedOn: r.adopted_on,
    householdsAgreePct: r.households_agree_pct === null ? null : Number(r.households_agree_pct),
    decisionNumber: r.decision_number,
    decisionDate: r.decision_date,
    status: r.status as ConventionStatus,
    replacedOn: r.replaced_on,
    version: r.version,
    openFindings: Number(r.open_findings),
    confirmedFindings: Number(r.confirmed_findings),
    free: isFreeOfDiscrimination(r.status as ConventionStatus, Number(r.confirmed_findings)),
  };
}

export async function listConventions(
  ctx: Ctx,
  q: { communeId?: number | undefined; status?: string | undefined; limit: number; offset: number },
) {
  return (await repo.listConventions(ctx.db, q)).map(toSummary);
}

/** Registers a convention with its full text; the screener reads it at once. */
export async function createConvention(ctx: Ctx, actor: Actor, raw: Record<string, unknown>) {
  const { value, problems } = validateConvention(raw);
  if (!value) throw invalid(problems);
  const text = cleanBody(raw.text, 'text', 'Toàn văn');
  return ctx.db.transaction().execute(async (trx) => {
    const communeId = await resolveVillage(trx, value.villageUnitId, value.adoptedOn ?? todayInVietnam());
    requireManage(actor, communeId);
    const id = await repo.insertConvention(trx, value, communeId, actor.id);
    const t = await repo.insertText(trx, {
      conventionId: id,
      text,
      effectiveDate: value.adoptedOn,
      decisionNumber: value.decisionNumber,
      note: 'Văn bản đăng ký lần đầu',
      userId: actor.id,
    });
    const found = await screenVersion(trx, id, t.id, text);
    await writeAudit(trx, actor, 'create', ENTITY, id, null, { ...value, textVersion: 1, findings: found });
    return conventionDetail({ ...ctx, db: trx }, id);
  });
}

export async function updateConvention(ctx: Ctx, actor: Actor, id: number, raw: Record<string, unknown>) {
  await requireManageConvention(ctx.db, actor, id);
  const { value, problems } = validateConvention(raw);
  if (!value) throw invalid(problems);
  if (typeof raw.version !== 'number') throw invalid({ version: 'Phiên bản: thiếu số phiên bản đang sửa' });
  return ctx.db.transaction().execute(async (trx) => {
    const before = await conventionDetail({ ...ctx, db: trx }, id);
    requireManage(actor, before.communeUnitId);
    const communeId = await resolveVillage(trx, value.villageUnitId, value.adoptedOn ?? todayInVietnam());
    requireManage(actor, communeId);
    if (!(await repo.updateConvention(trx, id, raw.version as number, value, communeId, actor.id)))
      throw new AppError('CONFLICT');
    const after = await conventionDetail({ ...ctx, db: trx }, id);
    const { texts: _bt, ...b } = before;
    const { texts: _at, ...a } = after;
    await writeAudit(trx, actor, 'update', ENTITY, id, b, a);
    return after;
  });
}

/** Confirms (with a note) or dismisses (with a reason) one finding. */
export async function reviewFinding(
  ctx: Ctx,
  actor: Actor,
  conventionId: number,
  findingId: number,
  decision: 'confirm' | 'dismiss',
  note: unknown,
) {
  await requireManageConvention(ctx.db, actor, conventionId);
  const text = typeof note === 'string' ? cleanText(note) : '';
  if (text.length < 3)
    throw invalid({
      note: decision === 'confirm' ? 'Ghi chú: cần ghi nhận xét khi xác nhận' : 'Lý do: cần ghi lý do khi bỏ qua',
    });
  return ctx.db.transaction().execute(async (trx) => {
    requireManage(actor, (await loadRow(trx, conventionId)).commune_unit_id);
    const before = await repo.getFinding(trx, findingId);
    if (!before || before.convention_id !== conventionId) throw new AppError('NOT_FOUND', 'Không tìm thấy phát hiện');
    if (before.status === 'resolved')
      throw new AppError('INVALID_TRANSITION', 'Phát hiện đã được xử lý bằng văn bản sửa đổi');
    const status = decision === 'confirm' ? 'confirmed' : 'dismissed';
    await repo.reviewFinding(trx, findingId, status, text, actor.id);
    await writeAudit(trx, actor, 'update', 'convention_finding', findingId, before, { ...before, status, note: text });
    return conventionDetail({ ...ctx, db: trx }, conventionId);
  });
}

/** A clause the screener missed, marked by a reviewer (confirmed at once). */
export async function addMissedFinding(
  ctx: Ctx,
  actor: Actor,
  conventionId: number,
  raw: { location?: unknown; excerpt?: unknown; note?: unknown; category?: unknown },
) {
  await requireManageConvention(ctx.db, actor, conventionId);
  const p: Record<string, string> = {};
  const location = typeof raw.location === 'string' ? cleanText(raw.location) : '';
  const excerpt = typeof raw.excerpt === 'string' ? cleanText(raw.excerpt) : '';
  const note = typeof raw.note === 'string' ? cleanText(raw.note) : '';
  const category =
    raw.category === 'stereotype'
      ? 'stereotype'
      : raw.category === 'discrimination' || raw.category === undefined
        ? 'discrimination'
        : null;
  if (!location) p.location = 'Vị trí: ví dụ "Điều 5, khoản 2"';
  if (excerpt.length < 3) p.excerpt = 'Nội dung: trích đoạn có vấn đề';
  if (note.length < 3) p.note = 'Nhận xét: vì sao đoạn này phân biệt đối xử hoặc định kiến';
  if (!category) p.category = 'Loại: phân biệt đối xử hoặc định kiến giới';
  if (Object.keys(p).length > 0) throw invalid(p);
  return ctx.db.transaction().execute(async (trx) => {
    requireManage(actor, (await loadRow(trx, conventionId)).commune_unit_id);
    const current = (await repo.texts(trx, conventionId)).at(-1)!;
    await repo.insertFindings(trx, [
      {
        conventionId,
        textId: current.id,
        rule: null,
        category: category!,
        location,
        start: null,
        end: null,
        excerpt,
        message: note,
        law: null,
        suggestion: null,
        manual: true,
        status: 'confirmed',
        note,
        reviewedBy: actor.id,
      },
    ]);
    await writeAudit(trx, actor, 'create', 'convention_finding', conventionId, null, {
      location,
      excerpt,
      note,
      manual: true,
    });
    return conventionDetail({ ...ctx, db: trx }, conventionId);
  });
}

/**
 * Records an amendment: a new text version with its date and decision; every confirmed finding is
 * resolved by it, the new text is screened again, and the convention is in force again.
 */
export async function amendConvention(
  ctx: Ctx,
  actor: Actor,
  conventionId: number,
  raw: { text?: unknown; effectiveDate?: unknown; decisionNumber?: unknown; note?: unknown },
) {
  await requireManageConvention(ctx.db, actor, conventionId);
  const text = cleanBody(raw.text, 'text', 'Toàn văn sửa đổi');
  const p: Record<string, string> = {};
  const effectiveDate = parseDateInput(raw.effectiveDate);
  if (!effectiveDate) p.effectiveDate = 'Ngày có hiệu lực: phải có dạng DD/MM/YYYY';
  else if (effectiveDate > todayInVietnam()) p.effectiveDate = 'Ngày có hiệu lực: không được ở tương lai';
  const decisionNumber = typeof raw.decisionNumber === 'string' ? cleanText(raw.decisionNumber) : '';
  if (!decisionNumber) p.decisionNumber = 'Số quyết định công nhận sửa đổi: cần nhập';
  if (Object.keys(p).length > 0) throw invalid(p);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await loadRow(trx, conventionId);
    requireManage(actor, before.commune_unit_id);
    if (before.status === 'replaced')
      throw new AppError('INVALID_TRANSITION', 'Hương ước, quy ước đã được thay thế; hãy đăng ký văn bản mới');
    const texts = await repo.texts(trx, conventionId);
    if (texts.at(-1)!.text === text) throw invalid({ text: 'Toàn văn sửa đổi: giống hệt văn bản hiện hành' });
    const t = await repo.insertText(trx, {
      conventionId,
      text,
      effectiveDate,
      decisionNumber,
      note: typeof raw.note === 'string' ? cleanText(raw.note) || null : null,
      userId: actor.id,
    });
    const resolved = await repo.resolveConfirmed(trx, conventionId, t.id);
    await repo.closeOpenOfOlderTexts(trx, conventionId, t.id);
    const found = await screenVersion(trx, conventionId, t.id, text);
    if (before.status === 'under_amendment' || before.status === 'draft')
      await repo.setConventionStatus(trx, conventionId, before.status === 'draft' ? 'draft' : 'in_force', actor.id);
    await writeAudit(
      trx,
      actor,
      'update',
      ENTITY,
      conventionId,
      { textVersion: texts.length },
      { textVersion: t.versionNo, effectiveDate, decisionNumber, resolvedFindings: resolved, newFindings: found },
    );
    return conventionDetail({ ...ctx, db: trx }, conventionId);
  });
}

/** Line-by-line differences between two text versions. */
export async function compareTexts(ctx: Ctx, conventionId: number, from: number, to: number) {
  await loadRow(ctx.db, conventionId);
  const texts = await repo.texts(ctx.db, conventionId);
  const a = texts.find((t) => t.version_no === from);
  const b = texts.find((t) => t.version_no === to);
  if (!a || !b) throw new AppError('NOT_FOUND', 'Không có phiên bản văn bản này');
  return {
    from,
    to,
    parts: diffLines(a.text, b.text).map((p) => ({
      value: p.value,
      added: Boolean(p.added),
      removed: Boolean(p.removed),
    })),
  };
}

/** Which rules raise false alarms most: dismissed against confirmed findings, per rule. */
export async function falseAlarmReport(ctx: Ctx) {
  return (await repo.reviewsByRule(ctx.db))
    .map((r) => ({
      ...r,
      dismissedShare: r.confirmed + r.dismissed === 0 ? null : r.dismissed / (r.confirmed + r.dismissed),
    }))
    .sort((a, b) => (b.dismissedShare ?? -1) - (a.dismissedShare ?? -1) || b.dismissed - a.dismissed);
}

/**
 * The reviewers' decisions as a candidate batch for the screener's real-text corpus (YAML for `bdg screener-batch`,
 * core/screener/feedback.ts); the office's, since it names every commune's clauses and decisions together. `since`
 * (a day, Vietnam time) keeps the decisions taken from that day on: `bdg screener-batch` refuses a batch with a
 * sentence already in the corpus, so the next download after an appended one starts where that one ended.
 */
export async function screenerFeedback(ctx: Ctx, actor: Actor, origin: string, since: unknown): Promise<string> {
  if (!isOffice(actor))
    throw new AppError('FORBIDDEN', 'Chỉ cơ quan thường trực được tải các quyết định xem xét của mọi xã');
  const given = since !== undefined && since !== '';
  const day = given ? parseDateInput(since) : null;
  if (given && day === null) throw invalid({ since: 'Từ ngày: không hợp lệ (ngày/tháng/năm hoặc YYYY-MM-DD)' });
  const from = day === null ? null : startOfDayVietnam(day);
  return feedbackYaml(feedbackBatch(await repo.reviewedFindings(ctx.db, from), origin), todayInVietnam(), day);
}

/** A village or residential group created by its commune (from today), for its conventions. */
export async function createVillage(ctx: Ctx, actor: Actor, communeId: number, name: unknown) {
  requireManage(actor, communeId);
  const clean = typeof name === 'string' ? cleanText(name) : '';
  if (clean.length < 2) throw invalid({ name: 'Tên thôn, tổ dân phố: cần nhập' });
  const commune = await getUnitRow(ctx.db, communeId);
  if (!commune || commune.kind !== 'commune') throw invalid({ communeId: 'Xã, phường: không hợp lệ' });
  return ctx.db.transaction().execute(async (trx) => {
    const code = await repo.nextVillageCode(trx, communeId, commune.code);
    const ids = new Map<string, number>([[commune.code, communeId]]);
    await writeUnitHistories(
      trx,
      [
        {
          code,
          kind: 'village',
          isNew: true,
          spans: [{ from: todayInVietnam(), to: null, value: { name: clean, parentCode: commune.code } }],
        },
      ],
      ids,
    );
    await writeAudit(trx, actor, 'create', 'unit', ids.get(code)!, null, {
      code,
      name: clean,
      kind: 'village',
      parent: commune.code,
    });
    return { id: ids.get(code)!, code, name: clean };
  });
}
