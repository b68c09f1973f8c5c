import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite, openPostgres, type Db, type DbHandle, type Engine } from '../src/db/engine.ts';
import { migrate } from '../src/db/migrate.ts';
import { createPostgresDatabase, createTestCtx, ENGINES } from './helpers/db.ts';
import { TEST_DATABASE_URL } from './helpers/environment.ts';
import { migrateAndSeed, pgliteFolder, pgliteTemplate, postgresTemplate } from './helpers/templates.ts';

/** Tables, columns, indexes, triggers and functions, and how many rows each table holds. */
async function describeDatabase(db: Db) {
  const columns = await sql<{ d: string }>`
    select table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' ||
           coalesce(column_default, '') as d
      from information_schema.columns where table_schema = 'public' order by 1`.execute(db);
  const indexes = await sql<{ d: string }>`
    select indexdef as d from pg_indexes where schemaname = 'public' order by 1`.execute(db);
  const triggers = await sql<{ d: string }>`
    select tgrelid::regclass::text || ' ' || tgname as d from pg_trigger where not tgisinternal order by 1`.execute(db);
  const functions = await sql<{ d: string }>`
    select p.proname || ' ' || md5(p.prosrc) as d from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname = 'public' order by 1`.execute(db);
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
     where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`.execute(db);
  const rows: Record<string, number> = {};
  for (const t of tables.rows) {
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t.name)}`.execute(db);
    rows[t.name] = r.rows[0]!.n;
  }
  const list = (r: { rows: { d: string }[] }) => r.rows.map((x) => x.d);
  return { columns: list(columns), indexes: list(indexes), triggers: list(triggers), functions: list(functions), rows };
}

/** A database made from nothing: initialised, migrated and seeded as createTestCtx did before the templates. */
async function fromNothing(engine: Engine): Promise<DbHandle & { drop(): Promise<void> }> {
  let handle: DbHandle;
  let drop = async () => {};
  if (engine === 'pglite') handle = await openPglite('memory://');
  else {
    const created = await createPostgresDatabase(TEST_DATABASE_URL!);
    handle = openPostgres(created.url);
    drop = created.drop;
  }
  await migrateAndSeed(handle, '/nonexistent');
  return { ...handle, drop };
}

for (const engine of ENGINES) {
  describe.skipIf(engine === 'postgres' && !TEST_DATABASE_URL)(`the run's template database [${engine}]`, () => {
    const closing: (() => Promise<void>)[] = [];
    afterAll(async () => {
      for (const close of closing) await close();
    });

    it('is made by the global setup, and a test database started from it is one made from nothing', async () => {
      // without the template every suite would initialise and migrate its own database again (slow, not wrong)
      expect(engine === 'pglite' ? pgliteTemplate() : postgresTemplate(TEST_DATABASE_URL!)).toBeDefined();
      const copied = await createTestCtx(engine);
      closing.push(() => copied.dispose());
      const made = await fromNothing(engine);
      closing.push(async () => {
        await made.close();
        await made.drop();
      });
      const expected = await describeDatabase(made.db);
      expect(expected.rows.plan).toBeGreaterThan(0);
      expect(expected.triggers.length).toBeGreaterThan(0);
      expect(await describeDatabase(copied.db)).toEqual(expected);
    });
  });
}

describe("the run's initialised PGlite cluster", () => {
  it('is copied into a data folder, empty: the product migrates it as on a first start', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bdg-template-test-'));
    const folder = pgliteFolder(dataDir);
    expect(fs.existsSync(path.join(folder, 'PG_VERSION'))).toBe(true);
    const handle = await openPglite(folder);
    try {
      expect((await describeDatabase(handle.db)).columns).toEqual([]);
      await migrate(handle.db);
      expect((await describeDatabase(handle.db)).triggers.length).toBeGreaterThan(0);
    } finally {
      await handle.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
