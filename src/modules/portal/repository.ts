import { sql } from 'kysely';
import type { Db } from '../../db/engine.ts';

export interface MaterialRow {
  id: number;
  date: string;
  title: string;
  unit: string;
  data: Record<string, unknown>;
  files: { sha256: string; name: string; size: number; mime: string }[];
}

/**
 * Approved media products their unit marked public, newest first, with the unit's name today and their
 * evidence files. A province has hundreds; filtering by words without diacritics happens in the service.
 */
export async function publicMaterials(db: Db): Promise<MaterialRow[]> {
  const rows = await sql<{ id: number; date: string; title: string; unit: string; data: Record<string, unknown> }>`
    select r.id, to_char(r.date, 'YYYY-MM-DD') as date, r.title, r.data,
           (select v.name from unit_version v where v.unit_id = r.unit_id order by v.valid_from desc limit 1) as unit
      from unit_record r
     where r.type = 'media_product' and r.status = 'approved' and (r.data->>'public')::boolean is true
     order by r.date desc, r.id desc`.execute(db);
  const ids = rows.rows.map((r) => r.id);
  const files =
    ids.length === 0
      ? []
      : await db
          .selectFrom('unit_record_file as l')
          .innerJoin('stored_file as f', 'f.sha256', 'l.sha256')
          .select(['l.record_id', 'l.sha256', 'l.name', 'f.size', 'f.mime'])
          .where('l.record_id', 'in', ids)
          .orderBy('l.name')
          .execute();
  const byRecord = new Map<number, MaterialRow['files']>();
  for (const f of files)
    byRecord
      .set(f.record_id, byRecord.get(f.record_id) ?? [])
      .get(f.record_id)!
      .push({ sha256: f.sha256, name: f.name, size: Number(f.size), mime: f.mime });
  return rows.rows.map((r) => ({ ...r, files: byRecord.get(r.id) ?? [] }));
}

/** A file of a public material: only when the record is approved, public and has that file. */
export async function materialFile(db: Db, recordId: number, sha256: string) {
  return db
    .selectFrom('unit_record_file as l')
    .innerJoin('unit_record as r', 'r.id', 'l.record_id')
    .innerJoin('stored_file as f', 'f.sha256', 'l.sha256')
    .select(['l.name', 'f.mime', 'f.size'])
    .where('l.record_id', '=', recordId)
    .where('l.sha256', '=', sha256)
    .where('r.type', '=', 'media_product')
    .where('r.status', '=', 'approved')
    .where(sql<boolean>`(r.data->>'public')::boolean is true`)
    .executeTakeFirst();
}

/** Survey waves with an open web form on this day. */
export async function openWaves(db: Db, today: string) {
  return db
    .selectFrom('survey_wave')
    .select(['name', 'end_date', 'public_token'])
    .where('public_token', 'is not', null)
    .where('start_date', '<=', today)
    .where('end_date', '>=', today)
    .orderBy('end_date')
    .execute();
}

export async function insertPublicReport(
  db: Db,
  r: {
    kind: 'false_information' | 'convention_clause';
    text: string;
    place: string;
    link: string;
    name: string;
    contact: string;
  },
): Promise<number> {
  const row = await db.insertInto('public_report').values(r).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function listPublicReports(db: Db, status: 'pending' | 'accepted' | 'rejected' | null) {
  let q = db.selectFrom('public_report').selectAll().orderBy('created_at', 'desc').limit(500);
  if (status) q = q.where('status', '=', status);
  return q.execute();
}

export async function getPublicReport(db: Db, id: number) {
  return db.selectFrom('public_report').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Decides a pending report; 0 rows when it was decided already (by someone else). */
export async function decide(
  db: Db,
  id: number,
  d: {
    status: 'pending' | 'accepted' | 'rejected';
    userId: number | null;
    note: string;
    recordId?: number | null;
    conventionId?: number | null;
  },
  from: 'pending' | 'accepted' = 'pending',
): Promise<number> {
  const r = await db
    .updateTable('public_report')
    .set({
      status: d.status,
      decided_at: d.status === 'pending' ? null : new Date(),
      decided_by: d.status === 'pending' ? null : d.userId,
      decision_note: d.note,
      ...(d.recordId !== undefined ? { record_id: d.recordId } : {}),
      ...(d.conventionId !== undefined ? { convention_id: d.conventionId } : {}),
    })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
