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

interface Handover {
  /** which release this is, so that a late handover of an earlier release does not act on a later one */
  release: number;
  open: boolean;
}

/**
 * PGlite has one connection, handed out to one query (or transaction) at a time. Queries asked while it is
 * busy wait in the order they were asked, with one exception: when a query ends and others are waiting, the
 * connection is handed over once the promise continuations then pending have run (process.nextTick), and a
 * query asked before then takes it first. That query is the continuation of the work that just finished one
 * (its next statement), so a request of many queries (an indicator page) is served to its end instead of going
 * back to the end of the queue after each one: at 200 connections such pages starved (the load benchmark
 * saw them time out) while short writes went through. A request that waits for something other than the
 * database in between (a password hash, a file) queues again.
 *
 * An earlier version ordered the waiters by each request's arrival, carried in an AsyncLocalStorage; on
 * Node 20 that makes every promise of the process pay for the async context (a quarter of a bare read's
 * throughput), for an order that differs from this one only for a request that paused in between.
 */
class PGliteDriver implements Driver {
  private readonly connection: PGliteConnection;
  private busy = false;
  private readonly waiters: (() => void)[] = [];
  private readonly handover: Handover = { release: 0, open: false };
  private idle: (() => void) | null = null;

  constructor(private readonly pg: PGlite) {
    this.connection = new PGliteConnection(pg);
  }
  async init(): Promise<void> {
    await this.pg.waitReady;
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.busy) {
      if (this.handover.open)
        this.handover.open = false; // the work that just finished a query goes on
      else await new Promise<void>((go) => this.waiters.push(go));
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
    const release = ++this.handover.release;
    this.handover.open = true;
    process.nextTick(() => {
      if (!this.handover.open || this.handover.release !== release) return; // taken, or a later release's
      this.handover.open = false;
      const next = this.waiters.shift();
      if (next) next();
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
