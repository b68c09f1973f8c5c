import { AppError, invalid } from '../../core/errors.ts';
import {
  adoptionLevel,
  LEVEL_LABELS,
  missingEvidence as missingIndicatorEvidence,
  readAnswers,
  scoreAssessment,
  type Answers,
} from '../../core/media/assessment.ts';
import { figuresFromCounts } from '../../core/media/monitoring.ts';
import { canWriteUnitRecords } from '../../core/permissions.ts';
import { isEditable, type RecordStatus } from '../../core/workflow.ts';
import type { Db } from '../../db/engine.ts';
import { writeAudit } from '../audit/repository.ts';
import type { Actor, Ctx } from '../context.ts';
import { cleanEvidence, missingEvidence } from '../files/evidence.ts';
import { getUnitRow, unitValidBetween } from '../units/repository.ts';
import { insertEvent } from '../workflow/repository.ts';
import { applyTransition, workflowHistory, type TransitionInput, type WorkflowSubject } from '../workflow/service.ts';
import { agencyFigures } from './monitoring-repository.ts';
import * as repo from './repository.ts';
import { currentSet, setAt } from './sets.ts';

export const ASSESSMENT_ENTITY = 'media_assessment';

/** The monitoring figures of an agency's coded stories of a year, with the exercises they came from. */
export async function monitoringOf(db: Db, unitId: number, year: number) {
  const counts = await agencyFigures(db, unitId, year);
  return {
    figures: figuresFromCounts(counts),
    exercises: counts.stories.exercises ?? 0,
    stories: counts.stories.stories ?? 0,
    days: counts.stories.days ?? 0,
  };
}

/** An assessment with its scores, level and monitoring figures, and the set version it was made on. */
async function hydrateWithSet(db: Db, row: repo.AssessmentRow) {
  const [set, files, monitoring] = await Promise.all([
    setAt(db, row.set_id, row.set_version),
    repo.assessmentFiles(db, [row.id]),
    monitoringOf(db, row.unit_id, row.year),
  ]);
  const answers = row.answers as Answers;
  const level = adoptionLevel(set, answers, monitoring.exercises);
  const assessment = {
    id: row.id,
    unitId: row.unit_id,
    unitCode: row.unit_code,
    unitName: row.unit_name,
    year: row.year,
    setId: row.set_id,
    setVersion: row.set_version,
    answers,
    note: row.note,
    status: row.status as RecordStatus,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    evidence: files.map((f) => ({
      indicator: f.indicator,
      sha256: f.sha256,
      name: f.name,
      size: Number(f.size),
      mime: f.mime,
    })),
    scores: scoreAssessment(set, answers),
    level: { code: level.level, ...LEVEL_LABELS[level.level], criteria: level.criteria },
    monitoring,
  };
  return { assessment, set };
}
const hydrate = async (db: Db, row: repo.AssessmentRow) => (await hydrateWithSet(db, row)).assessment;
export type Assessment = Awaited<ReturnType<typeof hydrate>>;

async function loadWithSet(db: Db, id: number) {
  const row = await repo.getAssessment(db, id);
  if (!row) throw new AppError('NOT_FOUND', 'Không tìm thấy bản tự đánh giá');
  return hydrateWithSet(db, row);
}
const load = async (db: Db, id: number): Promise<Assessment> => (await loadWithSet(db, id)).assessment;

export const ASSESSMENT_SUBJECT: WorkflowSubject<Assessment> = {
  entity: ASSESSMENT_ENTITY,
  auditEntity: () => ASSESSMENT_ENTITY,
  load,
  mayWrite: (actor, a) => canWriteUnitRecords(actor, a.unitId),
  setStatus: repo.setAssessmentStatus,
  describe: (a) => ({
    title: `Bản tự đánh giá Bộ chỉ số về giới năm ${a.year} của ${a.unitName}`,
    link: `/#/media/assessments/${a.id}`,
  }),
};

export async function getAssessment(ctx: Ctx, id: number) {
  const { assessment, set } = await loadWithSet(ctx.db, id);
  return { ...assessment, set, history: await workflowHistory(ctx.db, ASSESSMENT_SUBJECT, id) };
}

export async function assessmentHistory(ctx: Ctx, id: number) {
  return workflowHistory(ctx.db, ASSESSMENT_SUBJECT, id);
}

export async function listAssessments(ctx: Ctx, f: { year?: number | undefined; status?: RecordStatus | undefined }) {
  const rows = await repo.listAssessments(ctx.db, f);
  return Promise.all(rows.map((r) => hydrate(ctx.db, r)));
}

function requireWrite(actor: Actor, unitId: number) {
  if (!canWriteUnitRecords(actor, unitId))
    throw new AppError('FORBIDDEN', 'Bạn chỉ được tự đánh giá cho cơ quan của mình');
}

