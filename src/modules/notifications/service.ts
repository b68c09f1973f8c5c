import { AppError } from '../../core/errors.ts';
import { canManageUsers } from '../../core/permissions.ts';
import type { Db } from '../../db/engine.ts';
import type { Actor, Ctx } from '../context.ts';
import * as repo from './repository.ts';

export interface UnitNotice {
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  /** the same key twice writes nothing twice */
  key: string;
}

/**
 * Tells a unit's reporters something, in the caller's transaction: an in-app notification each, and an
 * e-mail in the outbox for those with an address (sent when SMTP is configured; until then admins read
 * the outbox).
 */
export async function notifyUnit(db: Db, unitId: number, n: UnitNotice): Promise<void> {
  const users = await repo.unitReporters(db, unitId);
  await repo.insertNotifications(
    db,
    users.map((u) => ({
      userId: u.id,
      kind: n.kind,
      title: n.title,
      body: n.body,
      link: n.link,
      dedupeKey: `${n.key}:${u.id}`,
    })),
  );
  await repo.insertMails(
    db,
    users
      .filter((u) => u.email)
      .map((u) => ({
        to: u.email!,
        subject: `[BĐG Monitor] ${n.title}`,
        body: [n.title, n.body ?? '', n.link ? `Xem: ${n.link}` : ''].filter(Boolean).join('\n\n'),
        dedupeKey: `${n.key}:${u.id}`,
      })),
  );
}

export async function myNotifications(ctx: Ctx, actor: Actor) {
  if (actor.id === null) return { unread: 0, items: [] };
  const r = await repo.listNotifications(ctx.db, actor.id, 50);
  return {
    unread: r.unread,
    items: r.items.map((i) => ({
      ...i,
      id: Number(i.id),
      created_at: new Date(i.created_at).toISOString(),
      read_at: i.read_at ? i.read_at.toISOString() : null,
    })),
  };
}

export async function readNotifications(ctx: Ctx, actor: Actor, id: number | null): Promise<{ read: number }> {
  return { read: actor.id === null ? 0 : await repo.markRead(ctx.db, actor.id, id) };
}

export async function outbox(ctx: Ctx, actor: Actor, limit: number, offset: number) {
  if (!canManageUsers(actor)) throw new AppError('FORBIDDEN', 'Chỉ quản trị viên xem được hộp thư đi');
  const r = await repo.listOutbox(ctx.db, limit, offset);
  return {
    total: r.total,
    items: r.items.map((i) => ({
      ...i,
      id: Number(i.id),
      created_at: new Date(i.created_at).toISOString(),
      sent_at: i.sent_at ? i.sent_at.toISOString() : null,
    })),
  };
}
