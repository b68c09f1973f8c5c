/**
 * `npm run bench:load`: the last days before a reporting deadline, on loopback. A server process (`bdg
 * serve` as `npm start` runs it: the compiled build, with the web client) on each engine holds a generated
 * province (300 units, 30,000 sessions); autocannon plays at once reporters saving and submitting sessions, the office
 * approving them one by one and reading its inbox and the completeness table, and leaders reading dashboards — at 10,
 * 50 and 200 connections (40% reporters, 20% office, 40% dashboards), 10 s each. Reported: requests/s, p50/p99 latency
 * and errors per group, and the server's resident memory before and after. In the same run, each in a process of its
 * own at 50 connections, in three rounds, the order reversed in the second (ratios: the median of the rounds): the
 * app's /api/health (no database), a signed-in read (GET /api/auth/me: the session from the session cache after its
 * first lookup), the same /api/health from a process logging every request to a rotating file (BDG_REQUEST_LOG,
 * BDG_LOG_FILE), and a bare Fastify route; with each server's processor time per answer; then the bare route and
 * /api/health loaded at the same time (`together`), which the host's drift moves alike. Then fifty dashboards read the
 * indicator table at once, alone and while a reporter saves sessions. Writes bench/results/load-latest.json and a
 * dated copy. PostgreSQL needs BENCH_DATABASE_URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { Engine } from '../src/db/engine.ts';
import { killHard, listeningAddress, login, serverEnv, startServerProcess } from '../test/helpers/processes.ts';
import { BARE_FASTIFY } from './bare-fastify.ts';
import { datedResultFile, machine, median } from './machine.ts';
import { cpuMicros, prepareProvince, rssMiB, type Province } from './province.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const pgUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
const engines: Engine[] = pgUrl ? ['pglite', 'postgres'] : ['pglite'];
const LEVELS = [10, 50, 200];
const SECONDS = 10;

type Headers = Record<string, string>;

function summary(r: autocannon.Result) {
  return {
    requests: r.requests.total,
    rps: Math.round(r.requests.average),
    p50ms: r.latency.p50,
    p99ms: r.latency.p99,
    errors: r.errors + r.timeouts + r.non2xx,
  };
}

async function deadlineDays(address: string, p: Province, connections: number) {
  const reporter = p.reporterUnits[connections % p.reporterUnits.length]!;
  const rep = await login(address, reporter.username);
  const office = await login(address, 'vanphong');
  const leader = await login(address, 'lanhdao');
  let n = 0;
  // sessions the reporter submits are the ones the office approves: ids come back in the answers
  const submitted: { id: number; version: number }[] = [];
  const reporters = autocannon({
    url: address,
    connections: Math.max(1, Math.round(connections * 0.4)),
    duration: SECONDS,
    requests: [
      {
        method: 'POST',
        path: '/api/sessions',
        headers: rep as Headers,
        setupRequest: (req) => ({
          ...req,
          body: JSON.stringify({
            unitId: reporter.unitId,
            date: '2026-11-20',
            // a title of its own per level: the same reporter's same title on the same day is refused as a repeat
            title: `Hội nghị trước hạn ${connections}-${++n}`,
            form: 'conference',
            topics: ['gender_equality_law'],
            participantsTotal: 40,
            participantsFemale: 25,
            participantsMale: 15,
            submit: true,
          }),
        }),
        onResponse: (status, body) => {
          if (status === 201) {
            const s = JSON.parse(body) as { id: number; version: number };
            submitted.push({ id: s.id, version: s.version });
          }
        },
      },
    ],
  });
  const officeRun = autocannon({
    url: address,
    connections: Math.max(1, Math.round(connections * 0.2)),
    duration: SECONDS,
    requests: [
      { method: 'GET', path: '/api/inbox?limit=20', headers: office as Headers },
      { method: 'GET', path: '/api/reports/completeness?period=2026-CN', headers: office as Headers },
      {
        method: 'POST',
        path: '/api/inbox',
        headers: office as Headers,
        setupRequest: (req) => {
          const s = submitted.shift();
          if (!s) return { ...req, method: 'GET', path: '/api/inbox?limit=5', body: undefined };
          return {
            ...req,
            path: `/api/sessions/${s.id}/transition`,
            body: JSON.stringify({ action: 'approve', version: s.version }),
          };
        },
      },
    ],
  });
  const dashboards = autocannon({
    url: address,
    connections: Math.max(1, Math.round(connections * 0.4)),
    duration: SECONDS,
    requests: [
      { method: 'GET', path: '/api/indicators?year=2026', headers: leader as Headers },
      { method: 'GET', path: '/api/indicators/G1?year=2026', headers: leader as Headers },
      { method: 'GET', path: '/api/sessions?limit=50', headers: leader as Headers },
    ],
  });
  const [r, o, d] = await Promise.all([reporters, officeRun, dashboards]);
  return { reporters: summary(r), office: summary(o), dashboards: summary(d) };
}

/**
 * Fifty dashboards reading the indicator table at once (issue 15): alone, then while one reporter saves a
 * session after another (each save makes a new data version, so the table is computed again).
 */
