import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { UnitAggregate } from '../../core/indicator-eval.ts';
import type { Filter, IndicatorDef } from '../../core/plan-schema.ts';
import { SOURCES, type FieldType, type SourceCode } from '../../core/sources.ts';
import type { Db } from '../../db/engine.ts';
import { unpackIntegers } from '../../core/packed.ts';
import { addRow, PackedAggregates, rowIndex, type RowIndex } from '../../core/packed-aggregates.ts';

/** Where each available source lives: its table, its unit and date columns. */
const TABLES: Partial<Record<keyof typeof SOURCES, { table: string; unit: string; date: string; status: string }>> = {
  communication_session: { table: 'communication_session', unit: 'unit_id', date: 'date', status: 'status' },
  // views over unit_record (migration 0005)
  action_month: { table: 'src_action_month', unit: 'unit_id', date: 'date', status: 'status' },
  effective_model: { table: 'src_effective_model', unit: 'unit_id', date: 'date', status: 'status' },
  convention: { table: 'src_convention', unit: 'unit_id', date: 'date', status: 'status' },
};

/**
 * Compiles one typed filter to SQL. Field names come from the source's declared fields (checked when
 * the plan was loaded, and again here), values are bound parameters: no string is ever evaluated.
 */
function compileFilter(source: keyof typeof SOURCES, f: Filter): RawBuilder<SqlBool> {
  const type = (SOURCES[source].fields as Record<string, FieldType>)[f.field];
  if (!type) throw new Error(`field ${f.field} is not declared on source ${source}`);
  const col = sql.ref(f.field);
  const values = Array.isArray(f.value) ? f.value : [f.value];
  switch (f.op) {
    case 'eq':
      return sql<SqlBool>`${col} = ${f.value}`;
    case 'in':
      return sql<SqlBool>`${col} in (${sql.join(values)})`;
    case 'gte':
      return sql<SqlBool>`${col} >= ${f.value}`;
    case 'lte':
      return sql<SqlBool>`${col} <= ${f.value}`;
    case 'contains':
      if (type !== 'text[]') throw new Error(`contains needs a list field, ${f.field} is ${type}`);
      return sql<SqlBool>`${col} && array[${sql.join(values.map(String))}]::text[]`;
  }
}

const all = (parts: RawBuilder<SqlBool>[]): RawBuilder<SqlBool> =>
  parts.length === 0 ? sql<SqlBool>`true` : sql<SqlBool>`(${sql.join(parts, sql` and `)})`;

export type YearlyAggregates = Map<string, Map<number, ReadonlyMap<number, UnitAggregate>>>;

/** Reads per-unit, per-year aggregates of some indicators of one source (see sourceAggregates). */
export type AggregateReader = (
  db: Db,
  defs: IndicatorDef[],
  fromYear: number,
  toYear: number,
  unitIds: number[] | null,
  includePending: boolean,
) => Promise<YearlyAggregates>;

/** year → (unit → aggregate), every year of [fromYear, toYear] present and empty. */
export function emptyYears(fromYear: number, toYear: number): Map<number, Map<number, UnitAggregate>> {
  const byYear = new Map<number, Map<number, UnitAggregate>>();
  for (let y = fromYear; y <= toYear; y++) byYear.set(y, new Map());
  return byYear;
}

/**
 * Sources whose counts and sums per unit, year and approval status are kept on write by triggers
 * (migrations 0016 to 0018): the table, its count column, the fields it sums and, for a share of records, the
 * boolean field whose true rows it counts (a column of the same name).
 */
const KEPT: Partial<Record<SourceCode, { table: string; count: string; sums: readonly string[]; hits?: string }>> = {
  communication_session: {
    table: 'agg_session',
    count: 'sessions',
    sums: ['participants_total', 'participants_female', 'participants_male'],
  },
  // a year's plans joined with the kept counts of activities in its window: the rows of src_action_month
  action_month: { table: 'src_action_month_kept', count: 'plans', sums: [] },
  // models' and conventions' spans of years expanded per unit and year: the rows of src_effective_model and
  // src_convention, counted
  effective_model: { table: 'src_effective_model_kept', count: 'models', sums: [] },
  convention: {
    table: 'src_convention_kept',
    count: 'conventions',
    sums: [],
    hits: 'free_of_discrimination',
  },
};

/**
 * Whether an indicator's figures can be read from the aggregates kept on write rather than from the raw
 * rows: a count, a sum of a kept field, a share of units or areas reaching a count or a share of records whose
 * kept boolean field is true, without a filter (a filter on the records' fields cannot be answered from per-unit
 * totals). Example: "G1.sessions" (count of sessions) → true; the same count restricted to
 * `form = conference` → false (raw rows).
 */
