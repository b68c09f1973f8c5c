import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from '../../db/engine.ts';

const inUnits = (column: string, unitIds: number[] | null): RawBuilder<SqlBool> =>
  unitIds === null
    ? sql<SqlBool>`true`
    : unitIds.length === 0
      ? sql<SqlBool>`false`
      : sql<SqlBool>`${sql.ref(column)} = any(${unitIds}::int[])`;

/** A unit's name on a date: the last version begun by then (a unit dissolved since keeps its last name). */
const nameAt = (idColumn: string, date: string) =>
  sql<string>`(select v.name from unit_version v where v.unit_id = ${sql.ref(idColumn)} and v.valid_from <=
    ${date}::date
                order by v.valid_from desc limit 1)`;

/**
 * Approved sessions and records dated in [from, to] by type: how many, people reached (women apart), and
 * how many units recorded them. Periodic reports are read apart (they are reports, not activities).
 */
export async function approvedByType(
  db: Db,
  unitIds: number[] | null,
  from: string,
  to: string,
): Promise<{ type: string; n: number; participants: number; female: number; units: number }[]> {
  const rows = await sql<{ type: string; n: number; participants: number; female: number; units: number }>`
    select 'communication_session' as type, count(*)::int as n,
           coalesce(sum(participants_total), 0)::bigint as participants,
           coalesce(sum(participants_female), 0)::bigint as female, count(distinct unit_id)::int as units
      from communication_session
     where status = 'approved' and date between ${from}::date and ${to}::date and ${inUnits('unit_id', unitIds)}
    union all
    select type, count(*)::int, coalesce(sum((data->>'participantsTotal')::int), 0)::bigint,
           coalesce(sum((data->>'participantsFemale')::int), 0)::bigint, count(distinct unit_id)::int
      from unit_record
     where status = 'approved' and type <> 'periodic_report' and date between ${from}::date and ${to}::date
       and ${inUnits('unit_id', unitIds)}
     group by type`.execute(db);
  return rows.rows.map((r) => ({
    type: r.type,
    n: Number(r.n),
    participants: Number(r.participants),
    female: Number(r.female),
    units: Number(r.units),
  }));
}

/** What units wrote under difficulties and proposals in their periodic reports of these periods (sent ones). */
export async function periodicNotes(
  db: Db,
  periods: string[],
  unitIds: number[] | null,
  asOf: string,
): Promise<{ unit: string; kind: string; period: string; difficulties: string; proposals: string }[]> {
  if (periods.length === 0) return [];
  const rows = await sql<{ unit: string; kind: string; period: string; difficulties: string; proposals: string }>`
    select ${nameAt('u.id', asOf)} as unit, u.kind, r.key as period,
           coalesce(r.data->>'difficulties', '') as difficulties, coalesce(r.data->>'proposals', '') as proposals
      from unit_record r join unit u on u.id = r.unit_id
     where r.type = 'periodic_report' and r.status in ('approved', 'submitted')
       and r.key = any(${periods}::text[]) and ${inUnits('r.unit_id', unitIds)}
     order by r.key, u.code`.execute(db);
  return rows.rows;
}

/** The Action Month of a year: approved plans, plans carried out (the indicator's view), activities planned. */
export async function actionMonth(
  db: Db,
  year: number,
  unitIds: number[] | null,
): Promise<{ plans: number; implemented: number; activitiesPlanned: number }> {
  const plans = await sql<{ plans: number; activities: number }>`
    select count(*)::int as plans, coalesce(sum((data->>'activitiesPlanned')::int), 0)::int as activities
      from unit_record
     where type = 'action_month_plan' and status = 'approved' and (data->>'year')::int = ${year}
       and ${inUnits('unit_id', unitIds)}`.execute(db);
  const done = await sql<{ n: number }>`
    select count(distinct unit_id)::int as n from src_action_month
     where status = 'approved' and extract(year from date)::int = ${year} and ${inUnits('unit_id', unitIds)}`.execute(
    db,
  );
  return {
    plans: Number(plans.rows[0]?.plans ?? 0),
    activitiesPlanned: Number(plans.rows[0]?.activities ?? 0),
    implemented: Number(done.rows[0]?.n ?? 0),
  };
}

/**
 * Approved communication models running at some time in [from, to], run by a unit of the area or placed
 * in it, with the conclusion of their latest evaluation up to `to` (null: not evaluated yet).
 */