async function fiftyReaders(address: string, p: Province) {
  const leader = await login(address, 'lanhdao');
  const reporter = p.reporterUnits[0]!;
  const rep = await login(address, reporter.username);
  const readers = () =>
    autocannon({
      url: `${address}/api/indicators?year=2026`,
      connections: 50,
      duration: SECONDS,
      headers: leader as Headers,
    });
  const alone = summary(await readers());
  let n = 0;
  const writer = autocannon({
    url: `${address}/api/sessions`,
    connections: 1,
    duration: SECONDS,
    method: 'POST',
    headers: rep as Headers,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => ({
          ...req,
          body: JSON.stringify({
            unitId: reporter.unitId,
            date: '2026-11-21',
            title: `Hội nghị trong lúc đọc ${++n}`,
            form: 'conference',
            topics: ['gender_equality_law'],
            participantsTotal: 30,
            participantsFemale: 20,
            participantsMale: 10,
            submit: true,
          }),
        }),
      },
    ],
  });
  const [withWriter, written] = await Promise.all([readers(), writer]);
  return { readersAlone: alone, readersWhileWriting: summary(withWriter), writer: summary(written) };
}

/** A bare Fastify route in a process of its own, like the app's, so that both are measured alike. */
async function bareFastify(): Promise<{ child: ChildProcess; address: string }> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', BARE_FASTIFY], {
    cwd: path.resolve(here, '..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const address = await listeningAddress(child);
  return { child, address };
}

/** Rounds of the three measurements, alternated: this two-core machine's speed drifts by a fifth within a minute. */
const ROUNDS = 3;

/** Waits until the process has used under a tenth of a core for a second: the embedded database may still be
 * working through requests the last level's clients gave up on. */
async function quiet(pid: number): Promise<void> {
  const until = Date.now() + 300_000;
  for (let before = cpuMicros(pid); Date.now() < until;) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = cpuMicros(pid);
    if (now - before < 100_000) return;
    before = now;
  }
}

/** The median of per-round ratios, to two decimals. */
const medianRatio = (ratios: number[]): number => Math.round(median(ratios) * 100) / 100;

/**
 * A second app process that logs every request (BDG_REQUEST_LOG, level info) to a rotating file, on an empty
 * embedded database of its own (/api/health reads none): what production logging costs.
 */
