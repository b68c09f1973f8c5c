import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openPglite } from './engine.ts';
import { workStarted } from './pglite-dialect.ts';

describe('PGlite: one connection, oldest work first', () => {
  it('gives the connection to the work that started first, not to the query asked first', async () => {
    const h = await openPglite('memory://');
    try {
      const order: string[] = [];
      // "old" work (started at t=1) runs three queries one after the other; three newer works (t=2, 3, 4) run two
      // each. Asked in the order a, b, c, old: first come, first served would run old's last query 9th;
      // oldest first runs old's three queries first, then the others in the order they asked.
      const work = (name: string, since: number, queries: number) =>
        workStarted.run(since, async () => {
          for (let i = 0; i < queries; i++) {
            await sql`select pg_sleep(0.01)`.execute(h.db);
            order.push(`${name}${i}`);
          }
        });
      const blocker = sql`select pg_sleep(0.05)`.execute(h.db);
      const newer = ['a', 'b', 'c'].map((n, i) => work(n, 2 + i, 2));
      const older = work('old', 1, 3);
      await Promise.all([blocker, ...newer, older]);
      expect(order).toEqual(['old0', 'old1', 'old2', 'a0', 'a1', 'b0', 'b1', 'c0', 'c1']);
      // a transaction keeps the connection: nothing slips in between its statements
      const inside: number[] = [];
      await Promise.all([
        h.db.transaction().execute(async (trx) => {
          await sql`create temp table t (n int)`.execute(trx);
          await sql`insert into t values (1)`.execute(trx);
          inside.push((await sql<{ n: number }>`select count(*)::int as n from t`.execute(trx)).rows[0]!.n);
        }),
        sql`select 1`.execute(h.db),
      ]);
      expect(inside).toEqual([1]);
    } finally {
      await h.close();
    }
  });
});
