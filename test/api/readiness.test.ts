import { expect, it } from 'vitest';
import { appliedMigrations, migrateTo, pendingMigrations } from '../../src/db/migrate.ts';
import { buildTestApp } from '../helpers/factories.ts';
import { describeEachEngine, emptyDatabase } from '../helpers/db.ts';

describeEachEngine('readiness: the migrations still to apply', (ctx, engine) => {
  it('lists all, some or none of them as Kysely’s migrator does, and says 503 until they are applied', async () => {
    const all = await appliedMigrations(ctx().db);
    expect(all.length).toBeGreaterThan(10);
    expect(await pendingMigrations(ctx().db)).toEqual([]);
    const { handle, dispose } = await emptyDatabase(engine, ctx().databaseUrl);
    try {
      const app = await buildTestApp({ ...ctx(), db: handle.db });
      expect(await pendingMigrations(handle.db)).toEqual(all);
      const ready = await app.inject({ url: '/api/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ ready: false, database: 'ok', migrations: 'pending', pending: all });
      await migrateTo(handle.db, all.slice(0, 5));
      // Kysely's migrator (appliedMigrations) and this check agree
      expect(await appliedMigrations(handle.db)).toEqual(all.slice(0, 5));
      expect(await pendingMigrations(handle.db)).toEqual(all.slice(5));
      await migrateTo(handle.db, all);
      expect(await pendingMigrations(handle.db)).toEqual([]);
      const after = await app.inject({ url: '/api/health/ready' });
      expect(after.statusCode).toBe(200);
      expect(after.json()).toEqual({ ready: true, database: 'ok', migrations: 'current' });
      await app.close();
    } finally {
      await dispose();
    }
  });
});
