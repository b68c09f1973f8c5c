import { describe, expect, it } from 'vitest';
import { pagesOf } from './pages.ts';

describe('pagesOf', () => {
  it('reads the ids in pages of the size asked, in order, and lets waiting work run before each page', async () => {
    const order: string[] = [];
    const reads: number[][] = [];
    const pages = pagesOf([5, 4, 3, 2, 1, 0, 9], 3, async (ids) => {
      reads.push(ids);
      order.push(`read ${ids.join(',')}`);
      return ids.map((i) => i * 10);
    });
    const got: number[][] = [];
    for await (const page of pages) {
      got.push(page);
      // what another request would do meanwhile: it must run before the next page is read
      setImmediate(() => order.push(`other after ${page.length}`));
    }
    expect(reads).toEqual([[5, 4, 3], [2, 1, 0], [9]]);
    expect(got).toEqual([[50, 40, 30], [20, 10, 0], [90]]);
    expect(order).toEqual(['read 5,4,3', 'other after 3', 'read 2,1,0', 'other after 3', 'read 9']);
  });

  it('reads nothing when there are no ids', async () => {
    let called = 0;
    for await (const _ of pagesOf([], 10, async () => [++called])) expect.unreachable();
    expect(called).toBe(0);
  });
});
