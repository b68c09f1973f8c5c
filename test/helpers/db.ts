import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { openPglite, openPostgres, type DbHandle, type Engine } from '../../src/db/engine.ts';
import type { Ctx } from '../../src/modules/context.ts';
import { TEST_DATABASE_URL } from './environment.ts';
import { migrateAndSeed, pgliteTemplate, postgresTemplate } from './templates.ts';

/** A new database on the PostgreSQL server at `serverUrl` (empty, or a copy of `template`), and how to drop it. */
export async function createPostgresDatabase(serverUrl: string, prefix = 'bdg_test', template?: string) {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** A test's context: on PostgreSQL, with the address of its own database (for connections of a test's own). */
export type TestCtx = Ctx & { databaseUrl?: string };

/**
 * A fresh, migrated database on one engine, with a data folder of its own — a copy of the run's template when
 * the global setup made one (test/helpers/templates.ts).
 */
export async function createTestCtx(
  engine: Engine,
  serverUrl: string | undefined = TEST_DATABASE_URL,
): Promise<TestCtx & { dispose(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bdg-test-'));
  let handle: DbHandle;
  let drop = async () => {};
  let databaseUrl: string | undefined;
  if (engine === 'pglite') {
    handle = await openPglite('memory://', pgliteTemplate());
  } else {
    if (!serverUrl) throw new Error('PostgreSQL tests need TEST_DATABASE_URL');
    const created = await createPostgresDatabase(serverUrl, 'bdg_test', postgresTemplate(serverUrl));
    databaseUrl = created.url;
    handle = openPostgres(databaseUrl);
    drop = created.drop;
  }
  const config = await migrateAndSeed(handle, dataDir);
  return {
    db: handle.db,
    engine: handle.engine,
    config,
    ...(databaseUrl ? { databaseUrl } : {}),
    async dispose() {
      await handle.close();
      await drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** An empty database on one engine, not migrated (PostgreSQL: a database of its own on `serverUrl`), and its end. */
export async function emptyDatabase(
  engine: Engine,
  serverUrl: string | undefined,
): Promise<{ handle: DbHandle; dispose(): Promise<void> }> {
  if (engine === 'pglite') {
    const handle = await openPglite('memory://');
    return { handle, dispose: () => handle.close() };
  }
  const created = await createPostgresDatabase(serverUrl!);
  const handle = openPostgres(created.url);
  return {
    handle,
    dispose: async () => {
      await handle.close();
      await created.drop();
    },
  };
}

export const ENGINES: Engine[] = ['pglite', 'postgres'];

/**
 * Runs a suite once per engine: always on PGlite, on PostgreSQL when TEST_DATABASE_URL is set.
 * The suite gets a getter for its own fresh database.
 */
export function describeEachEngine(title: string, suite: (ctx: () => TestCtx, engine: Engine) => void): void {
  for (const engine of ENGINES) {
    describe.skipIf(engine === 'postgres' && !TEST_DATABASE_URL)(`${title} [${engine}]`, () => {
      let ctx: (TestCtx & { dispose(): Promise<void> }) | undefined;
      beforeAll(async () => {
        ctx = await createTestCtx(engine);
      });
      afterAll(async () => {
        await ctx?.dispose();
      });
      suite(() => ctx!, engine);
    });
  }
}

/**
 * Resolves once a backend of the test's database waits for a lock — the one with process id `pid`, or any —
 * so that a test can order transactions that block one another; throws after about ten seconds.
 */
export async function untilWaitingForLock(db: Ctx['db'], pid?: number): Promise<void> {
  for (let tries = 0; tries < 1000; tries++) {
    const r = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'
        and (${pid ?? null}::int is null or pid = ${pid ?? null})`.execute(db);
    if (r.rows[0]!.n > 0) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no connection${pid ? ` (${pid})` : ''} waited for a lock`);
}
