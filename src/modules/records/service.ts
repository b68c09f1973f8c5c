import { AppError, invalid } from '../../core/errors.ts';
import { duplicateError, likelyDuplicate } from '../../core/duplicates.ts';
import { canWriteRecord } from '../../core/permissions.ts';
import { recordType, type RecordTypeDef } from '../../core/records/types.ts';
import { unitRefs, validateRecord, type RecordInputRaw } from '../../core/records/validate.ts';
import { isEditable, type RecordStatus } from '../../core/workflow.ts';
import type { Db } from '../../db/engine.ts';
import { EXPORT_LIMIT, EXPORT_PAGE } from '../../db/pages.ts';
import { writeAudit } from '../audit/repository.ts';
import type { Actor, Ctx } from '../context.ts';
import { cleanEvidence, missingEvidence, type EvidenceRef } from '../files/evidence.ts';
import { periodOrError } from '../reports/service.ts';
import { unitValidBetween } from '../units/repository.ts';
import { insertEvent } from '../workflow/repository.ts';
import { applyTransition, workflowHistory, type TransitionInput, type WorkflowSubject } from '../workflow/service.ts';
import { windowSummary } from './summary.ts';
import * as repo from './repository.ts';

/** The name of generic records in the workflow history (ids are unique across types). */
export const RECORD_ENTITY = 'unit_record';

/** The type's definition, or a 404 naming the types there are. */
export function typeDef(type: string): RecordTypeDef {
  const def = recordType(type);
  if (!def) throw new AppError('NOT_FOUND', `Không có loại hồ sơ "${type}"`);
  return def;
}

type Labels = Map<number, { code: string; name: string }>;

function toRecord(
  r: repo.RecordRow,
  files: Awaited<ReturnType<typeof repo.recordFiles>>,
  units: Labels,
  titles: Map<number, string>,
) {
  const def = recordType(r.type);
  const data = r.data as Record<string, unknown>;
  const refs: Record<string, { id: number; code?: string; name: string }> = {};
  for (const f of def?.fields ?? []) {
    const id = data[f.name];
    if (typeof id !== 'number') continue;
    if (f.kind === 'unit' && units.has(id)) refs[f.name] = { id, ...units.get(id)! };
    if (f.kind === 'record' && titles.has(id)) refs[f.name] = { id, name: titles.get(id)! };
  }
  return {
    id: r.id,
    type: r.type,
    unitId: r.unit_id,
    unitCode: r.unit_code,
    unitName: r.unit_name,
    date: r.date,
    title: r.title,
    data,
    refs,
    status: r.status as RecordStatus,
    version: r.version,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    evidence: files
      .filter((f) => f.record_id === r.id)
      .map((f) => ({ sha256: f.sha256, name: f.name, size: Number(f.size), mime: f.mime })),
  };
}
export type UnitRecord = ReturnType<typeof toRecord>;

/**
 * Rows → records with their evidence and the names of the units and records they refer to; an export, which writes no
 * evidence, skips reading it (`evidence` false).
 */
async function hydrate(db: Db, rows: repo.RecordRow[], evidence = true): Promise<UnitRecord[]> {
  const unitIds = new Set<number>();
  const recordIds = new Set<number>();
  for (const r of rows) {
    for (const f of recordType(r.type)?.fields ?? []) {
      const v = (r.data as Record<string, unknown>)[f.name];
      if (typeof v !== 'number') continue;
      if (f.kind === 'unit') unitIds.add(v);
      if (f.kind === 'record') recordIds.add(v);
    }
  }
  const [files, units, titles] = await Promise.all([
    evidence
      ? repo.recordFiles(
          db,
          rows.map((r) => r.id),
        )
      : [],
    repo.unitLabels(db, [...unitIds]),
    repo.titlesByIds(db, [...recordIds]),
  ]);
  return rows.map((r) => toRecord(r, files, units, titles));
}

async function load(db: Db, id: number): Promise<UnitRecord> {
  const row = await repo.getRecord(db, id);
  if (!row) throw new AppError('NOT_FOUND', 'Không tìm thấy hồ sơ');
  return (await hydrate(db, [row]))[0]!;
}

