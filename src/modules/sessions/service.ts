import { todayInVietnam } from '../../core/dates.ts';
import { duplicateError, likelyDuplicate } from '../../core/duplicates.ts';
import { AppError, invalid, type RowError } from '../../core/errors.ts';
import { peaksOf } from '../../core/peaks.ts';
import { canWriteUnitRecords, isOffice } from '../../core/permissions.ts';
import { validateSession, type SessionInput, type SessionInputRaw } from '../../core/sessions.ts';
import { isEditable, type RecordStatus } from '../../core/workflow.ts';
import { applyTransition, workflowHistory, type TransitionInput, type WorkflowSubject } from '../workflow/service.ts';
import type { Db } from '../../db/engine.ts';
import { EXPORT_LIMIT, EXPORT_PAGE } from '../../db/pages.ts';
import { writeAudit, writeAuditMany } from '../audit/repository.ts';
import { insertEvent, insertEvents } from '../workflow/repository.ts';
import type { Actor, Ctx } from '../context.ts';
import { cleanEvidence, missingEvidence, type EvidenceRef } from '../files/evidence.ts';
import { codeVariants, readTabular, requireColumns, textCell, type TabularRow } from '../files/tabular.ts';
import { unitIdsByCodes, unitValidBetween } from '../units/repository.ts';
import * as repo from './repository.ts';

const ENTITY = 'communication_session';

/** What an export writes of a session (codes, not names); a session as the API shows it has it too. */
const exportItem = (r: repo.SessionExportRow) => ({
  unitCode: r.unit_code,
  date: r.date,
  title: r.title,
  form: r.form,
  topics: r.topics,
  targetGroups: r.target_groups,
  participantsTotal: r.participants_total,
  participantsFemale: r.participants_female,
  participantsMale: r.participants_male,
  placeCode: r.place_code,
  notes: r.notes,
});
export type SessionExportItem = ReturnType<typeof exportItem>;

function toSession(r: repo.SessionRow, files: Awaited<ReturnType<typeof repo.sessionFiles>>) {
  return {
    id: r.id,
    unitId: r.unit_id,
    ...exportItem(r),
    unitName: r.unit_name,
    placeUnitId: r.place_unit_id,
    placeName: r.place_name,
    peaks: peaksOf(r.date),
    status: r.status as RecordStatus,
    version: r.version,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    evidence: files
      .filter((f) => f.session_id === r.id)
      .map((f) => ({ sha256: f.sha256, name: f.name, size: Number(f.size), mime: f.mime })),
  };
}
export type Session = ReturnType<typeof toSession>;

async function load(db: Db, id: number): Promise<Session> {
  const row = await repo.getSession(db, id);
  if (!row) throw new AppError('NOT_FOUND', 'Không tìm thấy hoạt động truyền thông');
  return toSession(row, await repo.sessionFiles(db, [id]));
}

function requireWrite(actor: Actor, unitId: number): void {
  if (!canWriteUnitRecords(actor, unitId))
    throw new AppError('FORBIDDEN', 'Bạn chỉ được ghi hoạt động của đơn vị mình');
}

/** Checks what only the database knows: the unit and place exist on the date, evidence files exist. */
async function checkReferences(db: Db, s: SessionInput, evidence: EvidenceRef[]): Promise<void> {
  const fields: Record<string, string> = {};
  if (!(await unitValidBetween(db, s.unitId, s.date, s.date)))
    fields.unitId = `đơn vị không tồn tại vào ngày ${s.date}`;
  if (s.placeUnitId !== null && !(await unitValidBetween(db, s.placeUnitId, s.date, s.date)))
    fields.placeUnitId = `địa điểm không tồn tại vào ngày ${s.date}`;
  const missing = await missingEvidence(db, evidence);
  if (missing) fields.evidence = missing;
  if (Object.keys(fields).length > 0) throw invalid(fields);
}

