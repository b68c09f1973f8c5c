/**
 * A bounded cache of promises per database handle (a transaction is a handle of its own): `get(db, key,
 * compute)` returns the promise stored under `key`, or stores and returns `compute()`. A caller that arrives
 * while the value is being computed shares that computation; a failed computation is forgotten; past `max`
 * entries the oldest goes first. Keys must name everything the value depends on (callers put versions of the
 * data in them).
 */
export function promiseCache<T>(max: number) {
  const caches = new WeakMap<object, Map<string, Promise<T>>>();
  return (db: object, key: string, compute: () => Promise<T>): Promise<T> => {
    let entries = caches.get(db);
    if (!entries) caches.set(db, (entries = new Map()));
    let hit = entries.get(key);
    if (!hit) {
      const own = entries;
      hit = compute();
      hit.catch(() => own.delete(key));
      own.set(key, hit);
      // a Map keeps the order of insertion
      if (own.size > max) own.delete(own.keys().next().value!);
    }
    return hit;
  };
}
