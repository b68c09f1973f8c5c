import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachEngine } from './helpers/db.ts';
import { buildUnit } from './helpers/factories.ts';
import { fingerprint, fingerprintTracker } from './helpers/fingerprint.ts';

// The fuzz and permission tests compare fingerprints around each refused request; the tracker reads them again
// only after a write has ended. It must never miss one.
describeEachEngine('fingerprint tracker', (ctx) => {
  it('reuses a digest while nothing is written and sees every write, committed or not', async () => {
    const db = ctx().db;
    const track = fingerprintTracker(db);
    const first = await track();
    // nothing written: the same digest, not read again. Transaction ids are the server's, not the database's: a
    // test file writing beside this one moves the snapshot between two calls now and then (it failed once so),
    // so the reuse is asked for a few times
    let reused = false;
    for (let tries = 0; tries < 5 && !reused; tries++) {
      const digest = await track();
      reused = (await track()) === digest;
    }
    expect(reused).toBe(true);
    expect(await track()).toEqual(first);
    await buildUnit(ctx());
    const second = await track();
    expect(second).not.toBe(first);
    expect(second).toEqual(await fingerprint(db));
    expect(second.unit).not.toEqual(first.unit);
    // a single row changed by plain SQL, outside any helper
    await sql`update unit set code = code || '-x' where id = (select max(id) from unit)`.execute(db);
    const third = await track();
    expect(third.unit).not.toEqual(second.unit);
    // a write rolled back: read again, and equal
    await db
      .transaction()
      .execute(async (trx) => {
        await sql`delete from unit_successor`.execute(trx);
        await sql`update unit set code = 'đổi' where id = (select max(id) from unit)`.execute(trx);
        throw new Error('rollback');
      })
      .catch(() => undefined);
    expect(await track()).toEqual(third);
  });
});