/** Records a session as a draft, or straight as submitted when `submit` is true. */
export async function createSession(
  ctx: Ctx,
  actor: Actor,
  raw: SessionInputRaw & { evidence?: unknown; submit?: unknown; allowDuplicate?: unknown },
): Promise<Session> {
  const { value, fields } = validateSession(raw);
  if (!value) throw invalid(fields);
  requireWrite(actor, value.unitId);
  const evidence = cleanEvidence(raw.evidence);
  const status: RecordStatus = raw.submit === true ? 'submitted' : 'draft';
  return ctx.db.transaction().execute(async (trx) => {
    await checkReferences(trx, value, evidence);
    if (raw.allowDuplicate !== true) {
      const found = likelyDuplicate(value, await repo.sameDaySessions(trx, value.unitId, value.date));
      if (found) throw duplicateError(found, value.date, 'Tên hoạt động');
    }
    const [id] = await repo.insertSessions(trx, [value], actor.id, status);
    await repo.setSessionFiles(trx, id!, evidence);
    const created = await load(trx, id!);
    await insertEvent(trx, actor, {
      entity: ENTITY,
      entityId: id!,
      action: 'create',
      from: null,
      to: 'draft',
      comment: null,
      snapshot: null,
    });
    if (status === 'submitted')
      await insertEvent(trx, actor, {
        entity: ENTITY,
        entityId: id!,
        action: 'submit',
        from: 'draft',
        to: 'submitted',
        comment: null,
        snapshot: null,
      });
    await writeAudit(trx, actor, 'create', ENTITY, id!, null, created);
    return created;
  });
}

export async function updateSession(
  ctx: Ctx,
  actor: Actor,
  id: number,
  raw: SessionInputRaw & { evidence?: unknown; version?: unknown },
): Promise<Session> {
  if (typeof raw.version !== 'number') throw invalid({ version: 'thiếu số phiên bản (version) của bản ghi đang sửa' });
  const { value, fields } = validateSession(raw);
  if (!value) throw invalid(fields);
  const evidence = cleanEvidence(raw.evidence);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await load(trx, id);
    requireWrite(actor, before.unitId);
    requireWrite(actor, value.unitId);
    if (!isEditable(before.status)) throw new AppError('LOCKED');
    await checkReferences(trx, value, evidence);
    if (!(await repo.updateSession(trx, id, raw.version as number, value, actor.id))) throw new AppError('CONFLICT');
    await repo.setSessionFiles(trx, id, evidence);
    const after = await load(trx, id);
    await writeAudit(trx, actor, 'update', ENTITY, id, before, after);
    return after;
  });
}

export async function deleteSession(ctx: Ctx, actor: Actor, id: number, version: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await load(trx, id);
    requireWrite(actor, before.unitId);
    if (!isEditable(before.status)) throw new AppError('LOCKED');
    if (!(await repo.deleteSession(trx, id, version))) throw new AppError('CONFLICT');
    await writeAudit(trx, actor, 'delete', ENTITY, id, before, null);
  });
}

export const getSession = (ctx: Ctx, id: number): Promise<Session> => load(ctx.db, id);

/** How the workflow reads, moves and names a session. */
export const SESSION_SUBJECT: WorkflowSubject<Session> = {
  entity: ENTITY,
  auditEntity: () => ENTITY,
  load,
  setStatus: repo.setSessionStatus,
  mayWrite: (actor, s) => canWriteUnitRecords(actor, s.unitId),
  describe: (s) => ({
    title: `Hoạt động "${s.title}" (${s.date.split('-').reverse().join('/')})`,
    link: `/#/sessions/${s.id}`,
  }),
};

export async function transitionSession(ctx: Ctx, actor: Actor, id: number, t: TransitionInput): Promise<Session> {
  return ctx.db.transaction().execute((trx) => applyTransition(trx, actor, SESSION_SUBJECT, id, t));
}

/** A session's workflow history, and what changed since it was last approved. */
export const sessionHistory = (ctx: Ctx, id: number) => workflowHistory(ctx.db, SESSION_SUBJECT, id);

export async function listSessions(ctx: Ctx, q: repo.SessionListQuery) {
  const { total, items } = await repo.listSessions(ctx.db, q);
  const files = await repo.sessionFiles(
    ctx.db,
    items.map((i) => i.id),
  );
  return { total, items: items.map((r) => toSession(r, files)) };
}

/** The filtered sessions of an export (newest first), page by page (see sessionExportPages). */
export async function* sessionExport(ctx: Ctx, q: repo.SessionFilter): AsyncGenerator<SessionExportItem[]> {
  for await (const page of repo.sessionExportPages(ctx.db, q, EXPORT_LIMIT, EXPORT_PAGE)) yield page.map(exportItem);
}

export const SESSION_IMPORT_COLUMNS = [
  'unit_code',
  'date',
  'title',
  'form',
  'participants_total',
  'participants_female',
  'participants_male',
] as const;
const FIELD_COLUMN: Record<string, string> = {
  unitId: 'unit_code',
  date: 'date',
  title: 'title',
  form: 'form',
  topics: 'topics',
  targetGroups: 'target_groups',
  participantsTotal: 'participants_total',
  participantsFemale: 'participants_female',
  participantsMale: 'participants_male',
  placeUnitId: 'place_code',
  notes: 'notes',
};

