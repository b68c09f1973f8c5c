import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../db/engine.ts';
import type { Span } from '../../core/spans.ts';
import type { VersionRow } from '../../core/structure.ts';
import { foldText, vietnameseSortKey } from '../../core/text.ts';
import type { ExistingUnit, UnitState } from '../../core/unit-import.ts';
import type { UnitKind } from '../../core/units.ts';

/** SQL: a version row `alias` is in force on date d. */
const coversDate = (alias: string, d: string): Expression<SqlBool> =>
  sql<SqlBool>`${sql.ref(`${alias}.valid_from`)} <= ${d}::date and (${sql.ref(`${alias}.valid_to`)} is null or
    ${sql.ref(`${alias}.valid_to`)} >= ${d}::date)`;

const escapeLike = (s: string): string => s.replace(/[\\%_]/gu, (c) => `\\${c}`);

/** Every unit with its whole history, keyed by code (for imports). */
export async function loadExistingUnits(db: Db): Promise<Map<string, ExistingUnit & { id: number }>> {
  const rows = await db
    .selectFrom('unit_version as v')
    .innerJoin('unit as u', 'u.id', 'v.unit_id')
    .leftJoin('unit as p', 'p.id', 'v.parent_id')
    .select(['u.id', 'u.code', 'u.kind', 'v.name', 'v.valid_from', 'v.valid_to', 'p.code as parent_code'])
    .orderBy('u.id')
    .orderBy('v.valid_from')
    .execute();
  const out = new Map<string, ExistingUnit & { id: number }>();
  for (const r of rows) {
    const unit = out.get(r.code) ?? { id: r.id, code: r.code, kind: r.kind as UnitKind, spans: [] };
    unit.spans.push({ from: r.valid_from, to: r.valid_to, value: { name: r.name, parentCode: r.parent_code } });
    out.set(r.code, unit);
  }
  return out;
}

/** Replaces the history of the given units (creating the new ones). Runs inside the caller's transaction. */
export async function writeUnitHistories(
  db: Db,
  changes: { code: string; kind: UnitKind; isNew: boolean; spans: Span<UnitState>[] }[],
  idsByCode: Map<string, number>,
): Promise<void> {
  const validity = (spans: Span<UnitState>[]) => ({
    valid_from: spans[0]!.from,
    valid_to: spans.some((s) => s.to === null) ? null : spans.reduce((m, s) => (s.to! > m ? s.to! : m), spans[0]!.to!),
  });
  const created = changes.filter((c) => c.isNew);
  for (let i = 0; i < created.length; i += 1000) {
    const chunk = created.slice(i, i + 1000);
    const rows = await db
      .insertInto('unit')
      .values(chunk.map((c) => ({ code: c.code, kind: c.kind, ...validity(c.spans) })))
      .returning(['id', 'code'])
      .execute();
    for (const r of rows) idsByCode.set(r.code, r.id);
  }
  const updated = changes.filter((c) => !c.isNew);
  for (let i = 0; i < updated.length; i += 1000) {
    const chunk = updated.slice(i, i + 1000);
    const values = sql.join(
      chunk.map((c) => {
        const v = validity(c.spans);
        return sql`(${idsByCode.get(c.code)!}::int, ${v.valid_from}::date, ${v.valid_to}::date)`;
      }),
    );
    await sql`update unit set valid_from = v.f, valid_to = v.t from (values ${values}) as v(id, f, t) where
      unit.id = v.id`.execute(db);
    await db
      .deleteFrom('unit_version')
      .where(
        'unit_id',
        'in',
        chunk.map((c) => idsByCode.get(c.code)!),
      )
      .execute();
  }
  const versions = changes.flatMap((c) =>
    c.spans.map((s) => ({
      unit_id: idsByCode.get(c.code)!,
      name: s.value.name,
      parent_id: s.value.parentCode === null ? null : idsByCode.get(s.value.parentCode)!,
      valid_from: s.from,
      valid_to: s.to,
      search_text: `${foldText(s.value.name)} ${c.code.toLowerCase()}`,
      sort_key: vietnameseSortKey(s.value.name),
    })),
  );
  for (let i = 0; i < versions.length; i += 1000) {
    await db
      .insertInto('unit_version')
      .values(versions.slice(i, i + 1000))
      .execute();
  }
}

