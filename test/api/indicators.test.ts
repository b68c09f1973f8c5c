import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { validatePlan, type Plan } from '../../src/core/plan-schema.ts';
import type { SessionInput } from '../../src/core/sessions.ts';
import { SYSTEM_ACTOR } from '../../src/modules/context.ts';
import { savePlan } from '../../src/modules/plans/service.ts';
import { insertSessions } from '../../src/modules/sessions/repository.ts';
import { insertSuccessors, writeUnitHistories } from '../../src/modules/units/repository.ts';
import { describeEachEngine } from '../helpers/db.ts';
import { buildTestApp, buildUnit, buildUser, loginAs } from '../helpers/factories.ts';

const label = (s: string) => ({ vi: s, en: s });

/** A test plan with one indicator of every kind, over the fixture below (values computed by hand in each test). */
const TEST_PLAN: Plan = validatePlan({
  id: 'test-kinds',
  name: label('Kế hoạch thử'),
  period: { from: 2021, to: 2030 },
  areaLevels: [
    { from: '2021-01-01', level: 'district' },
    { from: '2025-07-01', level: 'commune' },
  ],
  taskGroups: [{ code: 'T1', title: label('Nhiệm vụ 1'), responsible: ['department', 'commune'] }],
  goals: [
    {
      code: 'G',
      title: label('Mục tiêu'),
      indicators: [
        {
          code: 'U',
          title: label('unit share'),
          kind: 'unit_share',
          source: 'communication_session',
          unitKinds: ['department', 'commune'],
          threshold: 1,
          filter: [{ field: 'form', op: 'eq', value: 'conference' }],
          targets: { 2024: 1 },
        },
        { code: 'A', title: label('area share'), kind: 'area_share', source: 'communication_session', threshold: 3 },
        {
          code: 'R',
          title: label('record share'),
          kind: 'record_share',
          source: 'communication_session',
          where: { field: 'participants_female', op: 'gte', value: 10 },
        },
        {
          code: 'N',
          title: label('count'),
          kind: 'count',
          source: 'communication_session',
          filter: [{ field: 'topics', op: 'contains', value: ['gbv'] }],
          targets: { 2025: 2.5 },
        },
        { code: 'W', title: label('sum'), kind: 'sum', source: 'communication_session', field: 'participants_female' },
        {
          code: 'L',
          title: label('level share'),
          kind: 'level_share',
          source: 'media_indicator_level',
          unitKinds: ['media'],
          level: 'pilot',
          targets: { 2025: 0.7 },
        },
        {
          code: 'B',
          title: label('change'),
          kind: 'change_vs_baseline',
          source: 'awareness_survey',
          baselineYear: 2025,
        },
      ],
    },
  ],
});

