import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { todayInVietnam } from '../core/dates.ts';
import type { SessionInput } from '../core/sessions.ts';
import type { Span } from '../core/spans.ts';
import type { UnitState } from '../core/unit-import.ts';
import type { UnitKind } from '../core/units.ts';
import { writeAudit } from '../modules/audit/repository.ts';
import { hashPassword } from '../modules/auth/passwords.ts';
import { SYSTEM_ACTOR, type Ctx } from '../modules/context.ts';
import { getMeta, setMeta } from '../modules/meta/repository.ts';
import type { DemoInfo } from '../modules/meta/routes.ts';
import {
  createOfficialReport,
  finaliseOfficialReport,
  updateOfficialReport,
} from '../modules/official-reports/service.ts';
import { seedDemoBoundaries } from '../modules/geo/service.ts';
import { insertSessions } from '../modules/sessions/repository.ts';
import { insertUser } from '../modules/users/repository.ts';
import { insertSuccessors, writeUnitHistories } from '../modules/units/repository.ts';
import { DEMO_PROVINCE, demoUnits } from './province.ts';
import { intBetween, seededRandom } from './random.ts';
import { seedDemoMedia } from './media.ts';
import { seedDemoSurveys } from './surveys.ts';
import { seedDemoConventions } from './conventions.ts';
import { seedDemoRecords } from './records.ts';
import { demoSession, randomDateIn } from './sessions.ts';

export interface DemoLogin {
  username: string;
  password: string;
  role: string;
  unit: string | null;
  note: string;
}

const DEMO_USERS: { username: string; role: string; unitCode: string | null; displayName: string; note: string }[] = [
  { username: 'admin', role: 'admin', unitCode: null, displayName: 'Quản trị hệ thống (mẫu)', note: 'quản trị viên' },
  {
    username: 'dieuphoi',
    role: 'coordinator',
    unitCode: 'DEMO-SNV',
    displayName: 'Cán bộ Sở Nội vụ (mẫu)',
    note: 'cơ quan thường trực',
  },
  {
    username: 'phunu',
    role: 'reporter',
    unitCode: 'DEMO-HLHPN',
    displayName: 'Báo cáo viên Hội LHPN tỉnh (mẫu)',
    note: 'báo cáo của Hội Liên hiệp Phụ nữ tỉnh',
  },
  {
    username: 'xa.anhoa',
    role: 'reporter',
    unitCode: 'DEMO-X0101',
    displayName: 'Cán bộ văn hóa - xã hội phường (mẫu)',
    note: 'báo cáo của Phường An Hòa',
  },
  {
    username: 'thanhtra',
    role: 'inspector',
    unitCode: 'DEMO-SNV',
    displayName: 'Thanh tra Sở Nội vụ (mẫu)',
    note: 'ghi hồ sơ kiểm tra của Sở Nội vụ; còn lại chỉ xem',
  },
  {
    username: 'baochi',
    role: 'reporter',
    unitCode: 'DEMO-BPTTH',
    displayName: 'Biên tập viên Báo và PT-TH An Hòa (mẫu)',
    note: 'tự đánh giá Bộ chỉ số về giới, mã hoá tin bài của cơ quan báo chí',
  },
  { username: 'lanhdao', role: 'viewer', unitCode: null, displayName: 'Lãnh đạo UBND tỉnh (mẫu)', note: 'chỉ xem' },
];

export const demoLoginsFile = (dataDir: string): string => path.join(dataDir, 'demo-logins.json');

/** Units whose spans are written as new ones: returns code → id. */
async function writeNewUnits(
  ctx: Ctx,
  units: { code: string; kind: UnitKind; spans: Span<UnitState>[] }[],
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  await writeUnitHistories(
    ctx.db,
    units.map((u) => ({ ...u, isNew: true })),
    ids,
  );
  return ids;
}

/** Sessions for every unit and year: most units hold 2–4 a year, some fewer (so G1 has units short). */
function demoSessions(
  rnd: () => number,
  units: { id: number; spans: Span<UnitState>[] }[],
  fromYear: number,
  today: string,
): SessionInput[] {
  const out: SessionInput[] = [];
  const toYear = Number(today.slice(0, 4));
  for (const u of units) {
    const from = u.spans[0]!.from;
    const to = u.spans[u.spans.length - 1]!.to ?? today;
    for (let year = fromYear; year <= toYear; year++) {
      const r = rnd();
      const n = r < 0.08 ? 0 : r < 0.2 ? 1 : r < 0.55 ? 2 : intBetween(rnd, 3, 5);
      for (let i = 0; i < n; i++) {
        const date = randomDateIn(rnd, year, from, to < today ? to : today);
        if (date) out.push(demoSession(rnd, u.id, date));
      }
    }
  }
  return out;
}

