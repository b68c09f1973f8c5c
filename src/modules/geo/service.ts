import { todayInVietnam } from '../../core/dates.ts';
import { AppError, type RowError } from '../../core/errors.ts';
import { gridBoundaries, parseBoundaries, type Geometry, type Position } from '../../core/geo.ts';
import { isOffice } from '../../core/permissions.ts';
import { writeAudit } from '../audit/repository.ts';
import type { Actor, Ctx } from '../context.ts';
import { listUnitsAsOf } from '../units/repository.ts';
import * as repo from './repository.ts';

/**
 * Takes a GeoJSON FeatureCollection of unit boundaries (the office's upload): all or nothing, every problem
 * named by feature; a unit's earlier boundary is replaced, others are kept.
 */
export async function uploadBoundaries(ctx: Ctx, actor: Actor, file: Buffer) {
  if (!isOffice(actor)) throw new AppError('FORBIDDEN', 'Chỉ cơ quan thường trực tải lên ranh giới địa bàn');
  let data: unknown;
  try {
    data = JSON.parse(file.toString('utf8').replace(/^\uFEFF/u, ''));
  } catch (e) {
    throw new AppError('VALIDATION', `Tệp không phải JSON hợp lệ: ${(e as Error).message.slice(0, 120)}`, {
      file: 'không phải JSON',
    });
  }
  const features = (data as { features?: unknown[] } | null)?.features;
  const codes = Array.isArray(features)
    ? features
        .map((f) => (f as { properties?: { code?: unknown } } | null)?.properties?.code)
        .filter((c): c is string | number => typeof c === 'string' || typeof c === 'number')
        .map((c) => String(c).trim())
    : [];
  const ids = await repo.unitIdsByCode(ctx.db, [...new Set(codes)].slice(0, 50_000));
  const { boundaries, problems } = parseBoundaries(data, new Set(ids.keys()));
  if (problems.length > 0) {
    const rows: RowError[] = problems.map((p) => ({ line: Number(/^feature (\d+)/u.exec(p)?.[1] ?? 0), reason: p }));
    throw new AppError('IMPORT_INVALID', `Tệp ranh giới không hợp lệ (${problems[0]}); chưa ghi gì`, undefined, rows);
  }
  await ctx.db.transaction().execute(async (trx) => {
    await repo.upsertBoundaries(
      trx,
      boundaries.map((b) => ({ ...b, unitId: ids.get(b.code)! })),
      false,
      actor.id,
    );
    await writeAudit(trx, actor, 'import', 'unit_boundary', 'geojson', null, {
      units: boundaries.length,
      codes: boundaries.slice(0, 50).map((b) => b.code),
    });
  });
  return { units: boundaries.length };
}

/**
 * The boundaries of the areas of an area (the province's districts before the reform, communes after: the
 * kinds given), as a FeatureCollection with each unit's id, code and name on the date. Empty when none was
 * uploaded: then the page shows no map.
 */
export async function areaBoundaries(ctx: Ctx, areaId: number | null, asOf: string, kinds: string[]) {
  const { items } = await listUnitsAsOf(ctx.db, {
    asOf,
    ...(areaId ? { withinId: areaId } : {}),
    kinds,
    limit: 100_000,
    offset: 0,
  });
  const rows = await repo.boundariesOf(
    ctx.db,
    items.map((u) => u.id),
  );
  const byId = new Map(items.map((u) => [u.id, u]));
  return {
    type: 'FeatureCollection' as const,
    madeUp: rows.some((r) => r.made_up),
    features: rows.map((r) => ({
      type: 'Feature' as const,
      properties: { id: r.unit_id, code: r.code, name: byId.get(r.unit_id)?.name ?? r.code },
      geometry: r.geometry as Geometry,
    })),
  };
}

/** Squares for the demo province's communes, marked made-up (the map says so). */
export async function seedDemoBoundaries(ctx: Ctx, provinceId: number, centre: Position): Promise<number> {
  const { items } = await listUnitsAsOf(ctx.db, {
    asOf: todayInVietnam(),
    withinId: provinceId,
    kinds: ['commune'],
    limit: 10_000,
    offset: 0,
  });
  const grid = gridBoundaries(
    items.map((u) => u.code),
    centre,
    0.06,
  );
  await repo.upsertBoundaries(
    ctx.db,
    grid.map((g, i) => ({ ...g, unitId: items[i]!.id })),
    true,
    null,
  );
  return grid.length;
}
