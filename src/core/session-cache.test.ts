import { describe, expect, it } from 'vitest';
import { SessionCache } from './session-cache.ts';

const clock = () => {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
};
const session = (name: string, expiresAt = 2_000_000) => ({ user: name, csrfToken: `csrf-${name}`, expiresAt });

describe('SessionCache', () => {
  it('answers from memory for ttl, then asks again', () => {
    const c = clock();
    const cache = new SessionCache<string>(5000, 100, c.now);
    cache.store('a', 1, session('lan'), cache.begin());
    expect(cache.get('a')?.user).toBe('lan');
    c.advance(4999);
    expect(cache.get('a')?.csrfToken).toBe('csrf-lan');
    c.advance(1);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('never answers past the session’s own expiry', () => {
    const c = clock();
    const cache = new SessionCache<string>(60_000, 100, c.now);
    cache.store('a', 1, session('lan', 1_000_010), cache.begin());
    c.advance(10);
    expect(cache.get('a')).toBeUndefined();
  });

  it('forgets a session and every session of a changed user', () => {
    const cache = new SessionCache<string>(60_000, 100, clock().now);
    cache.store('a', 1, session('lan'), cache.begin());
    cache.store('b', 1, session('lan'), cache.begin());
    cache.store('c', 2, session('minh'), cache.begin());
    expect([cache.get('a')?.user, cache.get('b')?.user, cache.get('c')?.user]).toEqual(['lan', 'lan', 'minh']);
    cache.forget('c');
    expect(cache.get('c')).toBeUndefined();
    cache.forgetUser(1);
    expect([cache.get('a'), cache.get('b')]).toEqual([undefined, undefined]);
    expect(cache.size).toBe(0);
  });

  it('does not keep what a lookup read before a change it did not see', () => {
    const cache = new SessionCache<string>(60_000, 100, clock().now);
    const before = cache.begin();
    cache.forgetUser(7); // the user's role changed while the database was being asked
    cache.store('a', 7, session('lan'), before);
    expect(cache.get('a')).toBeUndefined();
    cache.store('a', 7, session('lan'), cache.begin());
    expect(cache.get('a')?.user).toBe('lan');
  });

  it('keeps at most maxEntries, dropping the oldest', () => {
    const cache = new SessionCache<string>(60_000, 2, clock().now);
    for (const id of ['a', 'b', 'c']) cache.store(id, 1, session(id), cache.begin());
    expect(cache.size).toBe(2);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('c')?.user).toBe('c');
  });

  it('stores nothing when switched off (ttl 0)', () => {
    const cache = new SessionCache<string>(0, 100, clock().now);
    cache.store('a', 1, session('lan'), cache.begin());
    expect(cache.enabled).toBe(false);
    expect(cache.get('a')).toBeUndefined();
  });
});
