import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { openPglite, openPostgres, type DbHandle, type Engine } from '../src/db/engine.ts';
import { migrate } from '../src/db/migrate.ts';
import { SYSTEM_ACTOR, type Ctx } from '../src/modules/context.ts';
import { createConvention } from '../src/modules/conventions/service.ts';
import { ensureSeedPlans } from '../src/modules/plans/service.ts';
import { importSessions } from '../src/modules/sessions/service.ts';
import { createUser } from '../src/modules/users/service.ts';
import { createTestCtx, ENGINES } from './helpers/db.ts';
import { TEST_DATABASE_URL } from './helpers/environment.ts';
import { buildUnit } from './helpers/factories.ts';
import { killHard, login, PASSWORD, serverEnv, startServerProcess } from './helpers/processes.ts';
import { pgliteFolder } from './helpers/templates.ts';

/**
 * kill -9 of the server or of the command line in the middle of the longest writes — a 20,000-row import,
 * a bulk approval of 500 records, a convention amendment, the reminder job — then a restart on the same
 * data folder (PGlite) or database (PostgreSQL): nothing is half-written, and the job, run again, sends
 * what it had not sent and nothing twice.
 */
const BIN = new URL('../bin/bdg.js', import.meta.url).pathname;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Installation {
  env: Record<string, string>;
  /** opens the database (for PGlite only while no process holds it) */
  open(): Promise<DbHandle>;
  dispose(): Promise<void>;
}

