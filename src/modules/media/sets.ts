import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { AppError } from '../../core/errors.ts';
import {
  IndicatorSetError,
  parseIndicatorSet,
  validateIndicatorSet,
  type IndicatorSet,
} from '../../core/media/indicator-set.ts';
import { isOffice } from '../../core/permissions.ts';
import type { Db } from '../../db/engine.ts';
import { writeAudit } from '../audit/repository.ts';
import type { Actor, Ctx } from '../context.ts';
import * as repo from './repository.ts';
import { fromRoot } from '../../project-root.ts';

export const SETS_DIR = fromRoot('indicator-sets');
/** The set the product ships with; its file seeds version 1. */
export const DEFAULT_SET_FILE = 'media-gender-vi-2025.yaml';

export interface LoadedSet {
  set: IndicatorSet;
  version: number;
}

let shipped: IndicatorSet | null = null;
/** The set file shipped in indicator-sets/, read and checked once per process. */
const defaultFile = (): IndicatorSet =>
  (shipped ??= parseIndicatorSet(fs.readFileSync(path.join(SETS_DIR, DEFAULT_SET_FILE), 'utf8')));

/**
 * The latest version of the set; the first time, version 1 from the file shipped in indicator-sets/
 * (two first readers at once: one insert goes through, the other does nothing and reads it).
 */
export async function currentSet(db: Db, setId?: string): Promise<LoadedSet> {
  const id = setId ?? defaultFile().id;
  const latest = await repo.latestSet(db, id);
  if (latest) return { set: latest.definition as IndicatorSet, version: latest.version };
  if (setId && setId !== defaultFile().id) throw new AppError('NOT_FOUND', `Không có bộ chỉ số "${setId}"`);
  const set = defaultFile();
  await repo.insertSetVersion(
    db,
    { setId: set.id, version: 1, definition: set, note: `Nạp từ tệp ${DEFAULT_SET_FILE}`, createdBy: null },
    true,
  );
  const stored = await repo.latestSet(db, set.id);
  return { set: stored!.definition as IndicatorSet, version: stored!.version };
}

/** One version of a set, as an assessment names it. */
export async function setAt(db: Db, setId: string, version: number): Promise<IndicatorSet> {
  const row = await repo.setVersion(db, setId, version);
  if (!row) throw new AppError('NOT_FOUND', `Không có bộ chỉ số ${setId} phiên bản ${version}`);
  return row.definition as IndicatorSet;
}

/**
 * A coordinator's edit: the set (YAML text or an object) checked whole, stored as the next version when
 * it differs from the latest; assessments keep the version they used. `expectedVersion` guards against
 * two editors at once (409).
 */
export async function saveSetVersion(
  ctx: Ctx,
  actor: Actor,
  input: { yaml?: string | undefined; definition?: unknown },
  note: string | null,
  expectedVersion: number,
): Promise<LoadedSet & { changed: boolean }> {
  if (!isOffice(actor)) throw new AppError('FORBIDDEN', 'Chỉ cơ quan thường trực được sửa bộ chỉ số');
  let set: IndicatorSet;
  try {
    set = input.yaml !== undefined ? parseIndicatorSet(input.yaml) : validateIndicatorSet(input.definition);
  } catch (e) {
    if (e instanceof IndicatorSetError)
      throw new AppError('VALIDATION', e.message, { definition: e.problems.slice(0, 20).join('; ') });
    throw e;
  }
  return ctx.db.transaction().execute(async (trx) => {
    const latest = await currentSet(trx, set.id);
    if (latest.version !== expectedVersion) throw new AppError('CONFLICT');
    if (isDeepStrictEqual(latest.set, JSON.parse(JSON.stringify(set)))) return { ...latest, changed: false };
    const version = latest.version + 1;
    await repo
      .insertSetVersion(trx, { setId: set.id, version, definition: set, note, createdBy: actor.id })
      .catch((e: unknown) => {
        if ((e as { code?: string }).code === '23505') throw new AppError('CONFLICT');
        throw e;
      });
    await writeAudit(trx, actor, 'update', 'media_indicator_set', `${set.id}@${version}`, latest.set, set);
    return { set, version, changed: true };
  });
}

export async function listSetVersions(ctx: Ctx, setId?: string) {
  const { set } = await currentSet(ctx.db, setId);
  return (await repo.setVersions(ctx.db, set.id)).map((v) => ({
    version: v.version,
    note: v.note,
    createdAt: new Date(v.created_at).toISOString(),
    by: v.username,
  }));
}
