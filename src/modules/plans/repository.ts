import type { Db } from '../../db/engine.ts';

export async function insertPlan(db: Db, id: string, name: string) {
  await db
    .insertInto('plan')
    .values({ id, name })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export async function insertPlanVersion(
  db: Db,
  v: { planId: string; version: number; definition: unknown; note: string | null; createdBy: number | null },
) {
  await db
    .insertInto('plan_version')
    .values({
      plan_id: v.planId,
      version: v.version,
      definition: JSON.stringify(v.definition),
      note: v.note,
      created_by: v.createdBy,
    })
    .execute();
}

export async function latestPlanVersion(db: Db, planId: string) {
  return db
    .selectFrom('plan_version')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function planVersion(db: Db, planId: string, version: number) {
  return db
    .selectFrom('plan_version')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('version', '=', version)
    .executeTakeFirst();
}

export async function listPlans(db: Db) {
  return db
    .selectFrom('plan as p')
    .innerJoin('plan_version as v', 'v.plan_id', 'p.id')
    .select(['p.id', 'p.name', (eb) => eb.fn.max('v.version').as('version')])
    .groupBy(['p.id', 'p.name'])
    .orderBy('p.id')
    .execute();
}

export async function listPlanVersions(db: Db, planId: string) {
  return db
    .selectFrom('plan_version as v')
    .leftJoin('app_user as u', 'u.id', 'v.created_by')
    .select(['v.version', 'v.note', 'v.created_at', 'u.username'])
    .where('v.plan_id', '=', planId)
    .orderBy('v.version', 'desc')
    .execute();
}