/**
 * Fills an empty database with the demo province, its history, sessions 2021–today and one demo user
 * per role. Passwords are random, written to <data dir>/demo-logins.json (readable by the owner only)
 * and printed at start: no password is in the repository.
 */
export async function seedDemo(ctx: Ctx, seed = 2025): Promise<DemoLogin[]> {
  if (await getMeta<DemoInfo>(ctx.db, 'demo')) return [];
  const rnd = seededRandom(seed);
  const today = todayInVietnam();
  const { units, successors } = demoUnits();
  const logins: DemoLogin[] = [];
  const users = await Promise.all(
    DEMO_USERS.map(async (u) => {
      const password = `Demo-${randomBytes(6).toString('base64url')}-${intBetween(rnd, 10, 99)}`;
      return { ...u, password, hash: await hashPassword(password) };
    }),
  );
  await ctx.db.transaction().execute(async (trx) => {
    const tctx = { ...ctx, db: trx };
    const ids = await writeNewUnits(tctx, units);
    await insertSuccessors(
      trx,
      successors.map((s) => ({ from: ids.get(s.from)!, to: ids.get(s.to)!, date: s.date })),
    );
    const reporting = units.filter((u) => u.kind !== 'province').map((u) => ({ id: ids.get(u.code)!, spans: u.spans }));
    // the last six weeks' sessions are still waiting in the office's inbox; older ones were approved
    const sessions = demoSessions(rnd, reporting, 2021, today);
    const recent = new Date(Date.parse(today) - 42 * 86_400_000).toISOString().slice(0, 10);
    await insertSessions(
      trx,
      sessions.filter((x) => x.date < recent),
      null,
      'approved',
    );
    await insertSessions(
      trx,
      sessions.filter((x) => x.date >= recent),
      null,
      'submitted',
    );
    await seedDemoConventions(trx, ids);
    const records = await seedDemoRecords(
      trx,
      rnd,
      units
        .filter((u) => u.kind !== 'province')
        .map((u) => ({ id: ids.get(u.code)!, code: u.code, kind: u.kind, spans: u.spans })),
      today,
    );
    const userIds = new Map<string, number>();
    for (const u of users) {
      const { id } = await insertUser(trx, {
        username: u.username,
        displayName: u.displayName,
        passwordHash: u.hash,
        role: u.role,
        unitId: u.unitCode ? ids.get(u.unitCode)! : null,
      });
      userIds.set(u.username, id);
      logins.push({ username: u.username, password: u.password, role: u.role, unit: u.unitCode, note: u.note });
    }
    const media = await seedDemoMedia(trx, rnd, ids, {
      first: userIds.get('baochi')!,
      second: userIds.get('dieuphoi')!,
    });
    const surveys = await seedDemoSurveys(trx, rnd);
    const info: DemoInfo = {
      provinceCode: DEMO_PROVINCE.code,
      provinceName: DEMO_PROVINCE.name,
      createdAt: new Date().toISOString(),
    };
    await setMeta(trx, 'demo', info);
    await writeAudit(trx, SYSTEM_ACTOR, 'import', 'demo', DEMO_PROVINCE.code, null, {
      units: units.length,
      users: users.length,
      sessions: sessions.length,
      records,
      media,
      surveys,
    });
  });
  await seedDemoReport(ctx, Number(today.slice(0, 4)) - 1);
  // made-up squares for the communes, so that the leaders' map has something to show (it says they are made up)
  const province = await ctx.db
    .selectFrom('unit')
    .select('id')
    .where('code', '=', DEMO_PROVINCE.code)
    .executeTakeFirst();
  if (province) await seedDemoBoundaries(ctx, province.id, [106.0, 20.5]);
  fs.mkdirSync(ctx.config.dataDir, { recursive: true });
  fs.writeFileSync(demoLoginsFile(ctx.config.dataDir), JSON.stringify(logins, null, 2), { mode: 0o600 });
  return logins;
}

/** The demo logins saved when the demo was created, if this data folder has them. */
export function readDemoLogins(dataDir: string): DemoLogin[] {
  try {
    return JSON.parse(fs.readFileSync(demoLoginsFile(dataDir), 'utf8')) as DemoLogin[];
  } catch {
    return [];
  }
}

/** The yearly report of last year made final, so that the public portal shows figures (labelled demo). */
async function seedDemoReport(ctx: Ctx, year: number): Promise<void> {
  const draft = await createOfficialReport(ctx, SYSTEM_ACTOR, { kind: 'yearly', year });
  await updateOfficialReport(ctx, SYSTEM_ACTOR, draft.id, {
    issuer: { ...draft.issuer, signerName: 'Người Ký Mẫu (demo)' },
    narrative: {
      summary: 'BÁO CÁO MẪU (demo), lập tự động từ dữ liệu mẫu của tỉnh An Hòa; không phải báo cáo thật.',
    },
  });
  await finaliseOfficialReport(ctx, SYSTEM_ACTOR, draft.id);
}
