import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { insertSessions } from '../../src/modules/sessions/repository.ts';
import { describeEachEngine } from '../helpers/db.ts';
import {
  buildTestApp,
  buildUnit,
  buildUser,
  loginAs,
  multipart,
  sessionInput,
  type Session,
} from '../helpers/factories.ts';
import { fingerprint } from '../helpers/fingerprint.ts';

const square = (x: number, y: number) => [
  [
    [x, y],
    [x + 0.1, y],
    [x + 0.1, y - 0.1],
    [x, y - 0.1],
    [x, y],
  ],
];

describeEachEngine("leaders' dashboard: trends of every indicator, and area boundaries for the map", (ctx) => {
  let app: FastifyInstance;
  let co: Session;
  let viewer: Session;
  let p: { id: number; code: string };
  let a: { id: number; code: string };
  let b: { id: number; code: string };
  const upload = (who: Session, content: string) => {
    const m = multipart('ranh-gioi.geojson', content, 'application/geo+json');
    return app.inject({
      method: 'POST',
      url: '/api/boundaries',
      headers: { ...who.headers, ...m.headers },
      payload: m.payload,
    });
  };

  beforeAll(async () => {
    app = await buildTestApp(ctx());
    p = await buildUnit(ctx(), { kind: 'province', name: 'Tỉnh Bản Đồ' });
    a = await buildUnit(ctx(), { kind: 'commune', parentCode: p.code, name: 'Xã Một' });
    b = await buildUnit(ctx(), { kind: 'commune', parentCode: p.code, name: 'Xã Hai' });
    await insertSessions(
      ctx().db,
      [
        sessionInput(a.id, '2023-03-01'),
        sessionInput(a.id, '2024-03-01'),
        sessionInput(a.id, '2024-04-01'),
        sessionInput(b.id, '2024-05-01'),
      ],
      null,
    );
    co = await loginAs(app, (await buildUser(ctx(), 'coordinator')).username);
    viewer = await loginAs(app, (await buildUser(ctx(), 'viewer')).username);
  });

  it('gives every indicator its values over the years in one answer, equal to each one’s series', async () => {
    const r = await app.inject({
      url: `/api/indicators/trends?from=2022&to=2024&areaId=${p.id}`,
      headers: viewer.headers,
    });
    expect(r.statusCode, r.body).toBe(200);
    const trends = r.json();
    const sessions = trends.indicators.find((i: { code: string }) => i.code === 'G1.sessions');
    expect(sessions.points).toEqual([
      { year: 2022, value: 0 },
      { year: 2023, value: 1 },
      { year: 2024, value: 3 },
    ]);
    for (const code of ['G1', 'G2', 'G6']) {
      const one = (
        await app.inject({
          url: `/api/indicators/${code}/series?from=2022&to=2024&areaId=${p.id}`,
          headers: viewer.headers,
        })
      ).json();
      expect(trends.indicators.find((i: { code: string }) => i.code === code).points, code).toEqual(
        one.points.map((x: { year: number; value: number | null }) => ({ year: x.year, value: x.value })),
      );
    }
    const backwards = await app.inject({ url: '/api/indicators/trends?from=2024&to=2022', headers: viewer.headers });
    expect(backwards.statusCode).toBe(400);
  });

  it('takes a GeoJSON of the communes and gives it back for the map, with names on the day', async () => {
    const geo = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { code: a.code }, geometry: { type: 'Polygon', coordinates: square(106, 21) } },
        {
          type: 'Feature',
          properties: { code: b.code, ten: 'Xã Hai' },
          geometry: { type: 'MultiPolygon', coordinates: [square(106.1, 21)] },
        },
      ],
    };
    expect((await upload(viewer, JSON.stringify(geo))).statusCode).toBe(403);
    const ok = await upload(co, `\uFEFF${JSON.stringify(geo)}`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ units: 2 });
    const map = (await app.inject({ url: `/api/boundaries?areaId=${p.id}`, headers: viewer.headers })).json();
    expect(map.madeUp).toBe(false);
    expect(map.features.map((f: { properties: { code: string; name: string } }) => f.properties)).toEqual(
      expect.arrayContaining([
        { id: a.id, code: a.code, name: 'Xã Một' },
        { id: b.id, code: b.code, name: 'Xã Hai' },
      ]),
    );
    const before2020 = (
      await app.inject({ url: `/api/boundaries?areaId=${p.id}&asOf=2019-01-01`, headers: viewer.headers })
    ).json();
    expect(before2020.features).toEqual([]);
  });

  it('refuses a malformed GeoJSON with the reason, and keeps what was there', async () => {
    const before = await fingerprint(ctx().db, ['login_throttle']);
    const cases: [string, RegExp][] = [
      ['{ not json', /không phải JSON/u],
      [JSON.stringify({ type: 'Feature' }), /FeatureCollection/u],
      [
        JSON.stringify({
          type: 'FeatureCollection',
          features: [
            {
              type: 'Feature',
              properties: { code: a.code },
              geometry: { type: 'Polygon', coordinates: square(106, 21) },
            },
            {
              type: 'Feature',
              properties: { code: 'KHONG-CO' },
              geometry: { type: 'Polygon', coordinates: square(1, 1) },
            },
          ],
        }),
        /không có đơn vị mã "KHONG-CO"/u,
      ],
      [
        JSON.stringify({
          type: 'FeatureCollection',
          features: [
            {
              type: 'Feature',
              properties: { code: b.code },
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [106, 21],
                    [107, 21],
                    [106, 21],
                  ],
                ],
              },
            },
          ],
        }),
        /ít nhất 4 điểm/u,
      ],
    ];
    for (const [content, reason] of cases) {
      const r = await upload(co, content);
      expect(r.statusCode, content.slice(0, 40)).toBeGreaterThanOrEqual(400);
      expect(r.statusCode).toBeLessThan(500);
      expect(r.json().error.message, content.slice(0, 40)).toMatch(reason);
    }
    expect(await fingerprint(ctx().db, ['login_throttle'])).toEqual(before);
  });
});
