import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import { RawNode, SelectQueryNode } from 'kysely';
import { expect, it } from 'vitest';
import { sheetsFromYaml } from '../../src/core/surveys/form-yaml.ts';
import { XLSX_TYPE } from '../../src/http/download.ts';
import { readTabular } from '../../src/modules/files/tabular.ts';
import { xlsformWorkbook } from '../../src/modules/surveys/instrument-files.ts';
import { compareWaves, waveEstimates } from '../../src/modules/surveys/service.ts';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine } from '../helpers/db.ts';
import { buildTestApp, buildUnit, buildUser, loginAs, multipart, type Session } from '../helpers/factories.ts';

/** A seeded generator, so that the waves are the same on every run and engine. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

const KEY = ['dung', 'dung', 'sai', 'dung', 'sai', 'sai', 'dung', 'dung', 'dung', 'sai'];
const AGREE = ['rat_dong_y', 'dong_y', 'khong_dong_y', 'rat_khong_dong_y'];

/** One respondent's answers to the default instrument, every knowledge item right (scored 100). */
const WEB_ANSWERS = {
  sex: 'male',
  age: '44',
  ethnicity: 'minority',
  area: 'rural',
  target_group: 'workers',
  exposed: 'yes',
  channels: ['tv', 'social'],
  ...Object.fromEntries(KEY.map((k, i) => [`k${i + 1}`, k])),
  ...Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`n${i + 1}`, i < 6 ? 'rat_khong_dong_y' : 'rat_dong_y'])),
};

/**
 * An ODK Central export of the default instrument (groups joined by "-", its own columns), with the design
 * columns stratum, cluster and weight. `informed` is the chance of a right answer.
 */
