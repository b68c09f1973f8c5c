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
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPostgresDatabase } from '../test/helpers/db.ts';
import { serverEnv } from '../test/helpers/processes.ts';
import { BARE_FASTIFY } from './bare-fastify.ts';
import { type Counted, countInstructions, requireValgrind, resultHeader } from './callgrind.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const pgUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
const WARM = Number(process.env.WARM ?? 30_000);
const N = Number(process.env.N ?? 3_000);

requireValgrind();
if (!pgUrl) throw new Error('BENCH_DATABASE_URL (or TEST_DATABASE_URL) is needed');

const created = await createPostgresDatabase(pgUrl, 'bdg_cg');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bdg-cg-data-'));
try {
  const [bare, app] = await Promise.all([
    countInstructions(
      'bare',
      ['--input-type=module', '-e', BARE_FASTIFY],
      { PATH: process.env.PATH ?? '' },
      '/health',
      {
        warm: WARM,
        n: N,
      },
    ),
    countInstructions(
      'app',
      ['--import', 'tsx', 'test/helpers/server-main.ts'],
      serverEnv(dataDir, { DATABASE_URL: created.url, LOG_LEVEL: 'error', NODE_ENV: 'production' }),
      '/api/health',
      { warm: WARM, n: N },
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
    ...resultHeader({ warm: WARM, n: N }),
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