/** The workflow of records of one type (a record of another type is not found). */
export const recordSubjectOf = (type: string): WorkflowSubject<UnitRecord> => ({
  entity: RECORD_ENTITY,
  auditEntity: (r) => r.type,
  load: async (db, id) => {
    const r = await load(db, id);
    if (r.type !== type) throw new AppError('NOT_FOUND', 'Không tìm thấy hồ sơ');
    return r;
  },
  setStatus: repo.setRecordStatus,
  mayWrite: (actor, r) => canWriteRecord(actor, r.type, r.unitId),
  describe: (r) => ({
    title: `${recordType(r.type)?.vi ?? 'Hồ sơ'} "${r.title}" (${r.date.split('-').reverse().join('/')})`,
    link: `/#/records/${r.type}/${r.id}`,
  }),
});

function requireWrite(actor: Actor, type: string, unitId: number): void {
  if (!canWriteRecord(actor, type, unitId)) throw new AppError('FORBIDDEN', 'Bạn chỉ được ghi hồ sơ của đơn vị mình');
}

/**
 * A periodic report names its period; its date (the window's last day) and title follow from it, and
 * it keeps the unit's figures of the window as they were when it was last saved.
 */
async function preparePeriodic(db: Db, ctx: Ctx, raw: RecordInputRaw): Promise<RecordInputRaw> {
  const data = { ...(raw.data ?? {}) };
  const { period } = await periodOrError({ ...ctx, db }, typeof data.period === 'string' ? data.period : '');
  if (typeof raw.unitId === 'number') data.summary = await windowSummary(db, raw.unitId, period.from, period.to);
  return {
    ...raw,
    data: {
      ...data,
      period: period.key,
      date: period.to,
      title: `${period.vi} (${period.from.split('-').reverse().join('/')}–${period.to.split('-').reverse().join('/')})`,
    },
  };
}

/** Checks a record and what only the database knows: units in force on its date, the key free, files uploaded. */
export async function checked(
  db: Db,
  ctx: Ctx,
  def: RecordTypeDef,
  raw: RecordInputRaw,
  evidence: EvidenceRef[],
  exceptId: number | null,
): Promise<repo.RecordInsert> {
  const input = def.type === 'periodic_report' ? await preparePeriodic(db, ctx, raw) : raw;
  const { value, problems } = validateRecord(def, input);
  if (!value) throw invalid(problems);
  if (def.type === 'periodic_report') value.data.summary = (input.data?.summary ?? null) as never;
  const fields: Record<string, string> = {};
  if (!(await unitValidBetween(db, value.unitId, value.date, value.date)))
    fields.unitId = `Đơn vị: không tồn tại vào ngày ${value.date}`;
  for (const ref of unitRefs(def, value)) {
    if (!(await unitValidBetween(db, ref.id, value.date, value.date)))
      fields[ref.field] = `${def.fields.find((f) => f.name === ref.field)!.vi}: không tồn tại vào ngày ${value.date}`;
  }
  for (const f of def.fields.filter((x) => x.kind === 'record')) {
    const id = value.data[f.name];
    if (typeof id !== 'number') continue;
    const target = await repo.getRecord(db, id);
    if (!target || target.type !== f.recordType || id === exceptId)
      fields[f.name] = `${f.vi}: không tìm thấy bản ghi được liên kết`;
  }
  const key = def.key ? def.key.of(value) : null;
  if (key !== null && (await repo.keyHolder(db, def.type, value.unitId, key, exceptId)) !== null) {
    fields[def.key!.field] = `${def.fields.find((f) => f.name === def.key!.field)!.vi}: ${def.key!.message}`;
  }
  const missing = await missingEvidence(db, evidence);
  if (missing) fields.evidence = missing;
  if (Object.keys(fields).length > 0) throw invalid(fields);
  return { ...value, type: def.type, key };
}

