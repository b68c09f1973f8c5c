import type { Db } from '../../db/engine.ts';
import type { Actor } from '../context.ts';

export async function insertEvent(
  db: Db,
  actor: Actor,
  e: {
    entity: string;
    entityId: string | number;
    action: string;
    from: string | null;
    to: string;
    comment: string | null;
    snapshot: unknown;
  },
) {
  await db
    .insertInto('record_event')
    .values({
      entity: e.entity,
      entity_id: String(e.entityId),
      action: e.action,
      from_status: e.from,
      to_status: e.to,
      comment: e.comment,
      snapshot: e.snapshot === null || e.snapshot === undefined ? null : JSON.stringify(e.snapshot),
      user_id: actor.id,
      username: actor.username,
    })
    .execute();
}

/** Many history events at once; `at` gives an event its own time (demo data that happened in the past). */
export async function insertEvents(
  db: Db,
  actor: Actor,
  entity: string,
  items: { id: number; action: string; from: string | null; to: string; at?: Date }[],
) {
  for (let i = 0; i < items.length; i += 500) {
    await db
      .insertInto('record_event')
      .values(
        items.slice(i, i + 500).map((e) => ({
          entity,
          entity_id: String(e.id),
          action: e.action,
          from_status: e.from,
          to_status: e.to,
          comment: null,
          snapshot: null,
          user_id: actor.id,
          username: actor.username,
          ...(e.at ? { at: e.at } : {}),
        })),
      )
      .execute();
  }
}

export async function listEvents(db: Db, entity: string, entityId: string | number) {
  return db
    .selectFrom('record_event')
    .selectAll()
    .where('entity', '=', entity)
    .where('entity_id', '=', String(entityId))
    .orderBy('id')
    .execute();
}

/** The latest return of each of these records of `entity`: its reason, who gave it and when. */
export async function lastReturns(db: Db, entity: string, ids: number[]) {
  const latest = new Map<number, { comment: string | null; username: string | null; at: Date }>();
  if (ids.length === 0) return latest;
  const rows = await db
    .selectFrom('record_event')
    .select(['entity_id', 'comment', 'username', 'at'])
    .where('entity', '=', entity)
    .where('action', '=', 'return')
    .where('entity_id', 'in', ids.map(String))
    .orderBy('id', 'desc')
    .execute();
  for (const r of rows) if (!latest.has(Number(r.entity_id))) latest.set(Number(r.entity_id), r);
  return latest;
}
