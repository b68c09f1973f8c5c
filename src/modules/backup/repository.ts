import { sql } from 'kysely';
import type { Db } from '../../db/engine.ts';

/**
 * The SQL of backups: every base table of the schema (migrations' own tables aside), in an order where
 * a table comes after the tables it refers to, read through a cursor as JSON rows and written back with
 * json_populate_recordset — one format for PGlite and PostgreSQL alike. Derived tables (agg_…, the
 * indicator aggregates kept by triggers) are left out: restoring the rows they derive from fills them again.
 */
export async function tablesInDependencyOrder(db: Db): Promise<string[]> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
     where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'kysely_%'
       and table_name not like 'agg\\_%'
     order by table_name`.execute(db);
  const refs = await sql<{ child: string; parent: string }>`
    select c.relname as child, p.relname as parent
      from pg_constraint k
      join pg_class c on c.oid = k.conrelid
      join pg_class p on p.oid = k.confrelid
      join pg_namespace n on n.oid = c.relnamespace
     where k.contype = 'f' and n.nspname = 'public' and c.relname <> p.relname`.execute(db);
  const names = tables.rows.map((t) => t.name);
  const parents = new Map(names.map((n) => [n, new Set<string>()]));
  for (const r of refs.rows) parents.get(r.child)?.add(r.parent);
  const ordered: string[] = [];
  const visit = (n: string, path: Set<string>) => {
    if (ordered.includes(n) || path.has(n)) return;
    path.add(n);
    for (const p of parents.get(n) ?? []) visit(p, path);
    path.delete(n);
    ordered.push(n);
  };
  for (const n of names) visit(n, new Set());
  return ordered;
}

/** Makes later reads in this transaction render times in UTC, whatever the server's time zone. */
export async function useUtc(db: Db): Promise<void> {
  await sql`set local timezone = 'UTC'`.execute(db);
}

/** Calls `each` with batches of a table's rows as JSON text, through a cursor (inside a transaction). */
export async function readTable(db: Db, table: string, each: (rows: string[]) => Promise<void>): Promise<void> {
  await sql`declare bdg_backup_cursor no scroll cursor for select row_to_json(t)::text as j from
    ${sql.table(table)} t`.execute(db);
  for (;;) {
    const batch = await sql<{ j: string }>`fetch forward 2000 from bdg_backup_cursor`.execute(db);
    if (batch.rows.length === 0) break;
    await each(batch.rows.map((r) => r.j));
  }
  await sql`close bdg_backup_cursor`.execute(db);
}

/**
 * The number of rows of a table and a digest of them that does not depend on their order or the engine:
 * md5 over the sorted md5 of each row's JSON (in UTC).
 */
export async function tableDigest(db: Db, table: string): Promise<{ rows: number; digest: string }> {
  const r = await sql<{ rows: number; digest: string }>`
    select count(*)::int as rows,
           md5(coalesce(string_agg(h, ',' order by h), '')) as digest
      from (select md5(row_to_json(t)::text) as h from ${sql.table(table)} t) x`.execute(db);
  return r.rows[0]!;
}

/** Rows written by the users of the product (the plan alone is loaded on every start). */
export async function holdsData(db: Db): Promise<boolean> {
  const exists = await sql<{ t: string | null }>`select to_regclass('public.unit')::text as t`.execute(db);
  if (!exists.rows[0]?.t) return false;
  const r = await sql<{ any: boolean }>`
    select exists (select 1 from unit) or exists (select 1 from app_user)
        or exists (select 1 from communication_session) or exists (select 1 from unit_record) as any`.execute(db);
  return r.rows[0]!.any;
}

export async function emptyTables(db: Db, tables: string[]): Promise<void> {
  if (tables.length === 0) return;
  await sql`truncate ${sql.join(tables.map((t) => sql.table(t)))} restart identity cascade`.execute(db);
}

/** Inserts rows given as JSON objects (their columns by name) into `table`. */
export async function insertJsonRows(db: Db, table: string, rows: string[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`insert into ${sql.table(table)}
    select * from json_populate_recordset(null::${sql.table(table)}, ${`[${rows.join(',')}]`}::json)`.execute(db);
}

/** Moves every serial sequence past the highest id restored. */
export async function resetSequences(db: Db): Promise<void> {
  const cols = await sql<{ table: string; column: string }>`
    select table_name as table, column_name as column from information_schema.columns
     where table_schema = 'public' and column_default like 'nextval(%'`.execute(db);
  for (const c of cols.rows) {
    await sql`select setval(pg_get_serial_sequence(${c.table}, ${c.column}),
      coalesce((select max(${sql.ref(c.column)}) from ${sql.table(c.table)}), 0) + 1, false)`.execute(db);
  }
}

export async function storedFiles(db: Db): Promise<{ sha256: string; size: number }[]> {
  const r = await sql<{ sha256: string; size: number }>`select sha256, size from stored_file order by sha256`.execute(
    db,
  );
  return r.rows;
}

/** Drops and recreates the public schema (an empty database, before a restore). */
export async function resetSchema(db: Db): Promise<void> {
  await sql`drop schema if exists public cascade`.execute(db);
  await sql`create schema public`.execute(db);
}
