import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { failoverDrillAvailable } from './helpers/environment.ts';
import { killHard, PASSWORD, serverEnv, startServerProcess } from './helpers/processes.ts';

/**
 * A standby and an automatic failover, as docs/deploy.md describes them: pg_auto_failover (a monitor and
 * two PostgreSQL nodes on loopback, synchronous replication), and in front of them a stand-in for HAProxy
 * that sends each new connection to whichever node is the primary. The primary's machine "dies" (kill -9
 * of its supervisor and of PostgreSQL) while a unit keeps saving sessions through the app: the app answers
 * 503 while there is no primary, never 500, carries on by itself once the standby is promoted, and every
 * session it had confirmed (201) is on the new primary. Runs where pg_autoctl is installed and the tests
 * run as root (to start PostgreSQL as the postgres user) — .ci/run installs it.
 */
const autoctl = failoverDrillAvailable() ? execFileSync('which', ['pg_autoctl'], { encoding: 'utf8' }).trim() : null;
const pgBin = fs.existsSync('/usr/lib/postgresql')
  ? path.join('/usr/lib/postgresql', fs.readdirSync('/usr/lib/postgresql').sort().at(-1)!, 'bin')
  : '';
const runnable = Boolean(autoctl && pgBin);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const BIN = new URL('../bin/bdg.js', import.meta.url).pathname;

function asPostgres(args: string[], log: string): ChildProcess {
  const out = fs.openSync(log, 'a');
  return spawn('runuser', ['-u', 'postgres', '--', 'env', `PATH=${pgBin}:${process.env.PATH}`, ...args], {
    stdio: ['ignore', out, out],
    detached: true,
  });
}