export async function unitIdsByCodes(
  db: Db,
  codes: string[],
): Promise<Map<string, { id: number; kind: string; valid_from: string; valid_to: string | null }>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('unit')
    .select(['id', 'code', 'kind', 'valid_from', 'valid_to'])
    .where('code', 'in', codes)
    .execute();
  return new Map(rows.map((r) => [r.code, r]));
}

/** Inserts the links not yet known; returns those it inserted. */
export async function insertSuccessors(
  db: Db,
  links: { from: number; to: number; date: string }[],
): Promise<{ from: number; to: number; date: string }[]> {
  if (links.length === 0) return [];
  const rows = await db
    .insertInto('unit_successor')
    .values(links.map((l) => ({ from_unit_id: l.from, to_unit_id: l.to, date: l.date })))
    .onConflict((oc) => oc.doNothing())
    .returning(['from_unit_id', 'to_unit_id', 'date'])
    .execute();
  return rows.map((r) => ({ from: r.from_unit_id, to: r.to_unit_id, date: r.date }));
}

export interface UnitListQuery {
  asOf: string;
  kinds?: string[] | undefined;
  q?: string | undefined;
  parentId?: number | null | undefined;
  withinId?: number | undefined;
  limit: number;
  offset: number;
}

export interface UnitListItem {
  id: number;
  code: string;
  kind: string;
  name: string;
  parentId: number | null;
  parentName: string | null;
  validFrom: string;
  validTo: string | null;
  hasChildren: boolean;
}

/** Units in force on a date, filtered, in Vietnamese order, with the total before paging. */
export async function listUnitsAsOf(db: Db, q: UnitListQuery): Promise<{ total: number; items: UnitListItem[] }> {
  let base = db
    .selectFrom('unit as u')
    .innerJoin('unit_version as v', (j) => j.onRef('v.unit_id', '=', 'u.id').on(coversDate('v', q.asOf)));
  if (q.kinds && q.kinds.length > 0) base = base.where('u.kind', 'in', q.kinds);
  if (q.parentId === null) base = base.where('v.parent_id', 'is', null);
  else if (q.parentId !== undefined) base = base.where('v.parent_id', '=', q.parentId);
  if (q.withinId !== undefined) {
    base = base.where(sql<SqlBool>`u.id in (
      with recursive down(id, depth) as (
        select ${q.withinId}::int, 0
        union all
        select c.unit_id, d.depth + 1 from down d join unit_version c on c.parent_id = d.id and
          ${coversDate('c', q.asOf)} where d.depth < 10
      ) select id from down)`);
  }
  const folded = q.q ? foldText(q.q) : '';
  if (folded) {
    base = base.where(sql<SqlBool>`v.search_text like ${`%${escapeLike(folded)}%`}`);
  }
  const totalRow = await base.select(sql<number>`count(*)`.as('n')).executeTakeFirst();
  const rows = await base
    .leftJoin('unit_version as pv', (j) => j.onRef('pv.unit_id', '=', 'v.parent_id').on(coversDate('pv', q.asOf)))
    .select([
      'u.id',
      'u.code',
      'u.kind',
      'v.name',
      'v.parent_id',
      'pv.name as parent_name',
      'u.valid_from',
      'u.valid_to',
      sql<boolean>`exists (select 1 from unit_version c where c.parent_id = u.id and ${coversDate('c', q.asOf)})`.as(
        'has_children',
      ),
    ])
    .orderBy(sql`v.sort_key collate "C"`)
    .orderBy('u.code')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  return {
    total: totalRow?.n ?? 0,
    items: rows.map((r) => ({
      id: r.id,
      code: r.code,
      kind: r.kind,
      name: r.name,
      parentId: r.parent_id,
      parentName: r.parent_name,
      validFrom: r.valid_from,
      validTo: r.valid_to,
      hasChildren: r.has_children,
    })),
  };
}

