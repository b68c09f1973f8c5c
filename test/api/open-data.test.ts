import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { planIndicators, validatePlan } from '../../src/core/plan-schema.ts';
import { SYSTEM_ACTOR } from '../../src/modules/context.ts';
import {
  correctOfficialReport,
  createOfficialReport,
  finaliseOfficialReport,
} from '../../src/modules/official-reports/service.ts';
import { loadDhis2Mapping, openReportDhis2 } from '../../src/modules/open-data/service.ts';
import { insertSessions } from '../../src/modules/sessions/repository.ts';
import { parseYamlData } from '../../src/core/yaml-data.ts';
import { describeEachEngine } from '../helpers/db.ts';
import { buildTestApp, buildUnit, sessionInput } from '../helpers/factories.ts';
import { OFFICIAL_ISSUER } from '../helpers/world.ts';

describeEachEngine('open data: figures of final reports, as JSON, CSV and DHIS2, without signing in', (ctx) => {
  let app: FastifyInstance;
  let draftId: number;
  let finalId: number;
  let area: { id: number; code: string };

  beforeAll(async () => {
    app = await buildTestApp(ctx());
    const p = await buildUnit(ctx(), { kind: 'province', name: 'Tỉnh Mở' });
    area = await buildUnit(ctx(), { kind: 'commune', parentCode: p.code, name: 'Xã Công Khai' });
    await buildUnit(ctx(), { kind: 'commune', parentCode: p.code, name: 'Xã Khác' });
    await insertSessions(
      ctx().db,
      [sessionInput(area.id, '2025-04-01', 40, 25), sessionInput(area.id, '2025-09-01', 40, 25)],
      null,
    );
    const draft = await createOfficialReport(ctx(), SYSTEM_ACTOR, {
      kind: 'yearly',
      year: 2025,
      areaId: area.id,
      issuer: OFFICIAL_ISSUER,
    });
    draftId = draft.id;
    const other = await createOfficialReport(ctx(), SYSTEM_ACTOR, {
      kind: 'yearly',
      year: 2025,
      issuer: OFFICIAL_ISSUER,
    });
    finalId = (await finaliseOfficialReport(ctx(), SYSTEM_ACTOR, other.id)).id;
  });

  it('publishes nothing of a draft, and everything of a final report, to anyone', async () => {
    for (const url of [
      `/api/open/reports/${draftId}`,
      `/api/open/reports/${draftId}/figures.csv`,
      `/api/open/reports/${draftId}/dhis2.json`,
    ])
      expect((await app.inject({ url })).statusCode, url).toBe(404);
    const list = (await app.inject({ url: '/api/open/reports' })).json();
    expect(list.map((r: { id: number }) => r.id)).toEqual([finalId]);

    const res = await app.inject({ url: `/api/open/reports/${finalId}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const r = res.json();
    expect(r).toMatchObject({ id: finalId, kind: 'yearly', year: 2025, version: 1, area: null, replacedBy: null });
    expect(r.figuresSha256).toMatch(/^[0-9a-f]{64}$/u);
    const sessions = r.indicators.find((i: { code: string }) => i.code === 'G1.sessions');
    expect(sessions).toMatchObject({ year: 2025, unit: 'number', value: 2 });
    // G1: the commune with 2 sessions of the two communes
    expect(r.indicators.find((i: { code: string }) => i.code === 'G1')).toMatchObject({
      unit: 'percent',
      value: 50,
      numerator: 1,
      denominator: 2,
      target: 100,
    });
    expect(r.activities).toContainEqual({
      task: 'T1',
      type: 'communication_session',
      label: 'Buổi truyền thông trực tiếp',
      approved: 2,
      units: 1,
      participants: 80,
      female: 50,
    });
  });

  it('writes the same figures as CSV, one row per indicator and year', async () => {
    const res = await app.inject({ url: `/api/open/reports/${finalId}/figures.csv` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const rows = parse(res.body, { columns: true, bom: true }) as Record<string, string>[];
    const json = (await app.inject({ url: `/api/open/reports/${finalId}` })).json();
    expect(rows).toHaveLength(json.indicators.length);
    for (const [i, f] of json.indicators.entries()) {
      expect(rows[i]!.indicator_code).toBe(f.code);
      expect(rows[i]!.value).toBe(f.value === null ? '' : String(f.value));
      expect(rows[i]!.status).toBe(f.statusLabel);
      expect(rows[i]!.figures_sha256).toBe(json.figuresSha256);
    }
  });

  it('writes DHIS2 dataValueSets with the mapped codes, and says what it left out', async () => {
    const res = await app.inject({ url: `/api/open/reports/${finalId}/dhis2.json` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const province = (await ctx().db.selectFrom('unit').select('code').where('kind', '=', 'province').execute()).map(
      (u) => u.code,
    );
    expect(province).toHaveLength(1);
    expect(body.orgUnit).toBe(province[0]);
    expect(body.dataValues).toContainEqual({
      dataElement: 'BDG_G1_SESSIONS',
      period: '2025',
      orgUnit: province[0],
      value: '2',
      comment: expect.stringMatching(/^BĐG Monitor: báo cáo \d+ phiên bản 1, mã kiểm tra [0-9a-f]{16}$/u),
    });
    expect(body.dataValues.every((v: { value: string }) => v.value !== '' && v.value !== 'null')).toBe(true);
    expect(String(res.headers['x-bdg-skipped'])).toContain('G5 2025: no value');
  });

  it('follows a correction: the old version names the new one, and both stay published', async () => {
    await insertSessions(ctx().db, [sessionInput(area.id, '2025-10-01', 40, 25)], null);
    const v2 = await correctOfficialReport(ctx(), SYSTEM_ACTOR, finalId, 'Thêm hoạt động duyệt muộn');
    // a correction not yet final is not published
    expect((await app.inject({ url: `/api/open/reports/${v2.id}` })).statusCode).toBe(404);
    await finaliseOfficialReport(ctx(), SYSTEM_ACTOR, v2.id);
    const old = (await app.inject({ url: `/api/open/reports/${finalId}` })).json();
    const now = (await app.inject({ url: `/api/open/reports/${v2.id}` })).json();
    expect(old.replacedBy).toBe(v2.id);
    expect(now).toMatchObject({ replaces: finalId, version: 2, changeNote: 'Thêm hoạt động duyệt muộn' });
    expect(now.indicators.find((i: { code: string }) => i.code === 'G1.sessions').value).toBe(3);
    expect(old.indicators.find((i: { code: string }) => i.code === 'G1.sessions').value).toBe(2);
  });

  it('reads a mapping of its own; a broken one is refused with its line', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bdg-dhis2-'));
    try {
      const good = path.join(dir, 'good.yaml');
      fs.writeFileSync(good, 'rootOrgUnit: VN-XX\ndataElements:\n  G1: MY_G1\n');
      const own = await openReportDhis2({ ...ctx(), config: { ...ctx().config, dhis2Mapping: good } }, finalId);
      expect(own.payload.orgUnit).toBe('VN-XX');
      expect(own.payload.dataValues.map((v) => v.dataElement)).toEqual(['MY_G1']);
      const bad = path.join(dir, 'bad.yaml');
      fs.writeFileSync(bad, 'dataElements:\n  G1: MY_G1\n  G2: 5\n');
      await expect(loadDhis2Mapping(bad)).rejects.toThrow(/bad\.yaml.*(dòng|line) 3/u);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('limits how often one address reads', async () => {
    const limited = await buildTestApp({ ...ctx(), config: { ...ctx().config, publicReadMaxPerMinute: 3 } });
    const codes = [];
    for (let i = 0; i < 4; i++)
      codes.push((await limited.inject({ url: '/api/open/reports', remoteAddress: '203.0.113.9' })).statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);
    await limited.close();
  });
});

it('the shipped DHIS2 mapping names every indicator of the seed plan', async () => {
  const mapping = await loadDhis2Mapping(new URL('../../dhis2/mapping.yaml', import.meta.url).pathname);
  const text = fs.readFileSync(new URL('../../plans/bdg-2021-2030.yaml', import.meta.url), 'utf8');
  const plan = validatePlan(parseYamlData(text, (p) => new Error(p.join('; '))).data);
  expect(
    planIndicators(plan)
      .map((i) => i.code)
      .filter((c) => !mapping.dataElements[c]),
  ).toEqual([]);
});
