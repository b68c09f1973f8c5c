import { recordType } from '../../core/records/types.ts';
import type { Actor, Ctx } from '../context.ts';
import { listRecords, RECORD_ENTITY } from '../records/service.ts';
import { listSessions } from '../sessions/service.ts';
import { lastReturns } from './repository.ts';

const SESSION_ENTITY = 'communication_session';

export interface WorkItem {
  /** communication_session, or a record type */
  kind: string;
  kindLabel: string;
  id: number;
  date: string;
  title: string;
}

export interface ReturnedItem extends WorkItem {
  /** the office's reason, who gave it and when (the latest return) */
  reason: string | null;
  by: string | null;
  at: string | null;
}

/**
 * What waits on the signed-in user's own unit, every kind of record together: what the office returned and
 * why (newest first), and drafts not yet sent (their number and the latest ten). Nothing for a user without
 * a unit (the office has its inbox).
 */
export async function myWork(
  ctx: Ctx,
  actor: Actor,
): Promise<{ unitId: number | null; returned: ReturnedItem[]; drafts: { total: number; items: WorkItem[] } }> {
  const unitId = actor.unitId;
  if (unitId === null) return { unitId, returned: [], drafts: { total: 0, items: [] } };
  const page = { unitId, limit: 50, offset: 0 };
  const [returnedSessions, returnedRecords, draftSessions, draftRecords] = await Promise.all([
    listSessions(ctx, { ...page, status: 'returned' }),
    listRecords(ctx, { ...page, status: 'returned' }),
    listSessions(ctx, { ...page, status: 'draft', limit: 10 }),
    listRecords(ctx, { ...page, status: 'draft', limit: 10 }),
  ]);
  const sessionItem = (s: { id: number; date: string; title: string }): WorkItem => ({
    kind: SESSION_ENTITY,
    kindLabel: 'Hoạt động truyền thông',
    id: s.id,
    date: s.date,
    title: s.title,
  });
  const recordItem = (r: { id: number; type: string; date: string; title: string }): WorkItem => ({
    kind: r.type,
    kindLabel: recordType(r.type)?.vi ?? r.type,
    id: r.id,
    date: r.date,
    title: r.title,
  });
  const [sessionReasons, recordReasons] = await Promise.all([
    lastReturns(
      ctx.db,
      SESSION_ENTITY,
      returnedSessions.items.map((s) => s.id),
    ),
    lastReturns(
      ctx.db,
      RECORD_ENTITY,
      returnedRecords.items.map((r) => r.id),
    ),
  ]);
  const withReason = (item: WorkItem, reasons: Awaited<ReturnType<typeof lastReturns>>): ReturnedItem => {
    const r = reasons.get(item.id);
    return {
      ...item,
      reason: r?.comment ?? null,
      by: r?.username ?? null,
      at: r ? new Date(r.at).toISOString() : null,
    };
  };
  const returned = [
    ...returnedSessions.items.map((s) => withReason(sessionItem(s), sessionReasons)),
    ...returnedRecords.items.map((r) => withReason(recordItem(r), recordReasons)),
  ].sort((a, b) => ((a.at ?? '') < (b.at ?? '') ? 1 : (a.at ?? '') > (b.at ?? '') ? -1 : 0));
  const drafts = [...draftSessions.items.map(sessionItem), ...draftRecords.items.map(recordItem)]
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))
    .slice(0, 10);
  return {
    unitId,
    returned,
    drafts: { total: Number(draftSessions.total) + Number(draftRecords.total), items: drafts },
  };
}
