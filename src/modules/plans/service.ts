import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { AppError, invalid } from '../../core/errors.ts';
import { canManageUnits } from '../../core/permissions.ts';
import { parsePlan, PlanError, validatePlan, type Plan } from '../../core/plan-schema.ts';
import { writeAudit } from '../audit/repository.ts';
import type { Actor, Ctx } from '../context.ts';
import { currentSet } from '../media/sets.ts';
import { promiseCache } from '../memo.ts';
import { dataVersions, type DataVersions } from '../units/repository.ts';
import * as repo from './repository.ts';
import { fromRoot } from '../../project-root.ts';

export const PLANS_DIR = fromRoot('plans');

export interface LoadedPlan {
  plan: Plan;
  version: number;
}

/**
 * Stores a plan: the first version when the plan is new, a new version when it differs from the
 * latest, nothing when it is the same. Audited with the definition before and after.
 */
export async function savePlan(
  ctx: Ctx,
  actor: Actor,
  plan: Plan,
  note: string | null,
  expectedVersion?: number,
): Promise<LoadedPlan & { changed: boolean }> {
  return ctx.db.transaction().execute(async (trx) => {
    const latest = await repo.latestPlanVersion(trx, plan.id);
    if (expectedVersion !== undefined && latest?.version !== expectedVersion) throw new AppError('CONFLICT');
    if (latest && isDeepStrictEqual(latest.definition, JSON.parse(JSON.stringify(plan))))
      return { plan, version: latest.version, changed: false };
    const version = (latest?.version ?? 0) + 1;
    await repo.insertPlan(trx, plan.id, plan.name.vi);
    await repo
      .insertPlanVersion(trx, { planId: plan.id, version, definition: plan, note, createdBy: actor.id })
      .catch((e: unknown) => {
        // two edits of the same version at once: the primary key lets one through
        if ((e as { code?: string }).code === '23505') throw new AppError('CONFLICT');
        throw e;
      });
    await writeAudit(
      trx,
      actor,
      latest ? 'update' : 'create',
      'plan',
      `${plan.id}@${version}`,
      latest?.definition ?? null,
      plan,
    );
    return { plan, version, changed: true };
  });
}