/** Records a draft, or straight as submitted when `submit` is true. */
export async function createRecord(
  ctx: Ctx,
  actor: Actor,
  type: string,
  raw: RecordInputRaw & { evidence?: unknown; submit?: unknown; allowDuplicate?: unknown },
): Promise<UnitRecord> {
  const def = typeDef(type);
  if (typeof raw.unitId === 'number') requireWrite(actor, type, raw.unitId);
  const evidence = cleanEvidence(raw.evidence);
  const status: RecordStatus = raw.submit === true ? 'submitted' : 'draft';
  return ctx.db.transaction().execute(async (trx) => {
    const row = await checked(trx, ctx, def, raw, evidence, null);
    requireWrite(actor, type, row.unitId);
    // a type with a key (a periodic report's period) is already one per unit and key
    if (raw.allowDuplicate !== true && row.key === null) {
      const found = likelyDuplicate(row, await repo.sameDayRecords(trx, type, row.unitId, row.date));
      if (found) throw duplicateError(found, row.date, def.fields.find((f) => f.name === 'title')?.vi ?? 'Tên');
    }
    const [id] = await repo.insertRecords(trx, [row], actor.id, status);
    await repo.setRecordFiles(trx, id!, evidence);
    const created = await load(trx, id!);
    await insertEvent(trx, actor, {
      entity: RECORD_ENTITY,
      entityId: id!,
      action: 'create',
      from: null,
      to: 'draft',
      comment: null,
      snapshot: null,
    });
    if (status === 'submitted')
      await insertEvent(trx, actor, {
        entity: RECORD_ENTITY,
        entityId: id!,
        action: 'submit',
        from: 'draft',
        to: 'submitted',
        comment: null,
        snapshot: null,
      });
    await writeAudit(trx, actor, 'create', type, id!, null, created);
    return created;
  });
}

export async function updateRecord(
  ctx: Ctx,
  actor: Actor,
  type: string,
  id: number,
  raw: RecordInputRaw & { evidence?: unknown; version?: unknown },
): Promise<UnitRecord> {
  const def = typeDef(type);
  if (typeof raw.version !== 'number')
    throw invalid({ version: 'Phiên bản: thiếu số phiên bản (version) của bản ghi đang sửa' });
  const evidence = cleanEvidence(raw.evidence);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await load(trx, id);
    if (before.type !== type) throw new AppError('NOT_FOUND', 'Không tìm thấy hồ sơ');
    requireWrite(actor, type, before.unitId);
    if (!isEditable(before.status)) throw new AppError('LOCKED');
    const row = await checked(trx, ctx, def, raw, evidence, id);
    requireWrite(actor, type, row.unitId);
    if (!(await repo.updateRecord(trx, id, raw.version as number, row, actor.id))) throw new AppError('CONFLICT');
    await repo.setRecordFiles(trx, id, evidence);
    const after = await load(trx, id);
    await writeAudit(trx, actor, 'update', type, id, before, after);
    return after;
  });
}

/** Deletes a draft or returned record; its evidence files stay (another record may use them). */
export async function deleteRecord(ctx: Ctx, actor: Actor, type: string, id: number, version: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await load(trx, id);
    if (before.type !== type) throw new AppError('NOT_FOUND', 'Không tìm thấy hồ sơ');
    requireWrite(actor, type, before.unitId);
    if (!isEditable(before.status)) throw new AppError('LOCKED');
    if (!(await repo.deleteRecord(trx, id, version))) throw new AppError('CONFLICT');
    await writeAudit(trx, actor, 'delete', type, id, before, null);
  });
}

export async function getRecord(ctx: Ctx, type: string, id: number): Promise<UnitRecord> {
  const r = await load(ctx.db, id);
  if (r.type !== type) throw new AppError('NOT_FOUND', 'Không tìm thấy hồ sơ');
  return r;
}

export async function transitionRecord(
  ctx: Ctx,
  actor: Actor,
  type: string,
  id: number,
  t: TransitionInput,
): Promise<UnitRecord> {
  return ctx.db.transaction().execute((trx) => applyTransition(trx, actor, recordSubjectOf(type), id, t));
}

export const recordHistory = (ctx: Ctx, type: string, id: number) => workflowHistory(ctx.db, recordSubjectOf(type), id);

export async function listRecords(ctx: Ctx, q: repo.RecordListQuery) {
  const { total, items } = await repo.listRecords(ctx.db, q);
  return { total, items: await hydrate(ctx.db, items) };
}

/** The filtered records of an export (oldest first), page by page (see recordExportPages). */
export async function* recordExport(ctx: Ctx, q: repo.RecordFilter): AsyncGenerator<UnitRecord[]> {
  for await (const page of repo.recordExportPages(ctx.db, q, EXPORT_LIMIT, EXPORT_PAGE))
    yield await hydrate(ctx.db, page, false);
}

/**
 * The activities of an Action Month plan: the unit's sessions and other records dated 15/11–15/12 of the
 * plan's year (G3 counts the plan when at least one took place).
 */
export async function actionMonthActivities(ctx: Ctx, id: number) {
  const plan = await getRecord(ctx, 'action_month_plan', id);
  const year = Number(plan.data.year);
  return windowSummary(ctx.db, plan.unitId, `${year}-11-15`, `${year}-12-15`);
}