export async function models(
  db: Db,
  from: string,
  to: string,
  unitIds: number[] | null,
): Promise<{ title: string; unit: string; area: string; effective: boolean | null }[]> {
  const rows = await sql<{ title: string; unit: string; area: string | null; effective: boolean | null }>`
    select m.title, ${nameAt('u.id', to)} as unit, ${nameAt('a.id', to)} as area,
           (select (e->>'effective')::boolean
              from jsonb_array_elements(coalesce(m.data->'evaluations', '[]'::jsonb)) e
             where (e->>'date')::date <= ${to}::date
             order by (e->>'date')::date desc limit 1) as effective
      from unit_record m
      join unit u on u.id = m.unit_id
      left join unit a on a.id = (m.data->>'areaUnitId')::int
     where m.type = 'communication_model' and m.status = 'approved' and m.date <= ${to}::date
       and coalesce((m.data->>'endDate')::date, ${to}::date) >= ${from}::date
       and (${inUnits('m.unit_id', unitIds)} or ${inUnits('a.id', unitIds)})
     order by u.code, m.title`.execute(db);
  return rows.rows.map((r) => ({ ...r, area: r.area ?? '' }));
}

export type ReportRow = Awaited<ReturnType<typeof getReport>>;

const COLUMNS = [
  'r.id',
  'r.kind',
  'r.year',
  'r.area_unit_id',
  'r.version',
  'r.previous_id',
  'r.status',
  'r.issuer',
  'r.narrative',
  'r.content',
  'r.change_note',
  'r.changes',
  'r.docx_sha256',
  'r.annex_sha256',
  'r.created_at',
  'r.updated_at',
  'r.finalised_at',
] as const;

export async function getReport(db: Db, id: number) {
  return db
    .selectFrom('official_report as r')
    .leftJoin('app_user as f', 'f.id', 'r.finalised_by')
    .select([...COLUMNS, 'f.display_name as finalised_by_name'])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

/** Every report, newest first, without its content (a list does not need the figures). */
export async function listReports(db: Db) {
  return db
    .selectFrom('official_report as r')
    .select([
      'r.id',
      'r.kind',
      'r.year',
      'r.area_unit_id',
      sql<string | null>`r.content->'area'->>'code'`.as('area_code'),
      sql<string | null>`r.content->'area'->>'name'`.as('area_name'),
      'r.version',
      'r.previous_id',
      'r.status',
      'r.docx_sha256',
      'r.created_at',
      'r.finalised_at',
      sql<string>`r.content->>'title'`.as('title'),
    ])
    .orderBy('r.year', 'desc')
    .orderBy('r.id', 'desc')
    .execute();
}

/** The latest version of a report of a kind, year and area, draft or final. */
export async function latestOf(db: Db, kind: string, year: number, areaId: number | null) {
  return db
    .selectFrom('official_report')
    .select(['id', 'status', 'version'])
    .where('kind', '=', kind)
    .where('year', '=', year)
    .where(sql<SqlBool>`coalesce(area_unit_id, 0) = ${areaId ?? 0}`)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertReport(
  db: Db,
  r: {
    kind: string;
    year: number;
    areaId: number | null;
    version: number;
    previousId: number | null;
    issuer: unknown;
    narrative: unknown;
    content: unknown;
    changeNote: string;
    userId: number | null;
  },
): Promise<number> {
  const row = await db
    .insertInto('official_report')
    .values({
      kind: r.kind,
      year: r.year,
      area_unit_id: r.areaId,
      version: r.version,
      previous_id: r.previousId,
      issuer: JSON.stringify(r.issuer),
      narrative: JSON.stringify(r.narrative),
      content: JSON.stringify(r.content),
      change_note: r.changeNote,
      created_by: r.userId,
      updated_by: r.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Changes a draft; a final report is never changed (0 rows: it was final, or is gone). */
export async function updateDraft(
  db: Db,
  id: number,
  patch: { issuer?: unknown; narrative?: unknown; content?: unknown; changeNote?: string },
  userId: number | null,
): Promise<number> {
  const r = await db
    .updateTable('official_report')
    .set({
      ...(patch.issuer !== undefined ? { issuer: JSON.stringify(patch.issuer) } : {}),
      ...(patch.narrative !== undefined ? { narrative: JSON.stringify(patch.narrative) } : {}),
      ...(patch.content !== undefined ? { content: JSON.stringify(patch.content) } : {}),
      ...(patch.changeNote !== undefined ? { change_note: patch.changeNote } : {}),
      updated_at: new Date(),
      updated_by: userId,
    })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Makes a draft final with its files and, for a correction, what changed; 0 rows when it was not a draft. */
export async function finalise(
  db: Db,
  id: number,
  f: { docx: string; annex: string; changes: unknown },
  userId: number | null,
): Promise<number> {
  const r = await db
    .updateTable('official_report')
    .set({
      status: 'final',
      docx_sha256: f.docx,
      annex_sha256: f.annex,
      changes: f.changes === null ? null : JSON.stringify(f.changes),
      finalised_at: new Date(),
      finalised_by: userId,
      updated_at: new Date(),
      updated_by: userId,
    })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function deleteDraft(db: Db, id: number): Promise<number> {
  const r = await db
    .deleteFrom('official_report')
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
