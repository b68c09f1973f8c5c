import { beforeAll, expect, it } from 'vitest';
import type { SessionInput } from '../../src/core/sessions.ts';
import type { RecordValue } from '../../src/core/records/types.ts';
import type { RecordStatus } from '../../src/core/workflow.ts';
import { insertRecords } from '../../src/modules/records/repository.ts';
import { insertSessions } from '../../src/modules/sessions/repository.ts';
import { writeUnitHistories } from '../../src/modules/units/repository.ts';
import { describeEachEngine } from '../helpers/db.ts';
import { buildTestApp, buildUser, loginAs } from '../helpers/factories.ts';

/**
 * A hand-computed fixture for G2 (effective models by district-level area) and G3 (Action Month planned
 * and run): P province; D1, D2 districts until 30/6/2025; C1 commune under D1, then under P; C2 under D2
 * until 30/6/2025; C3 commune from 1/7/2025; S1 department.
 */
describeEachEngine('G2 and G3 computed from records', (ctx) => {
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
        { code: 'D2', kind: 'district', isNew: true, spans: [span('2020-01-01', '2025-06-30', 'Huyện D2', 'P')] },
        {
          code: 'C1',
          kind: 'commune',
          isNew: true,
          spans: [span('2020-01-01', '2025-06-30', 'Xã C1', 'D1'), span('2025-07-01', null, 'Xã C1', 'P')],
        },
        { code: 'C2', kind: 'commune', isNew: true, spans: [span('2020-01-01', '2025-06-30', 'Xã C2', 'D2')] },
        { code: 'C3', kind: 'commune', isNew: true, spans: [span('2025-07-01', null, 'Xã C3', 'P')] },
        { code: 'S1', kind: 'department', isNew: true, spans: [span('2020-01-01', null, 'Sở S1', 'P')] },
      ],
      ids,
    );
    const db = ctx().db;
    const rec = (
      type: string,
      code: string,
      date: string,
      data: Record<string, unknown>,
      status: RecordStatus = 'approved',
      key: string | null = null,
    ) =>
      insertRecords(
        db,
        [
          {
            type,
            unitId: ids.get(code)!,
            date,
            title: `${type} ${code} ${date}`,
            key,
            data: data as RecordValue['data'],
          },
        ],
        null,
        status,
      );
    const plan = (code: string) =>
      rec('action_month_plan', code, '2024-10-20', { year: 2024, activitiesPlanned: 3 }, 'approved', '2024');
    // G3 2024: S1 plan + a session on 20/11; C1 plan + a course on 15/12 (the last day, submitted only);
    // D1 plan without activity; C2 plan + a product on 14/11 (a day early) → 2 of 5, 1 of 5 approved
    await plan('S1');
    await plan('D1');
    await plan('C1');
    await plan('C2');
    const session: SessionInput = {
      unitId: ids.get('S1')!,
      date: '2024-11-20',
      title: 'Hội nghị',
      form: 'conference',
      topics: ['gbv'],
      targetGroups: [],
      participantsTotal: null,
      participantsFemale: null,
      participantsMale: null,
      placeUnitId: null,
      notes: null,
    };
    await insertSessions(db, [session], null, 'approved');
    await rec('training_course', 'C1', '2024-12-15', { endDate: '2024-12-15' }, 'submitted');
    await rec('media_product', 'C2', '2024-11-14', { kind: 'video' });
    // G2: a model in C1 judged effective on 10/12/2023, not effective on 1/3/2026; a model in C2 judged
    // not effective on 1/6/2024; a model in C3 from 1/9/2025 judged effective on 1/12/2025
    await rec('communication_model', 'C1', '2023-03-01', {
      areaUnitId: ids.get('C1'),
      evaluations: [
        { date: '2023-12-10', effective: true },
        { date: '2026-03-01', effective: false },
      ],
    });
    await rec('communication_model', 'C2', '2024-01-01', {
      areaUnitId: ids.get('C2'),
      evaluations: [{ date: '2024-06-01', effective: false }],
    });
    await rec('communication_model', 'C3', '2025-09-01', {
      areaUnitId: ids.get('C3'),
      evaluations: [{ date: '2025-12-01', effective: true }],
    });
  });

  async function indicator(code: string, query: string) {
    const app = await buildTestApp(ctx());
    const s = await loginAs(app, (await buildUser(ctx(), 'viewer')).username);
    const res = await app.inject({ url: `/api/indicators/${code}?${query}`, headers: s.headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  it(
    'G3 2024: a plan counts when an activity of the unit falls in 15/11–15/12; by default only approved plans ' +
      'and activities count',
    async () => {
      const r = await indicator('G3', 'year=2024&includePending=true');
      expect([r.numerator, r.denominator, r.value]).toEqual([2, 5, 0.4]);
      const passing = r.rows
        .filter((x: { passes: boolean }) => x.passes)
        .map((x: { code: string }) => x.code)
        .sort();
      expect(passing).toEqual(['C1', 'S1']);
      const approved = await indicator('G3', 'year=2024');
      expect([approved.numerator, approved.denominator]).toEqual([1, 5]);
      expect((await indicator('G3', 'year=2023')).numerator).toBe(0);
    },
  );

  it('G2: an area counts in a year when a model there was last judged effective by the end of that year', async () => {
    const y2023 = await indicator('G2', 'year=2023');
    expect([y2023.numerator, y2023.denominator]).toEqual([1, 2]);
    const y2024 = await indicator('G2', 'year=2024');
    expect([y2024.numerator, y2024.denominator, y2024.value]).toEqual([1, 2, 0.5]);
    // 2025 is read at year end: communes are the areas; C1's 2023 judgement still stands, C3 is new
    const y2025 = await indicator('G2', 'year=2025');
    expect([y2025.numerator, y2025.denominator]).toEqual([2, 2]);
    const y2026 = await indicator('G2', 'year=2026');
    expect([y2026.numerator, y2026.denominator]).toEqual([1, 2]);
  });
});
