import type { VersionRow } from '../../core/structure.ts';
import type { Db } from '../../db/engine.ts';
import { unitsVersion, versionsOverlapping, versionsOverlappingWithin } from './repository.ts';

/**
 * The unit versions of a period (the whole tree, or an area's subtree), cached per database handle and per
 * version of the unit tree: a dashboard's every indicator, and every reader after it, reuse the tree until
 * a statement writes units (migration 0016 bumps the version). The version is read before the rows, so a
 * cached tree is never older than its key. The arrays are shared: callers must not change them.
 */
const caches = new WeakMap<Db, Map<string, Promise<VersionRow[]>>>();
const MAX_ENTRIES = 200;

export async function cachedVersions(db: Db, from: string, to: string, rootId: number | null): Promise<VersionRow[]> {
  const key = `${await unitsVersion(db)}|${from}|${to}|${rootId ?? '*'}`;
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let hit = cache.get(key);
  if (!hit) {
    const entries = cache;
    hit = rootId === null ? versionsOverlapping(db, from, to) : versionsOverlappingWithin(db, from, to, rootId);
    hit.catch(() => entries.delete(key));
    entries.set(key, hit);
    // the oldest entry goes first (a Map keeps the order of insertion)
    if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  }
  return hit;
}
