import { expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { startJob } from '../../src/modules/jobs.ts';
import { describeEachEngine } from '../helpers/db.ts';
import { buildTestApp, buildUser, loginAs } from '../helpers/factories.ts';

describeEachEngine('operations: request ids and metrics', (ctx) => {
  it('answers with a request id (the caller’s when it is a plain token)', async () => {
    const app = await buildTestApp(ctx());
    const own = await app.inject({ method: 'GET', url: '/api/health' });
    expect(own.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/u);
    const given = await app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'proxy-42.a' } });
    expect(given.headers['x-request-id']).toBe('proxy-42.a');
    const hostile = await app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-request-id': 'a\tb {"x":1}' },
    });
    expect(hostile.headers['x-request-id']).not.toContain('{');
  });

  it('logs one line per request with its id when BDG_REQUEST_LOG is on, none when off (the default)', async () => {
    const lines: Record<string, unknown>[] = [];
    const stream = { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) };
    for (const requestLog of [true, false]) {
      lines.length = 0;
      const app = await buildApp({ ctx: { ...ctx(), config: { ...ctx().config, requestLog } }, logger: stream });
      await app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'nhat-ky-1' } });
      await app.inject({ method: 'GET', url: '/api/khong-co' });
      const requests = lines.filter((l) => l.msg === 'request');
      if (requestLog) {
        expect(requests).toEqual([
          expect.objectContaining({ reqId: 'nhat-ky-1', method: 'GET', route: '/api/health', status: 200 }),
          expect.objectContaining({ method: 'GET', route: 'unmatched', status: 404 }),
        ]);
        // the keys, in order, of the line the request's own pino child wrote before the line went through the
        // server's logger with the request's id (metrics/request-observer.ts): a reader of the log sees no change
        for (const line of requests)
          expect(Object.keys(line)).toEqual([
            'level',
            'time',
            'pid',
            'hostname',
            'reqId',
            'method',
            'route',
            'status',
            'ms',
            'msg',
          ]);
      } else expect(requests).toEqual([]);
      // Fastify's own "incoming request" / "request completed" lines stay off either way
      expect(lines.filter((l) => l.msg === 'incoming request' || l.msg === 'request completed')).toEqual([]);
      await app.close();
    }
  });

  it('serves Prometheus metrics to a scraper with the token or to an admin, to nobody else', async () => {
    const token = 'jeton-thu-nghiem-metrics-2025';
    const app = await buildTestApp({ ...ctx(), config: { ...ctx().config, metricsToken: token } });
    await app.inject({ method: 'GET', url: '/api/health' });
    await app.inject({ method: 'GET', url: '/api/units' });
    expect((await app.inject({ method: 'GET', url: '/api/metrics' })).statusCode).toBe(401);
    const wrong = await app.inject({ method: 'GET', url: '/api/metrics', headers: { authorization: 'Bearer sai' } });
    expect(wrong.statusCode).toBe(401);
    const viewer = await loginAs(app, (await buildUser(ctx(), 'viewer')).username);
    expect((await app.inject({ method: 'GET', url: '/api/metrics', headers: viewer.headers })).statusCode).toBe(403);
    const res = await app.inject({ method: 'GET', url: '/api/metrics', headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/u);
    expect(res.body).toMatch(
      /bdg_http_request_duration_seconds_count\{method="GET",route="\/api\/health",status="200"\} \d+/u,
    );
    expect(res.body).toMatch(/route="\/api\/units",status="401"/u);
    // the request histogram is written beside prom-client's families, once, with its buckets
    expect(res.body.match(/^# TYPE bdg_http_request_duration_seconds histogram$/gmu)).toHaveLength(1);
    expect(res.body).toMatch(
      /^bdg_http_request_duration_seconds_bucket\{method="GET",route="\/api\/health",status="200",le="\+Inf"\} \d+$/mu,
    );
    expect(res.body).toMatch(/^# TYPE bdg_job_runs_total counter$/mu);
    expect(res.body).toContain('bdg_db_pool_connections');
    const job = `thu-nghiem-${Math.random().toString(36).slice(2, 8)}`;
    const stop = startJob(job, 60_000, async () => {
      throw new Error('hỏng thử');
    });
    await new Promise((r) => setTimeout(r, 50));
    stop();
    const after = await app.inject({
      method: 'GET',
      url: '/api/metrics',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(after.body).toContain(`bdg_job_runs_total{job="${job}",outcome="failed"} 1`);
    const admin = await loginAs(app, (await buildUser(ctx(), 'admin')).username);
    expect((await app.inject({ method: 'GET', url: '/api/metrics', headers: admin.headers })).statusCode).toBe(200);
  });
});
