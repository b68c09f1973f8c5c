import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { UnitAggregate } from '../../core/indicator-eval.ts';
import type { Filter, IndicatorDef } from '../../core/plan-schema.ts';
import { SOURCES, type FieldType } from '../../core/sources.ts';
import type { Db } from '../../db/engine.ts';

/** Where each available source lives: its table, its unit and date columns. */
const TABLES: Partial<Record<keyof typeof SOURCES, { table: string; unit: string; date: string }>> = {
  communication_session: { table: 'communication_session', unit: 'unit_id', date: 'date' },
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

const all = (parts: RawBuilder<SqlBool>[]): RawBuilder<SqlBool> => (parts.length === 0 ? sql<SqlBool>`true` : sql<SqlBool>`(${sql.join(parts, sql` and `)})`);

/**
 * Per-unit aggregates of an indicator's records dated within [from, to]: one grouped scan.
 * Returns null when the source's records are not kept yet.
 */
export async function unitAggregates(db: Db, def: IndicatorDef, from: string, to: string): Promise<Map<number, UnitAggregate> | null> {
  const t = TABLES[def.source];
  if (!t || !SOURCES[def.source].available) return null;
  const filter = all(def.filter.map((f) => compileFilter(def.source, f)));
  const hits = def.kind === 'record_share' ? all([filter, compileFilter(def.source, def.where)]) : sql<SqlBool>`false`;
  const sumExpr = def.kind === 'sum' ? sql<number>`coalesce(sum(${sql.ref(def.field)}) filter (where ${filter}), 0)` : sql<number>`0`;
  const rows = await sql<{ unit_id: number; count: number; hits: number; sum: number }>`
    select ${sql.ref(t.unit)} as unit_id,
           count(*) filter (where ${filter}) as count,
           count(*) filter (where ${hits}) as hits,
           ${sumExpr} as sum
      from ${sql.table(t.table)}
     where ${sql.ref(t.date)} >= ${from}::date and ${sql.ref(t.date)} <= ${to}::date
     group by 1`.execute(db);
  return new Map(rows.rows.map((r) => [r.unit_id, { count: Number(r.count), hits: Number(r.hits), sum: Number(r.sum) }]));
}
