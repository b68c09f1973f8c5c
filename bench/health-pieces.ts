/**
 * `npm run bench:health-pieces` (issue 15): which piece of the app's request path costs /api/health what. A bare
 * Fastify server (bench/pieces-server.ts) is counted by callgrind with nothing switched on, with each piece alone,
 * and with all of them; the figure is the main thread's instructions per answer, and each piece's cost is its
 * count minus the empty server's. Two servers are counted at a time (this host has two cores; instruction counts do
 * not depend on the other's load). VARIANTS (semicolon-separated lists of pieces, "" for none) replaces the default
 * set; WARM and N as in health-instructions.ts. Needs no database. Writes bench/results/health-pieces-latest.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { countInstructions, requireValgrind, resultHeader } from './callgrind.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const WARM = Number(process.env.WARM ?? 20_000);
const N = Number(process.env.N ?? 6_000);
// the app's pieces; 'logger' (Fastify's own pino children) beside them, for comparison
const ALL = 'headers,histogram,deferred-logger,gate,reqid,plugins';
const DEFAULT = ['', ...ALL.split(','), 'logger', 'one-header', ALL, ''];
const variants = process.env.VARIANTS === undefined ? DEFAULT : process.env.VARIANTS.split(';');

requireValgrind();

const counted: { pieces: string; mainThread: number; allThreads: number }[] = [];
for (let i = 0; i < variants.length; i += 2) {
  const pair = variants.slice(i, i + 2);
  const results = await Promise.all(
    pair.map((pieces, j) =>
      countInstructions(
        `pieces-${i + j}`,
        ['--import', 'tsx', 'bench/pieces-server.ts'],
        { PATH: process.env.PATH ?? '', PIECES: pieces, NODE_ENV: 'production' },
        '/api/health',
        { warm: WARM, n: N },
      ),
    ),
  );
  results.forEach((r, j) => {
    counted.push({ pieces: pair[j]!, mainThread: r.mainThread, allThreads: r.allThreads });
    console.log(JSON.stringify(pair[j]), r.mainThread);
  });
}
const empty = counted.filter((c) => c.pieces === '').map((c) => c.mainThread);
const floor = empty.length ? empty.reduce((a, b) => a + b, 0) / empty.length : NaN;
const result = {
  ...resultHeader({ warm: WARM, n: N }),
  note: 'main-thread instructions per answer; aboveEmpty = this variant minus the mean of the empty runs',
  variants: counted.map((c) => ({ ...c, aboveEmpty: Math.round(c.mainThread - floor) })),
};
const outFile = path.join(here, 'results', 'health-pieces-latest.json');
fs.writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);
console.log('→', outFile);
