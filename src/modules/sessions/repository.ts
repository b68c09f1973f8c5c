import { deleteAt, setStatusAt } from '../../db/versioned.ts';
import { sql, type SqlBool } from 'kysely';
import type { SameDayRecord } from '../../core/duplicates.ts';
import { inGroupOrder, type SessionInput } from '../../core/sessions.ts';
import type { RecordStatus } from '../../core/workflow.ts';
import type { Db } from '../../db/engine.ts';
import { pagesOf } from '../../db/pages.ts';

const columns = (s: SessionInput) => ({
  unit_id: s.unitId,
  date: s.date,
  title: s.title,
  form: s.form,
  topics: s.topics,
  target_groups: s.targetGroups,
  participants_total: s.participantsTotal,
  participants_female: s.participantsFemale,
  participants_male: s.participantsMale,
  place_unit_id: s.placeUnitId,
  notes: s.notes,
});

const INSERT_CHUNK = 1_000;

export async function insertSessions(
  db: Db,
  rows: SessionInput[],
  userId: number | null,
  status: RecordStatus = 'approved',
): Promise<number[]> {
  // the aggregates' triggers run once a statement and upsert each (unit, year, status) group it touches: fewer,
  // larger statements touch fewer groups, but a statement of thousands of rows is slower to parse (measured on
  // 5,000 rows of 500 units, 2 December: 1,000 rows a statement was fastest with and without the triggers).
  // The rows are written in the order of those groups (year, then unit), as each statement locks them: in a
  // file's order, an import holding B's groups waited for A's while another writer, holding A's, asked for B's
  // (a deadlock, test/api/aggregates.test.ts; docs/plans.md says what crossing remains). The ids answer `rows`
  // in the caller's order.
  const order = inGroupOrder(rows);
  const ids: number[] = new Array<number>(rows.length);
  for (let start = 0; start < order.length; start += INSERT_CHUNK) {
    const chunk = order.slice(start, start + INSERT_CHUNK);
    const res = await db
      .insertInto('communication_session')
      .values(chunk.map((i) => ({ ...columns(rows[i]!), status, created_by: userId, updated_by: userId })))
      .returning('id')
      .execute();
    res.forEach((r, k) => (ids[chunk[k]!] = r.id));
  }
  return ids;
}

