import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { loadConfig } from '../../src/config.ts';
import { openPglite, openPostgres, type DbHandle } from '../../src/db/engine.ts';
import type { Config } from '../../src/config.ts';
import { migrate } from '../../src/db/migrate.ts';
import { SYSTEM_ACTOR } from '../../src/modules/context.ts';
import { ensureSeedPlans } from '../../src/modules/plans/service.ts';

/**
 * Templates of a test database, made once per run by the global setup. PGlite's first start on an empty
 * database runs initdb inside WebAssembly (7–17 s on a busy 2-core machine), and the migrations take 1–2 s
 * more on either engine: made for every suite, that was about a sixth of the test run. The global setup
 * migrates and seeds one database per engine exactly as `createTestCtx` does, and `createTestCtx` starts
 * from it: PGlite from a dump of its data folder, PostgreSQL by `create database … template`. It still runs
 * the migrations and the seed, which find nothing to do; without the templates (a test file run outside
 * vitest's global setup) it makes the database from nothing as before. Tests that start `bdg` processes or
 * servers on a data folder of their own copy an initialised, empty cluster into it (`pgliteFolder`): the
 * product still migrates and seeds it itself, as on a first start.
 */
const PGLITE_DUMP = 'BDG_TEST_PGLITE_TEMPLATE';
const PGLITE_CLUSTER = 'BDG_TEST_PGLITE_CLUSTER';
const POSTGRES_TEMPLATE = 'BDG_TEST_POSTGRES_TEMPLATE';

let dump: { file: string; blob: Blob } | undefined;

/** The migrated PGlite database to start from, when the global setup made one (read once per process). */
export function pgliteTemplate(): Blob | undefined {
  const file = process.env[PGLITE_DUMP];
  if (!file || !fs.existsSync(file)) return undefined;
  if (dump?.file !== file) dump = { file, blob: new Blob([fs.readFileSync(file)]) };
  return dump.blob;
}

/** The name of the migrated PostgreSQL database on `serverUrl` to copy, when the global setup made one there. */
export function postgresTemplate(serverUrl: string): string | undefined {
  const [url, name] = (process.env[POSTGRES_TEMPLATE] ?? '').split(' ');
  return url === serverUrl && name ? name : undefined;
}

/**
 * The embedded database's folder in the data folder `dataDir`, holding a copy of the run's initialised, empty
 * cluster when the global setup made one (otherwise the product initialises it on its first start).
 */
export function pgliteFolder(dataDir: string): string {
  const folder = path.join(dataDir, 'pglite');
  const cluster = process.env[PGLITE_CLUSTER];
  if (cluster && fs.existsSync(cluster) && !fs.existsSync(folder)) fs.cpSync(cluster, folder, { recursive: true });
  return folder;
}

/** Migrates a test database and loads the seed plans, with a configuration on the data folder `dataDir`. */
export async function migrateAndSeed(handle: DbHandle, dataDir: string): Promise<Config> {
  await migrate(handle.db);
  const config = { ...loadConfig({ BDG_DATA_DIR: dataDir }), dataDir };
  await ensureSeedPlans({ db: handle.db, engine: handle.engine, config }, SYSTEM_ACTOR);
  return config;
}

async function migrateSeedAndClose(handle: DbHandle, dataDir: string): Promise<void> {
  try {
    await migrateAndSeed(handle, dataDir);
  } finally {
    await handle.close();
  }
}

/**
 * Makes the templates (PostgreSQL's only when `serverUrl` is given) and sets the variables that the test
 * processes inherit; returns what removes them.
 */
export async function makeTemplates(
  serverUrl: string | undefined,
  createDatabase: (url: string, prefix: string) => Promise<{ url: string; drop(): Promise<void> }>,
): Promise<() => Promise<void>> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bdg-template-'));
  const cluster = path.join(work, 'cluster');
  await (await PGlite.create(cluster, { extensions: { pg_trgm } })).close();
  const folder = path.join(work, 'pglite');
  fs.cpSync(cluster, folder, { recursive: true });
  await migrateSeedAndClose(await openPglite(folder), work);
  const pglite = await PGlite.create(folder, { extensions: { pg_trgm } });
  const tar = await pglite.dumpDataDir('none');
  await pglite.close();
  process.env[PGLITE_CLUSTER] = cluster;
  const file = path.join(work, 'migrated.tar');
  fs.writeFileSync(file, Buffer.from(await tar.arrayBuffer()));
  process.env[PGLITE_DUMP] = file;
  let drop = async () => {};
  if (serverUrl) {
    const created = await createDatabase(serverUrl, 'bdg_template');
    await migrateSeedAndClose(openPostgres(created.url), work);
    process.env[POSTGRES_TEMPLATE] = `${serverUrl} ${new URL(created.url).pathname.slice(1)}`;
    drop = created.drop;
  }
  return async () => {
    delete process.env[PGLITE_DUMP];
    delete process.env[PGLITE_CLUSTER];
    delete process.env[POSTGRES_TEMPLATE];
    await drop();
    fs.rmSync(work, { recursive: true, force: true });
  };
}
