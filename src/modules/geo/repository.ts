import type { Boundary } from '../../core/geo.ts';
import type { Db } from '../../db/engine.ts';

/** Replaces the boundaries of these units (others keep theirs). */
export async function upsertBoundaries(
  db: Db,
  rows: (Boundary & { unitId: number })[],
  madeUp: boolean,
  userId: number | null,
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('unit_boundary')
      .values(
        rows.slice(i, i + 500).map((r) => ({
          unit_id: r.unitId,
          geometry: JSON.stringify(r.geometry),
          made_up: madeUp,
          updated_by: userId,
        })),
      )
      .onConflict((oc) =>
        oc.column('unit_id').doUpdateSet((eb) => ({
          geometry: eb.ref('excluded.geometry'),
          made_up: eb.ref('excluded.made_up'),
          updated_at: new Date(),
          updated_by: eb.ref('excluded.updated_by'),
        })),
      )
      .execute();
}

/** The boundaries of these units, with their code. */
export async function boundariesOf(db: Db, unitIds: number[]) {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('unit_boundary as b')
    .innerJoin('unit as u', 'u.id', 'b.unit_id')
    .select(['b.unit_id', 'u.code', 'b.geometry', 'b.made_up'])
    .where('b.unit_id', 'in', unitIds)
    .execute();
}

export async function unitIdsByCode(db: Db, codes: string[]): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const rows = await db.selectFrom('unit').select(['id', 'code']).where('code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

export async function countBoundaries(db: Db): Promise<number> {
  const r = await db
    .selectFrom('unit_boundary')
    .select((e) => e.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