/** Starts (or finds) an agency's assessment of a year, on the set's latest version, filled from monitoring. */
export async function openAssessment(ctx: Ctx, actor: Actor, unitId: number, year: number) {
  requireWrite(actor, unitId);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw invalid({ year: 'Năm: phải từ 2000 đến 2100' });
  const id = await ctx.db.transaction().execute(async (trx) => {
    const existing = await repo.findAssessment(trx, unitId, year);
    if (existing) return existing.id;
    const unit = await getUnitRow(trx, unitId);
    if (!unit || !(await unitValidBetween(trx, unitId, `${year}-01-01`, `${year}-12-31`)))
      throw invalid({ unitId: `Đơn vị: không hoạt động trong năm ${year}` });
    if (unit.kind !== 'media')
      throw invalid({ unitId: 'Đơn vị: chỉ cơ quan báo chí, truyền thông tự đánh giá theo Bộ chỉ số' });
    const { set, version } = await currentSet(trx);
    const { figures } = await monitoringOf(trx, unitId, year);
    const { answers } = readAnswers(set, {}, figures);
    const created = await repo.insertAssessment(
      trx,
      { unitId, year, set, setVersion: version, answers, note: null },
      actor.id,
    );
    await insertEvent(trx, actor, {
      entity: ASSESSMENT_ENTITY,
      entityId: created,
      action: 'create',
      from: null,
      to: 'draft',
      comment: null,
      snapshot: null,
    });
    await writeAudit(trx, actor, 'create', ASSESSMENT_ENTITY, created, null, { unitId, year, answers });
    return created;
  });
  return getAssessment(ctx, id);
}

export interface AssessmentInput {
  version: number;
  answers: unknown;
  note?: string | null | undefined;
  evidence?: unknown;
}

/** Saves answers, note and evidence of a draft or returned assessment at `version`. */
export async function saveAssessment(ctx: Ctx, actor: Actor, id: number, input: AssessmentInput) {
  await ctx.db.transaction().execute(async (trx) => {
    const { assessment: before, set } = await loadWithSet(trx, id);
    requireWrite(actor, before.unitId);
    if (!isEditable(before.status))
      throw new AppError('INVALID_TRANSITION', 'Bản tự đánh giá đã gửi hoặc đã duyệt; không sửa được');
    const { answers, problems } = readAnswers(set, input.answers, before.monitoring.figures);
    const evidence = (Array.isArray(input.evidence) ? input.evidence : []).map((e: unknown) => {
      const indicator = String((e as { indicator?: unknown })?.indicator ?? '');
      if (!set.indicators.some((i) => i.code === indicator))
        problems.evidence = `Minh chứng: chỉ số "${indicator}" không có trong bộ chỉ số`;
      return { indicator, ...cleanEvidence([e])[0]! };
    });
    const missing = await missingEvidence(trx, evidence);
    if (missing) problems.evidence = missing;
    if (Object.keys(problems).length) throw invalid(problems);
    const note = typeof input.note === 'string' ? input.note.normalize('NFC').trim().slice(0, 5000) || null : null;
    if (!(await repo.updateAssessment(trx, id, input.version, { set, answers, note }, actor.id)))
      throw new AppError('CONFLICT');
    await repo.replaceAssessmentFiles(trx, id, evidence);
    await writeAudit(trx, actor, 'update', ASSESSMENT_ENTITY, id, before, { ...before, answers, note, evidence });
  });
  return getAssessment(ctx, id);
}

/** Submit, approve, return, reopen; a submission needs the evidence its set asks for. */
export async function transitionAssessment(ctx: Ctx, actor: Actor, id: number, t: TransitionInput) {
  await ctx.db.transaction().execute(async (trx) => {
    if (t.action === 'submit') {
      const { assessment: a, set } = await loadWithSet(trx, id);
      const lacking = missingIndicatorEvidence(set, a.answers, new Set(a.evidence.map((e) => e.indicator)));
      if (lacking.length)
        throw invalid({ evidence: `Minh chứng: chỉ số ${lacking.join(', ')} cần tệp minh chứng trước khi gửi duyệt` });
    }
    await applyTransition(trx, actor, ASSESSMENT_SUBJECT, id, t);
  });
  return getAssessment(ctx, id);
}

export async function deleteAssessment(ctx: Ctx, actor: Actor, id: number, version: number) {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await load(trx, id);
    requireWrite(actor, before.unitId);
    if (before.status !== 'draft') throw new AppError('INVALID_TRANSITION', 'Chỉ xoá được bản nháp');
    if (!(await repo.deleteAssessment(trx, id, version))) throw new AppError('CONFLICT');
    await writeAudit(trx, actor, 'delete', ASSESSMENT_ENTITY, id, before, null);
  });
}