/** Counts of units in force on a date, by kind. */
export async function countByKindAsOf(db: Db, asOf: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('unit as u')
    .innerJoin('unit_version as v', (j) => j.onRef('v.unit_id', '=', 'u.id').on(coversDate('v', asOf)))
    .select(['u.kind', sql<number>`count(*)`.as('n')])
    .groupBy('u.kind')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
}

export async function getUnitRow(db: Db, id: number) {
  return db.selectFrom('unit').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Which of these unit ids exist (one query). */
export async function existingUnitIds(db: Db, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('unit')
    .select('id')
    .where('id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function getUnitByCode(db: Db, code: string) {
  return db.selectFrom('unit').selectAll().where('code', '=', code).executeTakeFirst();
}

/** A unit's whole history: versions with their parent's name at the start of each version. */
export async function unitHistory(db: Db, id: number) {
  return db
    .selectFrom('unit_version as v')
    .leftJoin('unit as p', 'p.id', 'v.parent_id')
    .leftJoin('unit_version as pv', (j) =>
      j
        .onRef('pv.unit_id', '=', 'v.parent_id')
        .on(sql<SqlBool>`pv.valid_from <= v.valid_from and (pv.valid_to is null or pv.valid_to >= v.valid_from)`),
    )
    .select(['v.name', 'v.parent_id', 'p.code as parent_code', 'pv.name as parent_name', 'v.valid_from', 'v.valid_to'])
    .where('v.unit_id', '=', id)
    .orderBy('v.valid_from')
    .execute();
}

/** Successor links in both directions, with the other unit's code and last known name. */
export async function unitLinks(db: Db, id: number) {
  const rows = await sql<{ direction: 'from' | 'to'; unit_id: number; code: string; name: string; date: string }>`
    select 'to' as direction, s.to_unit_id as unit_id, u.code, (select name from unit_version where unit_id =
      u.id order by valid_from desc limit 1) as name, s.date
      from unit_successor s join unit u on u.id = s.to_unit_id where s.from_unit_id = ${id}
    union all
    select 'from', s.from_unit_id, u.code, (select name from unit_version where unit_id = u.id order by
      valid_from desc limit 1), s.date
      from unit_successor s join unit u on u.id = s.from_unit_id where s.to_unit_id = ${id}
    order by 5, 3`.execute(db);
  return rows.rows;
}

/** The chain from a unit up to its root on a date, the unit first. */
export async function ancestorsAsOf(db: Db, id: number, asOf: string) {
  const res = await sql<{ unit_id: number; code: string; kind: string; name: string; depth: number }>`
    with recursive chain(unit_id, parent_id, name, depth) as (
      select v.unit_id, v.parent_id, v.name, 0 from unit_version v where v.unit_id = ${id} and ${coversDate('v', asOf)}
      union all
      select v.unit_id, v.parent_id, v.name, c.depth + 1 from chain c join unit_version v on v.unit_id =
        c.parent_id and ${coversDate('v', asOf)} where c.depth < 20
    ) select c.unit_id, u.code, u.kind, c.name, c.depth from chain c join unit u on u.id = c.unit_id order by
      c.depth`.execute(db);
  return res.rows;
}

/** Every unit version overlapping [from, to], for building the tree of a period in memory. */
export async function versionsOverlapping(db: Db, from: string, to: string): Promise<VersionRow[]> {
  const rows = await db
    .selectFrom('unit_version as v')
    .innerJoin('unit as u', 'u.id', 'v.unit_id')
    .select(['v.unit_id', 'u.code', 'u.kind', 'v.name', 'v.parent_id', 'v.valid_from', 'v.valid_to'])
    .where('v.valid_from', '<=', to)
    .where((eb) => eb.or([eb('v.valid_to', 'is', null), eb('v.valid_to', '>=', from)]))
    .execute();
  return rows.map((r) => ({
    unitId: r.unit_id,
    code: r.code,
    kind: r.kind as UnitKind,
    name: r.name,
    parentId: r.parent_id,
    from: r.valid_from,
    to: r.valid_to,
  }));
}

/**
 * The unit versions overlapping [from, to] of an area: the unit, everything that sat under it at some
 * time of the period, and its ancestors (for names of areas). Enough to build the area's Structure
 * without reading the whole country: index lookups only (a commune 1.9 ms, a province 3.3 ms on the national
 * units, against 7.0 and 10.0 ms when the planner chose to scan and hash every version).
 */
export async function versionsOverlappingWithin(
  db: Db,
  from: string,
  to: string,
  rootId: number,
): Promise<VersionRow[]> {
  const overlap = (a: string) =>
    sql<SqlBool>`${sql.ref(`${a}.valid_from`)} <= ${to}::date and (${sql.ref(`${a}.valid_to`)} is null or
      ${sql.ref(`${a}.valid_to`)} >= ${from}::date)`;
  const rows = await sql<{
    unit_id: number;
    code: string;
    kind: string;
    name: string;
    parent_id: number | null;
    valid_from: string;
    valid_to: string | null;
  }>`
    with recursive down(id) as (
      select ${rootId}::int
      union
      -- each unit's children through the parent index (offset 0 keeps the subquery a loop): joined instead,
      -- the planner expects hundreds of children per unit and scans every version of the country at each level
      select c.unit_id from down d cross join lateral (
        select v.unit_id from unit_version v where v.parent_id = d.id and ${overlap('v')} offset 0
      ) c
    ), up(id) as (
      select ${rootId}::int
      union
      select v.parent_id from up u join unit_version v on v.unit_id = u.id and ${overlap('v')}
       where v.parent_id is not null
    )
    select v.unit_id, u.code, u.kind, v.name, v.parent_id, v.valid_from, v.valid_to
      from unit_version v join unit u on u.id = v.unit_id
     where ${overlap('v')} and v.unit_id = any(array(select id from down union select id from up))`.execute(db);
  return rows.rows.map((r) => ({
    unitId: r.unit_id,
    code: r.code,
    kind: r.kind as UnitKind,
    name: r.name,
    parentId: r.parent_id,
    from: r.valid_from,
    to: r.valid_to,
  }));
}

/** True when the unit is in force at some point of [from, to]. */
export async function unitValidBetween(db: Db, id: number, from: string, to: string): Promise<boolean> {
  const row = await db
    .selectFrom('unit_version')
    .select('unit_id')
    .where('unit_id', '=', id)
    .where('valid_from', '<=', to)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', from)]))
    .executeTakeFirst();
  return row !== undefined;
}

/** Every successor link, with the successor's code (for choosing one successor of a split). */
export async function allSuccessorLinks(db: Db): Promise<{ from: number; to: number; date: string; toCode: string }[]> {
  const rows = await db
    .selectFrom('unit_successor as s')
    .innerJoin('unit as u', 'u.id', 's.to_unit_id')
    .select(['s.from_unit_id', 's.to_unit_id', 's.date', 'u.code'])
    .execute();
  return rows.map((r) => ({ from: r.from_unit_id, to: r.to_unit_id, date: r.date, toCode: r.code }));
}

/** The versions of the unit tree and of everything indicators read (migrations 0016 and 0019). */
export interface DataVersions {
  units: number;
  data: number;
}

/**
 * The versions of the data caches key on: 'units' grows with every committed statement that writes the unit
 * tree, 'data' with every committed statement that writes what indicators read; each is the sum of its stripes'
 * rows. Missing names are 0.
 */
export async function dataVersions(db: Db): Promise<DataVersions> {
  const rows = await db
    .selectFrom('agg_version')
    .select(['name', sql<number>`sum(version)::bigint`.as('version')])
    .groupBy('name')
    .execute();
  const of = (name: string) => rows.find((r) => r.name === name)?.version ?? 0;
  return { units: of('units'), data: of('data') };
}