/**
 * Imports sessions from CSV/XLSX. Required columns: unit_code,date,title,form,participants_total,
 * participants_female,participants_male; optional: topics (codes or names separated by ";"; default
 * the Law on Gender Equality), target_groups, place_code, notes. All or nothing: every row is checked
 * and every problem is reported with its line and column before anything is written.
 */
export async function importSessions(
  ctx: Ctx,
  actor: Actor,
  content: Buffer,
): Promise<{ rows: number; created: number }> {
  const table = await readTabular(content);
  requireColumns(table, SESSION_IMPORT_COLUMNS);
  const today = todayInVietnam();
  return ctx.db.transaction().execute(async (trx) => {
    const codes = [
      ...new Set(table.rows.flatMap((r) => [...codeVariants(r, 'unit_code'), ...codeVariants(r, 'place_code')])),
    ];
    const units = await unitIdsByCodes(trx, codes);
    const resolve = (r: TabularRow, column: string): string =>
      codeVariants(r, column).find((c) => units.has(c)) ?? textCell(r, column);
    const errors: RowError[] = [];
    const values: SessionInput[] = [];
    for (const r of table.rows) {
      const unitCode = resolve(r, 'unit_code');
      const placeCode = resolve(r, 'place_code');
      const unit = units.get(unitCode);
      const rowErrors: RowError[] = [];
      if (unitCode === 'VI-DU')
        rowErrors.push({
          line: r.line,
          column: 'unit_code',
          reason: 'đây là dòng ví dụ của tệp mẫu: hãy xoá dòng này',
        });
      else if (!unit)
        rowErrors.push({
          line: r.line,
          column: 'unit_code',
          reason: unitCode ? `không tìm thấy đơn vị mã "${unitCode}"` : 'thiếu mã đơn vị',
        });
      if (placeCode && !units.get(placeCode))
        rowErrors.push({ line: r.line, column: 'place_code', reason: `không tìm thấy địa bàn mã "${placeCode}"` });
      const topics = textCell(r, 'topics') || 'gender_equality_law';
      const { value, fields } = validateSession(
        {
          unitId: unit?.id ?? null,
          date: r.cells.date instanceof Date ? r.cells.date : textCell(r, 'date'),
          title: textCell(r, 'title'),
          form: textCell(r, 'form'),
          topics,
          targetGroups: textCell(r, 'target_groups'),
          participantsTotal: textCell(r, 'participants_total'),
          participantsFemale: textCell(r, 'participants_female'),
          participantsMale: textCell(r, 'participants_male'),
          placeUnitId: placeCode ? (units.get(placeCode)?.id ?? null) : null,
          notes: textCell(r, 'notes'),
        },
        today,
      );
      for (const [field, reason] of Object.entries(fields)) {
        // a unit code that names no unit was reported above
        if (field === 'unitId' && !unit) continue;
        rowErrors.push({ line: r.line, column: FIELD_COLUMN[field] ?? field, reason });
      }
      if (unit && !canWriteUnitRecords(actor, unit.id))
        rowErrors.push({
          line: r.line,
          column: 'unit_code',
          reason: 'bạn không có quyền ghi hoạt động cho đơn vị này',
        });
      if (unit && value && (value.date < unit.valid_from || (unit.valid_to !== null && value.date > unit.valid_to))) {
        rowErrors.push({
          line: r.line,
          column: 'date',
          reason: `đơn vị "${unitCode}" không tồn tại vào ngày ${value.date}`,
        });
      }
      if (rowErrors.length > 0) errors.push(...rowErrors);
      else if (value) values.push(value);
    }
    if (errors.length > 0) {
      throw new AppError(
        'IMPORT_INVALID',
        `Tệp có ${errors.length} lỗi ở ${new Set(errors.map((e) => e.line)).size} dòng; chưa ghi dòng nào`,
        undefined,
        errors,
      );
    }
    // a unit's file is a report to be approved; the office's own import is taken as approved
    const status: RecordStatus = isOffice(actor) ? 'approved' : 'submitted';
    const ids = await repo.insertSessions(trx, values, actor.id, status);
    await insertEvents(
      trx,
      actor,
      ENTITY,
      ids.map((id) => ({ id, action: 'import', from: null, to: status })),
    );
    await writeAuditMany(
      trx,
      actor,
      ids.map((id, i) => ({
        action: 'create',
        entity: ENTITY,
        entityId: id,
        before: null,
        after: { ...values[i], status, source: 'import' },
      })),
    );
    return { rows: table.rows.length, created: ids.length };
  });
}
