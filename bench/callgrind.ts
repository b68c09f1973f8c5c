/**
 * Instructions per answer of a server process, counted by valgrind's callgrind (Debian package `valgrind`), for
 * the issue 15 benches (health-instructions.ts, health-pieces.ts). The server runs under callgrind (many times
 * slower), is warmed with `warm` requests so that V8 has compiled its hot code, then its counters are zeroed, `n`
 * requests are sent, and the counts are dumped. The kernel (system calls, loopback) is left out.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { listeningAddress } from '../test/helpers/processes.ts';
import { machine } from './machine.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// vgdb (behind callgrind_control) names its pipes after USER and HOST: both sides must see the same ones
const VG_ENV = { USER: 'bdg-bench', HOST: '127.0.0.1' };

export function requireValgrind(): void {
  if (spawnSync('valgrind', ['--version']).status !== 0)
    throw new Error('valgrind is needed (apt-get install valgrind)');
}

/** What every result file of these benches starts with: when, on what, and how many requests. */
export const resultHeader = ({ warm, n }: Counting) => ({
  date: new Date().toISOString(),
  machine: machine(),
  valgrind: spawnSync('valgrind', ['--version']).stdout.toString().trim(),
  warmRequests: warm,
  countedRequests: n,
});

export interface Counted {
  mainThread: number;
  allThreads: number;
  functions: Map<string, number>;
}

export interface Counting {
  warm: number;
  n: number;
}

/** Runs `node args` under callgrind with `env` (it prints "LISTENING <address>"), asks `url` and counts. */
export async function countInstructions(
  name: string,
  args: string[],
  env: Record<string, string>,
  url: string,
  { warm, n }: Counting,
): Promise<Counted> {
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
  await autocannon({ url: address + url, connections: 10, amount: warm });
  control('-z');
  const r = await autocannon({ url: address + url, connections: 10, amount: n });
  if (r.non2xx || r.errors) throw new Error(`${name}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  control('-d');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  const dumps = fs.readdirSync(dir).filter((f) => /\.1-\d+$/u.test(f));
  const summary = (f: string) => Number(/^summary: (\d+)/mu.exec(fs.readFileSync(path.join(dir, f), 'utf8'))![1]);
  const main = dumps.find((f) => f.endsWith('-01'))!;
  const result = {
    mainThread: Math.round(summary(main) / n),
    allThreads: Math.round(dumps.reduce((s, f) => s + summary(f), 0) / n),
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
