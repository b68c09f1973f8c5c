import { sql } from 'kysely';
import type { ConventionInput } from '../../core/conventions.ts';
import type { Db } from '../../db/engine.ts';

const cols = (c: ConventionInput, communeId: number) => ({
  village_unit_id: c.villageUnitId,
  commune_unit_id: communeId,
  title: c.title,
  kind: c.kind,
  adopted_on: c.adoptedOn,
  households_agree_pct: c.householdsAgreePct,
  decision_number: c.decisionNumber,
  decision_date: c.decisionDate,
  status: c.status,
});

export async function insertConvention(
  db: Db,
  c: ConventionInput,
  communeId: number,
  userId: number | null,
): Promise<number> {
  const r = await db
    .insertInto('convention')
    .values({ ...cols(c, communeId), created_by: userId, updated_by: userId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateConvention(
  db: Db,
  id: number,
  version: number,
  c: ConventionInput,
  communeId: number,
  userId: number | null,
): Promise<boolean> {
  const r = await db
    .updateTable('convention')
    .set({
      ...cols(c, communeId),
      replaced_on: c.status === 'replaced' ? sql<string>`coalesce(replaced_on, current_date)` : null,
      version: version + 1,
      updated_at: new Date(),
      updated_by: userId,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function setConventionStatus(db: Db, id: number, status: string, userId: number | null): Promise<void> {
  await db
    .updateTable('convention')
    .set({ status, version: sql<number>`version + 1`, updated_at: new Date(), updated_by: userId })
    .where('id', '=', id)
    .execute();
}

export async function insertText(
  db: Db,
  t: {
    conventionId: number;
    text: string;
    effectiveDate: string | null;
    decisionNumber: string | null;
    note: string | null;
    userId: number | null;
  },
): Promise<{ id: number; versionNo: number }> {
  const next = await db
    .selectFrom('convention_text')
    .select(sql<number>`coalesce(max(version_no), 0) + 1`.as('n'))
    .where('convention_id', '=', t.conventionId)
    .executeTakeFirstOrThrow();
  const r = await db
    .insertInto('convention_text')
    .values({
      convention_id: t.conventionId,
      version_no: Number(next.n),
      text: t.text,
      effective_date: t.effectiveDate,
      decision_number: t.decisionNumber,
      note: t.note,
      created_by: t.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: r.id, versionNo: Number(next.n) };
}

export async function texts(db: Db, conventionId: number) {
  return db
    .selectFrom('convention_text')
    .selectAll()
    .where('convention_id', '=', conventionId)
    .orderBy('version_no')
    .execute();
}

export async function insertFindings(
  db: Db,
  rows: {
    conventionId: number;
    textId: number;
    rule: string | null;
    category: string;
    location: string;
    start: number | null;
    end: number | null;
    excerpt: string;
    message: string;
    law: string | null;
    suggestion: string | null;
    manual: boolean;
    status: string;
    note: string | null;
    reviewedBy: number | null;
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('convention_finding')
    .values(
      rows.map((f) => ({
        convention_id: f.conventionId,
        text_id: f.textId,
        rule: f.rule,
        category: f.category,
        location: f.location,
        span_start: f.start,
        span_end: f.end,
        excerpt: f.excerpt,
        message: f.message,
        law: f.law,
        suggestion: f.suggestion,
        manual: f.manual,
        status: f.status,
        note: f.note,
        reviewed_by: f.reviewedBy,
        reviewed_at: f.reviewedBy === null ? null : new Date(),
      })),
    )
    .execute();
}

export async function findings(db: Db, conventionId: number) {
  return db
    .selectFrom('convention_finding as f')
    .leftJoin('app_user as u', 'u.id', 'f.reviewed_by')
    .selectAll('f')
    .select('u.username as reviewer')
    .where('f.convention_id', '=', conventionId)
    .orderBy('f.id')
    .execute();
}

export async function getFinding(db: Db, id: number) {
  return db.selectFrom('convention_finding').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function reviewFinding(
  db: Db,
  id: number,
  status: 'confirmed' | 'dismissed',
  note: string,
  userId: number | null,
): Promise<boolean> {
  const r = await db
    .updateTable('convention_finding')
    .set({ status, note, reviewed_by: userId, reviewed_at: new Date() })
    .where('id', '=', id)
    .where('status', 'in', ['open', 'confirmed', 'dismissed'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Marks every confirmed finding of a convention resolved by a new text version. */
export async function resolveConfirmed(db: Db, conventionId: number, textId: number): Promise<number> {
  const r = await db
    .updateTable('convention_finding')
    .set({ status: 'resolved', resolved_by_text_id: textId })
    .where('convention_id', '=', conventionId)
    .where('status', '=', 'confirmed')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Open findings of older versions no longer apply once the text is amended. */
export async function closeOpenOfOlderTexts(db: Db, conventionId: number, textId: number): Promise<void> {
  await db
    .deleteFrom('convention_finding')
    .where('convention_id', '=', conventionId)
    .where('status', '=', 'open')
    .where('text_id', '!=', textId)
    .execute();
}

/** The name a convention's village or commune has now (its latest version). */
const latestName = (unit: 'c.village_unit_id' | 'c.commune_unit_id') =>
  sql<string>`(select name from unit_version v where v.unit_id = ${sql.ref(unit)} order by v.valid_from desc limit 1)`;

const listSelect = (db: Db) =>
  db.selectFrom('convention as c').select([
    'c.id',
    'c.village_unit_id',
    'c.commune_unit_id',
    'c.title',
    'c.kind',
    'c.adopted_on',
    'c.households_agree_pct',
    'c.decision_number',
    'c.decision_date',
    'c.status',
    'c.replaced_on',
    'c.version',
    'c.updated_at',
    latestName('c.village_unit_id').as('village_name'),
    latestName('c.commune_unit_id').as('commune_name'),
    sql<number>`(select count(*) from convention_finding f where f.convention_id = c.id and f.status =
        'open')::int`.as('open_findings'),
    sql<number>`(select count(*) from convention_finding f where f.convention_id = c.id and f.status =
        'confirmed')::int`.as('confirmed_findings'),
  ]);
export type ConventionRow = Awaited<ReturnType<ReturnType<typeof listSelect>['executeTakeFirstOrThrow']>>;

export async function getConvention(db: Db, id: number): Promise<ConventionRow | undefined> {
  return listSelect(db).where('c.id', '=', id).executeTakeFirst();
}

export async function listConventions(
  db: Db,
  q: { communeId?: number | undefined; status?: string | undefined; limit: number; offset: number },
) {
  let base = listSelect(db);
  if (q.communeId !== undefined) base = base.where('c.commune_unit_id', '=', q.communeId);
  if (q.status !== undefined) base = base.where('c.status', '=', q.status);
  return base.orderBy('c.updated_at', 'desc').limit(q.limit).offset(q.offset).execute();
}

/**
 * Every finding of the register — those a reviewer decided on or marked as missed, and those still open (counted, not
 * quoted, by the feedback batch) — with its convention's title, place and the text it was raised on.
 */
export async function reviewedFindings(db: Db, reviewedSince: Date | null) {
  let q = db
    .selectFrom('convention_finding as f')
    .innerJoin('convention as c', 'c.id', 'f.convention_id')
    .innerJoin('convention_text as t', 't.id', 'f.text_id')
    .select([
      'f.convention_id as conventionId',
      'c.title',
      'f.status',
      'f.category',
      'f.rule',
      'f.excerpt',
      't.text',
      'f.span_start as start',
      'f.span_end as end',
      latestName('c.village_unit_id').as('villageName'),
      latestName('c.commune_unit_id').as('communeName'),
    ]);
  // decisions from that moment on, and the findings still open (counted, whenever they were raised)
  if (reviewedSince)
    q = q.where((eb) => eb.or([eb('f.status', '=', 'open'), eb('f.reviewed_at', '>=', reviewedSince)]));
  return q.orderBy('f.convention_id').orderBy('f.id').execute();
}

/** Per rule: findings confirmed and dismissed (the rules that raise false alarms most come first). */
export async function reviewsByRule(db: Db) {
  return sql<{ rule: string; confirmed: number; dismissed: number; open: number }>`
    select rule, count(*) filter (where status in ('confirmed', 'resolved'))::int as confirmed, count(*) filter
      (where status = 'dismissed')::int as dismissed,
           count(*) filter (where status = 'open')::int as open
      from convention_finding where rule is not null group by rule order by 3 desc, 1`
    .execute(db)
    .then((r) => r.rows);
}

/** The commune a village belongs to on a date (its parent then), with both kinds. */
export async function villageCommune(db: Db, villageId: number, asOf: string) {
  return db
    .selectFrom('unit as u')
    .innerJoin('unit_version as v', 'v.unit_id', 'u.id')
    .leftJoin('unit as p', 'p.id', 'v.parent_id')
    .select(['u.kind', 'v.parent_id', 'p.kind as parent_kind'])
    .where('u.id', '=', villageId)
    .where('v.valid_from', '<=', asOf)
    .where((eb) => eb.or([eb('v.valid_to', 'is', null), eb('v.valid_to', '>=', asOf)]))
    .executeTakeFirst();
}

/**
 * The next free village code of a commune ("<commune>-T07"): one more than the highest number in use, so
 * a gap left by an older village does not make every later one collide. The commune's row is locked
 * first, so two villages created at once get two codes (on PostgreSQL; PGlite has one connection).
 */
export async function nextVillageCode(db: Db, communeId: number, communeCode: string): Promise<string> {
  await db.selectFrom('unit').select('id').where('id', '=', communeId).forUpdate().execute();
  const prefix = `${communeCode}-T`;
  const rows = await db
    .selectFrom('unit')
    .select('code')
    .where(sql<boolean>`left(code, ${prefix.length}) = ${prefix}`)
    .execute();
  const highest = rows.reduce((max, r) => {
    const n = /^\d+$/u.test(r.code.slice(prefix.length)) ? Number(r.code.slice(prefix.length)) : 0;
    return Math.max(max, n);
  }, 0);
  return `${prefix}${String(highest + 1).padStart(2, '0')}`;
}
