import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { DatabaseUnreachableError, openDatabase, openPostgres } from '../../src/db/engine.ts';
import { createTestCtx } from '../helpers/db.ts';
import { TEST_DATABASE_URL } from '../helpers/environment.ts';
import { buildTestApp, buildUser, loginAs } from '../helpers/factories.ts';

const NOWHERE = 'postgres://postgres@127.0.0.1:9/nowhere';
const BIN = new URL('../../bin/bdg.js', import.meta.url).pathname;

/** Ends every connection the server has to `database` (what a restart, a failover or an admin's kill does). */
async function killConnections(database: string): Promise<number> {
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    const r = await admin.query(
      'select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = $1 and pid <> ' +
        'pg_backend_pid()',
      [database],
    );
    return r.rows[0].n as number;
  } finally {
    await admin.end();
  }
}

describe('database faults: the process never dies of a lost connection', () => {
  it('start-up with the database down retries, then stops with a message for people (no stack trace)', async () => {
    const said: string[] = [];
    const started = Date.now();
    const handle = openPostgres(NOWHERE, () => {});
    const { waitForDatabase } = await import('../../src/db/engine.ts');
    await expect(waitForDatabase(handle, 2500, (m) => said.push(m))).rejects.toBeInstanceOf(DatabaseUnreachableError);
    await handle.close();
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(said.length).toBeGreaterThanOrEqual(1);
    expect(said[0]).toMatch(/thử lại sau 1 giây/u);
    await expect(openDatabase({ databaseUrl: NOWHERE, dataDir: '/tmp', dbWaitMs: 0 })).rejects.toThrow(
      /Không kết nối được cơ sở dữ liệu/u,
    );
    const cli = spawnSync(process.execPath, [BIN, 'migrate'], {
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: NOWHERE, BDG_DB_WAIT_SECONDS: '1' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(cli.status).toBe(1);
    expect(cli.stderr).toMatch(/Không kết nối được cơ sở dữ liệu sau 1 giây/u);
    expect(cli.stderr).not.toMatch(/\n\s+at /u);
  });

  it('with the database unreachable: liveness 200, readiness 503, data requests 503 in the error format', async () => {
    const handle = openPostgres(NOWHERE, () => {});
    const app = await buildTestApp({ db: handle.db, engine: 'postgres', config: loadConfig({ BDG_DATA_DIR: '/tmp' }) });
    try {
      expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
      const ready = await app.inject({ method: 'GET', url: '/api/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ ready: false, database: 'unreachable' });
      const meta = await app.inject({ method: 'GET', url: '/api/meta' });
      expect(meta.statusCode).toBe(503);
      expect(meta.json().error.code).toBe('UNAVAILABLE');
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'a', password: 'b' },
      });
      expect(login.statusCode).toBe(503);
    } finally {
      await app.close();
      await handle.close();
    }
  });

  describe.skipIf(!TEST_DATABASE_URL)('on PostgreSQL', () => {
    it(
      'connections killed while idle and under load: requests ' + 'are 200 or 503, never 500; it recovers by itself',
      async () => {
        const ctx = await createTestCtx('postgres');
        const database = new URL(ctx.databaseUrl!).pathname.slice(1);
        try {
          const app = await buildTestApp(ctx);
          const viewer = await buildUser(ctx, 'viewer');
          const s = await loginAs(app, viewer.username);
          expect((await app.inject({ method: 'GET', url: '/api/units', headers: s.headers })).statusCode).toBe(200);
          // idle connections ended: this used to stop the process (an unhandled 'error' event); readiness asked at once
          // still finds the database (a dead pooled connection is not a database that is away)
          expect(await killConnections(database)).toBeGreaterThan(0);
          expect((await app.inject({ method: 'GET', url: '/api/health/ready' })).json()).toMatchObject({ ready: true });
          await new Promise((r) => setTimeout(r, 200));
          const after: number[] = [];
          for (let i = 0; i < 3; i++)
            after.push((await app.inject({ method: 'GET', url: '/api/units', headers: s.headers })).statusCode);
          expect(after.at(-1)).toBe(200);
          expect(after.every((c) => c === 200 || c === 503)).toBe(true);
          // under load: 6 rounds of 20 requests at once, connections killed during each round
          const codes: number[] = [];
          for (let round = 0; round < 6; round++) {
            const requests = Array.from({ length: 20 }, (_, i) =>
              app.inject({ method: 'GET', url: i % 2 ? '/api/units' : '/api/meta', headers: s.headers }),
            );
            await killConnections(database);
            codes.push(...(await Promise.all(requests)).map((r) => r.statusCode));
          }
          expect(codes.filter((c) => c !== 200 && c !== 503)).toEqual([]);
          const ready = await app.inject({ method: 'GET', url: '/api/health/ready' });
          expect(ready.json()).toEqual({ ready: true, database: 'ok', migrations: 'current' });
          // after a failover the old address may lead to a standby: writes are refused read-only → 503, not 500
          const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
          await admin.connect();
          await admin.query(`alter database ${database} set default_transaction_read_only = on`);
          await killConnections(database);
          // the first request may still meet a connection the pool has not yet seen die: 503 "unreachable";
          // the next ones reach the read-only database
          let write = await app.inject({
            method: 'POST',
            url: '/api/notifications/read',
            headers: s.headers,
            payload: { id: null },
          });
          for (let i = 0; i < 5 && !/chỉ đọc/u.test(write.json().error?.message ?? ''); i++) {
            expect(write.statusCode).toBe(503);
            await new Promise((r) => setTimeout(r, 100));
            write = await app.inject({
              method: 'POST',
              url: '/api/notifications/read',
              headers: s.headers,
              payload: { id: null },
            });
          }
          await admin.query(`alter database ${database} reset default_transaction_read_only`);
          await admin.end();
          await killConnections(database);
          expect(write.statusCode).toBe(503);
          expect(write.json().error.message).toMatch(/chỉ đọc/u);
          await app.close();
        } finally {
          await ctx.dispose();
        }
      },
    );
  });
});
