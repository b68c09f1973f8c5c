import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openPglite } from './engine.ts';

describe('PGlite: one connection, a started work served to its end', () => {
  it('lets the work that holds the connection ask its next query before the others waiting', async () => {
    const h = await openPglite('memory://');
    try {
      const order: string[] = [];
      // "old" runs three queries one after the other, three newer works two each, all asked while old's first
      // query runs. First come, first served would run old's second query after a0, b0 and c0; here old goes
      // on to its end, then each newer work in the order it asked, to its end.
      const work = async (name: string, queries: number) => {
        for (let i = 0; i < queries; i++) {
          await sql`select pg_sleep(0.01)`.execute(h.db);
          order.push(`${name}${i}`);
        }
      };
      const older = work('old', 3);
      const newer = ['a', 'b', 'c'].map((n) => work(n, 2));
      await Promise.all([older, ...newer]);
      expect(order).toEqual(['old0', 'old1', 'old2', 'a0', 'a1', 'b0', 'b1', 'c0', 'c1']);
      // a work that pauses between queries for something else (here a timer) queues again behind the others
      order.length = 0;
      const pausing = (async () => {
        await sql`select pg_sleep(0.01)`.execute(h.db);
        order.push('p0');
        await new Promise((resolve) => setTimeout(resolve, 1));
        await sql`select 1`.execute(h.db);
        order.push('p1');
      })();
      const other = work('o', 2);
      await Promise.all([pausing, other]);
      expect(order).toEqual(['p0', 'o0', 'o1', 'p1']);
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