describeEachEngine('the indicator engine, one indicator of every kind', (ctx) => {
  const q = (path: string) => `/api/indicators${path}${path.includes('?') ? '&' : '?'}plan=test-kinds`;
  let headers: Record<string, string> = {};
  let app: Awaited<ReturnType<typeof buildTestApp>>;

  beforeAll(async () => {
    const ids = new Map<string, number>();
    const span = (from: string, to: string | null, name: string, parentCode: string | null) => ({
      from,
      to,
      value: { name, parentCode },
    });
    await writeUnitHistories(
      ctx().db,
      [
        { code: 'K-P', kind: 'province', isNew: true, spans: [span('2020-01-01', null, 'Tỉnh K', null)] },
        { code: 'K-D1', kind: 'district', isNew: true, spans: [span('2020-01-01', '2025-06-30', 'Huyện K1', 'K-P')] },
        {
          code: 'K-C1',
          kind: 'commune',
          isNew: true,
          spans: [span('2020-01-01', '2025-06-30', 'Xã K1', 'K-D1'), span('2025-07-01', null, 'Xã K1 mới', 'K-P')],
        },
        { code: 'K-C2', kind: 'commune', isNew: true, spans: [span('2020-01-01', '2025-06-30', 'Xã K2', 'K-D1')] },
        { code: 'K-C3', kind: 'commune', isNew: true, spans: [span('2025-07-01', null, 'Xã K3', 'K-P')] },
        { code: 'K-S1', kind: 'department', isNew: true, spans: [span('2020-01-01', null, 'Sở K', 'K-P')] },
      ],
      ids,
    );
    const s = (
      code: string,
      date: string,
      form: 'conference' | 'loudspeaker',
      female: number | null,
      topics: ('gbv' | 'domestic_violence' | 'gender_equality_law')[],
    ): SessionInput => ({
      unitId: ids.get(code)!,
      date,
      title: `Hoạt động ${code}`,
      form,
      topics,
      targetGroups: [],
      participantsTotal: female === null ? null : female * 2,
      participantsFemale: female,
      participantsMale: female,
      placeUnitId: null,
      notes: null,
    });
    await insertSessions(
      ctx().db,
      [
        s('K-S1', '2024-03-01', 'conference', 10, ['gbv']),
        s('K-S1', '2024-06-01', 'loudspeaker', null, ['gender_equality_law']),
        s('K-C1', '2024-05-01', 'loudspeaker', 20, ['gender_equality_law']),
        s('K-C2', '2024-07-01', 'conference', 5, ['gender_equality_law']),
        s('K-C2', '2024-08-01', 'conference', 15, ['gbv', 'domestic_violence']),
        s('K-D1', '2023-05-05', 'conference', 7, ['gender_equality_law']),
      ],
      null,
    );
    await insertSuccessors(ctx().db, [{ from: ids.get('K-C2')!, to: ids.get('K-C1')!, date: '2025-07-01' }]);
    await savePlan(ctx(), SYSTEM_ACTOR, TEST_PLAN, 'test');
    app = await buildTestApp(ctx());
    const coordinator = await buildUser(ctx(), 'coordinator');
    headers = (await loginAs(app, coordinator.username)).headers;
  });

  const get = async (path: string) => {
    const res = await app.inject({ url: q(path), headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const byCode = async (year: number, area = '') =>
    Object.fromEntries(
      ((await get(`?year=${year}${area}`)) as { code: string }[]).map((r) => [r.code, r]),
    ) as unknown as Record<
      string,
      {
        value: number | null;
        numerator: number | null;
        denominator: number | null;
        status: string;
        target: number | null;
        projection: number | null;
        planVersion: number;
      }
    >;

  it('computes every kind for 2024 as worked out by hand', async () => {
    const r = await byCode(2024);
    expect([r.U!.numerator, r.U!.denominator]).toEqual([2, 3]); // S1 and C2 held a conference; C1 did not
    expect([r.A!.numerator, r.A!.denominator]).toEqual([1, 1]); // D1: C1 1 + C2 2 = 3 records ≥ 3
    expect([r.R!.numerator, r.R!.denominator, r.R!.value]).toEqual([3, 5, 0.6]); // female ≥ 10 in 3 of 5 records
    expect(r.N!.value).toBe(2); // two records about gender-based violence
    expect(r.W!.value).toBe(50); // 10 + 0 + 20 + 5 + 15
    expect(r.L).toMatchObject({ value: null, status: 'no_data' });
    expect(r.B).toMatchObject({ value: null, status: 'no_data' });
  });

  it('judges against targets and the trend (worked examples)', async () => {
    const r = await byCode(2024);
    // U: 0, 0, 2/3 over 2022–2024; the 2024 target is 100% and it is the milestone: short by 33 points
    expect(r.U).toMatchObject({ target: 1, status: 'off_track' });
    // N: 0, 0, 2 → least squares reaches 2.67 in 2025 ≥ 2.5
    expect(r.N!.status).toBe('on_track');
    expect(r.N!.projection).toBeCloseTo(8 / 3);
  });

  it('restricts to an area on the structure of the year, and areas add up to the whole', async () => {
    const inD1 = await byCode(2024, '&area=K-D1');
    expect(inD1.N!.value).toBe(1);
    expect(inD1.W!.value).toBe(40);
    const detail = await get('/W?year=2024&area=K-P');
    expect(detail.value).toBe(50);
    expect(detail.byArea.reduce((s: number, g: { numerator: number }) => s + g.numerator, 0)).toBe(50);
    expect(detail.rows.map((x: { code: string; count: number }) => `${x.code}:${x.count}`)).toEqual([
      'K-C1:20',
      'K-C2:20',
      'K-S1:10',
    ]);
  });

  it('after the reform the district-level areas are the communes of the end of the year', async () => {
    const a = await get('/A?year=2025');
    expect(a.denominator).toBe(2); // K-C1 (renamed) and K-C3, in force on 31/12/2025
    expect(a.rows.map((x: { code: string }) => x.code).sort()).toEqual(['K-C1', 'K-C3']);
  });

  it('restates 2024 on the 2026 structure through successor links, losing and duplicating nothing', async () => {
    const r = await byCode(2024, '&restate=2026-01-01');
    expect(r.W!.value).toBe(50);
    // S1, C1 (carrying C2's two conferences) pass; C3 does not
    expect([r.U!.numerator, r.U!.denominator]).toEqual([2, 3]);
    expect([r.A!.numerator, r.A!.denominator]).toEqual([1, 2]); // communes of 2026: C1 has 1 + 2 = 3 records, C3 none
    const w = await get('/W?year=2024&restate=2026-01-01');
    expect(w.rows.map((x: { code: string; count: number }) => `${x.code}:${x.count}`)).toEqual(['K-C1:40', 'K-S1:10']);
    expect(w.view.words.vi).toContain('Quy đổi');
    // 2023: the district's record has no successor: kept in the total, shown apart
    const w23 = await get('/W?year=2023&restate=2026-01-01');
    expect(w23.value).toBe(7);
    expect(w23.rows.map((x: { name: string; count: number }) => `${x.name}:${x.count}`)).toEqual([
      'Đơn vị đã giải thể, không có đơn vị kế thừa:7',
    ]);
    expect((await get('/W?year=2023')).value).toBe(7);
  });

  it("follows the province's choice of named groups of communes as district-level areas, from its date", async () => {
    const grouped = validatePlan({
      ...TEST_PLAN,
      id: 'test-groups',
      areaLevels: [
        { from: '2021-01-01', level: 'district' },
        {
          from: '2025-07-01',
          level: 'group',
          groups: [
            { code: 'CUM1', name: 'Cụm xã số 1', communes: ['K-C1'] },
            { code: 'CUM2', name: 'Cụm xã số 2', communes: ['K-C3'] },
          ],
        },
      ],
    });
    await savePlan(ctx(), SYSTEM_ACTOR, grouped, 'test');
    const a = (
      await app.inject({ url: '/api/indicators/A?year=2024&restate=2026-01-01&plan=test-groups', headers })
    ).json();
    expect(
      a.rows.map((x: { code: string; count: number; passes: boolean }) => `${x.code}:${x.count}:${x.passes}`).sort(),
    ).toEqual(['CUM1:3:true', 'CUM2:0:false']);
    const before = (await app.inject({ url: '/api/indicators/A?year=2024&plan=test-groups', headers })).json();
    expect(before.rows.map((x: { code: string }) => x.code)).toEqual(['K-D1']);
    expect(() => validatePlan({ ...TEST_PLAN, areaLevels: [{ from: '2021-01-01', level: 'group' }] })).toThrow(
      /groups/u,
    );
  });

  it('filters by kind of unit', async () => {
    const r = await byCode(2024, '&kind=commune');
    expect(r.W!.value).toBe(40);
    expect([r.U!.numerator, r.U!.denominator]).toEqual([1, 2]);
    const bad = await app.inject({ url: q('?year=2024&kind=planet'), headers });
    expect(bad.statusCode).toBe(400);
  });

  it('exports the rows behind a figure to an XLSX that opens again', async () => {
    const res = await app.inject({ url: q('/U/export.xlsx?year=2024'), headers });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const values: string[] = [];
    ws.eachRow((row) => values.push(row.values ? (row.values as unknown[]).slice(1).join('|') : ''));
    expect(values[0]).toContain('U — unit share');
    // Vietnamese words and numbers as the pages write them, not codes and 77.4%
    expect(values.some((v) => v.startsWith('K-C1|Xã K1|Xã, phường, thị trấn, đặc khu|Huyện K1|0|Chưa đạt'))).toBe(true);
    expect(values.find((v) => v.startsWith('Giá trị: '))).toMatch(/^Giá trị: \d+,\d%/u);
    expect(values.filter((v) => v.startsWith('K-') && v.endsWith('|Đạt')).length).toBe(2);
  });

  it('a coordinator edits a target: a new version, audited; figures cite it; a stale edit gets 409', async () => {
    const plan = (await app.inject({ url: '/api/plans/test-kinds', headers })).json();
    expect(plan.version).toBe(1);
    const edit = await app.inject({
      method: 'PUT',
      url: '/api/plans/test-kinds',
      headers,
      payload: { version: 1, note: 'Giảm mục tiêu 2024', targets: { U: { 2024: 0.6 } } },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json().version).toBe(2);
    const r = await byCode(2024);
    expect(r.U).toMatchObject({ target: 0.6, status: 'achieved', planVersion: 2 });
    const old = Object.fromEntries(
      ((await get('?year=2024&planVersion=1')) as { code: string; status: string }[]).map((x) => [x.code, x.status]),
    );
    expect(old.U).toBe('off_track');
    const stale = await app.inject({
      method: 'PUT',
      url: '/api/plans/test-kinds',
      headers,
      payload: { version: 1, targets: { U: { 2024: 0.5 } } },
    });
    expect(stale.statusCode).toBe(409);
    const outside = await app.inject({
      method: 'PUT',
      url: '/api/plans/test-kinds',
      headers,
      payload: { version: 2, targets: { U: { 2035: 1 } } },
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.message).toContain('2035');
    const audit = await ctx()
      .db.selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'plan')
      .where('entity_id', '=', 'test-kinds@2')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.before)).toContain('"2024":1');
    expect(JSON.stringify(audit.after)).toContain('"2024":0.6');
  });

  it('keeps plan edits from reporters', async () => {
    const unit = await buildUnit(ctx());
    const reporter = await buildUser(ctx(), 'reporter', unit.id);
    const s = await loginAs(app, reporter.username);
    const res = await app.inject({
      method: 'PUT',
      url: '/api/plans/test-kinds',
      headers: s.headers,
      payload: { version: 2, targets: { U: { 2024: 0 } } },
    });
    expect(res.statusCode).toBe(403);
  });
});
