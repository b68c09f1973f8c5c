import type { Db } from '../../db/engine.ts';

export async function upsertFile(db: Db, f: { sha256: string; size: number; mime: string; createdBy: number | null }) {
  await db
    .insertInto('stored_file')
    .values({ sha256: f.sha256, size: f.size, mime: f.mime, created_by: f.createdBy })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
}

export async function getFile(db: Db, sha256: string) {
  return db.selectFrom('stored_file').selectAll().where('sha256', '=', sha256).executeTakeFirst();
}

export async function existingFiles(db: Db, hashes: string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const rows = await db.selectFrom('stored_file').select('sha256').where('sha256', 'in', hashes).execute();
  return new Set(rows.map((r) => r.sha256));
}

/**
 * True when the actor may read the file: the actor uploaded it, or it is evidence of a record (every
 * signed-in user may read the records of the province today; narrower rules will filter here).
 */
export async function fileReadable(db: Db, sha256: string, userId: number | null): Promise<boolean> {
  const row = await db
    .selectFrom('stored_file as f')
    .select((eb) => [
      'f.created_by',
      eb
        .or([
          eb.exists(
            eb.selectFrom('communication_session_file as l').select('l.sha256').whereRef('l.sha256', '=', 'f.sha256'),
          ),
          eb.exists(eb.selectFrom('unit_record_file as l').select('l.sha256').whereRef('l.sha256', '=', 'f.sha256')),
          eb.exists(
            eb.selectFrom('media_assessment_file as l').select('l.sha256').whereRef('l.sha256', '=', 'f.sha256'),
          ),
        ])
        .as('linked'),
    ])
    .where('f.sha256', '=', sha256)
    .executeTakeFirst();
  return row !== undefined && (Boolean(row.linked) || (userId !== null && row.created_by === userId));
}