export function readsKeptAggregates(def: IndicatorDef): boolean {
  // G4's levels: each assessment's fewest exercises per level and the exercises per agency-year (migration 0020),
  // read by modules/media/levels.ts
  if (def.source === 'media_indicator_level') return true;
  const kept = KEPT[def.source];
  if (!kept || def.filter.length > 0) return false;
  if (def.kind === 'sum') return kept.sums.includes(def.field);
  // a share of records whose field is true: the count of true rows is kept beside the count
  if (def.kind === 'record_share')
    return kept.hits === def.where.field && def.where.op === 'eq' && def.where.value === true;
  return def.kind === 'count' || def.kind === 'unit_share' || def.kind === 'area_share';
}

/**
 * The query that reads a source's kept aggregates per unit and year (the benchmark EXPLAINs it): the
 * primary key (year, unit, status) serves a year's country, an area's unit list and the statuses asked.
 * `sums` are the summed fields to read (by default every kept one): each column more is parsed on every row.
 */
export function keptAggregatesQuery(
  source: SourceCode | undefined,
  fromYear: number,
  toYear: number,
  unitIds: number[] | null,
  includePending: boolean,
  sums?: readonly string[],
): RawBuilder<Record<string, number>> | null {
  const kept = source ? KEPT[source] : undefined;
  if (!kept) return null;
  const fields = [...kept.sums.filter((f) => !sums || sums.includes(f)), ...(kept.hits ? [kept.hits] : [])];
  const scope = unitIds === null ? sql`true` : sql`unit_id = any(${unitIds}::int[])`;
  // one year as an equality: the planner carries it through a view's joins (a range it does not)
  const years = fromYear === toYear ? sql`year = ${fromYear}` : sql`year between ${fromYear} and ${toYear}`;
  // approved records alone: one row per unit and year already (the key), nothing to group
  if (!includePending)
    return sql<Record<string, number>>`
    select ${sql.join([sql`unit_id, year, ${sql.ref(kept.count)} as n`, ...fields.map((f) => sql.ref(f))])}
      from ${sql.table(kept.table)}
     where ${years} and ${scope} and status = 'approved'`;
  return sql<Record<string, number>>`
    select ${sql.join([
      sql`unit_id, year, sum(${sql.ref(kept.count)}) as n`,
      ...fields.map((f) => sql`sum(${sql.ref(f)}) as ${sql.ref(f)}`),
    ])}
      from ${sql.table(kept.table)}
     where ${years} and ${scope} and status in ('approved', 'submitted')
     group by unit_id, year`;
}

/**
 * The rows of a query of whole numbers as one text value ('1,2025,3;…', each column through coalesce so that a
 * null cannot shift the others), read into one flat array (core/packed.ts): the driver parses one field instead of a
 * row object per row, and no array or string is made per row. A whole country's 12,000 session groups took 12.8 ms
 * to arrive as rows and 8.7 ms packed and split (1 M sessions, 25 runs).
 */
async function packedRows(db: Db, query: RawBuilder<unknown>, columns: string[]): Promise<Float64Array> {
  const packed = sql.join(
    columns.map((c) => sql`coalesce(${sql.ref(`q.${c}`)}, 0)`),
    sql`|| ',' ||`,
  );
  const text = (
    await sql<{ rows: string | null }>`select string_agg(${packed}, ';') as rows from (${query}) q`.execute(db)
  ).rows[0]?.rows;
  return unpackIntegers(text ?? '', columns.length);
}

