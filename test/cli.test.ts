import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestCtx, ENGINES } from './helpers/db.ts';
import { TEST_DATABASE_URL } from './helpers/environment.ts';
import { pgliteFolder } from './helpers/templates.ts';

const BIN = new URL('../bin/bdg.js', import.meta.url).pathname;
const execFileAsync = promisify(execFile);

for (const engine of ENGINES) {
  describe.skipIf(engine === 'postgres' && !TEST_DATABASE_URL)(`the bdg command [${engine}]`, () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bdg-cli-'));
    if (engine === 'pglite') pgliteFolder(dataDir);
    let databaseUrl: string | undefined;
    let dispose: (() => Promise<void>) | undefined;
    const env = () => {
      const e: Record<string, string> = {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        BDG_DATA_DIR: dataDir,
      };
      if (databaseUrl) e.DATABASE_URL = databaseUrl;
      return e;
    };
    const bdg = (...args: string[]) =>
      spawnSync(process.execPath, [BIN, ...args], { env: env(), encoding: 'utf8', timeout: 120_000 });
    const file = (name: string, text: string) => {
      const p = path.join(dataDir, name);
      fs.writeFileSync(p, text);
      return p;
    };
    afterAll(async () => {
      await dispose?.();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('imports units, adds a user, prints indicators as JSON', async () => {
      if (engine === 'postgres') {
        const ctx = await createTestCtx('postgres');
        databaseUrl = ctx.databaseUrl;
        await ctx.db.destroy();
        dispose = ctx.dispose;
      }
      const units = file(
        'units.csv',
        'code,name,level,parent_code\nCLI-P,Tỉnh Dòng Lệnh,province,\nCLI-S,Sở Thử,department,CLI-P\nCLI-H,Hội ' +
          'Thử,association,CLI-P\n',
      );
      const imp = bdg('import', 'units', units, '--valid-from', '2020-01-01');
      expect(imp.status, imp.stderr).toBe(0);
      expect(imp.stdout).toContain('3 đơn vị mới');
      const again = bdg('import', 'units', units, '--valid-from', '2020-01-01');
      expect(again.stdout).toContain('3 không đổi');
      const sessions = file(
        'sessions.csv',
        'unit_code,date,title,form,participants_total,participants_female,participants_male\nCLI-S,2024-03-01,Hội ' +
          'nghị một,conference,10,5,5\nCLI-S,2024-04-01,Hội nghị hai,conference,10,5,5\nCLI-H,2024-04-01,Hội nghị ' +
          'ba,conference,10,5,5\n',
      );
      expect(bdg('import', 'sessions', sessions).status).toBe(0);
      // other record types by name; the Action Month plan and an activity in 15/11–15/12 make G3
      const plans = file(
        'amp.csv',
        'unit_code,date,title,year,activities_planned\nCLI-S,20/10/2024,Kế hoạch Tháng hành động 2024,2024,3\n',
      );
      const amp = bdg('import', 'action_month_plan', plans);
      expect(amp.stdout, amp.stderr).toContain('Đã nhập 1 hồ sơ');
      const course = file(
        'course.csv',
        'unit_code,date,title,end_date,audiences,participants_total\nCLI-S,20/11/2024,Tập huấn truyền thông ' +
          'viên,21/11/2024,Truyền thông viên,30\n',
      );
      expect(bdg('import', 'training_course', course).status).toBe(0);
      const unknown = bdg('import', 'spaceships', course);
      expect(unknown.stderr).toContain('training_course');
      const user = bdg(
        'user',
        'add',
        '--username',
        'cli.reporter',
        '--password',
        'Mat-khau-cli-2025',
        '--role',
        'reporter',
        '--unit',
        'CLI-S',
      );
      expect(user.status, user.stderr).toBe(0);
      const weak = bdg('user', 'add', '--username', 'cli.weak', '--password', 'abc', '--role', 'viewer');
      expect(weak.status).toBe(1);
      expect(weak.stderr).toContain('password');
      const out = bdg('indicators', '--year', '2024', '--json');
      expect(out.status, out.stderr).toBe(0);
      const rows = JSON.parse(out.stdout) as {
        code: string;
        year: number;
        value: number;
        numerator: number;
        denominator: number;
      }[];
      expect(rows.find((r) => r.code === 'G1')).toMatchObject({
        code: 'G1',
        year: 2024,
        value: 0.5,
        numerator: 1,
        denominator: 2,
        target: 1,
        planVersion: 1,
      });
      expect(rows.find((r) => r.code === 'G1.sessions')).toMatchObject({ value: 3 });
      expect(rows.find((r) => r.code === 'G6')).toMatchObject({ value: null, status: 'no_data' });
      expect(rows.find((r) => r.code === 'G3')).toMatchObject({ value: 1, numerator: 1, denominator: 1 });
      // another plan is another file: same indicators, a threshold of 1
      const seed = fs.readFileSync(new URL('../plans/bdg-2021-2030.yaml', import.meta.url), 'utf8');
      const other = file(
        'other.yaml',
        seed.replace('id: bdg-2021-2030', 'id: cli-plan').replace('threshold: 2', 'threshold: 1'),
      );
      const load = bdg('plan', 'load', other);
      expect(load.stdout, load.stderr).toContain('cli-plan, phiên bản 1');
      const withOther = JSON.parse(bdg('indicators', '--year', '2024', '--plan', 'cli-plan', '--json').stdout);
      expect(withOther.find((r: { code: string }) => r.code === 'G1')).toMatchObject({ value: 1, planId: 'cli-plan' });
      const area = JSON.parse(bdg('indicators', '--year', '2021', '--area', 'CLI-P', '--json').stdout);
      expect(area.find((r: { code: string }) => r.code === 'G1').value).toBe(0);
    }, 180_000);

    it('reports every bad row of a file with its line, writes nothing, exits 1', () => {
      const bad = file(
        'bad.csv',
        'code,name,level,parent_code\nOK-1,Tốt,department,\nBAD-1,,department,\nBAD-2,Xấu,space,\n',
      );
      const r = bdg('import', 'units', bad, '--valid-from', '2020-01-01');
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('dòng 3 [name]');
      expect(r.stderr).toContain('dòng 4 [level]');
      const list = bdg('indicators', '--year', '2024', '--json');
      expect(JSON.parse(list.stdout).find((r: { code: string }) => r.code === 'G1').denominator).toBe(2);
    }, 120_000);

    it('bdg aggregates verify finds a corrupted aggregate (exit 3), rebuild repairs it', async () => {
      const ok = bdg('aggregates', 'verify');
      expect(ok.status, ok.stderr).toBe(0);
      expect(ok.stdout).toContain('0 chênh lệch');
      const { openPglite, openPostgres } = await import('../src/db/engine.ts');
      const handle = databaseUrl ? openPostgres(databaseUrl) : await openPglite(path.join(dataDir, 'pglite'));
      try {
        await sql`update agg_session set sessions = sessions + 5`.execute(handle.db);
      } finally {
        await handle.close();
      }
      const bad = bdg('aggregates', 'verify', '--json');
      expect(bad.status).toBe(3);
      const { differences } = JSON.parse(bad.stdout) as { differences: { stored: { sessions: number } }[] };
      expect(differences.length).toBeGreaterThan(0);
      const rebuilt = bdg('aggregates', 'rebuild');
      expect(rebuilt.status, rebuilt.stderr).toBe(0);
      expect(rebuilt.stdout).toMatch(/Đã tính lại agg_session: \d+ nhóm/u);
      expect(bdg('aggregates', 'verify').status).toBe(0);
      expect(bdg('aggregates', 'check').stderr).toContain('bdg aggregates verify|rebuild');
    }, 120_000);
  });
}

describe('the embedded database folder', () => {
  it('refuses a second process while one holds it, and says what to do', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bdg-lock-'));
    const { openPglite } = await import('../src/db/engine.ts');
    const held = await openPglite(path.join(dataDir, 'pglite'));
    try {
      const r = spawnSync(process.execPath, [BIN, 'migrate'], {
        env: { PATH: process.env.PATH ?? '', BDG_DATA_DIR: dataDir },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('đang được tiến trình');
    } finally {
      await held.close();
    }
    const after = spawnSync(process.execPath, [BIN, 'migrate'], {
      env: { PATH: process.env.PATH ?? '', BDG_DATA_DIR: dataDir },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(after.status, after.stderr).toBe(0);
    // a copy of the folder made while a process runs the original starts: the lock names the original
    const original = await openPglite(path.join(dataDir, 'pglite'));
    try {
      const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'bdg-copy-'));
      fs.cpSync(path.join(dataDir, 'pglite'), path.join(copy, 'pglite'), { recursive: true });
      fs.cpSync(path.join(dataDir, 'pglite.lock'), path.join(copy, 'pglite.lock'));
      const started = spawnSync(process.execPath, [BIN, 'migrate'], {
        env: { PATH: process.env.PATH ?? '', BDG_DATA_DIR: copy },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(started.status, started.stderr).toBe(0);
      fs.rmSync(copy, { recursive: true, force: true });
    } finally {
      await original.close();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);

  it('six processes starting at once on a stale lock: exactly one holds the folder, the others are told', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bdg-race-'));
    const folder = path.join(dataDir, 'pglite');
    fs.writeFileSync(`${folder}.lock`, `2147483646\n${path.resolve(folder)}`);
    const engine = new URL('../src/db/engine.ts', import.meta.url).href;
    // a barrier of marker files instead of a fixed instant: on a busy machine a process can take longer than any
    // fixed delay to start, then find the lock already released and hold it too. Each process waits until all six
    // are ready, takes the lock (or is refused), and the one that holds it keeps it until all six have tried.
    const barrier = fs.mkdtempSync(path.join(os.tmpdir(), 'bdg-race-barrier-'));
    const script = [
      `const { lockDataDir } = await import(${JSON.stringify(engine)});`,
      "const fs = await import('node:fs');",
      `const dir = ${JSON.stringify(barrier)};`,
      'const count = (p) => fs.readdirSync(dir).filter((f) => f.startsWith(p)).length;',
      'const pause = new Int32Array(new SharedArrayBuffer(4));',
      'const limit = Date.now() + 30000;',
      "fs.writeFileSync(`${dir}/ready-${process.pid}`, '');",
      "while (count('ready-') < 6 && Date.now() < limit) Atomics.wait(pause, 0, 0, 2);",
      "const tried = () => fs.writeFileSync(`${dir}/tried-${process.pid}`, '');",
      'try {',
      `  const unlock = lockDataDir(${JSON.stringify(folder)});`,
      "  console.log('HELD');",
      '  tried();',
      '  const t = setInterval(() => {',
      "    if (count('tried-') < 6 && Date.now() < limit) return;",
      '    clearInterval(t);',
      '    unlock();',
      '  }, 20);',
      '} catch (e) {',
      '  console.log(e.message);',
      '  tried();',
      '}',
    ].join('\n');
    const runs = await Promise.all(
      Array.from({ length: 6 }, () =>
        execFileAsync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
          encoding: 'utf8',
        }),
      ),
    );
    const outs = runs.map((r) => r.stdout.trim());
    expect(outs.filter((o) => o === 'HELD')).toHaveLength(1);
    for (const o of outs.filter((x) => x !== 'HELD')) expect(o).toContain('đang được tiến trình');
    expect(fs.readdirSync(dataDir)).toEqual([]);
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(barrier, { recursive: true, force: true });
  }, 60_000);

  it("opens after a kill that left PostgreSQL's lock file empty; a folder it cannot start on is named", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bdg-pid-'));
    const folder = path.join(dataDir, 'pglite');
    const env = { PATH: process.env.PATH ?? '', BDG_DATA_DIR: dataDir, BDG_DEMO: 'off' };
    const { openPglite } = await import('../src/db/engine.ts');
    const first = await openPglite(folder);
    await sql`create table kept (v text)`.execute(first.db);
    await sql`insert into kept values ('Hà Giang')`.execute(first.db);
    await first.close();
    // what a kill -9 between the creation of postmaster.pid and its first write leaves, beside our own stale lock
    fs.writeFileSync(path.join(folder, 'postmaster.pid'), '');
    fs.writeFileSync(`${folder}.lock`, `2147483646\n${path.resolve(folder)}`);
    const r = spawnSync(process.execPath, [BIN, 'migrate'], { env, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const again = await openPglite(folder);
    const rows = await sql<{ v: string }>`select v from kept`.execute(again.db);
    expect(rows.rows).toEqual([{ v: 'Hà Giang' }]);
    await again.close();
    // a folder PostgreSQL cannot start on: a clear message naming it and the way back, no stack trace
    fs.writeFileSync(path.join(folder, 'global', 'pg_control'), '');
    const broken = spawnSync(process.execPath, [BIN, 'migrate'], { env, encoding: 'utf8', timeout: 60_000 });
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain(`Không mở được cơ sở dữ liệu nhúng trong thư mục ${folder}`);
    expect(broken.stderr).toContain('bdg restore');
    expect(broken.stderr).not.toMatch(/\n\s+at /u);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);
});
