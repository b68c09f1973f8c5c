import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.ts';
import type { Database } from './schema.ts';

export type Engine = 'pglite' | 'postgres';
export type Db = Kysely<Database>;

export interface DbHandle {
  db: Db;
  engine: Engine;
  close(): Promise<void>;
}

// Same JavaScript types from both engines: bigint counts as numbers, dates as YYYY-MM-DD strings.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const toNumber = (v: string): number => Number(v);
const keepText = (v: string): string => v;

/** Opens PostgreSQL at `url`. */
export function openPostgres(url: string): DbHandle {
  const parsers: Record<number, (v: string) => unknown> = { [INT8]: toNumber, [NUMERIC]: toNumber, [DATE]: keepText };
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        parsers[oid] ?? pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine: 'postgres', close: () => db.destroy() };
}

/** Another process holds the embedded database folder. */
export class DataDirBusyError extends Error {}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * PGlite is one process's database: a second process opening the same folder (say `bdg import` while
 * the server runs) would corrupt it. A lock file next to the folder names the owner; a stale one (its
 * process is gone) is taken over.
 */
function lockDataDir(dir: string): () => void {
  const lockPath = `${dir}.lock`;
  try {
    fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
  } catch {
    const owner = Number(fs.readFileSync(lockPath, 'utf8'));
    if (owner && owner !== process.pid && isAlive(owner)) {
      throw new DataDirBusyError(
        `Thư mục dữ liệu ${dir} đang được tiến trình ${owner} sử dụng (máy chủ đang chạy?). Dừng tiến trình đó trước, hoặc dùng PostgreSQL (DATABASE_URL) để nhiều tiến trình cùng truy cập.`,
      );
    }
    fs.writeFileSync(lockPath, String(process.pid));
  }
  return () => {
    try {
      if (Number(fs.readFileSync(lockPath, 'utf8')) === process.pid) fs.unlinkSync(lockPath);
    } catch {
      // already gone
    }
  };
}

/** Opens PGlite with its data in `dir` (created if missing), or in memory when dir is 'memory://'. */
export async function openPglite(dir: string): Promise<DbHandle> {
  let unlock = () => {};
  if (dir !== 'memory://') {
    fs.mkdirSync(dir, { recursive: true });
    unlock = lockDataDir(dir);
  }
  try {
    const pglite = await PGlite.create(dir === 'memory://' ? undefined : dir, {
      extensions: { pg_trgm },
      parsers: { [INT8]: toNumber, [NUMERIC]: toNumber, [DATE]: keepText },
    });
    const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
    return {
      db,
      engine: 'pglite',
      close: async () => {
        await db.destroy();
        unlock();
      },
    };
  } catch (e) {
    unlock();
    throw e;
  }
}

/** PostgreSQL when a URL is given, else PGlite in `<dataDir>/pglite`. */
export async function openDatabase(options: { databaseUrl?: string | undefined; dataDir: string }): Promise<DbHandle> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(path.join(options.dataDir, 'pglite'));
}
