import { sql } from 'kysely';
import type { Db } from '../../db/engine.ts';
import type { Actor } from '../context.ts';

export type AuditAction =
  | 'create'
  | 'update'
  | 'delete'
  | 'import'
  | 'login'
  | 'login_past_lock'
  | 'logout'
  | 'login_failed'
  | 'unlock'
  | 'password'
  | 'backup'
  | 'finalise';

export interface AuditEntry {
  action: AuditAction;
  entity: string;
  entityId: string | number;
  before: unknown;
  after: unknown;
}

const asJson = (v: unknown): string | null => (v === null || v === undefined ? null : JSON.stringify(v));

/** Writes audit entries in the caller's transaction, so a change and its record stand or fall together. */
export async function writeAuditMany(db: Db, actor: Actor, entries: AuditEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 500) {
    await db
      .insertInto('audit_log')
      .values(
        entries.slice(i, i + 500).map((e) => ({
          user_id: actor.id,
          username: actor.username,
          action: e.action,
          entity: e.entity,
          entity_id: String(e.entityId),
          before: asJson(e.before),
          after: asJson(e.after),
          ip: actor.ip ?? null,
        })),
      )
      .execute();
  }
}

/** Writes one audit entry in the caller's transaction. */
export function writeAudit(
  db: Db,
  actor: Actor,
  action: AuditAction,
  entity: string,
  entityId: string | number,
  before: unknown,
  after: unknown,
): Promise<void> {
  return writeAuditMany(db, actor, [{ action, entity, entityId, before, after }]);
}

export interface AuditQuery {
  entity?: string | undefined;
  entityId?: string | undefined;
  username?: string | undefined;
  limit: number;
  offset: number;
}

export async function listAudit(db: Db, q: AuditQuery) {
  let query = db.selectFrom('audit_log');
  if (q.entity) query = query.where('entity', '=', q.entity);
  if (q.entityId) query = query.where('entity_id', '=', q.entityId);
  if (q.username) query = query.where('username', '=', q.username);
  const total = await query.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .select(['id', 'at', 'user_id', 'username', 'action', 'entity', 'entity_id', 'before', 'after', 'ip'])
    .orderBy('id', 'desc')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  return { total: total.n, items: rows.map((r) => ({ ...r, id: Number(r.id), at: new Date(r.at).toISOString() })) };
}
