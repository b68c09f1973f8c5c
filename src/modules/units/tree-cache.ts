import { Structure, type VersionRow } from '../../core/structure.ts';
import type { Db } from '../../db/engine.ts';
import { promiseCache } from '../memo.ts';
import { dataVersions, versionsOverlapping, versionsOverlappingWithin } from './repository.ts';

const cache = promiseCache<VersionRow[]>(200);
const structures = promiseCache<Structure>(100);

/**
 * The unit versions of a period (the whole tree, or an area's subtree), cached per database handle and per
 * version of the unit tree: a dashboard's every indicator, and every reader after it, reuse the tree until
 * a statement writes units (migration 0016 bumps the version). The version is read before the rows, so a
 * cached tree is never older than its key. The arrays are shared: callers must not change them.
 */
export async function cachedVersions(
  db: Db,
  from: string,
  to: string,
  rootId: number | null,
  unitsVersion?: number,
): Promise<VersionRow[]> {
  const key = `${unitsVersion ?? (await dataVersions(db)).units}|${from}|${to}|${rootId ?? '*'}`;
  return cache(db, key, () =>
    rootId === null ? versionsOverlapping(db, from, to) : versionsOverlappingWithin(db, from, to, rootId),
  );
}

/**
 * The structure of a period (see cachedVersions), built once per version of the unit tree: the whole
 * country's is 12,000 units, and building it was a tenth of a country's indicator table. Structures never
 * change once built, so they are shared. A caller that evaluates many figures passes the version of the unit
 * tree it read once (unitsVersion), so that it is not read again for every year and area.
 */
export async function cachedStructure(
  db: Db,
  from: string,
  to: string,
  rootId: number | null,
  unitsVersion?: number,
): Promise<Structure> {
  const version = unitsVersion ?? (await dataVersions(db)).units;
  const key = `${version}|${from}|${to}|${rootId ?? '*'}`;
  return structures(db, key, async () => new Structure(await cachedVersions(db, from, to, rootId, version)));
}
