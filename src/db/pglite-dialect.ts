import { AsyncLocalStorage } from 'node:async_hooks';
import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';

/**
 * A small Kysely dialect over PGlite. PGlite has one connection, so the driver hands it out to one
 * user at a time: a query issued while a transaction holds the connection waits for it instead of
 * running inside it (the leak ARCHITECTURE.md reports in kysely-pglite).
 */
export class PGliteDialect implements Dialect {
  constructor(private readonly pg: PGlite) {}
  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pg);
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }
}

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly pg: PGlite) {}
  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.pg.query<R>(query.sql, query.parameters as unknown[], { rowMode: 'object' });
    return result.affectedRows !== undefined && /^\s*(insert|update|delete|merge)/iu.test(query.sql)
      ? { rows: result.rows, numAffectedRows: BigInt(result.affectedRows) }
      : { rows: result.rows };
  }
  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite dialect: streaming is not supported');
  }
}

/**
 * When the work asking for the database began — a request's arrival (set by the app for each request) —
 * so that PGlite's one connection goes to the oldest work first. Without it the connection went to
 * queries in the order they were asked, and a request of many queries (an indicator page) went back to
 * the end of the queue after each one: at 200 connections such pages starved (the load benchmark saw
 * them time out) while short writes went through. Now a request, once served, is served to its end
 * before younger ones (unless it waits for something other than the database in between).
 */
export const workStarted = new AsyncLocalStorage<number>();

interface Waiter {
  since: number;
  go: () => void;
}

class PGliteDriver implements Driver {
  private readonly connection: PGliteConnection;
  private busy = false;
  private readonly waiters: Waiter[] = [];
  private idle: (() => void) | null = null;

  constructor(private readonly pg: PGlite) {
    this.connection = new PGliteConnection(pg);
  }
  async init(): Promise<void> {
    await this.pg.waitReady;
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.busy) {
      const since = workStarted.getStore() ?? performance.now();
      await new Promise<void>((go) => {
        // after every waiter that started no later: the oldest work first, arrival order among equals
        const at = this.waiters.findIndex((w) => w.since > since);
        this.waiters.splice(at < 0 ? this.waiters.length : at, 0, { since, go });
      });
    }
    this.busy = true;
    return this.connection;
  }
  async beginTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('begin'));
  }
  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('rollback'));
  }
  async releaseConnection(): Promise<void> {
    if (this.waiters.length === 0) {
      this.busy = false;
      this.idle?.();
      return;
    }
    // hand over on the next turn of the event loop: the work that just finished a query asks for its next
    // one first (in its continuation), and, being older, keeps its place ahead of the younger waiters
    setImmediate(() => {
      const next = this.waiters.shift();
      if (next) next.go();
      else {
        this.busy = false;
        this.idle?.();
      }
    });
  }
  async destroy(): Promise<void> {
    if (this.busy) await new Promise<void>((resolve) => (this.idle = resolve));
    if (!this.pg.closed) await this.pg.close();
  }
}
