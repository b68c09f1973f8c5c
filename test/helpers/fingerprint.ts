import { sql } from 'kysely';
import type { Db } from '../../src/db/engine.ts';

/**
 * A digest of every row of every table (order-independent), by table: two equal fingerprints mean the
 * database holds the same data. `except` leaves out tables that may change legitimately (login throttle).
 * The data versions (agg_version) count the statements that wrote, not what they wrote: always left out.
 */
export async function fingerprint(db: Db, except: string[] = []): Promise<Record<string, string>> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
     where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'kysely_%'
     order by table_name`.execute(db);
  const names = tables.rows.map((t) => t.name).filter((n) => !except.includes(n) && n !== 'agg_version');
  const parts = names.map(
    (n) => sql`select ${n}::text as name, count(*)::int as n,
      md5(coalesce(string_agg(md5(t::text), ',' order by md5(t::text)), '')) as digest from ${sql.table(n)} t`,
  );
  const rows = await sql<{ name: string; n: number; digest: string }>`${sql.join(parts, sql` union all `)}`.execute(db);
  return Object.fromEntries(rows.rows.map((r) => [r.name, `${r.n}:${r.digest}`]));
}