/** Indicators whose figures are read from the kept aggregates (see readsKeptAggregates). */
const keptAggregates: AggregateReader = async (db, defs, fromYear, toYear, unitIds, includePending) => {
  const out: YearlyAggregates = new Map();
  // the summed fields the indicators ask for, each read once
  const sums = [...new Set(defs.flatMap((d) => (d.kind === 'sum' ? [d.field] : [])))];
  const query = keptAggregatesQuery(defs[0]?.source, fromYear, toYear, unitIds, includePending, sums);
  if (!query) return out;
  const hits = defs[0] ? KEPT[defs[0].source]?.hits : undefined;
  // the columns as the query names them: unit_id, year, n, the sums asked, the hits
  const columns = ['unit_id', 'year', 'n', ...sums, ...(hits ? [hits] : [])];
  const hitsAt = hits ? columns.indexOf(hits) : -1;
  const v = await packedRows(db, query, columns);
  const width = columns.length;
  // each year's index of the units' rows, shared by every indicator of the source: one entry per row
  let [minId, maxId] = [Infinity, -Infinity];
  for (let row = 0; row < v.length; row += width) {
    minId = Math.min(minId, v[row]!);
    maxId = Math.max(maxId, v[row]!);
  }
  const rowOf = new Map<number, RowIndex>();
  for (let row = 0; row < v.length; row += width) {
    const year = v[row + 1]!;
    if (year < fromYear || year > toYear) continue;
    let index = rowOf.get(year);
    if (!index) rowOf.set(year, (index = rowIndex(minId, maxId)));
    addRow(index, v[row]!, row);
  }
  const none = rowIndex(0, -1);
  for (const def of defs) {
    const sumAt = def.kind === 'sum' ? columns.indexOf(def.field) : -1;
    const byYear = new Map<number, ReadonlyMap<number, UnitAggregate>>();
    for (let y = fromYear; y <= toYear; y++)
      byYear.set(y, new PackedAggregates(rowOf.get(y) ?? none, v, 2, hitsAt, sumAt));
    out.set(def.code, byYear);
  }
  return out;
};

/**
 * Per-unit, per-year aggregates of several indicators on one source, for the years [fromYear, toYear]:
 * one grouped scan whatever the number of indicators, each indicator a column pair with its own filter.
 * `unitIds` restricts the scan to those units (an area), through the (unit, date) index;
 * Approved records count; `includePending` adds those waiting for approval (submitted), never drafts or
 * returned records, which the unit has not sent or must still fix.
 * Returns indicator code → year → unit → aggregate; indicators whose source is not kept are left out.
 */
export async function sourceAggregates(
  db: Db,
  defs: IndicatorDef[],
  fromYear: number,
  toYear: number,
  unitIds: number[] | null,
  includePending = false,
): Promise<YearlyAggregates> {
  const kept = defs.filter(readsKeptAggregates);
  const raw = defs.filter((d) => !readsKeptAggregates(d));
  const out = await aggregatesFromRows(db, raw, fromYear, toYear, unitIds, includePending);
  for (const [code, byYear] of await keptAggregates(db, kept, fromYear, toYear, unitIds, includePending))
    out.set(code, byYear);
  return out;
}

/**
 * The same figures from the source's rows: one grouped scan whatever the number of indicators (exported for
 * the tests that compare both ways).
 */
export const aggregatesFromRows: AggregateReader = async (db, defs, fromYear, toYear, unitIds, includePending) => {
  const out: YearlyAggregates = new Map();
  const source = defs[0]?.source;
  const t = source ? TABLES[source] : undefined;
  if (!source || !t || !SOURCES[source].available || defs.length === 0) return out;
  const columns = defs.map((def, i) => {
    const filter = all(def.filter.map((f) => compileFilter(source, f)));
    const hits = def.kind === 'record_share' ? all([filter, compileFilter(source, def.where)]) : sql<SqlBool>`false`;
    const sum = def.kind === 'sum' ? sql`coalesce(sum(${sql.ref(def.field)}) filter (where ${filter}), 0)` : sql`0`;
    return sql`count(*) filter (where ${filter}) as ${sql.ref(`c${i}`)}, count(*) filter (where ${hits}) as
      ${sql.ref(`h${i}`)}, ${sum} as ${sql.ref(`s${i}`)}`;
  });
  const scope =
    unitIds === null ? sql`true` : unitIds.length === 0 ? sql`false` : sql`${sql.ref(t.unit)} = any(${unitIds}::int[])`;
  const rows = await sql<Record<string, number>>`
    select ${sql.ref(t.unit)} as unit_id, extract(year from ${sql.ref(t.date)})::int as year, ${sql.join(columns)}
      from ${sql.table(t.table)}
     where ${sql.ref(t.date)} >= ${`${fromYear}-01-01`}::date and ${sql.ref(t.date)} <=
       ${`${toYear}-12-31`}::date and ${scope}
       and ${sql.ref(t.status)} in ${includePending ? sql`('approved', 'submitted')` : sql`('approved')`}
     group by 1, 2`.execute(db);
  defs.forEach((def, i) => {
    const byYear = emptyYears(fromYear, toYear);
    for (const r of rows.rows) {
      const count = Number(r[`c${i}`]);
      if (count > 0)
        byYear
          .get(Number(r.year))
          ?.set(Number(r.unit_id), { count, hits: Number(r[`h${i}`]), sum: Number(r[`s${i}`]) });
    }
    out.set(def.code, byYear);
  });
  return out;
};
