import fs from 'node:fs';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../helpers/db.ts';
import { buildTestApp, multipart } from '../helpers/factories.ts';
import { fingerprintTracker } from '../helpers/fingerprint.ts';
import { buildWorld, EVERYONE } from '../helpers/world.ts';
import { MATRIX, recordRequest, renderMatrix, type Row, type Target } from './matrix.ts';

const targetsOf = (allow: Row['allow']): Target[] => (allow.none ? ['none'] : allow.other ? ['own', 'other'] : ['own']);

describeEachEngine('permission matrix', (ctx) => {
  it('names every route of the OpenAPI document, and docs/permissions.md shows it', async () => {
    const app = await buildTestApp(ctx());
    await app.ready();
    const doc = app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths)
      .filter(([p]) => !p.startsWith('/api/docs'))
      .flatMap(([p, ops]) =>
        Object.keys(ops)
          .filter((m) => ['get', 'post', 'put', 'delete'].includes(m))
          .map((m) => `${m.toUpperCase()} ${p}`),
      );
    const named = new Set(MATRIX.map((r) => r.route.split(' ').slice(0, 2).join(' ')));
    expect(
      routes.filter((r) => !named.has(r)),
      'routes missing from test/permissions/matrix.ts',
    ).toEqual([]);
    expect(
      [...named].filter((r) => !routes.includes(r)),
      'rows naming no route',
    ).toEqual([]);
    const docText = fs.readFileSync(new URL('../../docs/permissions.md', import.meta.url), 'utf8');
    expect(docText, 'docs/permissions.md is out of step: paste the table printed here').toContain(renderMatrix());
  });

  it(
    'every role gets what the table says on its own and another unit; a refusal writes nothing',
    { timeout: 600_000 },
    async () => {
      const app = await buildTestApp(ctx());
      const w = await buildWorld(ctx(), app);
      const problems: string[] = [];
      let requests = 0;
      // read again only when a write has ended since (a refused request that wrote shows all the same)
      const fingerprint = fingerprintTracker(ctx().db, ['login_throttle']);
      for (const row of MATRIX.filter((r) => !r.skip)) {
        for (const type of row.types ?? [null]) {
          const allow = type && row.allowFor ? row.allowFor(type) : row.allow;
          for (const target of targetsOf(allow)) {
            for (const who of EVERYONE) {
              const req = type ? await recordRequest(w, row.route, type, target) : await row.request(w, target);
              const headers = { ...(w.sessions[who]?.headers ?? {}) };
              let payload: unknown = req.payload;
              if (req.file) {
                const m = multipart(req.file.name, req.file.content);
                Object.assign(headers, m.headers);
                payload = m.payload;
              }
              const allowed = (allow[target] ?? []).includes(who);
              const before = allowed ? null : await fingerprint();
              const res = await app.inject({
                method: req.method,
                url: req.url,
                headers,
                ...(req.remoteAddress ? { remoteAddress: req.remoteAddress } : {}),
                ...(payload !== undefined ? { payload: payload as string } : {}),
              });
              requests++;
              const label =
                `${row.route}${type ? ` [${type}]` : ''} ${target} as ${who}: ${res.statusCode} ` +
                `${res.body.slice(0, 160)}`;
              if (allowed && (res.statusCode < 200 || res.statusCode >= 300)) problems.push(`expected 2xx — ${label}`);
              if (!allowed) {
                const expected = who === 'anonymous' ? 401 : 403;
                if (res.statusCode !== expected) problems.push(`expected ${expected} — ${label}`);
                const after = await fingerprint();
                const changed = Object.keys(after).filter((t) => after[t] !== before![t]);
                if (changed.length) problems.push(`refused but changed ${changed.join(', ')} — ${label}`);
              }
            }
          }
        }
      }
      expect(problems).toEqual([]);
      expect(requests).toBeGreaterThan(500);
    },
  );
});
