import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.ts';
import type { Database } from './schema.ts';

export type Engine = 'pglite' | 'postgres';
export type Db = Kysely<Database>;

export interface DbHandle {
  db: Db;
  engine: Engine;
  close(): Promise<void>;
  /** PostgreSQL's connection pool, for the metrics */
  pool?: { totalCount: number; idleCount: number; waitingCount: number };
}

// Same JavaScript types from both engines: bigint counts as numbers, dates as YYYY-MM-DD strings.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const toNumber = (v: string): number => Number(v);
const keepText = (v: string): string => v;

/**
 * Opens PostgreSQL at `url`. A connection that the server ends (restart, failover, idle timeout, an
 * administrator's kill) is reported through `onLostConnection` and dropped from the pool — never an
 * unhandled error that stops the process; the next query opens a new one. Waiting for a connection is
 * bounded, so requests fail with 503 while the database is away instead of hanging.
 */
export function openPostgres(
  url: string,
  onLostConnection: (e: Error) => void = warnLost,
  queryTimeoutMs = 120_000,
): DbHandle {
  const parsers: Record<number, (v: string) => unknown> = { [INT8]: toNumber, [NUMERIC]: toNumber, [DATE]: keepText };
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 10_000,
    // a server that accepts connections but never answers (a half-dead primary during a failover) must
    // not hold a request for ever
    query_timeout: queryTimeoutMs || undefined,
    keepAlive: true,
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        parsers[oid] ?? pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // idle clients: the pool's own listener; clients in use: one of ours on each, for their whole life
  pool.on('error', onLostConnection);
  pool.on('connect', (client) => {
    client.on('error', onLostConnection);
    // JIT compilation took about 150 ms per call of the indicators' grouped reads when issue 15 was filed
    // (its EXPLAIN, not re-measured here) and saves nothing on queries this short; pg queues this before the
    // connection's first query. A failure is a lost connection, reported above.
    client.query('set jit = off').catch(() => {});
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine: 'postgres', close: () => db.destroy(), pool };
}

let lastWarning = 0;
function warnLost(e: Error): void {
  // one line a minute at most: a restarting database ends every connection at once
  if (Date.now() - lastWarning < 60_000) return;
  lastWarning = Date.now();
  console.warn(`[bdg] PostgreSQL đã đóng một kết nối (${e.message}); kết nối mới sẽ được mở khi cần.`);
}

/** The database could not be reached in the time allowed at start. */
export class DatabaseUnreachableError extends Error {}

/**
 * Waits until the database answers `select 1`, retrying with a growing pause (1 s, 2 s, 4 s … 10 s) and
 * saying so through `log`, for at most `timeoutMs`; then throws DatabaseUnreachableError with a message
 * for people (no stack trace). Used at start, so that a server started with its database does not die
 * because the database came up a few seconds later.
 */
export async function waitForDatabase(
  handle: DbHandle,
  timeoutMs: number,
  log: (message: string) => void = (m) => console.warn(m),
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let pause = 1000;
  for (;;) {
    try {
      await sql`select 1`.execute(handle.db);
      return;
    } catch (e) {
      const reason = (e as Error).message || String((e as { code?: string }).code ?? e);
      if (Date.now() + pause > deadline) {
        throw new DatabaseUnreachableError(
          `Không kết nối được cơ sở dữ liệu sau ${Math.round(timeoutMs / 1000)} giây (${reason}). ` +
            'Kiểm tra PostgreSQL đã chạy và DATABASE_URL đúng (máy, cổng, tên CSDL, người dùng, mật khẩu).',
        );
      }
      log(`Chưa kết nối được cơ sở dữ liệu (${reason}); thử lại sau ${pause / 1000} giây…`);
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, 10_000);
    }
  }
}

/** Another process holds the embedded database folder. */
export class DataDirBusyError extends Error {}

/** The embedded database folder exists but PGlite cannot start on it. */
export class DataDirUnreadableError extends Error {}

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
  // the lock names its process and the folder it locks: a copy of a data folder (with the lock of the
  // process that runs the original) is not locked by that process
  const mine = `${process.pid}\n${path.resolve(dir)}`;
  const ownerOf = (text: string): number => {
    const [pid, folder] = text.split('\n');
    return folder && folder !== path.resolve(dir) ? 0 : Number(pid);
  };
  try {
    fs.writeFileSync(lockPath, mine, { flag: 'wx' });
  } catch {
    const owner = ownerOf(fs.readFileSync(lockPath, 'utf8'));
    if (owner && owner !== process.pid && isAlive(owner)) {
      throw new DataDirBusyError(
        `Thư mục dữ liệu ${dir} đang được tiến trình ${owner} sử dụng (máy chủ đang chạy?). Dừng tiến trình đó trước, hoặc dùng PostgreSQL (DATABASE_URL) để nhiều tiến trình cùng truy cập.`,
      );
    }
    fs.writeFileSync(lockPath, mine);
    if (owner === process.pid) return unlockIfMine(lockPath, mine);
  }
  removeServerLockFile(dir);
  return unlockIfMine(lockPath, mine);
}

/**
 * PostgreSQL inside PGlite writes `postmaster.pid` with the same process number (42) in every process, so
 * the file tells nothing about who holds the folder — our lock above does. A kill between the file's creation
 * and its first write leaves it empty, and PostgreSQL then refuses to start ("lock file is empty"; PGlite
 * says only "failed to initialize properly"). Once we hold the folder, the file is a leftover: removed.
 */
function removeServerLockFile(dir: string): void {
  fs.rmSync(path.join(dir, 'postmaster.pid'), { force: true });
}

function unlockIfMine(lockPath: string, mine: string): () => void {
  return () => {
    try {
      if (fs.readFileSync(lockPath, 'utf8') === mine) fs.unlinkSync(lockPath);
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
    if (dir === 'memory://') throw e;
    throw new DataDirUnreadableError(
      `Không mở được cơ sở dữ liệu nhúng trong thư mục ${dir} (PGlite: ${(e as Error).message}). ` +
        'Thư mục có thể đã hỏng (máy tắt đột ngột khi đang ghi, hoặc một chương trình khác đã ghi vào). ' +
        'Giữ nguyên thư mục này để kiểm tra; khôi phục bản sao lưu gần nhất vào một thư mục dữ liệu mới: ' +
        'BDG_DATA_DIR=<thư mục mới> bdg restore <tệp sao lưu>.',
      { cause: e },
    );
  }
}

/**
 * PostgreSQL when a URL is given (waiting up to `dbWaitMs` for it to answer), else PGlite in
 * `<dataDir>/pglite`.
 */
export async function openDatabase(options: {
  databaseUrl?: string | undefined;
  dataDir: string;
  dbWaitMs?: number;
  dbQueryTimeoutMs?: number;
}): Promise<DbHandle> {
  if (!options.databaseUrl) return openPglite(path.join(options.dataDir, 'pglite'));
  const handle = openPostgres(options.databaseUrl, undefined, options.dbQueryTimeoutMs);
  try {
    await waitForDatabase(handle, options.dbWaitMs ?? 60_000);
  } catch (e) {
    await handle.close();
    throw e;
  }
  return handle;
}
