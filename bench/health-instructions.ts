/**
 * `npm run bench:health-instructions` (issue 15): instructions per answer of the app's /api/health and of a bare
 * Fastify route, counted by valgrind's callgrind (Debian package `valgrind`). The requests-per-second ratio that
 * issue 15 sets (≥ 0.70) moves by up to a half between rounds on this shared host, which has buried every change
 * of a few microseconds; a count of the instructions the server's main thread executes per answer moves much less
 * (4–7% between two runs on 4 December). It leaves out the kernel (system calls, loopback) and the compiler threads.
 *
 * Each server runs under callgrind (many times slower), is warmed with WARM requests so that V8 has
 * compiled its hot code, then its counters are zeroed, N requests are sent, and the counts are dumped. The app is
 * `bdg serve` without the web client (test/helpers/server-main.ts) on PostgreSQL (BENCH_DATABASE_URL or
 * TEST_DATABASE_URL; /api/health reads no database; the embedded one had not started after five minutes under
 * valgrind). Writes bench/results/health-instructions-latest.json with each server's instructions per answer
 * (main thread, and all threads) and bare ÷ app, and the functions of the node binary and libc that differ most.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createPostgresDatabase } from '../test/helpers/db.ts';
import { listeningAddress, serverEnv } from '../test/helpers/processes.ts';
import { BARE_FASTIFY } from './bare-fastify.ts';
import { machine } from './machine.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const pgUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
const WARM = Number(process.env.WARM ?? 30_000);
const N = Number(process.env.N ?? 3_000);
// vgdb (behind callgrind_control) names its pipes after USER and HOST: both sides must see the same ones
const VG_ENV = { USER: 'bdg-bench', HOST: '127.0.0.1' };

if (spawnSync('valgrind', ['--version']).status !== 0) throw new Error('valgrind is needed (apt-get install valgrind)');
if (!pgUrl) throw new Error('BENCH_DATABASE_URL (or TEST_DATABASE_URL) is needed');

interface Counted {
  mainThread: number;
  allThreads: number;
  functions: Map<string, number>;
}

async function count(name: string, args: string[], env: Record<string, string>, url: string): Promise<Counted> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bdg-cg-${name}-`));
  const out = path.join(dir, 'cg.out');
  const child = spawn(
    'valgrind',
    ['--tool=callgrind', '--separate-threads=yes', '--smc-check=all-non-file', `--callgrind-out-file=${out}`].concat(
      process.execPath,
      args,
    ),
    { cwd: root, env: { ...env, ...VG_ENV }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // under valgrind the app takes minutes to start
  const address = await listeningAddress(child, 1_800_000);
  const control = (flag: string) => {
    const r = spawnSync('callgrind_control', [flag, String(child.pid)], { env: { ...process.env, ...VG_ENV } });
    if (r.status !== 0) throw new Error(`callgrind_control ${flag}: ${r.stderr}`);
  };
  await autocannon({ url: address + url, connections: 10, amount: WARM });
  control('-z');
  const r = await autocannon({ url: address + url, connections: 10, amount: N });
  if (r.non2xx || r.errors) throw new Error(`${name}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  control('-d');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  const dumps = fs.readdirSync(dir).filter((f) => /\.1-\d+$/u.test(f));
  const summary = (f: string) => Number(/^summary: (\d+)/mu.exec(fs.readFileSync(path.join(dir, f), 'utf8'))![1]);
  const main = dumps.find((f) => f.endsWith('-01'))!;
  const result = {
    mainThread: Math.round(summary(main) / N),
    allThreads: Math.round(dumps.reduce((s, f) => s + summary(f), 0) / N),
    functions: functions(path.join(dir, main)),
  };
  fs.rmSync(dir, { recursive: true, force: true });
  return result;
}

/** Self cost per function of the node binary and libc (compiled JavaScript has no name here: "JIT"). */
function functions(file: string): Map<string, number> {
  const r = spawnSync('callgrind_annotate', ['--threshold=100', '--inclusive=no', file], { maxBuffer: 1 << 26 });
  const totals = new Map<string, number>();
  for (const line of r.stdout.toString().split('\n')) {
    const m = /^\s*([\d,]+) \(\s*[\d.]+%\)\s+(.*)$/u.exec(line);
    if (!m || m[2]!.includes('PROGRAM TOTALS')) continue;
    // "file:function [object]"; code that belongs to no object is V8's compiled JavaScript
    const fn = /\[\?\?\?\]$/u.test(m[2]!) ? 'JIT' : m[2]!.replace(/^[^:]*:/u, '').replace(/\s*\[[^[]*\]$/u, '');
    totals.set(fn, (totals.get(fn) ?? 0) + Number(m[1]!.replaceAll(',', '')));
  }
  return totals;
}

const created = await createPostgresDatabase(pgUrl, 'bdg_cg');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bdg-cg-data-'));
try {
  const [bare, app] = await Promise.all([
    count('bare', ['--input-type=module', '-e', BARE_FASTIFY], { PATH: process.env.PATH ?? '' }, '/health'),
    count(
      'app',
      ['--import', 'tsx', 'test/helpers/server-main.ts'],
      serverEnv(dataDir, { DATABASE_URL: created.url, LOG_LEVEL: 'error', NODE_ENV: 'production' }),
      '/api/health',
    ),
  ]);
  // callgrind_annotate also lists the frames every answer runs under (main, the event loop) with the whole
  // thread's count; they say nothing about where the difference is
  const frame = (fn: string) =>
    (bare.functions.get(fn) ?? 0) >= 0.9 * bare.mainThread * N ||
    (app.functions.get(fn) ?? 0) >= 0.9 * app.mainThread * N;
  const names = new Set([...bare.functions.keys(), ...app.functions.keys()].filter((fn) => !frame(fn)));
  const perAnswer = (c: Counted, fn: string) => Math.round((c.functions.get(fn) ?? 0) / N);
  const differences = [...names]
    .map((fn) => ({ function: fn, bare: perAnswer(bare, fn), app: perAnswer(app, fn) }))
    .sort((a, b) => b.app - b.bare - (a.app - a.bare))
    .slice(0, 25);
  const result = {
    date: new Date().toISOString(),
    machine: machine(),
    valgrind: spawnSync('valgrind', ['--version']).stdout.toString().trim(),
    warmRequests: WARM,
    countedRequests: N,
    instructionsPerAnswer: {
      bare: { mainThread: bare.mainThread, allThreads: bare.allThreads },
      health: { mainThread: app.mainThread, allThreads: app.allThreads },
    },
    mainThreadRatio: Math.round((bare.mainThread / app.mainThread) * 100) / 100,
    largestDifferences: differences,
  };
  const outFile = path.join(here, 'results', 'health-instructions-latest.json');
  fs.writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result.instructionsPerAnswer), 'ratio', result.mainThreadRatio, '→', outFile);
} finally {
  await created.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
