/**
 * What the server benchmarks share: a generated province on disk for a `bdg serve` process (300 units, 30,000
 * sessions over 2024–2026, 40 commune reporters, an office and a leader, every password PASSWORD), and readings
 * of a server process from /proc.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import { openPglite, openPostgres, type DbHandle, type Engine } from '../src/db/engine.ts';
import { migrate } from '../src/db/migrate.ts';
import { generateDataset } from '../src/demo/dataset.ts';
import { SYSTEM_ACTOR } from '../src/modules/context.ts';
import { ensureSeedPlans } from '../src/modules/plans/service.ts';
import { createUser } from '../src/modules/users/service.ts';
import { createPostgresDatabase } from '../test/helpers/db.ts';
import { PASSWORD, serverEnv } from '../test/helpers/processes.ts';

export interface Province {
  /** the environment of a server process on it */
  env: Record<string, string>;
  reporterUnits: { username: string; unitId: number }[];
  dispose(): Promise<void>;
}

/** The province on `engine`; PostgreSQL gets a database of its own on `pgUrl`, dropped by dispose. */
export async function prepareProvince(engine: Engine, pgUrl?: string): Promise<Province> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bdg-load-'));
  const env = serverEnv(dataDir, { LOG_LEVEL: 'error', BDG_LOGIN_MAX_PER_MINUTE: '1000' });
  let handle: DbHandle;
  let drop = async () => {};
  if (engine === 'pglite') handle = await openPglite(path.join(dataDir, 'pglite'));
  else {
    const created = await createPostgresDatabase(pgUrl!, 'bdg_load');
    env.DATABASE_URL = created.url;
    handle = openPostgres(created.url);
    drop = created.drop;
  }
  await migrate(handle.db);
  const ctx = { db: handle.db, engine, config: loadConfig(env) };
  await ensureSeedPlans(ctx, SYSTEM_ACTOR);
  await generateDataset(ctx, { units: 300, fromYear: 2024, toYear: 2026, seed: 11, sessions: 30_000 });
  const communes = await handle.db.selectFrom('unit').select('id').where('kind', '=', 'commune').limit(40).execute();
  const reporterUnits: Province['reporterUnits'] = [];
  for (const [i, c] of communes.entries()) {
    await createUser(ctx, SYSTEM_ACTOR, { username: `bc${i}`, password: PASSWORD, role: 'reporter', unitId: c.id });
    reporterUnits.push({ username: `bc${i}`, unitId: c.id });
  }
  await createUser(ctx, SYSTEM_ACTOR, { username: 'vanphong', password: PASSWORD, role: 'coordinator' });
  await createUser(ctx, SYSTEM_ACTOR, { username: 'lanhdao', password: PASSWORD, role: 'viewer' });
  await handle.close();
  return {
    env,
    reporterUnits,
    dispose: async () => {
      await drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A process's resident memory in MiB. */
export const rssMiB = (pid: number): number => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/u.exec(status)![1]) / 1024);
};

/** A process's processor time (user + system) in microseconds, from /proc (counted in hundredths of a second). */
export function cpuMicros(pid: number): number {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1e6) / 100;
}
