import { sql } from 'kysely';
import type { Db } from '../../db/engine.ts';

export async function listInstruments(db: Db) {
  return db
    .selectFrom('survey_instrument as i')
    .select(['i.id', 'i.form_id', 'i.version', 'i.title', 'i.created_at'])
    .select((eb) =>
      eb
        .selectFrom('survey_wave as w')
        .whereRef('w.instrument_id', '=', 'i.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('waves'),
    )
    .orderBy('i.form_id')
    .orderBy('i.id')
    .execute();
}

export async function getInstrument(db: Db, id: number) {
  return db.selectFrom('survey_instrument').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findInstrument(db: Db, formId: string, version: string) {
  return db
    .selectFrom('survey_instrument')
    .select('id')
    .where('form_id', '=', formId)
    .where('version', '=', version)
    .executeTakeFirst();
}

export async function insertInstrument(
  db: Db,
  i: { formId: string; version: string; title: string; definition: unknown; scoring: unknown },
  by: number | null,
): Promise<number> {
  const row = await db
    .insertInto('survey_instrument')
    .values({
      form_id: i.formId,
      version: i.version,
      title: i.title,
      definition: JSON.stringify(i.definition),
      scoring: JSON.stringify(i.scoring),
      created_by: by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listWaves(db: Db) {
  return db
    .selectFrom('survey_wave as w')
    .innerJoin('survey_instrument as i', 'i.id', 'w.instrument_id')
    .select(['w.id', 'w.name', 'w.year', 'w.start_date', 'w.end_date', 'w.design', 'w.instrument_id', 'w.version'])
    .select(['w.public_token', 'w.target_groups', 'w.area_unit_ids'])
    .select(['i.form_id', 'i.version as instrument_version', 'i.title as instrument_title'])
    .select((eb) =>
      eb
        .selectFrom('survey_response as r')
        .whereRef('r.wave_id', '=', 'w.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('responses'),
    )
    .select((eb) =>
      eb
        .selectFrom('survey_invitation as v')
        .whereRef('v.wave_id', '=', 'w.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('invited'),
    )
    .select((eb) =>
      eb
        .selectFrom('survey_invitation as v')
        .whereRef('v.wave_id', '=', 'w.id')
        .where('v.response_id', 'is not', null)
        .select(eb.fn.countAll<number>().as('n'))
        .as('invitations_answered'),
    )
    .orderBy('w.year')
    .orderBy('w.id')
    .execute();
}

export async function getWave(db: Db, id: number) {
  return db.selectFrom('survey_wave').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The waves of a year whose instrument is `formId`, latest first. */
export async function wavesOfYear(db: Db, year: number, formId?: string) {
  let q = db
    .selectFrom('survey_wave as w')
    .innerJoin('survey_instrument as i', 'i.id', 'w.instrument_id')
    .select(['w.id', 'w.year', 'i.form_id'])
    .where('w.year', '=', year);
  if (formId) q = q.where('i.form_id', '=', formId);
  return q.orderBy('w.end_date', 'desc').orderBy('w.id', 'desc').execute();
}

export async function insertWave(
  db: Db,
  w: {
    name: string;
    year: number;
    instrumentId: number;
    startDate: string;
    endDate: string;
    design: unknown;
    targetGroups: string[];
    areaUnitIds: number[];
    note: string | null;
  },
  by: number | null,
): Promise<number> {
  const row = await db
    .insertInto('survey_wave')
    .values({
      name: w.name,
      year: w.year,
      instrument_id: w.instrumentId,
      start_date: w.startDate,
      end_date: w.endDate,
      design: JSON.stringify(w.design),
      target_groups: sql<string[]>`${w.targetGroups}::text[]`,
      area_unit_ids: sql<number[]>`${w.areaUnitIds}::int[]`,
      note: w.note,
      created_by: by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Which of these instance ids the wave already has (asked 5,000 at a time). */
export async function existingInstances(db: Db, waveId: number, ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await db
      .selectFrom('survey_response')
      .select('instance_id')
      .where('wave_id', '=', waveId)
      .where('instance_id', 'in', ids.slice(i, i + 5000))
      .execute();
    for (const r of rows) found.add(r.instance_id!);
  }
  return found;
}

export interface NewResponse {
  source: 'web' | 'import';
  instanceId: string | null;
  answers: Record<string, string>;
  scores: Record<string, number | null>;
  stratum: string;
  cluster: string;
  weight: number;
}

const responseRow = (waveId: number, r: NewResponse, by: number | null) => ({
  wave_id: waveId,
  source: r.source,
  instance_id: r.instanceId,
  answers: JSON.stringify(r.answers),
  scores: JSON.stringify(r.scores),
  stratum: r.stratum,
  cluster: r.cluster,
  weight: r.weight,
  created_by: by,
});

export async function insertResponses(db: Db, waveId: number, rows: NewResponse[], by: number | null) {
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .insertInto('survey_response')
      .values(rows.slice(i, i + 1000).map((r) => responseRow(waveId, r, by)))
      .execute();
}

/**
 * One answer from the web form (an open link or an invitation), or null when the wave already has its
 * instance id: the browser's id of its answer sheet, so the same answer sent again (a slow connection timing
 * out after the server saved it) is not stored twice; an invitation's own id, so it is answered once.
 */
export async function insertWebResponse(db: Db, waveId: number, row: NewResponse): Promise<number | null> {
  const inserted = await db
    .insertInto('survey_response')
    .values(responseRow(waveId, row, null))
    .onConflict((oc) => oc.columns(['wave_id', 'instance_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id ?? null;
}

/**
 * What an estimate reads of a wave's responses, taken out of the JSON by the database: one score, the
 * answers to `variables` (the groups asked for, the margins' variables), and the design values.
 */
export async function responseFigures(db: Db, waveId: number, scale: string, variables: readonly string[]) {
  const rows = await db
    .selectFrom('survey_response')
    .select([
      sql<number | null>`(scores ->> ${scale})::float8`.as('y'),
      'weight',
      'stratum',
      'cluster',
      sql<(string | null)[]>`array[${sql.join(variables.map((v) => sql`answers ->> ${v}`))}]::text[]`.as('values'),
    ])
    .where('wave_id', '=', waveId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, values: variables.length ? r.values.map((v) => v ?? '') : [] }));
}

/**
 * A wave's sums per group (the answers to `variables`), stratum and cluster for one score: what the
 * estimators need when no respondent-level step (raking) is asked and the design has clusters. The planner
 * cannot know that a few thousand groups come out of a million rows, and would sort them all on disk
 * (2.6 s for a million responses, measured): hashing is asked for instead, without JIT compilation.
 */
export async function clusterSums(db: Db, waveId: number, scale: string, variables: readonly string[]) {
  // one column per variable, grouped on as such: a tenth faster than grouping on an array of them
  const groups = variables.map((v, i) => sql`answers ->> ${v} as ${sql.ref(`g${i}`)}`);
  const result = await db.transaction().execute(async (trx) => {
    await sql`set local jit = off`.execute(trx);
    await sql`set local enable_sort = off`.execute(trx);
    return sql<
      Record<string, string | null> & {
        stratum: string;
        cluster: string;
        total: number;
        n: number;
        sw: number | null;
        swy: number | null;
        swyy: number | null;
      }
    >`
      select ${sql.join([...groups, sql`stratum`, sql`cluster`])},
        count(*)::int as total, count(y)::int as n,
        sum(weight) filter (where y is not null) as sw, sum(weight * y) as swy, sum(weight * y * y) as swyy
      from (select *, (scores ->> ${scale})::float8 as y from survey_response where wave_id = ${waveId}) r
      group by ${sql.join(Array.from({ length: variables.length + 2 }, (_, i) => sql.raw(String(i + 1))))}`.execute(
      trx,
    );
  });
  return result.rows.map((r) => ({
    values: variables.map((_, i) => r[`g${i}`] ?? ''),
    stratum: r.stratum,
    cluster: r.cluster,
    total: r.total,
    n: r.n,
    sw: r.sw ?? 0,
    swy: r.swy ?? 0,
    swyy: r.swyy ?? 0,
  }));
}

/** What tells that a wave's responses changed: their number and the last id (ids only grow). */
export async function responsesStamp(db: Db, waveId: number): Promise<string> {
  const r = await sql<{ n: number; last: number | null }>`
    select count(*)::int as n, max(id) as last from survey_response where wave_id = ${waveId}`.execute(db);
  return `${r.rows[0]?.n ?? 0}:${r.rows[0]?.last ?? 0}`;
}

export async function setPublicToken(db: Db, waveId: number, token: string | null) {
  await db.updateTable('survey_wave').set({ public_token: token }).where('id', '=', waveId).execute();
}

export async function waveByToken(db: Db, token: string) {
  return db.selectFrom('survey_wave').selectAll().where('public_token', '=', token).executeTakeFirst();
}

// ---- invitations (one web answer each; only the SHA-256 of a link's token is stored)

export interface NewInvitation {
  tokenHash: string;
  label: string;
  stratum: string;
  cluster: string;
  weight: number;
}

export async function insertInvitations(db: Db, waveId: number, rows: NewInvitation[], by: number | null) {
  const out: { id: number }[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000).map((r) => ({
      wave_id: waveId,
      token_hash: r.tokenHash,
      label: r.label,
      stratum: r.stratum,
      cluster: r.cluster,
      weight: r.weight,
      created_by: by,
    }));
    out.push(...(await db.insertInto('survey_invitation').values(chunk).returning('id').execute()));
  }
  return out.map((r) => r.id);
}

export async function listInvitations(db: Db, waveId: number) {
  return db
    .selectFrom('survey_invitation')
    .select(['id', 'label', 'stratum', 'cluster', 'weight', 'created_at', 'answered_at'])
    .where('wave_id', '=', waveId)
    .orderBy('id')
    .execute();
}

/** The invitation of a token's hash, locked until the transaction ends (two answers at once wait in turn). */
export async function invitationByHash(db: Db, tokenHash: string, lock: boolean) {
  const q = db.selectFrom('survey_invitation').selectAll().where('token_hash', '=', tokenHash);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

export async function invitationById(db: Db, id: number) {
  return db.selectFrom('survey_invitation').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markInvitationAnswered(db: Db, id: number, responseId: number, sheet: string | null) {
  await db
    .updateTable('survey_invitation')
    .set({ response_id: responseId, answered_at: new Date(), answered_sheet: sheet })
    .where('id', '=', id)
    .execute();
}

export async function deleteInvitation(db: Db, id: number) {
  const r = await db
    .deleteFrom('survey_invitation')
    .where('id', '=', id)
    .where('response_id', 'is', null)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}