function odkExport(n: number, seed: number, informed: number, prefix: string): string {
  const next = random(seed);
  const header = [
    'SubmissionDate',
    'meta-instanceID',
    'thong_tin-sex',
    'thong_tin-age',
    'thong_tin-ethnicity',
    'thong_tin-area',
    'thong_tin-target_group',
    'tiep_can-exposed',
    'tiep_can-channels',
    ...KEY.map((_, i) => `kien_thuc-k${i + 1}`),
    ...Array.from({ length: 8 }, (_, i) => `quan_niem-n${i + 1}`),
    'stratum',
    'cluster',
    'weight',
    'KEY',
    'ReviewState',
  ];
  const lines = [header.join(',')];
  for (let i = 0; i < n; i++) {
    const sex = next() < 0.5 ? 'female' : 'male';
    const right = next() < (sex === 'female' ? informed + 0.05 : informed);
    const area = next() < 0.4 ? 'urban' : 'rural';
    const cluster = `${area}-${1 + Math.floor(next() * 4)}`;
    const id = `uuid:${prefix}-${i}`;
    lines.push(
      [
        '2025-05-01T08:00:00.000Z',
        id,
        sex,
        String(18 + Math.floor(next() * 60)),
        next() < 0.8 ? 'kinh' : 'minority',
        area,
        'community',
        ...(next() < 0.5 ? ['yes', 'social meeting'] : ['no', '']),
        ...KEY.map((k) =>
          next() < (right ? 0.9 : 0.4) ? k : next() < 0.5 ? 'khong_biet' : k === 'dung' ? 'sai' : 'dung',
        ),
        ...Array.from({ length: 8 }, (_, j) => {
          const equitable = next() < (right ? 0.8 : 0.4);
          const v = equitable ? 2 + Math.floor(next() * 2) : Math.floor(next() * 2);
          return AGREE[j >= 6 ? 3 - v : v];
        }),
        area,
        cluster,
        (area === 'urban' ? 120 + next() * 40 : 200 + next() * 60).toFixed(2),
        id,
        '',
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

describeEachEngine('awareness surveys: instrument, waves, field data, estimates, G5', (ctx) => {
  let app: FastifyInstance;
  let office: Session;
  let reporter: Session;

  const design = {
    strata: 'stratum',
    cluster: 'cluster',
    weight: 'weight',
    margins: [
      { variable: 'sex', value: 'female', total: 52000 },
      { variable: 'sex', value: 'male', total: 48000 },
    ],
  };

  const upload = (waveId: number, csv: string, as: Session = office) => {
    const m = multipart('odk-export.csv', csv, 'text/csv');
    return app.inject({
      method: 'POST',
      url: `/api/surveys/waves/${waveId}/import`,
      headers: { ...as.headers, ...m.headers },
      payload: m.payload,
    });
  };

  it('the office registers the default instrument once; a reporter cannot', async () => {
    app = await buildTestApp(ctx());
    office = await loginAs(app, (await buildUser(ctx(), 'coordinator')).username);
    reporter = await loginAs(app, (await buildUser(ctx(), 'reporter', (await buildUnit(ctx())).id)).username);
    const post = (s: Session) =>
      app.inject({ method: 'POST', url: '/api/surveys/instruments/default', headers: s.headers });
    expect((await post(reporter)).statusCode).toBe(403);
    const first = await post(office);
    expect(first.statusCode).toBe(201);
    const again = await post(office);
    expect([again.statusCode, again.json().id]).toEqual([200, first.json().id]);
    const list = (await app.inject({ url: '/api/surveys/instruments', headers: reporter.headers })).json();
    expect(list).toMatchObject([{ formId: 'bdg_nhan_thuc', version: '2025.1', waves: 0 }]);
    const xlsx = await app.inject({ url: '/api/surveys/default-form.xlsx', headers: reporter.headers });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(xlsx.headers['content-disposition']).toContain('bdg_nhan_thuc-2025.1.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('survey')!.getRow(1).values).toContain('type');
    // a second download is the same file, byte for byte (that it is built once: test/import-templates.test.ts)
    const second = await app.inject({ url: '/api/surveys/default-form.xlsx', headers: reporter.headers });
    expect(second.rawPayload.equals(xlsx.rawPayload)).toBe(true);
  });

  it('waves: bad input names its fields; field data imports all or nothing, and only once', async () => {
    const instrumentId = (await app.inject({ url: '/api/surveys/instruments', headers: office.headers })).json()[0].id;
    const bad = await app.inject({
      method: 'POST',
      url: '/api/surveys/waves',
      headers: office.headers,
      payload: {
        name: ' ',
        year: 2025,
        instrumentId: 999999,
        startDate: '2025-05-01',
        endDate: '2025-04-01',
        design: { margins: [{ variable: 'gioi', value: 'nu', total: 10 }] },
        targetGroups: ['nobody'],
        areaUnitIds: [999999],
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['areaUnitIds', 'endDate', 'instrumentId', 'name']);
    const unknownGroup = await app.inject({
      method: 'POST',
      url: '/api/surveys/waves',
      headers: office.headers,
      payload: {
        name: 'x',
        year: 2025,
        instrumentId,
        startDate: '2025-01-01',
        endDate: '2025-01-02',
        targetGroups: ['nobody'],
      },
    });
    expect(unknownGroup.json().error.fields.targetGroups).toMatch(/nobody không có trong bộ câu hỏi/u);
    const wave = (year: number) =>
      app.inject({
        method: 'POST',
        url: '/api/surveys/waves',
        headers: office.headers,
        payload: {
          name: `Khảo sát ${year}`,
          year,
          instrumentId,
          startDate: `${year}-05-01`,
          endDate: `${year}-06-30`,
          design,
          targetGroups: ['community', 'workers'],
        },
      });
    expect(
      (await app.inject({ method: 'POST', url: '/api/surveys/waves', headers: reporter.headers, payload: {} }))
        .statusCode,
    ).toBe(400);
    const w2025 = (await wave(2025)).json().id as number;
    const w2030 = (await wave(2030)).json().id as number;

    // a reporter may not import; a file with one bad row imports nothing and names the row
    expect((await upload(w2025, odkExport(5, 1, 0.5, 'a'), reporter)).statusCode).toBe(403);
    const broken = odkExport(40, 2, 0.5, 'b').replace(/,female,/u, ',nu,');
    const refused = await upload(w2025, broken);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.rows[0]).toMatchObject({ line: 2, column: 'sex' });
    const count = async (id: number) =>
      (await app.inject({ url: '/api/surveys/waves', headers: office.headers }))
        .json()
        .find((w: { id: number }) => w.id === id).responses;
    expect(await count(w2025)).toBe(0);

    const csv2025 = odkExport(400, 7, 0.45, '2025');
    const imported = await upload(w2025, csv2025);
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toMatchObject({ created: 400, skipped: 0 });
    expect(imported.json().report).toMatchObject({
      notMatched: [],
      missing: [],
      design: ['stratum', 'cluster', 'weight'],
    });
    expect(imported.json().report.tool).toEqual(['SubmissionDate', 'meta-instanceID', 'KEY', 'ReviewState']);
    expect((await upload(w2025, csv2025)).json()).toMatchObject({ created: 0, skipped: 400 });
    expect(await count(w2025)).toBe(400);
    const listed = (await app.inject({ url: '/api/surveys/waves', headers: office.headers })).json();
    expect(listed.find((w: { id: number }) => w.id === w2025).targetGroups).toEqual(['community', 'workers']);
    expect((await upload(w2030, odkExport(400, 11, 0.75, '2030'))).json()).toMatchObject({ created: 400 });
  });

  it(
    'estimates by group on the whole design; change with its ' + 'interval, verdict and Holm; G5 from the waves',
    async () => {
      const waves = (await app.inject({ url: '/api/surveys/waves', headers: reporter.headers })).json() as {
        id: number;
        year: number;
      }[];
      const [w2025, w2030] = [waves.find((w) => w.year === 2025)!.id, waves.find((w) => w.year === 2030)!.id];
      const knowledgeBySexArea = async (wave: number) =>
        (
          await app.inject({
            url: `/api/surveys/waves/${wave}/estimates?scale=knowledge&by=sex,area`,
            headers: reporter.headers,
          })
        ).json();
      const est = await knowledgeBySexArea(w2025);
      expect(est.responses).toBe(400);
      expect(est.rows.reduce((s: number, r: { n: number }) => s + r.n, 0)).toBe(400);
      for (const r of est.rows) {
        if (r.n < 30) expect(r.mean).toBeNull();
        else {
          expect(r.ciLow).toBeLessThan(r.mean);
          expect(r.deff).toBeGreaterThan(0);
        }
      }
      expect(est.rows[0].labels).toEqual({ sex: 'Nữ', area: 'Nông thôn' });
      // asked again after more responses arrive: the figures follow (sums are kept only while nothing changes)
      expect((await upload(w2025, odkExport(40, 99, 0.5, 'late'))).json()).toMatchObject({ created: 40 });
      const again = await knowledgeBySexArea(w2025);
      expect(again.responses).toBe(440);
      expect(again.rows.reduce((s: number, r: { n: number }) => s + r.n, 0)).toBe(440);

      const change = (
        await app.inject({
          url: `/api/surveys/change?baseline=${w2025}&followup=${w2030}&by=sex&target=0.1`,
          headers: reporter.headers,
        })
      ).json();
      expect(change.rows.map((r: { group: { sex: string } }) => r.group.sex)).toEqual(['female', 'male']);
      for (const r of change.rows) {
        expect(r.change).toBeGreaterThan(0);
        expect(r.ciLow).toBeLessThan(r.change);
        expect(r.pHolm).toBeGreaterThanOrEqual(r.p);
        expect(r.verdict).toBe(r.ciLow >= 0.1 ? 'met' : 'not_shown');
      }
      const size = (q: string) => app.inject({ url: `/api/surveys/sample-size?${q}`, headers: reporter.headers });
      expect((await size('mean=60&sd=20&change=0.1&deff=2')).json().perWave).toBe(349);
      expect((await size('mean=60&sd=20&change=0')).statusCode).toBe(400);
      const bad = await app.inject({
        url: `/api/surveys/change?baseline=${w2025}&followup=${w2030}&by=tuoi`,
        headers: reporter.headers,
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toMatch(/tuoi không phải câu hỏi/u);

      // G5 in the indicator engine: the overall score's change, judged by the lower bound
      const overall = (
        await app.inject({
          url: `/api/surveys/change?baseline=${w2025}&followup=${w2030}&target=0.1`,
          headers: reporter.headers,
        })
      ).json().rows[0];
      const g5 = (await app.inject({ url: '/api/indicators/G5?year=2030', headers: reporter.headers })).json();
      expect(g5.value).toBeCloseTo(overall.change, 12);
      expect(g5.interval).toEqual({ low: overall.ciLow, high: overall.ciHigh });
      // judged by the lower bound: "achieved" exactly when it reaches the 2030 target of 10%
      expect(g5.status === 'achieved').toBe(overall.ciLow >= 0.1);
      expect(g5.statusRule.vi).toMatch(/^Theo cận dưới của khoảng tin cậy 95%: /u);
      expect(g5.rows.map((r: { name: string }) => r.name)).toEqual(['Nữ', 'Nam']);
      const g5in2026 = (await app.inject({ url: '/api/indicators/G5?year=2026', headers: reporter.headers })).json();
      expect(g5in2026).toMatchObject({ value: null, status: 'no_data' });
      expect(g5in2026.reason.vi).toMatch(/Chưa có đợt khảo sát sau năm 2025 \(đến năm 2026\)/u);
    },
  );

  it('a page asking for estimates and the change at once reads each wave once; asked again, not at all', async () => {
    const waves = (await app.inject({ url: '/api/surveys/waves', headers: reporter.headers })).json() as {
      id: number;
      year: number;
    }[];
    const raked = [waves.find((w) => w.year === 2025)!.id, waves.find((w) => w.year === 2030)!.id] as const;
    // the same answers in two waves whose design has clusters and no margins: summed per cluster by the database
    const instrumentId = (await app.inject({ url: '/api/surveys/instruments', headers: office.headers })).json()[0].id;
    const summed: number[] = [];
    for (const [year, seed, informed] of [
      [2025, 7, 0.45],
      [2030, 11, 0.75],
    ] as const) {
      const { margins: _, ...clustersOnly } = design;
      const payload = { name: `Cụm ${year}`, year, instrumentId, startDate: `${year}-05-01`, endDate: `${year}-06-30` };
      const id = (
        await app.inject({
          method: 'POST',
          url: '/api/surveys/waves',
          headers: office.headers,
          payload: { ...payload, design: clustersOnly },
        })
      ).json().id as number;
      expect((await upload(id, odkExport(400, seed, informed, `sum${year}`))).json()).toMatchObject({ created: 400 });
      summed.push(id);
    }
    // the database seen through a counter of the reads of a wave's responses (a database object of its own:
    // nothing kept for it yet); a read is the cluster sums or the respondents' figures
    let reads = 0;
    const db = ctx().db.withPlugin({
      transformQuery: ({ node }) => {
        const sums = RawNode.is(node) && node.sqlFragments.some((f) => f.includes('count(y)'));
        if (sums || (SelectQueryNode.is(node) && JSON.stringify(node).includes('"name":"values"'))) reads++;
        return node;
      },
      transformResult: async ({ result }) => result,
    });
    const counted = { ...ctx(), db };
    const page = ([baseline, followup]: readonly number[]) =>
      Promise.all([
        waveEstimates(counted, followup!, 'knowledge', ['sex', 'area']),
        compareWaves(counted, baseline!, followup!, 'knowledge', ['sex', 'area']),
      ]);
    for (const pair of [summed, raked]) {
      reads = 0;
      const [estimates, change] = await page(pair);
      expect(reads).toBe(2);
      expect(estimates).toEqual(await waveEstimates(ctx(), pair[1]!, 'knowledge', ['sex', 'area']));
      expect(change).toEqual(await compareWaves(ctx(), pair[0]!, pair[1]!, 'knowledge', ['sex', 'area']));
      await page(pair);
      expect(reads).toBe(2);
    }
  });

  it(
    'the public form: opened by the office, answered without ' + 'sign-in, checked again on the server, rate-limited',
    async () => {
      const instrumentId = (await app.inject({ url: '/api/surveys/instruments', headers: office.headers })).json()[0]
        .id;
      const created = await app.inject({
        method: 'POST',
        url: '/api/surveys/waves',
        headers: office.headers,
        payload: {
          name: 'Khảo sát trực tuyến',
          year: 2026,
          instrumentId,
          startDate: '2026-01-01',
          endDate: '2100-12-31',
        },
      });
      const waveId = created.json().id as number;
      const open = (as: Session, value: boolean) =>
        app.inject({
          method: 'POST',
          url: `/api/surveys/waves/${waveId}/public`,
          headers: as.headers,
          payload: { open: value },
        });
      expect((await open(reporter, true)).statusCode).toBe(403);
      const token = (await open(office, true)).json().publicToken as string;
      expect(token).toMatch(/^[\w-]{16}$/u);
      // a wave sampled by strata, clusters or weights takes no web answers
      const sampled = (await app.inject({ url: '/api/surveys/waves', headers: office.headers }))
        .json()
        .find((w: { year: number }) => w.year === 2025).id;
      const refused = await app.inject({
        method: 'POST',
        url: `/api/surveys/waves/${sampled}/public`,
        headers: office.headers,
        payload: { open: true },
      });
      expect(refused.statusCode).toBe(400);

      const form = (await app.inject({ url: `/api/public/surveys/${token}` })).json();
      expect(form.wave.name).toBe('Khảo sát trực tuyến');
      expect(form.form.questions.find((q: { name: string }) => q.name === 'k1').label.vi).toMatch(
        /nam và nữ bình đẳng/u,
      );
      expect(JSON.stringify(form)).not.toMatch(/"key"|scoring/u);

      const answers = WEB_ANSWERS;
      const send = (body: Record<string, unknown>, remoteAddress = '198.51.100.7') =>
        app.inject({ method: 'POST', url: `/api/public/surveys/${token}/responses`, payload: body, remoteAddress });
      // the browser's id of its answer sheet: the same sheet sent again (its first reply lost on a slow
      // connection) is answered 200 and not stored twice
      const sheet = { answers, instanceId: 'a1b2c3d4e5f60718293a4b5c6d7e8f90' };
      expect((await send(sheet)).json()).toEqual({ ok: true, repeated: false });
      const again = await send(sheet);
      expect([again.statusCode, again.json()]).toEqual([200, { ok: true, repeated: true }]);
      const badId = await send({ answers, instanceId: "x'; drop" });
      expect([badId.statusCode, badId.json().error.fields]).toEqual([
        400,
        { instanceId: expect.stringMatching(/mã phiếu/u) },
      ]);
      const bad = await send({ answers: { ...answers, age: '9', k1: 'có lẽ', extra: 'x' } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.fields).toEqual({
        age: 'Tuổi từ 15 đến 100',
        k1: 'Lựa chọn không có trong danh sách: có lẽ',
        extra: 'không phải câu hỏi của biểu mẫu này',
      });
      const est = (
        await app.inject({ url: `/api/surveys/waves/${waveId}/estimates?scale=knowledge`, headers: office.headers })
      ).json();
      // one response stored (the refused one is not), scored 100; a cell of one is not published
      expect(est.rows).toEqual([expect.objectContaining({ n: 1, mean: null })]);
      const scores = await ctx()
        .db.selectFrom('survey_response')
        .select('scores')
        .where('wave_id', '=', waveId)
        .execute();
      expect(scores.map((r) => r.scores)).toEqual([{ knowledge: 100, norms: 100, overall: 100 }]);

      // the per-address limit (BDG_PUBLIC_FORM_MAX_PER_MINUTE, 20 by default): the 21st answer in a minute is 429
      const codes: number[] = [];
      for (let i = 0; i < 21; i++) codes.push((await send({ answers }, '198.51.100.99')).statusCode);
      expect(codes.slice(0, 20).every((c) => c === 201)).toBe(true);
      expect(codes[20]).toBe(429);

      await open(office, false);
      expect((await app.inject({ url: `/api/public/surveys/${token}` })).statusCode).toBe(404);
    },
  );

  it(
    'invitations: one link per respondent, answered once ' + 'with its design values; withdrawn; links as XLSX',
    async () => {
      const instrumentId = (await app.inject({ url: '/api/surveys/instruments', headers: office.headers })).json()[0]
        .id;
      const newWave = async (name: string, withDesign: boolean) =>
        (
          await app.inject({
            method: 'POST',
            url: '/api/surveys/waves',
            headers: office.headers,
            payload: {
              name,
              year: 2026,
              instrumentId,
              startDate: '2026-01-01',
              endDate: '2100-12-31',
              ...(withDesign ? { design: { strata: 'stratum', cluster: 'cluster', weight: 'weight' } } : {}),
            },
          })
        ).json().id as number;
      const sampled = await newWave('Mẫu hộ gia đình', true);
      const invite = (waveId: number, csv: string, as: Session = office) => {
        const m = multipart('mau.csv', csv, 'text/csv');
        return app.inject({
          method: 'POST',
          url: `/api/surveys/waves/${waveId}/invitations/import`,
          headers: { ...as.headers, ...m.headers },
          payload: m.payload,
        });
      };
      const listed = async (waveId: number) =>
        (await app.inject({ url: `/api/surveys/waves/${waveId}/invitations`, headers: office.headers })).json();

      // a sampled wave needs each respondent's design values: a bare count is refused, so is a list without them
      const byCount = await app.inject({
        method: 'POST',
        url: `/api/surveys/waves/${sampled}/invitations`,
        headers: office.headers,
        payload: { count: 3 },
      });
      expect([byCount.statusCode, Object.keys(byCount.json().error.fields)]).toEqual([400, ['count']]);
      expect((await invite(sampled, 'label,stratum\nHộ 1,s1\n')).json().error.message).toBe(
        'Danh sách mẫu thiếu cột: cluster, weight',
      );
      expect((await invite(sampled, 'label,stratum,cluster,weight\nHộ 1,s1,c1,120\n', reporter)).statusCode).toBe(403);
      // every bad row named, nothing made
      const bad = await invite(sampled, 'label,stratum,cluster,weight\nHộ 1,s1,c1,120\nHộ 2,s1,,0\n');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.rows).toEqual([
        { line: 3, column: 'cluster', reason: 'không được để trống' },
        { line: 3, column: 'weight', reason: 'trọng số phải là số dương (đang là "0")' },
      ]);
      expect((await listed(sampled)).invited).toBe(0);

      const made = await invite(
        sampled,
        'label,stratum,cluster,weight\nHộ ông Ân,s1,c1,120\nHộ bà Bình,s1,c2,80.5\nHộ 3,s2,c3,95\n',
      );
      expect(made.statusCode).toBe(201);
      const { invitations } = made.json() as { invitations: { id: number; label: string; token: string }[] };
      expect(invitations.map((i) => i.label)).toEqual(['Hộ ông Ân', 'Hộ bà Bình', 'Hộ 3']);
      expect(invitations.every((i) => /^[\w-]{24}$/u.test(i.token))).toBe(true);
      // only the token's SHA-256 is stored
      const stored = await ctx()
        .db.selectFrom('survey_invitation')
        .selectAll()
        .where('wave_id', '=', sampled)
        .execute();
      expect(stored.map((r) => r.token_hash).sort()).toEqual(
        invitations.map((i) => createHash('sha256').update(i.token).digest('hex')).sort(),
      );
      expect(JSON.stringify(stored)).not.toContain(invitations[0]!.token);

      // the respondent's link shows the form; the answer takes the invitation's stratum, cluster and weight
      const [first, second, third] = invitations as [
        (typeof invitations)[0],
        (typeof invitations)[0],
        (typeof invitations)[0],
      ];
      expect((await app.inject({ url: `/api/public/surveys/${first.token}` })).json().invitation).toEqual({
        answered: false,
      });
      const answer = (token: string, instanceId: string) =>
        app.inject({
          method: 'POST',
          url: `/api/public/surveys/${token}/responses`,
          payload: { answers: WEB_ANSWERS, instanceId },
        });
      const sheet = 'sheet-of-household-one-0001';
      expect((await answer(first.token, sheet)).statusCode).toBe(201);
      // the same sheet again (its reply lost): repeated; another sheet on the same link: refused
      expect((await answer(first.token, sheet)).json()).toEqual({ ok: true, repeated: true });
      const other = await answer(first.token, 'another-sheet-on-that-link');
      expect([other.statusCode, other.json().error.message]).toEqual([
        409,
        'Thư mời này đã được dùng để trả lời; mỗi thư mời chỉ trả lời một lần',
      ]);
      expect((await app.inject({ url: `/api/public/surveys/${first.token}` })).json().invitation).toEqual({
        answered: true,
      });
      // two sheets on one link at the same moment: one is stored
      const both = await Promise.all([
        answer(second.token, 'at-once-sheet-number-1'),
        answer(second.token, 'at-once-sheet-number-2'),
      ]);
      expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      const responses = await ctx()
        .db.selectFrom('survey_response')
        .select(['source', 'stratum', 'cluster', 'weight', 'instance_id'])
        .where('wave_id', '=', sampled)
        .orderBy('id')
        .execute();
      expect(responses).toEqual([
        { source: 'web', stratum: 's1', cluster: 'c1', weight: 120, instance_id: `invite:${first.id}` },
        { source: 'web', stratum: 's1', cluster: 'c2', weight: 80.5, instance_id: `invite:${second.id}` },
      ]);
      const list = await listed(sampled);
      expect([list.invited, list.answered]).toEqual([3, 2]);
      expect(JSON.stringify(list)).not.toMatch(/token/u);
      const wave = (await app.inject({ url: '/api/surveys/waves', headers: office.headers }))
        .json()
        .find((w: { id: number }) => w.id === sampled);
      expect(wave.invitations).toEqual({ invited: 3, answered: 2 });

      // withdrawn: an answered invitation cannot be; an unanswered one can, and its link then leads nowhere
      const withdraw = (id: number, as: Session = office) =>
        app.inject({ method: 'DELETE', url: `/api/surveys/invitations/${id}`, headers: as.headers });
      expect((await withdraw(first.id)).statusCode).toBe(409);
      expect((await withdraw(third.id, reporter)).statusCode).toBe(403);
      expect((await withdraw(third.id)).statusCode).toBe(204);
      expect((await app.inject({ url: `/api/public/surveys/${third.token}` })).statusCode).toBe(404);
      const audit = await ctx()
        .db.selectFrom('audit_log')
        .select(['action', 'entity_id'])
        .where('entity', '=', 'survey_invitation')
        .orderBy('id')
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['create', 'delete']);

      // a wave without design columns takes a count; the links come back as a spreadsheet
      const open = await newWave('Khảo sát qua thư mời', false);
      const count = (n: number) =>
        app.inject({
          method: 'POST',
          url: `/api/surveys/waves/${open}/invitations`,
          headers: office.headers,
          payload: { count: n },
        });
      expect((await count(0)).json().error.fields).toEqual({ count: 'từ 1 đến 5.000' });
      const two = (await count(2)).json();
      expect(two.created).toBe(2);
      const xlsx = await app.inject({
        method: 'POST',
        url: '/api/surveys/invitations.xlsx',
        headers: office.headers,
        payload: { origin: 'https://bdg.example.gov.vn', invitations: two.invitations },
      });
      expect(xlsx.headers['content-type']).toBe(XLSX_TYPE);
      const sheetRows = (await readTabular(xlsx.rawPayload, { plainHeaders: true })).rows;
      expect(sheetRows.map((r) => Object.values(r.cells).at(-1))).toEqual(
        two.invitations.map((i: { token: string }) => `https://bdg.example.gov.vn/#/khao-sat/${i.token}`),
      );
    },
  );

  it('a custom instrument: an XLSForm and its scoring, checked; a version is never replaced', async () => {
    const dir = new URL('../../instruments/bdg-nhan-thuc/', import.meta.url).pathname;
    const formText = fs.readFileSync(`${dir}form.yaml`, 'utf8').replace("version: '2025.1'", "version: '2026.1'");
    const scoring = fs.readFileSync(`${dir}scoring.yaml`, 'utf8');
    const xlsform = (await xlsformWorkbook(sheetsFromYaml(formText, { keepCase: true }))).toString('base64');
    const post = (as: Session, body: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: '/api/surveys/instruments', headers: as.headers, payload: body });
    expect((await post(reporter, { xlsform, scoring })).statusCode).toBe(403);
    const badScoring = await post(office, { xlsform, scoring: scoring.replace('key: sai }', 'key: co }') });
    expect(badScoring.statusCode).toBe(400);
    expect(badScoring.json().error.message).toMatch(
      /dòng \d+, scales\.0\.items\.2\.key: danh sách "dung_sai" không có lựa chọn "co"/u,
    );
    const pyxform = fs
      .readFileSync(new URL('../fixtures/xlsforms/pyxform/include.xlsx', import.meta.url))
      .toString('base64');
    const badForm = await post(office, { xlsform: pyxform, scoring });
    expect(badForm.statusCode).toBe(400);
    expect(badForm.json().error.message).toMatch(/survey, dòng 3, cột type: kiểu "include" chưa được hỗ trợ/u);
    const created = await post(office, { xlsform, scoring });
    expect(created.statusCode).toBe(201);
    const again = await post(office, { xlsform, scoring });
    expect(again.statusCode).toBe(409);
    const got = (
      await app.inject({ url: `/api/surveys/instruments/${created.json().id}`, headers: reporter.headers })
    ).json();
    expect(got.form.version).toBe('2026.1');
    expect(got.scoring.scales.map((x: { code: string }) => x.code)).toEqual(['knowledge', 'norms']);

    // a form that requires a photo is collected with ODK or Kobo: its wave cannot open the web form
    const withPhoto = formText
      .replace("version: '2026.1'", "version: '2026.2'")
      .replace(
        'survey:\n',
        'survey:\n  - type: image\n    name: anh\n    label: Ảnh buổi khảo sát\n    required: "yes"\n',
      );
    const photo = await post(office, {
      xlsform: (await xlsformWorkbook(sheetsFromYaml(withPhoto, { keepCase: true }))).toString('base64'),
      scoring,
    });
    expect(photo.statusCode).toBe(201);
    const wave = await app.inject({
      method: 'POST',
      url: '/api/surveys/waves',
      headers: office.headers,
      payload: {
        name: 'Đợt có ảnh',
        year: 2026,
        instrumentId: photo.json().id,
        startDate: '2026-01-01',
        endDate: '2026-12-31',
      },
    });
    const opened = await app.inject({
      method: 'POST',
      url: `/api/surveys/waves/${wave.json().id}/public`,
      headers: office.headers,
      payload: { open: true },
    });
    expect([opened.statusCode, opened.json().error.message]).toEqual([
      400,
      'Câu "anh" bắt buộc gửi tệp (image): biểu mẫu web không nhận tệp, hãy thu bằng ODK/KoboToolbox',
    ]);
  });
});