/** Loads a plan file (YAML or JSON): `bdg plan load FILE`. */
export async function loadPlanFile(ctx: Ctx, actor: Actor, file: string) {
  if (!file || !fs.existsSync(file)) throw new AppError('VALIDATION', `Không tìm thấy tệp kế hoạch ${file}`);
  let plan: Plan;
  try {
    plan = parsePlan(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    if (e instanceof PlanError) throw new AppError('VALIDATION', e.message);
    throw e;
  }
  return savePlan(ctx, actor, plan, `Nạp từ tệp ${path.basename(file)}`);
}

/**
 * At start: every plan file in plans/ whose plan is not in the database yet is loaded (edits made in the UI
 * are never overwritten), and the media indicator set's first version from indicator-sets/.
 */
export async function ensureSeedPlans(ctx: Ctx, actor: Actor): Promise<string[]> {
  const loaded: string[] = [];
  for (const name of fs
    .readdirSync(PLANS_DIR)
    .filter((f) => /\.(ya?ml|json)$/u.test(f))
    .sort()) {
    const plan = parsePlan(fs.readFileSync(path.join(PLANS_DIR, name), 'utf8'));
    if (!(await repo.latestPlanVersion(ctx.db, plan.id))) {
      await savePlan(ctx, actor, plan, `Nạp từ tệp ${name}`);
      loaded.push(plan.id);
    }
  }
  // the plan's G4 reads the media indicator set: its first version comes from indicator-sets/ at the same time
  await currentSet(ctx.db);
  return loaded;
}

const loadedPlans = promiseCache<LoadedPlan>(20);

/**
 * A plan as stored (the latest version, or the one asked for), checked. Kept per version of the data: every
 * statement that writes a plan makes a new one (migration 0016), so a kept plan is never older than its key,
 * and a dashboard's read costs one small query instead of two and the plan's checks. Shared: callers must not
 * change it (editPlan works on a copy). `versions`: those the caller has just read, not read again.
 */
export async function getPlan(ctx: Ctx, id?: string, version?: number, versions?: DataVersions): Promise<LoadedPlan> {
  const { data } = versions ?? (await dataVersions(ctx.db));
  return loadedPlans(ctx.db, JSON.stringify([data, id ?? null, version ?? null]), () => loadPlan(ctx, id, version));
}

/** A plan at a version (the latest by default). */
async function loadPlan(ctx: Ctx, id?: string, version?: number): Promise<LoadedPlan> {
  const planId = id ?? (await repo.listPlans(ctx.db))[0]?.id;
  if (!planId) throw new AppError('NOT_FOUND', 'Chưa có kế hoạch nào; nạp một tệp kế hoạch (bdg plan load FILE)');
  const row =
    version === undefined
      ? await repo.latestPlanVersion(ctx.db, planId)
      : await repo.planVersion(ctx.db, planId, version);
  if (!row)
    throw new AppError('NOT_FOUND', `Không tìm thấy kế hoạch "${planId}"${version ? ` phiên bản ${version}` : ''}`);
  return { plan: validatePlan(row.definition), version: row.version };
}

export async function listPlans(ctx: Ctx) {
  return (await repo.listPlans(ctx.db)).map((p) => ({ id: p.id, name: p.name, version: Number(p.version) }));
}

export async function planVersions(ctx: Ctx, id: string) {
  return (await repo.listPlanVersions(ctx.db, id)).map((v) => ({
    version: v.version,
    note: v.note,
    createdAt: new Date(v.created_at).toISOString(),
    by: v.username,
  }));
}

export interface PlanEdit {
  /** the version being edited: a stale one gets 409 */
  version: number;
  note?: string | undefined;
  targets?: Record<string, Record<string, number>> | undefined;
  responsible?: Record<string, string[]> | undefined;
}

/** A coordinator's edit of targets and responsibilities: a new version, checked like a file. */
export async function editPlan(ctx: Ctx, actor: Actor, id: string, edit: PlanEdit): Promise<LoadedPlan> {
  if (!canManageUnits(actor)) throw new AppError('FORBIDDEN', 'Chỉ cơ quan thường trực được sửa kế hoạch');
  const current = await getPlan(ctx, id);
  if (current.version !== edit.version) throw new AppError('CONFLICT');
  const next: Plan = structuredClone(current.plan);
  const fields: Record<string, string> = {};
  for (const [code, targets] of Object.entries(edit.targets ?? {})) {
    const ind = next.goals.flatMap((g) => g.indicators).find((i) => i.code === code);
    if (!ind) fields[`targets.${code}`] = 'không có chỉ tiêu này trong kế hoạch';
    else ind.targets = targets;
  }
  for (const [code, kinds] of Object.entries(edit.responsible ?? {})) {
    const task = next.taskGroups.find((t) => t.code === code);
    if (!task) fields[`responsible.${code}`] = 'không có nhóm nhiệm vụ này';
    else task.responsible = kinds as Plan['taskGroups'][number]['responsible'];
  }
  if (Object.keys(fields).length > 0) throw invalid(fields);
  let plan: Plan;
  try {
    plan = validatePlan(next);
  } catch (e) {
    if (e instanceof PlanError)
      throw new AppError('VALIDATION', e.message, Object.fromEntries(e.problems.map((p, i) => [`plan.${i}`, p])));
    throw e;
  }
  const saved = await savePlan(
    ctx,
    actor,
    plan,
    edit.note?.trim() || 'Sửa mục tiêu, phân công trên giao diện',
    edit.version,
  );
  return { plan: saved.plan, version: saved.version };
}