async function isPrimary(port: number): Promise<boolean> {
  const c = new pg.Client({
    host: '127.0.0.1',
    port,
    user: 'postgres',
    database: 'postgres',
    connectionTimeoutMillis: 500,
  });
  c.on('error', () => {}); // the node may die while the check is on its way
  try {
    await c.connect();
    const r = await c.query('select not pg_is_in_recovery() as p');
    return r.rows[0].p === true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

/** Each new connection goes to the node that answers as primary (checked every 250 ms). */
function primaryFollower(ports: number[]) {
  let primary: number | null = null;
  const timer = setInterval(async () => {
    for (const p of ports) if (await isPrimary(p)) return void (primary = p);
    primary = null;
  }, 250);
  const server = net.createServer((client) => {
    if (!primary) return void client.destroy();
    const upstream = net.connect(primary, '127.0.0.1');
    client.pipe(upstream).pipe(client);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  return { server, stop: () => clearInterval(timer), current: () => primary };
}

/** Both nodes in their wanted state: a primary, and a standby the monitor can promote. */
const standbyReady = (state: string) =>
  /\|\s+primary\s+\|\s+primary/u.test(state) && /\|\s+secondary\s+\|\s+secondary/u.test(state);

const tail = (file: string) =>
  fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').slice(-40).join('\n') : '';

describe.skipIf(!runnable)('failover with pg_auto_failover', () => {
  it(
    'the primary dies under writes: 503 meanwhile, never 500, no confirmed write lost',
    { timeout: 660_000 },
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bdg-failover-'));
      fs.chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), 0);
      // ports of their own, away from any cluster a failed earlier run may have left behind
      const base = 40_000 + Math.floor(Math.random() * 2_000) * 3;
      const monitorPort = base;
      const ports = [base + 1, base + 2];
      const monitor = `postgres://autoctl_node@127.0.0.1:${monitorPort}/pg_auto_failover?sslmode=disable`;
      const children: ChildProcess[] = [];
      let app: Awaited<ReturnType<typeof startServerProcess>> | null = null;
      const follower = primaryFollower(ports);
      try {
        children.push(
          asPostgres(
            [autoctl!, 'create', 'monitor', '--pgdata', `${dir}/monitor`, '--pgport', String(monitorPort)].concat([
              '--hostname',
              '127.0.0.1',
              '--auth',
              'trust',
              '--no-ssl',
              '--run',
            ]),
            `${dir}/monitor.log`,
          ),
        );
        await sleep(8000);
        for (const [i, port] of ports.entries()) {
          children.push(
            asPostgres(
              [autoctl!, 'create', 'postgres', '--pgdata', `${dir}/node${i}`, '--pgport', String(port)]
                .concat(['--hostname', '127.0.0.1', '--name', `node${i}`, '--monitor', monitor])
                .concat(['--auth', 'trust', '--no-ssl', '--dbname', 'bdg', '--run']),
              `${dir}/node${i}.log`,
            ),
          );
          await sleep(8000);
        }
        const clusterState = (what: 'state' | 'events') =>
          spawnSync('runuser', ['-u', 'postgres', '--', autoctl!, 'show', what, '--pgdata', `${dir}/monitor`], {
            encoding: 'utf8',
          }).stdout;
        // the standby's base backup waits for a checkpoint on the primary: ask for one. Under a full suite's
        // load the base backup can take minutes; the primary must not die before the standby is ready, or
        // there is nothing to promote (the likely cause of a CI run that waited four minutes for a write)
        let state = '';
        for (let i = 0; i < 120; i++) {
          spawnSync('runuser', [
            '-u',
            'postgres',
            '--',
            `${pgBin}/psql`,
            '-h',
            '127.0.0.1',
            '-p',
            String(ports[0]),
            '-d',
            'postgres',
            '-c',
            'checkpoint',
          ]);
          state = clusterState('state');
          if (standbyReady(state)) break;
          await sleep(2000);
        }
        expect(standbyReady(state), `the standby never became ready:\n${state}`).toBe(true);
        expect(await isPrimary(ports[0]!)).toBe(true);
        await new Promise<void>((resolve) => follower.server.listen(0, '127.0.0.1', resolve));
        const url = `postgres://postgres@127.0.0.1:${(follower.server.address() as net.AddressInfo).port}/bdg`;
        const env = serverEnv(path.join(dir, 'app'), {
          DATABASE_URL: url,
          LOG_LEVEL: 'error',
          BDG_DB_QUERY_TIMEOUT_SECONDS: '5',
        });
        // asynchronously: the proxy above runs in this process and must keep forwarding meanwhile
        const add = (...a: string[]) =>
          new Promise<{ status: number | null; out: string }>((resolve) => {
            const child = spawn(process.execPath, [BIN, ...a], { env });
            let out = '';
            child.stdout.on('data', (d: Buffer) => (out += d.toString()));
            child.stderr.on('data', (d: Buffer) => (out += d.toString()));
            child.on('exit', (status) => resolve({ status, out }));
          });
        const user = await add(
          'user',
          'add',
          '--username',
          'vanphong',
          '--password',
          PASSWORD,
          '--role',
          'coordinator',
        );
        expect(user.status, user.out).toBe(0);
        const units = path.join(dir, 'dv.csv');
        fs.writeFileSync(units, 'code,name,level,parent_code\n98,Tỉnh Thử,province,\n98001,Xã Thử,commune,98\n');
        expect((await add('import', 'units', units, '--valid-from', '2020-01-01')).status).toBe(0);
        const q = new pg.Client({ connectionString: url });
        await q.connect();
        const communeId = (await q.query(`select id from unit where code = '98001'`)).rows[0].id as number;
        await q.end();
        app = await startServerProcess(env);
        const login = await fetch(`${app.address}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'vanphong', password: PASSWORD }),
        });
        const headers = {
          cookie: login.headers.get('set-cookie')!.split(';')[0]!,
          'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken,
          'content-type': 'application/json',
        };
        // a unit keeps saving sessions; each one the app confirmed must survive
        const confirmed: string[] = [];
        const statuses: number[] = [];
        let killed = false;
        let recoveredAt = 0;
        const started = Date.now();
        for (let i = 0; Date.now() - started < 240_000; i++) {
          const title = `Hội nghị trong lúc chuyển máy ${i}`;
          const res = await fetch(`${app.address}/api/sessions`, {
            method: 'POST',
            headers,
            body: JSON.stringify({
              unitId: communeId,
              date: '2024-03-05',
              title,
              form: 'conference',
              topics: ['gender_equality_law'],
              participantsTotal: 10,
            }),
          }).catch(() => null);
          const status = res?.status ?? 0;
          statuses.push(status);
          if (status === 201) confirmed.push(title);
          if (i === 10 && !killed) {
            // the primary's machine dies: its supervisor and PostgreSQL, at once
            process.kill(-children[1]!.pid!, 'SIGKILL');
            spawnSync('pkill', ['-9', '-f', `${dir}/node0`]);
            killed = true;
          }
          if (killed && status === 201 && follower.current() === ports[1]) {
            recoveredAt = i;
            if (confirmed.length >= 15) break;
          }
          await sleep(100);
        }
        expect(killed).toBe(true);
        const why = () => `${clusterState('state')}\n${clusterState('events')}\n${tail(`${dir}/node1.log`)}`;
        expect(
          recoveredAt,
          recoveredAt > 10 ? '' : `no write after the standby's promotion:\n${why()}`,
        ).toBeGreaterThan(10);
        expect(statuses.filter((s) => s >= 500 && s !== 503)).toEqual([]);
        expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0);
        const c = new pg.Client({ host: '127.0.0.1', port: ports[1], user: 'postgres', database: 'bdg' });
        c.on('error', () => {});
        await c.connect();
        const rows = await c.query('select title from communication_session');
        await c.end();
        const saved = new Set(rows.rows.map((r) => r.title as string));
        expect(confirmed.filter((n) => !saved.has(n))).toEqual([]);
      } finally {
        if (app) await killHard(app.child);
        follower.stop();
        follower.server.close();
        // the supervisors first (each in the process group of the runuser that started it; their titles do
        // not name the folder), then PostgreSQL, until nothing of this run is left
        for (let i = 0; i < 20; i++) {
          for (const c of children) {
            try {
              process.kill(-c.pid!, 'SIGKILL');
            } catch {
              // already gone
            }
          }
          spawnSync('pkill', ['-9', '-f', dir]);
          if (spawnSync('pgrep', ['-f', dir]).status !== 0) break;
          await sleep(300);
        }
        fs.rmSync(dir, { recursive: true, force: true });
        for (const cfg of ['/var/lib/postgresql/.config', '/var/lib/postgresql/.local/share', '/tmp']) {
          fs.rmSync(path.join(cfg, 'pg_autoctl', dir), { recursive: true, force: true });
        }
      }
    },
  );
});
