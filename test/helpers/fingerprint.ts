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

/**
 * `fingerprint`, read again only when a transaction that wrote has ended since the last reading: every write takes
 * a transaction id, and the current snapshot (the ids completed and those in progress) changes when one ends, while
 * reads take none. The digests themselves are what the tests compare; this only skips recomputing equal ones.
 */
export function fingerprintTracker(db: Db, except: string[] = []): () => Promise<Record<string, string>> {
  let last: { snapshot: string; digest: Record<string, string> } | null = null;
  const snapshot = async () =>
    (await sql<{ s: string }>`select pg_current_snapshot()::text as s`.execute(db)).rows[0]!.s;
  return async () => {
    const before = await snapshot();
    if (last?.snapshot === before) return last.digest;
    const digest = await fingerprint(db, except);
    // a write that ended while the digest was read: the digest may hold it or not, so it is not kept
    last = (await snapshot()) === before ? { snapshot: before, digest } : null;
    return digest;
  };
}
