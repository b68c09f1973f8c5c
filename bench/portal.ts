/**
 * `npm run bench:portal`: server time of the public portal's requests, on PGlite and on PostgreSQL
 * (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres): the demo province with its final
 * yearly report, plus BENCH_PORTAL_MATERIALS public media products (default 2,000). Each request is sent
 * through Fastify's injector (routing, hooks, serialisation; no network), 30 times after 5 warm-ups.
 * Writes bench/results/portal-latest.json. No assertion on timings anywhere.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { seedDemo } from '../src/demo/seed.ts';
import { buildTestApp } from '../test/helpers/factories.ts';
import { createTestCtx } from '../test/helpers/db.ts';
import { machine, median, timeRuns } from './machine.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const url = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const MATERIALS = Number(process.env.BENCH_PORTAL_MATERIALS || 2000);

const results: Record<string, unknown> = {};
for (const engine of ['pglite', 'postgres'] as const) {
  const ctx = await createTestCtx(engine, url);
  try {
    await seedDemo(ctx);
    // public materials of the demo communes, approved, spread over five years
    await sql`
      insert into unit_record (unit_id, type, date, title, data, status, created_by, updated_by)
      select u.id, 'media_product', date '2021-01-01' + (g % 1800),
             'Tài liệu truyền thông số ' || g || (case when g % 7 = 0 then ' về bạo lực gia đình' else
               ' về chia sẻ việc nhà' end),
             jsonb_build_object('kind', 'video', 'channel', 'Trang của đơn vị', 'languages', jsonb_build_array('vi'),
                                'topics', jsonb_build_array(case when g % 7 = 0 then 'domestic_violence' else
                                  'stereotypes' end),
                                'targetGroups', jsonb_build_array('community'), 'summary',
                                  'Tóm tắt nội dung tài liệu ' || g,
                                'public', true),
             'approved', null, null
        from generate_series(1, ${MATERIALS}) g
        join lateral (select id from unit where kind = 'commune' order by id offset (g % 50) limit 1) u
          on true`.execute(ctx.db);
    const app = await buildTestApp({ ...ctx, config: { ...ctx.config, publicReadMaxPerMinute: 1_000_000 } });
    const time = async (path: string) => {
      const ask = async () => {
        const res = await app.inject({ url: path, remoteAddress: '203.0.113.1' });
        if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      };
      for (let i = 0; i < 5; i++) await ask();
      const runs = await timeRuns(30, ask);
      return { medianMs: Math.round(median(runs) * 10) / 10, maxMs: Math.round(Math.max(...runs) * 10) / 10 };
    };
    results[engine] = {
      home: await time('/api/portal/home'),
      materialsFirstPage: await time('/api/portal/materials'),
      materialsSearchWithoutDiacritics: await time('/api/portal/materials?q=bao+luc+gia+dinh'),
      materialsFiltered: await time('/api/portal/materials?topic=stereotypes&group=community&kind=video&page=3'),
      openReportJson: await time('/api/open/reports/1'),
    };
    await app.close();
  } finally {
    await ctx.dispose();
  }
}
const out = { date: new Date().toISOString(), machine: machine(), materials: MATERIALS, ...results };
console.log(JSON.stringify(out, null, 2));
fs.mkdirSync(path.join(here, 'results'), { recursive: true });
fs.writeFileSync(path.join(here, 'results', 'portal-latest.json'), `${JSON.stringify(out, null, 2)}\n`);
