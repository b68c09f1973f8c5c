import { AppError, invalid } from '../../core/errors.ts';
import { isOffice } from '../../core/permissions.ts';
import {
  diffRecords,
  transitionProblem,
  TRANSITIONS,
  type RecordStatus,
  type TransitionAction,
} from '../../core/workflow.ts';
import type { Db } from '../../db/engine.ts';
import { writeAudit } from '../audit/repository.ts';
import type { Actor } from '../context.ts';
import { notifyUnit } from '../notifications/service.ts';
import { insertEvent, listEvents } from './repository.ts';

/** What the workflow needs of a kind of record: how to read one, move its status, and name it in a notice. */
export interface WorkflowSubject<T extends { status: RecordStatus; unitId: number; version: number }> {
  /** the name in record_event (history) */
  entity: string;
  /** the name in the audit log */
  auditEntity: (record: T) => string;
  load: (db: Db, id: number) => Promise<T>;
  /** whether the actor may write this record (and so submit it) */
  mayWrite: (actor: Actor, record: T) => boolean;
  setStatus: (db: Db, id: number, version: number, to: RecordStatus, userId: number | null) => Promise<boolean>;
  /** how a returned record is named in the unit's notification, and where it is opened */
  describe: (record: T) => { title: string; link: string };
}

export interface TransitionInput {
  action: TransitionAction;
  version: number;
  comment?: string | undefined;
}

/**
 * One workflow step (submit, approve, return, reopen) on a record at `version`, in the caller's
 * transaction: checked against the workflow and the actor, kept in the record's history (with a snapshot
 * when approved), audited; the unit is told when its record is returned or reopened.
 */
export async function applyTransition<T extends { status: RecordStatus; unitId: number; version: number }>(
  trx: Db,
  actor: Actor,
  s: WorkflowSubject<T>,
  id: number,
  t: TransitionInput,
): Promise<T> {
  const before = await s.load(trx, id);
  const problem = transitionProblem(t.action, before.status, s.mayWrite(actor, before), actor, t.comment);
  if (problem) {
    if (problem.kind === 'permission') throw new AppError('FORBIDDEN', `Không được phép: ${problem.message}`);
    if (problem.kind === 'comment') throw invalid({ comment: problem.message });
    throw new AppError('INVALID_TRANSITION', `Thao tác không phù hợp: ${problem.message}`);
  }
  const to = TRANSITIONS[t.action].to;
  if (!(await s.setStatus(trx, id, t.version, to, actor.id))) throw new AppError('CONFLICT');
  const after = await s.load(trx, id);
  const comment = t.comment?.normalize('NFC').trim() || null;
  await insertEvent(trx, actor, {
    entity: s.entity,
    entityId: id,
    action: t.action,
    from: before.status,
    to,
    comment,
    snapshot: t.action === 'approve' ? after : null,
  });
  if (to === 'returned') {
    const { title, link } = s.describe(after);
    await notifyUnit(trx, after.unitId, {
      kind: 'record_returned',
      key: `${s.entity}:${id}:v${after.version}`,
      link,
      title: `${title} bị ${t.action === 'reopen' ? 'mở lại' : 'trả lại'}`,
      body: comment,
    });
  }
  await writeAudit(trx, actor, 'update', s.auditEntity(after), id, before, { ...after, workflow: t.action, comment });
  return after;
}

/** Approves several submitted records at once: all or none (a stale one makes the whole batch 409). */
export async function approveAll(
  trx: Db,
  actor: Actor,
  items: {
    subject: WorkflowSubject<{ status: RecordStatus; unitId: number; version: number }>;
    id: number;
    version: number;
  }[],
): Promise<number> {
  if (!isOffice(actor)) throw new AppError('FORBIDDEN', 'Chỉ cơ quan thường trực được duyệt');
  if (items.length === 0) throw invalid({ items: 'chưa chọn bản ghi nào' });
  for (const item of items)
    await applyTransition(trx, actor, item.subject, item.id, { action: 'approve', version: item.version });
  return items.length;
}

const VOLATILE = ['version', 'updatedAt', 'createdAt', 'status'];

/** A record's workflow history, and what changed since it was last approved. */
export async function workflowHistory<T extends { status: RecordStatus; unitId: number; version: number }>(
  db: Db,
  s: WorkflowSubject<T>,
  id: number,
) {
  const current = await s.load(db, id);
  const events = await listEvents(db, s.entity, id);
  const lastApproval = [...events].reverse().find((e) => e.action === 'approve' && e.snapshot);
  return {
    status: current.status,
    events: events.map((e) => ({
      action: e.action,
      from: e.from_status,
      to: e.to_status,
      comment: e.comment,
      at: new Date(e.at).toISOString(),
      by: e.username,
    })),
    changedSinceApproval: lastApproval
      ? diffRecords(
          lastApproval.snapshot as Record<string, unknown>,
          current as unknown as Record<string, unknown>,
          VOLATILE,
        )
      : null,
  };
}
