import { sql } from 'kysely';
import { endOfDayVietnam } from '../../core/dates.ts';
import type { RecordStatus } from '../../core/workflow.ts';
import type { Db } from '../../db/engine.ts';

export async function exemptions(db: Db, period: string): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom('report_exemption')
    .select(['unit_id', 'reason'])
    .where('period', '=', period)
    .execute();
  return new Map(rows.map((r) => [r.unit_id, r.reason]));
}

export async function getExemption(db: Db, unitId: number, period: string) {
  return db
    .selectFrom('report_exemption')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('period', '=', period)
    .executeTakeFirst();
}

export async function upsertExemption(
  db: Db,
  unitId: number,
  period: string,
  reason: string,
  userId: number | null,
): Promise<void> {
  await db
    .insertInto('report_exemption')
    .values({ unit_id: unitId, period, reason, created_by: userId })
    .onConflict((oc) =>
      oc.columns(['unit_id', 'period']).doUpdateSet({ reason, created_by: userId, created_at: new Date() }),
    )
    .execute();
}

export async function deleteExemption(db: Db, unitId: number, period: string): Promise<number> {
  const r = await db
    .deleteFrom('report_exemption')
    .where('unit_id', '=', unitId)
    .where('period', '=', period)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** The periodic reports of a period by unit: status and when each was first sent (submitted or imported). */
export async function reportStates(
  db: Db,
  period: string,
): Promise<Map<number, { id: number; status: RecordStatus; firstSentAt: string | null }>> {
  const rows = await sql<{ id: number; unit_id: number; status: RecordStatus; first_sent: Date | null }>`
    select r.id, r.unit_id, r.status,
           (select min(e.at) from record_event e
             where e.entity = 'unit_record' and e.entity_id = r.id::text and (e.action = 'submit' or (e.action =
               'import' and e.to_status <> 'draft'))) as first_sent
      from unit_record r
     where r.type = 'periodic_report' and r.key = ${period}`.execute(db);
  return new Map(
    rows.rows.map((r) => [
      r.unit_id,
      { id: r.id, status: r.status, firstSentAt: r.first_sent ? new Date(r.first_sent).toISOString() : null },
    ]),
  );
}

/** Per unit, the sessions and records dated in [from, to]: how many approved, how many awaiting approval. */
export async function recordCountsByUnit(
  db: Db,
  from: string,
  to: string,
): Promise<Map<number, { approved: number; pending: number }>> {
  const rows = await sql<{ unit_id: number; approved: number; pending: number }>`
    select unit_id, sum(approved)::int as approved, sum(pending)::int as pending from (
      select unit_id, count(*) filter (where status = 'approved') as approved, count(*) filter (where status =
        'submitted') as pending
        from communication_session where date between ${from}::date and ${to}::date group by unit_id
      union all
      select unit_id, count(*) filter (where status = 'approved'), count(*) filter (where status = 'submitted')
        from unit_record where type <> 'periodic_report' and date between ${from}::date and ${to}::date group by unit_id
    ) t group by unit_id`.execute(db);
  return new Map(rows.rows.map((r) => [r.unit_id, { approved: Number(r.approved), pending: Number(r.pending) }]));
}

/** The plan version in force on a date (the latest made by then; the first when none was). */
export async function planVersionAsOf(db: Db, planId: string, date: string) {
  const at = await db
    .selectFrom('plan_version')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('created_at', '<=', new Date(endOfDayVietnam(date)))
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return (
    at ??
    db
      .selectFrom('plan_version')
      .selectAll()
      .where('plan_id', '=', planId)
      .orderBy('version')
      .limit(1)
      .executeTakeFirst()
  );
}
