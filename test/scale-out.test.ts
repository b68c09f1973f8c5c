import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { openPostgres } from '../src/db/engine.ts';
import { SYSTEM_ACTOR } from '../src/modules/context.ts';
import { createUser } from '../src/modules/users/service.ts';
import { createTestCtx } from './helpers/db.ts';
import { TEST_DATABASE_URL } from './helpers/environment.ts';
import { buildUnit } from './helpers/factories.ts';
import { killHard, login, PASSWORD, serverEnv, startServerProcess } from './helpers/processes.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A round-robin reverse proxy on loopback: each request goes to the next instance, with X-Forwarded-For;
 * `served` lists which instance answered each request.
 */
function roundRobin(backends: string[]) {
  let next = 0;
  const served: number[] = [];
  const server = http.createServer((req, res) => {
    const i = next++ % backends.length;
    served.push(i);
    const target = new URL(req.url ?? '/', backends[i]);
    const upstream = http.request(
      target,
      { method: req.method, headers: { ...req.headers, 'x-forwarded-for': '203.0.113.9' } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  return { server, served };
}

describe.skipIf(!TEST_DATABASE_URL)('two instances behind a reverse proxy, one PostgreSQL', () => {
  it('sessions, uploads, jobs and e-mail behave as with one: nothing twice', { timeout: 180_000 }, async () => {
    const ctx = await createTestCtx('postgres');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bdg-two-'));
    const received: string[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        stream.resume();
        stream.on('end', () => {
          received.push(...session.envelope.rcptTo.map((r) => r.address));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const smtpPort = (smtp.server.address() as { port: number }).port;
    const units = 40;
    const setup = openPostgres(ctx.databaseUrl!);
    const sctx = { db: setup.db, engine: 'postgres' as const, config: loadConfig({ BDG_DATA_DIR: dataDir }) };
    const own = await buildUnit(sctx, { kind: 'commune', code: 'XA-0' });
    await createUser(sctx, SYSTEM_ACTOR, { username: 'baocao', password: PASSWORD, role: 'reporter', unitId: own.id });
    for (let i = 1; i <= units; i++) {
      const u = await buildUnit(sctx, { kind: 'commune', code: `XA-${i}` });
      await createUser(sctx, SYSTEM_ACTOR, {
        username: `xa${i}`,
        password: PASSWORD,
        role: 'reporter',
        unitId: u.id,
        email: `xa${i}@example.org`,
      });
    }
    await setup.close();
    const env = serverEnv(dataDir, {
      DATABASE_URL: ctx.databaseUrl!,
      LOG_LEVEL: 'warn',
      BDG_TRUST_PROXY: 'true',
      BDG_REMIND_DAYS_BEFORE: '60',
      BDG_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    });
    // both start at once: both run the reminder job and the mailer straight away
    const [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    const proxy = roundRobin([a.address, b.address]);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(proxy.server.address() as { port: number }).port}`;
    try {
      // a session opened on one instance works on the other
      const headers = await login(base, 'baocao');
      for (let i = 0; i < 4; i++) {
        const me = await fetch(`${base}/api/auth/me`, { headers });
        expect(me.status).toBe(200);
      }
      // a file uploaded through one is evidence read through the other
      const pdf = Buffer.from('%PDF-1.4\n% biên bản hai máy chủ\n%%EOF\n');
      const form = new FormData();
      form.append('file', new Blob([pdf]), 'bien-ban.pdf');
      const { 'content-type': _json, ...uploadHeaders } = headers;
      const up = await fetch(`${base}/api/files`, { method: 'POST', headers: uploadHeaders, body: form });
      expect(up.status).toBe(201);
      const { sha256 } = (await up.json()) as { sha256: string };
      for (let i = 0; i < 2; i++) {
        const got = await fetch(`${base}/api/files/${sha256}`, { headers });
        expect(got.status).toBe(200);
        expect(Buffer.from(await got.arrayBuffer()).equals(pdf)).toBe(true);
      }
      expect(new Set(proxy.served).size).toBe(2);
      // the reminder job ran in both: each unit is reminded once, and each e-mail is delivered once
      for (let i = 0; i < 120 && received.length < units; i++) await sleep(250);
      await sleep(1500);
      expect(received.length).toBe(units);
      expect(new Set(received).size).toBe(units);
      const check = openPostgres(ctx.databaseUrl!);
      const notices = await check.db
        .selectFrom('notification')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('kind', '=', 'deadline_soon')
        .executeTakeFirstOrThrow();
      await check.close();
      expect(notices.n).toBe(units + 1);
    } finally {
      await killHard(a.child);
      await killHard(b.child);
      await new Promise<void>((resolve) => proxy.server.close(() => resolve()));
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await ctx.dispose();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
