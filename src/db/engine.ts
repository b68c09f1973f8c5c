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
 * process is gone) is taken over. Creating the lock is atomic (a complete file linked under the name); taking a
 * stale one over moves that very file aside first (a rename only one process can win), so processes starting at
 * once after a crash cannot both hold the folder.
 */
export function lockDataDir(dir: string): () => void {
  const lockPath = `${dir}.lock`;
  // the lock names its process and the folder it locks: a copy of a data folder (with the lock of the
  // process that runs the original) is not locked by that process
  const mine = `${process.pid}\n${path.resolve(dir)}`;
  const ownerOf = (text: string): number => {
    const [pid, folder] = text.split('\n');
    return folder && folder !== path.resolve(dir) ? 0 : Number(pid);
  };
  for (let attempt = 0; attempt < 20; attempt++) {
    if (createExclusive(lockPath, mine)) {
      removeServerLockFile(dir);
      return unlockIfMine(lockPath, mine);
    }
    const text = readIfExists(lockPath);
    if (text === null) continue;
    const owner = ownerOf(text);
    if (owner === process.pid) {
      // this process opened the folder before (and may still hold it): the lock is renewed, nothing removed
      fs.writeFileSync(lockPath, mine);
      return unlockIfMine(lockPath, mine);
    }
    if (owner && isAlive(owner)) throw busyError(dir, owner);
    const aside = `${lockPath}.${process.pid}.stale`;
    try {
      fs.renameSync(lockPath, aside);
    } catch {
      continue; // another process moved it first
    }
    const moved = fs.readFileSync(aside, 'utf8');
    if (moved !== text) {
      // between our read and the rename, another process took the stale lock over: give it back
      try {
        fs.linkSync(aside, lockPath);
      } catch {
        // a third process holds the name now; it will find the owner alive or take over a stale lock
      }
      fs.rmSync(aside, { force: true });
      const other = ownerOf(moved);
      if (other && isAlive(other)) throw busyError(dir, other);
      continue;
    }
    fs.rmSync(aside, { force: true });
  }
  throw busyError(dir, 0);
}

const busyError = (dir: string, owner: number) =>
  new DataDirBusyError(
    `Thư mục dữ liệu ${dir} đang được ${owner ? `tiến trình ${owner}` : 'một tiến trình khác'} sử dụng (máy chủ đang ` +
      'chạy?). Dừng tiến trình đó trước, hoặc dùng PostgreSQL (DATABASE_URL) để nhiều tiến trình cùng truy cập.',
  );

/**
 * Creates `file` with `text` unless it exists; false when it does. The text is written to a file of this process
 * first and linked under the name, so the lock never exists empty or half-written for another process to read.
 */
function createExclusive(file: string, text: string): boolean {
  const draft = `${file}.${process.pid}.new`;
  fs.writeFileSync(draft, text);
  try {
    fs.linkSync(draft, file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    fs.rmSync(draft, { force: true });
  }
}

function readIfExists(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
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

/**
 * Opens PGlite with its data in `dir` (created if missing), or in memory when dir is 'memory://'. `from`: a
 * dump of a data folder (PGlite's `dumpDataDir`, an uncompressed tar) to start a new database from instead of
 * initialising an empty one — the tests' migrated template.
 */
export async function openPglite(dir: string, from?: Blob): Promise<DbHandle> {
  let unlock = () => {};
  if (dir !== 'memory://') {
    fs.mkdirSync(dir, { recursive: true });
    unlock = lockDataDir(dir);
  }
  try {
    const pglite = await PGlite.create(dir === 'memory://' ? undefined : dir, {
      extensions: { pg_trgm },
      parsers: { [INT8]: toNumber, [NUMERIC]: toNumber, [DATE]: keepText },
      ...(from ? { loadDataDir: from } : {}),
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
