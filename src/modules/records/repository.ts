import { deleteAt, setStatusAt } from '../../db/versioned.ts';
import { sql, type SqlBool } from 'kysely';
import type { SameDayRecord } from '../../core/duplicates.ts';
import type { RecordValue } from '../../core/records/types.ts';
import type { RecordStatus } from '../../core/workflow.ts';
import type { Db } from '../../db/engine.ts';
import { pagesOf } from '../../db/pages.ts';

export interface RecordInsert extends RecordValue {
  type: string;
  key: string | null;
}

export async function insertRecords(
  db: Db,
  rows: RecordInsert[],
  userId: number | null,
  status: RecordStatus,
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const res = await db
      .insertInto('unit_record')
      .values(
        rows.slice(i, i + 500).map((r) => ({
          type: r.type,
          unit_id: r.unitId,
          date: r.date,
          title: r.title,
          key: r.key,
          data: JSON.stringify(r.data),
          status,
          created_by: userId,
          updated_by: userId,
        })),
      )
      .returning('id')
      .execute();
    ids.push(...res.map((r) => r.id));
  }
  return ids;
}

export async function updateRecord(
  db: Db,
  id: number,
  version: number,
  r: RecordInsert,
  userId: number | null,
): Promise<boolean> {
  const res = await db
    .updateTable('unit_record')
    .set({
      unit_id: r.unitId,
      date: r.date,
      title: r.title,
      key: r.key,
      data: JSON.stringify(r.data),
      version: version + 1,
      updated_at: new Date(),
      updated_by: userId,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Sets one field of a record's data without a new version (links resolved after an import). */
export async function setDataField(db: Db, id: number, field: string, value: unknown): Promise<void> {
  await sql`update unit_record set data = jsonb_set(data, ${`{${field}}`}::text[],
    ${JSON.stringify(value)}::jsonb) where id = ${id}`.execute(db);
}

export const setRecordStatus = (db: Db, id: number, version: number, status: RecordStatus, userId: number | null) =>
  setStatusAt(db, 'unit_record', id, version, status, userId);

export const deleteRecord = (db: Db, id: number, version: number) => deleteAt(db, 'unit_record', id, version);

/** Another record of the same type, unit and key (null when there is none). */
export async function keyHolder(
  db: Db,
  type: string,
  unitId: number,
  key: string,
  exceptId: number | null,
): Promise<number | null> {
  const row = await db
    .selectFrom('unit_record')
    .select('id')
    .where('type', '=', type)
    .where('unit_id', '=', unitId)
    .where('key', '=', key)
    .where('id', '!=', exceptId ?? -1)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** The records of one type a unit already has on a day (what a likely repeat is looked for in). */
export async function sameDayRecords(db: Db, type: string, unitId: number, date: string): Promise<SameDayRecord[]> {
  return db
    .selectFrom('unit_record')
    .select(['id', 'title', 'status'])
    .where('type', '=', type)
    .where('unit_id', '=', unitId)
    .where('date', '=', date)
    .orderBy('id')
    .execute();
}

export async function setRecordFiles(db: Db, recordId: number, files: { sha256: string; name: string }[]) {
  await db.deleteFrom('unit_record_file').where('record_id', '=', recordId).execute();
  if (files.length > 0)
    await db
      .insertInto('unit_record_file')
      .values(files.map((f) => ({ record_id: recordId, sha256: f.sha256, name: f.name })))
      .execute();
}

export async function recordFiles(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('unit_record_file as f')
    .innerJoin('stored_file as sf', 'sf.sha256', 'f.sha256')
    .select(['f.record_id', 'f.sha256', 'f.name', 'sf.size', 'sf.mime'])
    .where('f.record_id', 'in', ids)
    .orderBy('f.name')
    .execute();
}

const baseSelect = (db: Db) =>
  db
    .selectFrom('unit_record as r')
    .innerJoin('unit as u', 'u.id', 'r.unit_id')
    .select([
      'r.id',
      'r.type',
      'r.unit_id',
      'u.code as unit_code',
      'r.date',
      'r.title',
      'r.key',
      'r.data',
      'r.status',
      'r.version',
      'r.created_at',
      'r.updated_at',
      sql<string>`(select name from unit_version v where v.unit_id = r.unit_id and v.valid_from <= r.date order
        by v.valid_from desc limit 1)`.as('unit_name'),
    ]);

export type RecordRow = Awaited<ReturnType<ReturnType<typeof baseSelect>['executeTakeFirstOrThrow']>>;

export async function getRecord(db: Db, id: number): Promise<RecordRow | undefined> {
  return baseSelect(db).where('r.id', '=', id).executeTakeFirst();
}

export interface RecordListQuery {
  type?: string | undefined;
  unitId?: number | undefined;
  status?: RecordStatus | undefined;
  from?: string | undefined;
  to?: string | undefined;
  key?: string | undefined;
  limit: number;
  offset: number;
  /** oldest first (exports, so that a model comes before its replications) */
  ascending?: boolean;
}

export type RecordFilter = Omit<RecordListQuery, 'limit' | 'offset' | 'ascending'>;

const filterOf = (q: RecordFilter) =>
  sql<SqlBool>`${sql.join(
    [
      sql`true`,
      ...(q.type !== undefined ? [sql`r.type = ${q.type}`] : []),
      ...(q.unitId !== undefined ? [sql`r.unit_id = ${q.unitId}`] : []),
      ...(q.status !== undefined ? [sql`r.status = ${q.status}`] : []),
      ...(q.from ? [sql`r.date >= ${q.from}::date`] : []),
      ...(q.to ? [sql`r.date <= ${q.to}::date`] : []),
      ...(q.key !== undefined ? [sql`r.key = ${q.key}`] : []),
    ],
    sql` and `,
  )}`;

export async function listRecords(db: Db, q: RecordListQuery) {
  const where = filterOf(q);
  const total = await db
    .selectFrom('unit_record as r')
    .select(sql<number>`count(*)`.as('n'))
    .where(where)
    .executeTakeFirstOrThrow();
  const dir = q.ascending ? 'asc' : 'desc';
  const items = await baseSelect(db)
    .where(where)
    .orderBy('r.date', dir)
    .orderBy('r.id', dir)
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  return { total: Number(total.n), items };
}

/**
 * The filtered records of an export, oldest first (a model before its replications; at most `limit`), a page at a
 * time: their ids in one query, then each page's rows (db/pages.ts). A record changed while the export runs is
 * written as its page found it; one deleted meanwhile is left out.
 */
export async function* recordExportPages(db: Db, q: RecordFilter, limit: number, pageSize: number) {
  const ids = (
    await db
      .selectFrom('unit_record as r')
      .select('r.id')
      .where(filterOf(q))
      .orderBy('r.date', 'asc')
      .orderBy('r.id', 'asc')
      .limit(limit)
      .execute()
  ).map((r) => r.id);
  yield* pagesOf(ids, pageSize, (page) =>
    baseSelect(db).where('r.id', 'in', page).orderBy('r.date', 'asc').orderBy('r.id', 'asc').execute(),
  );
}

/** Titles of records of a type → their ids (spreadsheet links such as "replicates model"). */
export async function idsByTitle(db: Db, type: string): Promise<{ id: number; title: string }[]> {
  return db.selectFrom('unit_record').select(['id', 'title']).where('type', '=', type).execute();
}

/** Titles of records by id (to write links into spreadsheets). */
export async function titlesByIds(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('unit_record').select(['id', 'title']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.title]));
}

/** Codes and names of units by id (as of today's latest version), for lists and spreadsheets. */
export async function unitLabels(db: Db, ids: number[]): Promise<Map<number, { code: string; name: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('unit as u')
    .select([
      'u.id',
      'u.code',
      sql<string>`(select name from unit_version v where v.unit_id = u.id order by v.valid_from desc limit 1)`.as(
        'name',
      ),
    ])
    .where('u.id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, { code: r.code, name: r.name }]));
}

/** A unit's sessions and records dated in [from, to], counted by type and status. */
export async function windowCounts(
  db: Db,
  unitId: number,
  from: string,
  to: string,
): Promise<{ type: string; status: string; n: number; participants: number }[]> {
  const rows = await sql<{ type: string; status: string; n: number; participants: number }>`
    select 'communication_session' as type, status, count(*)::int as n, coalesce(sum(participants_total), 0)::int
      as participants
      from communication_session where unit_id = ${unitId} and date between ${from}::date and ${to}::date group
        by status
    union all
    select type, status, count(*)::int, coalesce(sum((data->>'participantsTotal')::int), 0)::int
      from unit_record where unit_id = ${unitId} and type <> 'periodic_report' and date between ${from}::date and
        ${to}::date group by type, status`.execute(db);
  return rows.rows.map((r) => ({ ...r, n: Number(r.n), participants: Number(r.participants) }));
}
