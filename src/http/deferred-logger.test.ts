import Fastify, { LogController } from 'fastify';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { deferredLogger } from './deferred-logger.ts';

function rootLogger(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  let children = 0;
  const root = pino(
    { level, onChild: () => void children++ },
    { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  return { root, lines, children: () => children };
}

describe('deferredLogger', () => {
  it('makes a child only when it writes, with its bindings, options and its parents’ bindings', () => {
    const { root, lines, children } = rootLogger();
    const log = deferredLogger(root);
    const server = log.child({ app: 'bdg' }, {});
    expect(children()).toBe(0);
    // a child of a deferred logger is made from its parent's pino logger: the parent is made then, once
    const request = server.child({ reqId: 'r-1' }, {});
    expect(children()).toBe(1);
    request.info({ route: '/api/health' }, 'request');
    expect(children()).toBe(2);
    expect(lines).toEqual([
      expect.objectContaining({ app: 'bdg', reqId: 'r-1', route: '/api/health', msg: 'request' }),
    ]);
    const quiet = server.child({ reqId: 'r-2' }, { level: 'warn' });
    quiet.info('không ghi');
    quiet.warn('%s ghi', 'có');
    expect(lines.slice(1)).toEqual([expect.objectContaining({ reqId: 'r-2', msg: 'có ghi', level: 40 })]);
    expect(quiet.level).toBe('warn');
    log.error(new Error('hỏng'));
    expect(lines[2]).toMatchObject({ level: 50, err: { message: 'hỏng', type: 'Error' } });
  });

  it('as Fastify’s logger: no pino child for a request that writes nothing, its id on one that writes', async () => {
    const { root, lines, children } = rootLogger();
    const app = Fastify({
      loggerInstance: deferredLogger(root),
      logController: new LogController({ disableRequestLogging: true }),
    });
    app.get('/quiet', async () => ({ ok: true }));
    app.get('/loud', async (request) => {
      request.log.info({ n: 1 }, 'loud');
      return { ok: true };
    });
    app.get('/broken', async (request) => {
      request.log.error({ req: request, err: new Error('vỡ') }, 'hỏng');
      return { ok: false };
    });
    await app.ready();
    // the first request makes Fastify's own child (once); the requests after it make none
    expect((await app.inject({ url: '/quiet' })).statusCode).toBe(200);
    const before = children();
    for (let i = 0; i < 4; i++) expect((await app.inject({ url: '/quiet' })).statusCode).toBe(200);
    expect(children()).toBe(before);
    await app.inject({ url: '/loud', headers: { 'request-id': 'x' } });
    expect(lines.filter((l) => l.msg === 'loud')).toEqual([expect.objectContaining({ n: 1, reqId: 'req-6' })]);
    await app.inject({ url: '/broken' });
    // Fastify's serialisers (given to its own child) still apply: the request is its method and url, not the object
    const error = lines.find((l) => l.level === 50)!;
    expect(error).toMatchObject({ reqId: 'req-7', err: { message: 'vỡ' }, req: { method: 'GET', url: '/broken' } });
    await app.close();
  });
});
