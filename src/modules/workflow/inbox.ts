import { recordType } from '../../core/records/types.ts';
import type { RecordStatus } from '../../core/workflow.ts';
import type { Actor, Ctx } from '../context.ts';
import { ASSESSMENT_ENTITY, ASSESSMENT_SUBJECT } from '../media/assessments.ts';
import { listAssessments as listAssessmentRows } from '../media/repository.ts';
import { listRecords, recordSubjectOf } from '../records/service.ts';
import { listSessions, SESSION_SUBJECT } from '../sessions/service.ts';
import { approveAll, type WorkflowSubject } from './service.ts';

export interface InboxItem {
  kind: string;
  kindLabel: string;
  id: number;
  version: number;
  unitId: number;
  unitCode: string;
  unitName: string;
  date: string;
  title: string;
  status: RecordStatus;
  updatedAt: string;
}

/** What awaits the office, every kind of record together, oldest submission first. */
export async function inbox(ctx: Ctx, limit: number, offset: number): Promise<{ total: number; items: InboxItem[] }> {
  const [sessions, records, assessments] = await Promise.all([
    listSessions(ctx, { status: 'submitted', limit: limit + offset, offset: 0 }),
    listRecords(ctx, { status: 'submitted', limit: limit + offset, offset: 0 }),
    listAssessmentRows(ctx.db, { status: 'submitted' }),
  ]);
  const items: InboxItem[] = [
    ...sessions.items.map((s) => ({
      kind: 'communication_session',
      kindLabel: 'Hoạt động truyền thông',
      id: s.id,
      version: s.version,
      unitId: s.unitId,
      unitCode: s.unitCode,
      unitName: s.unitName,
      date: s.date,
      title: s.title,
      status: s.status,
      updatedAt: s.updatedAt,
    })),
    ...records.items.map((r) => ({
      kind: r.type,
      kindLabel: recordType(r.type)?.vi ?? r.type,
      id: r.id,
      version: r.version,
      unitId: r.unitId,
      unitCode: r.unitCode,
      unitName: r.unitName,
      date: r.date,
      title: r.title,
      status: r.status,
      updatedAt: r.updatedAt,
    })),
    ...assessments.map((a) => ({
      kind: ASSESSMENT_ENTITY,
      kindLabel: 'Tự đánh giá Bộ chỉ số về giới trong truyền thông',
      id: a.id,
      version: a.version,
      unitId: a.unit_id,
      unitCode: a.unit_code,
      unitName: a.unit_name,
      date: `${a.year}-12-31`,
      title: `Tự đánh giá năm ${a.year}`,
      status: a.status as RecordStatus,
      updatedAt: new Date(a.updated_at).toISOString(),
    })),
  ].sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : a.updatedAt > b.updatedAt ? 1 : a.id - b.id));
  return {
    total: Number(sessions.total) + Number(records.total) + assessments.length,
    items: items.slice(offset, offset + limit),
  };
}

type Subject = WorkflowSubject<{ status: RecordStatus; unitId: number; version: number }>;

/** Approves several records of any kind at once: all or none. */
export async function approveInbox(
  ctx: Ctx,
  actor: Actor,
  items: { kind: string; id: number; version: number }[],
): Promise<{ approved: number }> {
  const approved = await ctx.db.transaction().execute((trx) =>
    approveAll(
      trx,
      actor,
      items.map((i) => ({
        subject: (i.kind === 'communication_session'
          ? SESSION_SUBJECT
          : i.kind === ASSESSMENT_ENTITY
            ? ASSESSMENT_SUBJECT
            : recordSubjectOf(i.kind)) as unknown as Subject,
        id: i.id,
        version: i.version,
      })),
    ),
  );
  return { approved };
}
