import type { SessionInput } from '../../src/core/sessions.ts';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import type { UnitKind } from '../../src/core/units.ts';
import { SYSTEM_ACTOR, type Ctx, type Role } from '../../src/modules/context.ts';
import { writeUnitHistories } from '../../src/modules/units/repository.ts';
import { createUser } from '../../src/modules/users/service.ts';

let counter = 0;
const next = (): number => ++counter;

export interface UnitOverrides {
  code?: string;
  kind?: UnitKind;
  name?: string;
  parentCode?: string | null;
  from?: string;
  to?: string | null;
}

/** Creates a unit with one version; returns its id and code. */
export async function buildUnit(ctx: Ctx, o: UnitOverrides = {}): Promise<{ id: number; code: string }> {
  const n = next();
  const code = o.code ?? `T${n}-${Math.random().toString(36).slice(2, 8)}`;
  const ids = new Map<string, number>();
  if (o.parentCode) {
    const parent = await ctx.db
      .selectFrom('unit')
      .select(['id'])
      .where('code', '=', o.parentCode)
      .executeTakeFirstOrThrow();
    ids.set(o.parentCode, parent.id);
  }
  await writeUnitHistories(
    ctx.db,
    [
      {
        code,
        kind: o.kind ?? 'department',
        isNew: true,
        spans: [
          {
            from: o.from ?? '2020-01-01',
            to: o.to ?? null,
            value: { name: o.name ?? `Đơn vị thử ${n}`, parentCode: o.parentCode ?? null },
          },
        ],
      },
    ],
    ids,
  );
  return { id: ids.get(code)!, code };
}

export const TEST_PASSWORD = 'Mat-khau-thu-2025';

/** Creates a user with a known password. */
export async function buildUser(
  ctx: Ctx,
  role: Role,
  unitId: number | null = null,
): Promise<{ id: number; username: string; password: string }> {
  const username = `u${next()}${Math.random().toString(36).slice(2, 6)}`;
  const user = await createUser(ctx, SYSTEM_ACTOR, { username, password: TEST_PASSWORD, role, unitId });
  return { id: user.id, username, password: TEST_PASSWORD };
}

export async function buildTestApp(ctx: Ctx): Promise<FastifyInstance> {
  return buildApp({ ctx, checkResponses: true });
}

export interface Session {
  cookie: string;
  csrf: string;
  headers: Record<string, string>;
}

/** Logs in through the API; returns the cookie and the headers a state-changing request needs. */
export async function loginAs(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.headers['set-cookie'];
  const raw = Array.isArray(setCookie) ? setCookie[0]! : setCookie!;
  const cookie = raw.split(';')[0]!;
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}

/** A multipart body with one file, for inject(). */
export function multipart(
  filename: string,
  content: Buffer | string,
  contentType = 'application/octet-stream',
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----bdg${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ` +
      `${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, Buffer.isBuffer(content) ? content : Buffer.from(content), tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** A conference on the gender-equality law of a unit on a day, with its people (women apart). */
export function sessionInput(unitId: number, date: string, total = 10, female = Math.round(total / 2)): SessionInput {
  return {
    unitId,
    date,
    title: `Hội nghị ${date} (${total} người)`,
    form: 'conference',
    topics: ['gender_equality_law'],
    targetGroups: [],
    participantsTotal: total,
    participantsFemale: female,
    participantsMale: total - female,
    placeUnitId: null,
    notes: null,
  };
}
