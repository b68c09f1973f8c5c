import { sql } from 'kysely';
import type { Db } from '../../db/engine.ts';

/** Active users who report for a unit: those a unit-level notification is for. */
export async function unitReporters(db: Db, unitId: number) {
  return db
    .selectFrom('app_user')
    .select(['id', 'email'])
    .where('unit_id', '=', unitId)
    .where('role', '=', 'reporter')
    .where('active', '=', true)
    .execute();
}

export async function insertNotifications(
  db: Db,
  rows: { userId: number; kind: string; title: string; body: string | null; link: string | null; dedupeKey: string }[],
) {
  if (rows.length === 0) return;
  await db
    .insertInto('notification')
    .values(
      rows.map((r) => ({
        user_id: r.userId,
        kind: r.kind,
        title: r.title,
        body: r.body,
        link: r.link,
        dedupe_key: r.dedupeKey,
      })),
    )
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}

export async function insertMails(db: Db, rows: { to: string; subject: string; body: string; dedupeKey: string }[]) {
  if (rows.length === 0) return;
  await db
    .insertInto('mail_outbox')
    .values(rows.map((r) => ({ to_address: r.to, subject: r.subject, body: r.body, dedupe_key: r.dedupeKey })))
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}

export async function listNotifications(db: Db, userId: number, limit: number) {
  const items = await db
    .selectFrom('notification')
    .select(['id', 'kind', 'title', 'body', 'link', 'created_at', 'read_at'])
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  const unread = await db
    .selectFrom('notification')
    .select(sql<number>`count(*)`.as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { unread: unread.n, items };
}

/** Marks the user's notifications read (one, or all when id is null); returns how many changed. */
export async function markRead(db: Db, userId: number, id: number | null): Promise<number> {
  let q = db
    .updateTable('notification')
    .set({ read_at: new Date() })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (id !== null) q = q.where('id', '=', id);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export async function listOutbox(db: Db, limit: number, offset: number) {
  const total = await db
    .selectFrom('mail_outbox')
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  const items = await db
    .selectFrom('mail_outbox')
    .select(['id', 'to_address', 'subject', 'body', 'created_at', 'sent_at', 'attempts', 'last_error'])
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return { total: total.n, items };
}
