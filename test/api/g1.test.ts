import { beforeAll, expect, it } from 'vitest';
import type { SessionInput } from '../../src/core/sessions.ts';
import { insertSessions } from '../../src/modules/sessions/repository.ts';
import { writeUnitHistories } from '../../src/modules/units/repository.ts';
import { describeEachEngine } from '../helpers/db.ts';
import { buildTestApp, buildUser, loginAs } from '../helpers/factories.ts';

/**
 * A hand-computed fixture for G1 across the 2025 reform (see the expectations in each test):
 * P province; D1 district until 30/6/2025; C1 commune under D1, then under P renamed; C2 commune under
 * D1 until 30/6/2025; S1 department throughout; S2 department from 1/3/2025; S3 department until
 * 28/2/2025; V village (not a reporting unit); M media agency from 2026.
 */
describeEachEngine('G1 on a hand-computed fixture', (ctx) => {
  const ids = new Map<string, number>();
  beforeAll(async () => {
    const span = (from: string, to: string | null, name: string, parentCode: string | null) => ({
      from,
      to,
      value: { name, parentCode },
    });
    await writeUnitHistories(
      ctx().db,
      [
        { code: 'P', kind: 'province', isNew: true, spans: [span('2020-01-01', null, 'Tỉnh P', null)] },
        { code: 'D1', kind: 'district', isNew: true, spans: [span('2020-01-01', '2025-06-30', 'Huyện D1', 'P')] },
        {
          code: 'C1',
          kind: 'commune',
          isNew: true,
          spans: [span('2020-01-01', '2025-06-30', 'Xã C1', 'D1'), span('2025-07-01', null, 'Xã C1 mới', 'P')],
        },
        { code: 'C2', kind: 'commune', isNew: true, spans: [span('2020-01-01', '2025-06-30', 'Xã C2', 'D1')] },
        { code: 'S1', kind: 'department', isNew: true, spans: [span('2020-01-01', null, 'Sở S1', 'P')] },
        { code: 'S2', kind: 'department', isNew: true, spans: [span('2025-03-01', null, 'Sở S2', 'P')] },
        { code: 'S3', kind: 'department', isNew: true, spans: [span('2020-01-01', '2025-02-28', 'Sở S3', 'P')] },
        { code: 'V', kind: 'village', isNew: true, spans: [span('2020-01-01', null, 'Thôn V', 'C1')] },
        { code: 'M', kind: 'media', isNew: true, spans: [span('2026-01-01', null, 'Báo M', 'P')] },
      ],
      ids,
    );
    const s = (code: string, date: string): SessionInput => ({
      unitId: ids.get(code)!,
      date,
      title: `Hoạt động ${code} ${date}`,
      form: 'conference',
      topics: ['gender_equality_law'],
      targetGroups: [],
      participantsTotal: null,
      participantsFemale: null,
      participantsMale: null,
      placeUnitId: null,
      notes: null,
    });
    await insertSessions(
      ctx().db,
      [
        s('S1', '2024-12-31'),
        s('S1', '2025-01-01'),
        s('S1', '2025-12-31'),
        s('S2', '2025-03-01'),
        s('S3', '2025-01-15'),
        s('S3', '2025-02-20'),
        s('D1', '2025-02-01'),
        s('D1', '2025-04-01'),
        s('D1', '2025-06-30'),
        s('C1', '2025-12-31'),
        s('C1', '2026-01-01'),
        s('C2', '2024-06-01'),
        s('C2', '2024-06-02'),
        s('V', '2025-05-05'),
        s('V', '2025-05-06'),
      ],
      null,
    );
  });

  async function g1(query: string) {
    const app = await buildTestApp(ctx());
    const u = await buildUser(ctx(), 'viewer');
    const s = await loginAs(app, u.username);
    const res = await app.inject({ url: `/api/indicators/G1?${query}`, headers: s.headers });
    expect(res.statusCode).toBe(200);
    return res.json();
  }

  it('2025: 3 of 6 expected units reach 2 sessions (boundary dates count, the next year does not)', async () => {
    const r = await g1('year=2025');
    expect([r.numerator, r.denominator, r.value]).toEqual([3, 6, 0.5]);
    const short = r.rows
      .filter((x: { passes: boolean }) => !x.passes)
      .map((x: { code: string; count: number }) => `${x.code}:${x.count}`)
      .sort();
    expect(short).toEqual(['C1:1', 'C2:0', 'S2:1']);
  });

  it(
    '2025 by area: district units on their last day, the ' + 'renamed commune on its own, departments in the province',
    async () => {
      const r = await g1('year=2025');
      const byArea = Object.fromEntries(
        r.byArea.map((g: { name: string; numerator: number; denominator: number }) => [
          g.name,
          `${g.numerator}/${g.denominator}`,
        ]),
      );
      expect(byArea).toEqual({ 'Huyện D1': '1/2', 'Xã C1 mới': '0/1', 'Tỉnh P (cấp tỉnh)': '2/3' });
      const byKind = Object.fromEntries(
        r.byKind.map((g: { key: string; numerator: number; denominator: number }) => [
          g.key,
          `${g.numerator}/${g.denominator}`,
        ]),
      );
      expect(byKind).toEqual({ commune: '0/2', department: '2/3', district: '1/1' });
    },
  );

  it('2025 for one district: only what sat in it', async () => {
    const r = await g1('year=2025&area=D1');
    expect([r.numerator, r.denominator]).toEqual([1, 2]);
  });

  it('2024, 2030 and 2019: the structure of each year; no units means no data, not zero', async () => {
    expect(await g1('year=2024').then((r) => [r.numerator, r.denominator])).toEqual([1, 5]);
    expect(await g1('year=2030').then((r) => [r.numerator, r.denominator, r.value])).toEqual([0, 4, 0]);
    expect(await g1('year=2019').then((r) => r.value)).toBeNull();
  });

  it('the summary and the series agree with the detail', async () => {
    const app = await buildTestApp(ctx());
    const u = await buildUser(ctx(), 'viewer');
    const s = await loginAs(app, u.username);
    const summary = (await app.inject({ url: '/api/indicators?year=2025', headers: s.headers })).json();
    expect(summary.find((i: { code: string }) => i.code === 'G1')).toMatchObject({
      year: 2025,
      value: 0.5,
      numerator: 3,
      denominator: 6,
      target: 1,
      status: 'off_track',
      planId: 'bdg-2021-2030',
      planVersion: 1,
    });
    const series = (
      await app.inject({ url: '/api/indicators/G1/series?from=2024&to=2025', headers: s.headers })
    ).json();
    expect(series.points.map((p: { year: number; value: number }) => [p.year, p.value])).toEqual([
      [2024, 0.2],
      [2025, 0.5],
    ]);
  });
});
