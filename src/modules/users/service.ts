import { AppError, invalid } from '../../core/errors.ts';
import { canManageUsers, passwordProblem } from '../../core/permissions.ts';
import { cleanText } from '../../core/text.ts';
import { writeAudit } from '../audit/repository.ts';
import { deleteUserSessions } from '../auth/repository.ts';
import { hashPassword } from '../auth/passwords.ts';
import { forgetUserSessions, unlockLogin } from '../auth/service.ts';
import { ROLES, type Actor, type Ctx, type Role } from '../context.ts';
import { getUnitRow } from '../units/repository.ts';
import * as repo from './repository.ts';
import type { User, UserCreate, UserUpdate } from './schema.ts';

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,39}$/u;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;

/** An e-mail address cleaned, null when empty; records a field problem when it is not an address. */
function cleanEmail(value: string | null | undefined, fields: Record<string, string>): string | null | undefined {
  if (value === undefined) return undefined;
  const v = (value ?? '').normalize('NFC').trim().toLowerCase();
  if (!v) return null;
  if (!EMAIL.test(v)) fields.email = 'địa chỉ e-mail không hợp lệ';
  return v;
}

function toUser(r: Awaited<ReturnType<typeof repo.getUser>> & object, unitCode?: string | null): User {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role as Role,
    unitId: r.unit_id,
    unitCode: unitCode ?? null,
    email: r.email,
    active: r.active,
    version: r.version,
    lockedUntil: r.locked_until && r.locked_until.getTime() > Date.now() ? r.locked_until.toISOString() : null,
  };
}

function requireAdmin(actor: Actor): void {
  if (!canManageUsers(actor)) throw new AppError('FORBIDDEN', 'Chỉ quản trị viên được quản lý người dùng');
}

async function checkRoleAndUnit(ctx: Ctx, role: string, unitId: number | null): Promise<Record<string, string>> {
  const fields: Record<string, string> = {};
  if (!(ROLES as readonly string[]).includes(role)) fields.role = `vai trò phải là một trong: ${ROLES.join(', ')}`;
  if (role === 'reporter' && unitId === null) fields.unitId = 'người báo cáo phải gắn với một đơn vị';
  if (unitId !== null && !(await getUnitRow(ctx.db, unitId))) fields.unitId = 'không tìm thấy đơn vị';
  return fields;
}

export async function listUsers(ctx: Ctx, actor: Actor): Promise<User[]> {
  requireAdmin(actor);
  return (await repo.listUsers(ctx.db)).map((r) => toUser(r, r.unit_code));
}

export async function createUser(ctx: Ctx, actor: Actor, input: UserCreate): Promise<User> {
  requireAdmin(actor);
  const username = input.username.normalize('NFC').trim().toLowerCase();
  const unitId = input.unitId ?? null;
  const fields = await checkRoleAndUnit(ctx, input.role, unitId);
  if (!USERNAME.test(username))
    fields.username = 'tên đăng nhập gồm 3–40 ký tự: chữ thường không dấu, số, dấu chấm, gạch';
  const pw = passwordProblem(input.password, username);
  if (pw) fields.password = pw;
  const email = cleanEmail(input.email, fields) ?? null;
  if (Object.keys(fields).length > 0) throw invalid(fields);
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction().execute(async (trx) => {
    const { id } = await repo
      .insertUser(trx, {
        username,
        displayName: cleanText(input.displayName ?? '') || username,
        passwordHash,
        role: input.role,
        unitId,
        email,
      })
      .catch((e: unknown) => {
        if (String((e as { code?: string }).code) === '23505')
          throw new AppError('DUPLICATE', `Tên đăng nhập "${username}" đã tồn tại`, { username: 'đã tồn tại' });
        throw e;
      });
    const user = toUser((await repo.getUser(trx, id))!);
    await writeAudit(trx, actor, 'create', 'app_user', id, null, user);
    return user;
  });
}

export async function updateUser(ctx: Ctx, actor: Actor, id: number, input: UserUpdate): Promise<User> {
  requireAdmin(actor);
  const current = await repo.getUser(ctx.db, id);
  if (!current) throw new AppError('NOT_FOUND', 'Không tìm thấy người dùng');
  const role = input.role ?? current.role;
  const unitId = input.unitId === undefined ? current.unit_id : input.unitId;
  const fields = await checkRoleAndUnit(ctx, role, unitId);
  if (input.password !== undefined) {
    const pw = passwordProblem(input.password, current.username);
    if (pw) fields.password = pw;
  }
  if (actor.id === id && input.active === false) fields.active = 'không thể tự khoá tài khoản của mình';
  const email = cleanEmail(input.email, fields);
  if (Object.keys(fields).length > 0) throw invalid(fields);
  const patch = {
    ...(input.displayName !== undefined ? { display_name: cleanText(input.displayName) || current.username } : {}),
    role,
    unit_id: unitId,
    ...(input.active !== undefined ? { active: input.active } : {}),
    ...(email !== undefined ? { email } : {}),
    ...(input.password !== undefined ? { password_hash: await hashPassword(input.password) } : {}),
  };
  const updated = await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.updateUser(trx, id, input.version, patch))) throw new AppError('CONFLICT');
    if (input.password !== undefined || input.active === false) await deleteUserSessions(trx, id);
    const after = toUser((await repo.getUser(trx, id))!);
    await writeAudit(trx, actor, 'update', 'app_user', id, toUser(current), {
      ...after,
      passwordChanged: input.password !== undefined,
    });
    return after;
  });
  forgetUserSessions(ctx, id);
  return updated;
}

/** Lifts a user's login lock at once (admins only); the user can then sign in from any address. */
export async function unlockUser(ctx: Ctx, actor: Actor, id: number): Promise<User> {
  requireAdmin(actor);
  const current = await repo.getUser(ctx.db, id);
  if (!current) throw new AppError('NOT_FOUND', 'Không tìm thấy người dùng');
  await unlockLogin(ctx, actor, id, current.username);
  return toUser((await repo.getUser(ctx.db, id))!);
}
