import { sql, type Kysely } from 'kysely';

/** The first key of the advisory locks that guard the stripes of agg_version ('BDGV'). */
const VERSION_LOCKS = 0x42444756;

/**
 * Data versions that no writer waits for (issue 15). Migration 0016 made every statement that writes what the
 * caches read add 1 to the row (name, pg_backend_pid() % 16) of `agg_version`, and that row stays locked until the
 * transaction ends. Two connections with the same pid modulo 16 thus shared a lock that neither had asked for: a
 * transaction that had bumped the row and then waited for a convention's row held up the one holding that
 * convention, which wanted the version row — a deadlock, seen once in CI and made again on purpose in
 * test/api/aggregates-spans.test.ts.
 *
 * Now a bump first takes one of sixteen transaction-level advisory locks without waiting — its connection's own
 * stripe if free, else the next free one — and writes that stripe's row, which only the lock's holder writes;
 * with all sixteen taken (more than sixteen writers at once) it adds a row of a new stripe. A version is still
 * the sum of its rows and grows with each committed statement; nobody ever waits for it. An advisory lock costs
 * what the old bump cost (a row lock taken with `for update skip locked` before the write added about 40 µs to
 * each statement, measured).
 */
const BUMP = `
  create or replace function agg_bump_version(version_name text) returns void language plpgsql as $$
  declare
    own constant integer := pg_backend_pid() % 16;
  begin
    for i in 0..15 loop
      if pg_try_advisory_xact_lock(${VERSION_LOCKS}, (own + i) % 16) then
        insert into agg_version as v (name, stripe, version) values (version_name, (own + i) % 16, 1)
        on conflict (name, stripe) do update set version = v.version + 1;
        return;
      end if;
    end loop;
    insert into agg_version (name, stripe, version) values (version_name, nextval('agg_version_stripe'), 1);
  end $$`;

// the sessions' triggers made the data version themselves (migration 0016), with this text
const OLD_BUMP_DATA = `
  insert into agg_version as v (name, stripe, version) values ('data', pg_backend_pid() % 16, 1)
  on conflict (name, stripe) do update set version = v.version + 1;`;
const SESSION_FUNCTIONS = ['agg_session_insert', 'agg_session_delete', 'agg_session_update', 'agg_session_truncate'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`create sequence agg_version_stripe start 16`).execute(db);
  await sql.raw(BUMP).execute(db);
  await sql
    .raw(
      `create or replace function agg_bump() returns trigger language plpgsql as $$
       begin
         perform agg_bump_version(tg_argv[0]);
         return null;
       end $$`,
    )
    .execute(db);
  for (const name of SESSION_FUNCTIONS) {
    const { rows } = await sql<{ def: string }>`select pg_get_functiondef(${name}::regproc) as def`.execute(db);
    const def = rows[0]!.def;
    if (!def.includes(OLD_BUMP_DATA)) throw new Error(`${name}: the data version's bump was not found`);
    await sql.raw(def.replace(OLD_BUMP_DATA, `\n  perform agg_bump_version('data');`)).execute(db);
  }
}