export async function updateSession(
  db: Db,
  id: number,
  version: number,
  s: SessionInput,
  userId: number | null,
): Promise<boolean> {
  const res = await db
    .updateTable('communication_session')
    .set({ ...columns(s), version: version + 1, updated_at: new Date(), updated_by: userId })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Moves a session to a new status if it is still at `version` (see db/versioned.ts). */
export const setSessionStatus = (db: Db, id: number, version: number, status: RecordStatus, userId: number | null) =>
  setStatusAt(db, 'communication_session', id, version, status, userId);

export const deleteSession = (db: Db, id: number, version: number) =>
  deleteAt(db, 'communication_session', id, version);

/** The sessions a unit already has on a day (what a likely repeat is looked for in). */
export async function sameDaySessions(db: Db, unitId: number, date: string): Promise<SameDayRecord[]> {
  return db
    .selectFrom('communication_session')
    .select(['id', 'title', 'status', 'form'])
    .where('unit_id', '=', unitId)
    .where('date', '=', date)
    .orderBy('id')
    .execute();
}

export async function setSessionFiles(db: Db, sessionId: number, files: { sha256: string; name: string }[]) {
  await db.deleteFrom('communication_session_file').where('session_id', '=', sessionId).execute();
  if (files.length > 0) {
    await db
      .insertInto('communication_session_file')
      .values(files.map((f) => ({ session_id: sessionId, sha256: f.sha256, name: f.name })))
      .execute();
  }
}

/** What an export writes of a session: codes, not the names a list shows. */
const EXPORT_COLUMNS = [
  'u.code as unit_code',
  'pu.code as place_code',
  's.date',
  's.title',
  's.form',
  's.topics',
  's.target_groups',
  's.participants_total',
  's.participants_female',
  's.participants_male',
  's.notes',
] as const;

const exportSelect = (db: Db) =>
  db
    .selectFrom('communication_session as s')
    .innerJoin('unit as u', 'u.id', 's.unit_id')
    .leftJoin('unit as pu', 'pu.id', 's.place_unit_id')
    .select(EXPORT_COLUMNS);

const baseSelect = (db: Db) =>
  exportSelect(db).select([
    's.id',
    's.unit_id',
    's.place_unit_id',
    's.status',
    's.version',
    's.created_at',
    's.updated_at',
    sql<string>`(select name from unit_version v where v.unit_id = s.unit_id and v.valid_from <= s.date order
        by v.valid_from desc limit 1)`.as('unit_name'),
    sql<
      string | null
    >`(select name from unit_version v where v.unit_id = s.place_unit_id and v.valid_from <= s.date order by
        v.valid_from desc limit 1)`.as('place_name'),
  ]);

export type SessionRow = Awaited<ReturnType<ReturnType<typeof baseSelect>['executeTakeFirstOrThrow']>>;
export type SessionExportRow = Awaited<ReturnType<ReturnType<typeof exportSelect>['executeTakeFirstOrThrow']>>;

export async function getSession(db: Db, id: number): Promise<SessionRow | undefined> {
  return baseSelect(db).where('s.id', '=', id).executeTakeFirst();
}

export async function sessionFiles(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('communication_session_file as f')
    .innerJoin('stored_file as sf', 'sf.sha256', 'f.sha256')
    .select(['f.session_id', 'f.sha256', 'f.name', 'sf.size', 'sf.mime'])
    .where('f.session_id', 'in', ids)
    .orderBy('f.name')
    .execute();
}

export interface SessionListQuery {
  unitId?: number | undefined;
  status?: RecordStatus | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  offset: number;
}

export type SessionFilter = Omit<SessionListQuery, 'limit' | 'offset'>;

const filterOf = (q: SessionFilter) => (alias: string) => {
  const parts = [sql<SqlBool>`true`];
  if (q.unitId !== undefined) parts.push(sql<SqlBool>`${sql.ref(`${alias}.unit_id`)} = ${q.unitId}`);
  if (q.status !== undefined) parts.push(sql<SqlBool>`${sql.ref(`${alias}.status`)} = ${q.status}`);
  if (q.from) parts.push(sql<SqlBool>`${sql.ref(`${alias}.date`)} >= ${q.from}::date`);
  if (q.to) parts.push(sql<SqlBool>`${sql.ref(`${alias}.date`)} <= ${q.to}::date`);
  return sql<SqlBool>`${sql.join(parts, sql` and `)}`;
};

export async function listSessions(db: Db, q: SessionListQuery) {
  const where = filterOf(q);
  const total = await db
    .selectFrom('communication_session as s')
    .select(sql<number>`count(*)`.as('n'))
    .where(where('s'))
    .executeTakeFirstOrThrow();
  const items = await baseSelect(db)
    .where(where('s'))
    .orderBy('s.date', 'desc')
    .orderBy('s.id', 'desc')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  return { total: total.n, items };
}

/**
 * The filtered sessions of an export, newest first (at most `limit`), a page at a time: their ids in one query,
 * then each page's rows (db/pages.ts). Only what an export writes: codes, not names. A session changed while the
 * export runs is written as its page found it; one deleted meanwhile is left out.
 */
export async function* sessionExportPages(db: Db, q: SessionFilter, limit: number, pageSize: number) {
  const ids = (
    await db
      .selectFrom('communication_session as s')
      .select('s.id')
      .where(filterOf(q)('s'))
      .orderBy('s.date', 'desc')
      .orderBy('s.id', 'desc')
      .limit(limit)
      .execute()
  ).map((r) => r.id);
  yield* pagesOf(ids, pageSize, (page) =>
    exportSelect(db).where('s.id', 'in', page).orderBy('s.date', 'desc').orderBy('s.id', 'desc').execute(),
  );
}
