/**
 * `npm run bench:routes`: what each read costs the server. A `bdg serve` process (the compiled build, as `npm start`
 * runs it) on each engine holds the generated province of bench:load (300 units, 30,000 sessions); signed in as the
 * office, every GET route of its OpenAPI document without a path parameter is asked in turn, one request at a time
 * after one warm-up request, until 2 s have passed (at least 3 answers, at most 200). Reported per route: status,
 * bytes, answers, the server's processor time per answer (user + system, from /proc), the median wall time, and the
 * server's resident memory after it; sorted by processor time. A required query parameter is filled where the bench
 * knows a value (year); a route needing another is listed as skipped. Then `/api/health/ready` asked while the
 * whole-sessions export runs and for as long again after it (duringExport). Writes bench/results/routes-latest.json
 * and a dated copy. PostgreSQL needs BENCH_DATABASE_URL (or TEST_DATABASE_URL).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Engine } from '../src/db/engine.ts';
import { killHard, login, startServerProcess } from '../test/helpers/processes.ts';
import { datedResultFile, machine, median } from './machine.ts';
import { cpuMicros, prepareProvince, rssMiB } from './province.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const pgUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
const engines: Engine[] = pgUrl ? ['pglite', 'postgres'] : ['pglite'];
const BUDGET_MS = 2000;
const MIN_ANSWERS = 3;
const MAX_ANSWERS = 200;
/** Values for required query parameters, by name. */
const KNOWN: Record<string, string> = { year: '2026' };

interface OpenApi {
  paths: Record<string, { get?: { parameters?: { in: string; name: string; required?: boolean }[] } }>;
}

/** The GET routes to ask, with their query filled, and those that need a parameter the bench cannot fill. */
function routesOf(doc: OpenApi): { urls: string[]; skipped: { path: string; needs: string[] }[] } {
  const urls: string[] = [];
  const skipped: { path: string; needs: string[] }[] = [];
  for (const [p, item] of Object.entries(doc.paths)) {
    if (!item.get || p.includes('{') || p.startsWith('/api/docs')) continue;
    const required = (item.get.parameters ?? []).filter((x) => x.in === 'query' && x.required).map((x) => x.name);
    const needs = required.filter((name) => !(name in KNOWN));
    if (needs.length) skipped.push({ path: p, needs });
    else urls.push(required.length ? `${p}?${required.map((n) => `${n}=${KNOWN[n]}`).join('&')}` : p);
  }
  return { urls: urls.sort(), skipped };
}

async function measure(address: string, pid: number, url: string, headers: Record<string, string>) {
  const ask = async () => {
    const res = await fetch(address + url, { headers });
    return { status: res.status, bytes: (await res.arrayBuffer()).byteLength };
  };
  await ask();
  const walls: number[] = [];
  const cpuBefore = cpuMicros(pid);
  const start = performance.now();
  let last = { status: 0, bytes: 0 };
  while (walls.length < MIN_ANSWERS || (walls.length < MAX_ANSWERS && performance.now() - start < BUDGET_MS)) {
    const t = performance.now();
    last = await ask();
    walls.push(performance.now() - t);
  }
  return {
    url,
    status: last.status,
    bytes: last.bytes,
    answers: walls.length,
    cpuMsPerAnswer: Math.round((cpuMicros(pid) - cpuBefore) / walls.length / 10) / 100,
    wallMsMedian: Math.round(median(walls) * 100) / 100,
    rssAfterMiB: rssMiB(pid),
  };
}

/**
 * Whether the server answers others while it exports: `/api/health/ready` (one database query and the process's own
 * turn) asked one request at a time for as long as the whole-sessions XLSX export takes, and for as long again with
 * nothing else running. Reported: the export's wall time, and the answers, median and slowest wall time of the probe
 * in each window.
 */
async function duringExport(address: string, headers: Record<string, string>) {
  const pings = async (until: () => boolean) => {
    const walls: number[] = [];
    while (!until()) {
      const t = performance.now();
      await (await fetch(`${address}/api/health/ready`)).arrayBuffer();
      walls.push(performance.now() - t);
    }
    const round = (ms: number) => Math.round(ms * 10) / 10;
    return { answers: walls.length, medianMs: round(median(walls)), slowestMs: round(Math.max(...walls)) };
  };
  let done = false;
  const started = performance.now();
  const exported = fetch(`${address}/api/sessions/export.xlsx`, { headers })
    .then((r) => r.arrayBuffer())
    .finally(() => (done = true));
  const [health, file] = await Promise.all([pings(() => done), exported]);
  const exportMs = Math.round(performance.now() - started);
  const alone = await pings(() => performance.now() - started > 2 * exportMs);
  return { exportMs, exportBytes: file.byteLength, readyDuringExport: health, readyAlone: alone };
}

const results: Record<string, unknown> = { date: new Date().toISOString(), machine: machine(), engines };
for (const engine of engines) {
  console.log(`[routes] ${engine}: preparing 300 units, 30,000 sessions…`);
  const province = await prepareProvince(engine, pgUrl);
  const server = await startServerProcess(province.env, { product: true });
  try {
    const pid = server.child.pid!;
    const { cookie } = await login(server.address, 'vanphong');
    const doc = (await (await fetch(`${server.address}/api/docs/json`)).json()) as OpenApi;
    const { urls, skipped } = routesOf(doc);
    const memoryBeforeMiB = rssMiB(pid);
    const routes = [];
    for (const url of urls) routes.push(await measure(server.address, pid, url, { cookie }));
    routes.sort((a, b) => b.cpuMsPerAnswer - a.cpuMsPerAnswer);
    for (const r of routes.slice(0, 12)) console.log(engine, r);
    const whileExporting = await duringExport(server.address, { cookie });
    console.log(engine, whileExporting);
    results[engine] = { memoryBeforeMiB, routes, skipped, whileExporting };
  } finally {
    await killHard(server.child);
    await province.dispose();
  }
}
const dir = path.join(here, 'results');
fs.writeFileSync(path.join(dir, 'routes-latest.json'), `${JSON.stringify(results, null, 2)}\n`);
fs.writeFileSync(datedResultFile(dir, 'routes-'), `${JSON.stringify(results, null, 2)}\n`);
console.log('[routes] written to bench/results/routes-latest.json');