async function installation(engine: Engine): Promise<Installation> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bdg-faults-'));
  const env = serverEnv(dataDir, { LOG_LEVEL: 'warn', BDG_REMIND_DAYS_BEFORE: '60' });
  if (engine === 'pglite') {
    const folder = pgliteFolder(dataDir);
    return {
      env,
      open: () => openPglite(folder),
      dispose: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const ctx = await createTestCtx('postgres');
  env.DATABASE_URL = ctx.databaseUrl!;
  return {
    env,
    open: async () => openPostgres(ctx.databaseUrl!),
    dispose: async () => {
      await ctx.dispose();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs `fn` on the installation's database, opened and migrated, then closes it. */
async function withDb<T>(inst: Installation, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  const handle = await inst.open();
  try {
    await migrate(handle.db);
    const ctx: Ctx = { db: handle.db, engine: handle.engine, config: loadConfig(inst.env) };
    await ensureSeedPlans(ctx, SYSTEM_ACTOR);
    return await fn(ctx);
  } finally {
    await handle.close();
  }
}

const csvOf = (code: string, rows: number) =>
  [
    'unit_code,date,title,form,topics,participants_total,participants_female,participants_male',
    ...Array.from(
      { length: rows },
      (_, i) => `${code},2024-03-05,Hoạt động ${i + 1},conference,gender_equality_law,10,5,5`,
    ),
  ].join('\n');

for (const engine of ENGINES) {
  // each drill kills and restarts real processes several times: 15–31 s alone, over a minute beside other test files
  // on a busy 2-core machine (seen: 60 s timeouts in a full run), so each has three minutes
  const drill = { timeout: 180_000 };
  describe.skipIf(engine === 'postgres' && !TEST_DATABASE_URL)(
    `kill -9 during the longest writes [${engine}]`,
    drill,
    () => {
      const made: Installation[] = [];
      const fresh = async () => {
        const inst = await installation(engine);
        made.push(inst);
        return inst;
      };
      afterAll(async () => {
        for (const i of made) await i.dispose();
      });

      it('a 20,000-row import killed at any moment has imported all or nothing; run again, it completes', async () => {
        const inst = await fresh();
        const unit = await withDb(inst, (ctx) => buildUnit(ctx, { kind: 'commune' }));
        const file = path.join(inst.env.BDG_DATA_DIR!, 'hd.csv');
        fs.writeFileSync(file, csvOf(unit.code, 20_000));
        const counts: number[] = [];
        for (const delay of [1500, 4000, 8000]) {
          const child = spawn(process.execPath, [BIN, 'import', 'sessions', file], { env: inst.env, stdio: 'ignore' });
          await sleep(delay);
          const wasRunning = child.exitCode === null;
          await killHard(child);
          const n = await withDb(inst, async (ctx) => {
            const sessions = await ctx.db
              .selectFrom('communication_session')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow();
            const events = await ctx.db
              .selectFrom('record_event')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow();
            expect(events.n).toBe(sessions.n);
            return sessions.n;
          });
          counts.push(n);
          expect([0, 20_000]).toContain(n);
          if (!wasRunning || n === 20_000) break;
        }
        if (counts.at(-1) === 0) {
          const done = spawnSync(process.execPath, [BIN, 'import', 'sessions', file], {
            env: inst.env,
            encoding: 'utf8',
          });
          expect(done.status, done.stderr).toBe(0);
        }
        const final = await withDb(inst, (ctx) =>
          ctx.db
            .selectFrom('communication_session')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow(),
        );
        expect(final.n).toBe(20_000);
        // at least one kill landed while the import was running
        expect(counts[0]).toBe(0);
      });

      it('a bulk approval of 500 records and a convention amendment killed midway: all or nothing', async () => {
        const inst = await fresh();
        const conventionId = await withDb(inst, async (ctx) => {
          const unit = await buildUnit(ctx, { kind: 'commune' });
          const village = await buildUnit(ctx, { kind: 'village', parentCode: unit.code });
          await createUser(ctx, SYSTEM_ACTOR, { username: 'vanphong', password: PASSWORD, role: 'coordinator' });
          const reporter = { id: null, username: 'xa', role: 'reporter' as const, unitId: unit.id };
          await importSessions(ctx, reporter, Buffer.from(csvOf(unit.code, 500)));
          const clauses = Array.from(
            { length: 1500 },
            (_, i) => `Điều ${i + 1}. Con gái đã lấy chồng không được chia đất.`,
          );
          const c = await createConvention(ctx, SYSTEM_ACTOR, {
            villageUnitId: village.id,
            title: 'Hương ước dài',
            kind: 'huong_uoc',
            status: 'draft',
            text: clauses.join('\n'),
          });
          return c.id;
        });
        for (const delay of [20, 80, 200]) {
          const { child, address } = await startServerProcess(inst.env);
          const headers = await login(address, 'vanphong');
          const inbox = (await (await fetch(`${address}/api/inbox?limit=500`, { headers })).json()) as {
            items: { kind: string; id: number; version: number }[];
          };
          const approve = fetch(`${address}/api/inbox/approve`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ items: inbox.items.map(({ kind, id, version }) => ({ kind, id, version })) }),
          }).catch(() => null);
          const amend = fetch(`${address}/api/conventions/${conventionId}/amendments`, {
            method: 'POST',
            headers,
            body: JSON.stringify({
              text: Array.from({ length: 1500 }, (_, i) => `Điều ${i + 1}. Con trai, con gái đều được chia đất.`).join(
                '\n',
              ),
              effectiveDate: '2025-01-10',
              decisionNumber: `${delay}/QĐ`,
            }),
          }).catch(() => null);
          await sleep(delay);
          await killHard(child);
          await Promise.all([approve, amend]);
          await withDb(inst, async (ctx) => {
            const statuses = await ctx.db.selectFrom('communication_session').select('status').distinct().execute();
            expect(statuses.length, JSON.stringify(statuses)).toBe(1);
            const texts = await ctx.db
              .selectFrom('convention_text')
              .select('id')
              .where('convention_id', '=', conventionId)
              .execute();
            const findings = await ctx.db
              .selectFrom('convention_finding')
              .select(['text_id', 'status'])
              .where('convention_id', '=', conventionId)
              .execute();
            // an amendment lands whole: its text, and every finding of the old text resolved
            if (texts.length > 1) expect(findings.filter((f) => f.status === 'confirmed')).toEqual([]);
            expect(new Set(findings.map((f) => f.text_id)).size).toBeLessThanOrEqual(texts.length);
          });
        }
      });

      it(
        'the reminder job killed midway, then restarted: every ' + 'unit is reminded once, by notice and e-mail',
        async () => {
          const inst = await fresh();
          const units = await withDb(inst, async (ctx) => {
            const ids: number[] = [];
            for (let i = 0; i < 120; i++) {
              const u = await buildUnit(ctx, { kind: 'commune', code: `F${i}` });
              await createUser(ctx, SYSTEM_ACTOR, {
                username: `xa${i}`,
                password: PASSWORD,
                role: 'reporter',
                unitId: u.id,
                email: `xa${i}@example.org`,
              });
              ids.push(u.id);
            }
            return ids;
          });
          for (const delay of [300, 900]) {
            const { child } = await startServerProcess(inst.env);
            await sleep(delay);
            await killHard(child);
          }
          const { child } = await startServerProcess(inst.env);
          let mails = 0;
          for (let i = 0; i < 100 && mails < units.length; i++) {
            await sleep(300);
            if (engine === 'postgres') {
              mails = await withDb(inst, async (ctx) =>
                Number(
                  (
                    await ctx.db
                      .selectFrom('mail_outbox')
                      .select((eb) => eb.fn.countAll<number>().as('n'))
                      .executeTakeFirstOrThrow()
                  ).n,
                ),
              );
            } else break;
          }
          await sleep(engine === 'pglite' ? 4000 : 0);
          await killHard(child);
          await withDb(inst, async (ctx) => {
            const notices = await ctx.db
              .selectFrom('notification')
              .select(['user_id', 'dedupe_key'])
              .where('kind', '=', 'deadline_soon')
              .execute();
            const mail = await ctx.db.selectFrom('mail_outbox').select(['to_address', 'dedupe_key']).execute();
            expect(notices.length).toBe(units.length);
            expect(new Set(notices.map((n) => n.user_id)).size).toBe(units.length);
            expect(mail.length).toBe(units.length);
            expect(new Set(mail.map((m) => m.to_address)).size).toBe(units.length);
          });
        },
      );
    },
  );
}