async function loggingServer(): Promise<{ child: ChildProcess; address: string; dispose(): void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bdg-load-log-'));
  const env = serverEnv(path.join(dir, 'data'), {
    LOG_LEVEL: 'info',
    BDG_REQUEST_LOG: 'true',
    BDG_LOG_FILE: path.join(dir, 'logs', 'bdg.log'),
  });
  const { child, address } = await startServerProcess(env, { product: true });
  return { child, address, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The bare route and the app's /api/health under load at the same time, 25 connections each, in ROUNDS rounds: the
 * host's speed, which moves rounds taken one after the other by up to a half, then moves both alike. Reported: each
 * server's processor time per answer in the same window, and bare ÷ app of it (what the app could serve with a core
 * of its own, as a share of the bare route's); requests per second too, though there the two share one client.
 */
async function healthTogether(bare: { url: string; pid: number }, app: { url: string; pid: number }) {
  // processor time per answer in this window, and requests per second
  const load = async (t: { url: string; pid: number }) => {
    const before = cpuMicros(t.pid);
    const r = await autocannon({ url: t.url, connections: 25, duration: SECONDS }).then(summary);
    if (r.errors > 0) throw new Error('errors in the read comparison (together)');
    return { micros: Math.round(((cpuMicros(t.pid) - before) / r.requests) * 10) / 10, rps: r.rps };
  };
  const rounds = [];
  for (let i = 0; i < ROUNDS; i++) {
    const [b, h] = await Promise.all([load(bare), load(app)]);
    rounds.push({ bareMicros: b.micros, healthMicros: h.micros, bareRps: b.rps, healthRps: h.rps });
  }
  return {
    rounds,
    healthCpuRatio: medianRatio(rounds.map((r) => r.bareMicros / r.healthMicros)),
    healthRpsRatio: medianRatio(rounds.map((r) => r.healthRps / r.bareRps)),
  };
}

async function readVsBare(address: string, pid: number) {
  await quiet(pid);
  const viewer = await login(address, 'lanhdao');
  const bare = await bareFastify();
  const logged = await loggingServer();
  try {
    const run = (url: string, headers: Headers = {}, duration = SECONDS) =>
      autocannon({ url, connections: 50, duration, headers }).then(summary);
    // warm-up: the first seconds of each process run before its code is optimised
    const targets = {
      bare: { url: `${bare.address}/health`, pid: bare.child.pid! },
      health: { url: `${address}/api/health`, pid },
      healthLogged: { url: `${logged.address}/api/health`, pid: logged.child.pid! },
      me: { url: `${address}/api/auth/me`, pid, headers: viewer as Headers },
    };
    type Key = keyof typeof targets;
    for (const t of Object.values(targets)) await run(t.url, 'headers' in t ? t.headers : {}, 3);
    const rounds: Record<Key, number>[] = [];
    // the server's processor time per answer: steadier than requests per second on a machine whose speed drifts
    const cpu: Record<Key, number>[] = [];
    const order = Object.entries(targets) as [Key, (typeof targets)[Key]][];
    for (let i = 0; i < ROUNDS; i++) {
      const round = {} as Record<Key, number>;
      const micros = {} as Record<Key, number>;
      // reversed every other round: a server's place in the round moved its figure by up to a quarter when
      // measured by hand (docs/performance-history.md, 5 December); until 7 December bare Fastify always went first
      for (const [key, t] of i % 2 ? [...order].reverse() : order) {
        const before = cpuMicros(t.pid);
        const r = await run(t.url, 'headers' in t ? t.headers : {});
        if (r.errors > 0) throw new Error(`errors in the read comparison (${key})`);
        round[key] = r.rps;
        micros[key] = Math.round((cpuMicros(t.pid) - before) / r.requests);
      }
      rounds.push(round);
      cpu.push(micros);
    }
    const ratio = (key: Key) => medianRatio(rounds.map((r) => r[key] / r.bare));
    const micros = (key: Key) => median(cpu.map((c) => c[key]));
    return {
      rounds,
      healthRatio: ratio('health'),
      healthLoggedRatio: ratio('healthLogged'),
      signedInReadRatio: ratio('me'),
      serverMicrosPerAnswer: { bare: micros('bare'), health: micros('health'), healthLogged: micros('healthLogged') },
      together: await healthTogether(targets.bare, targets.health),
    };
  } finally {
    await killHard(bare.child);
    await killHard(logged.child);
    logged.dispose();
  }
}

const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  machine: machine(),
  engines,
  seconds: SECONDS,
};
for (const engine of engines) {
  console.log(`[load] ${engine}: preparing 300 units, 30,000 sessions…`);
  const p = await prepareProvince(engine, pgUrl);
  const server = await startServerProcess(p.env, { product: true });
  try {
    const pid = server.child.pid!;
    const out: Record<string, unknown> = { memoryBeforeMiB: rssMiB(pid) };
    for (const level of LEVELS) {
      out[`connections_${level}`] = await deadlineDays(server.address, p, level);
      console.log(engine, level, out[`connections_${level}`]);
    }
    out.memoryAfterMiB = rssMiB(pid);
    await quiet(pid);
    out.fiftyIndicatorReaders = await fiftyReaders(server.address, p);
    console.log(engine, out.fiftyIndicatorReaders);
    out.readVsBareFastify = await readVsBare(server.address, pid);
    console.log(engine, out.readVsBareFastify);
    results[engine] = out;
  } finally {
    await killHard(server.child);
    await p.dispose();
  }
}
const dir = path.join(here, 'results');
fs.writeFileSync(path.join(dir, 'load-latest.json'), `${JSON.stringify(results, null, 2)}\n`);
fs.writeFileSync(datedResultFile(dir, 'load-'), `${JSON.stringify(results, null, 2)}\n`);
console.log('[load] written to bench/results/load-latest.json');
