import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { figure } from '../../src/core/official-report.ts';
import { STATUS_LABELS } from '../../src/core/status.ts';
import { SYSTEM_ACTOR } from '../../src/modules/context.ts';
import { createRecord, transitionRecord } from '../../src/modules/records/service.ts';
import { insertSessions } from '../../src/modules/sessions/repository.ts';
import { describeEachEngine } from '../helpers/db.ts';
import { ooxmlParts, tablesOf, textOf } from '../helpers/docx.ts';
import { sofficeAvailable } from '../helpers/environment.ts';
import { buildTestApp, buildUnit, buildUser, loginAs, sessionInput, type Session } from '../helpers/factories.ts';
import { OFFICIAL_ISSUER } from '../helpers/world.ts';
import type { FastifyInstance } from 'fastify';

interface Line {
  code: string;
  title: string;
  isShare: boolean;
  value: number | null;
  target: number | null;
  numerator: number | null;
  denominator: number | null;
  status: keyof typeof STATUS_LABELS;
}

/**
 * A province of known figures: communes A (three approved sessions in March 2025: 10, 20 and 30 people,
 * 5, 10 and 15 women; a yearly report naming a difficulty and a proposal) and B (nothing), a department D.
 */
describeEachEngine('official reports: DOCX in the format of Decree 30/2020, frozen when final', (ctx) => {
  let app: FastifyInstance;
  let co: Session;
  let viewer: Session;
  let reporter: Session;
  let p: { id: number; code: string };
  let a: { id: number; code: string };
  let b: { id: number; code: string };

  beforeAll(async () => {
    app = await buildTestApp(ctx());
    p = await buildUnit(ctx(), { kind: 'province', name: 'Tỉnh Thử Nghiệm' });
    a = await buildUnit(ctx(), { kind: 'commune', parentCode: p.code, name: 'Xã Ánh Dương' });
    b = await buildUnit(ctx(), { kind: 'commune', parentCode: p.code, name: 'Xã Bình Yên' });
    await buildUnit(ctx(), { kind: 'department', parentCode: p.code, name: 'Sở Thử' });
    await insertSessions(
      ctx().db,
      [
        sessionInput(a.id, '2025-03-10', 10, 5),
        sessionInput(a.id, '2025-03-11', 20, 10),
        sessionInput(a.id, '2025-03-12', 30, 15),
      ],
      null,
    );
    const r = await createRecord(ctx(), SYSTEM_ACTOR, 'periodic_report', {
      unitId: a.id,
      data: {
        period: '2025-CN',
        results: 'Tổ chức 3 buổi truyền thông',
        difficulties: 'Thiếu kinh phí cho <b>tài liệu</b>',
        proposals: 'Tăng tập huấn cho cán bộ thôn',
      },
    });
    await transitionRecord(ctx(), SYSTEM_ACTOR, 'periodic_report', r.id, { action: 'submit', version: r.version });
    co = await loginAs(app, (await buildUser(ctx(), 'coordinator')).username);
    viewer = await loginAs(app, (await buildUser(ctx(), 'viewer')).username);
    reporter = await loginAs(app, (await buildUser(ctx(), 'reporter', a.id)).username);
  });

  const create = (who: Session, payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: '/api/official-reports', headers: who.headers, payload });
  const get = (who: Session, url: string) => app.inject({ url, headers: who.headers });

  it('gathers the figures of the data: indicators, task groups, completeness and what units wrote', async () => {
    const res = await create(co, { kind: 'yearly', year: 2025, areaId: p.id });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({ status: 'draft', version: 1, kind: 'yearly', year: 2025 });
    // the first report's issuer comes from the province; the next ones start from the last one's
    expect(r.issuer).toMatchObject({ parent: 'UBND Tỉnh Thử Nghiệm', body: 'Sở Nội vụ', place: 'Thử Nghiệm' });
    expect(r.issuer.signerTitle).toBe('KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC');
    expect(r.content).toMatchObject({ from: '2024-12-15', to: '2025-12-14', periods: ['2025-6T', '2025-CN'] });
    expect(r.content.area).toEqual({ id: p.id, code: p.code, name: 'Tỉnh Thử Nghiệm' });
    const lines: Line[] = r.content.goals.flatMap((g: { indicators: Line[] }) => g.indicators);
    expect(lines.find((l) => l.code === 'G1.sessions')).toMatchObject({ value: 3 });
    expect(lines.find((l) => l.code === 'G1.participants')).toMatchObject({ value: 60 });
    expect(lines.find((l) => l.code === 'G1.women')).toMatchObject({ value: 30 });
    // A holds ≥ 2 sessions; B and D hold none
    expect(lines.find((l) => l.code === 'G1')).toMatchObject({ numerator: 1, denominator: 3 });
    const t1 = r.content.tasks.find((t: { code: string }) => t.code === 'T1');
    expect(t1.lines).toEqual([
      {
        type: 'communication_session',
        label: 'Buổi truyền thông trực tiếp',
        approved: 3,
        participants: 60,
        female: 30,
        units: 1,
      },
    ]);
    expect(r.content.difficulties).toEqual([
      { unit: 'Xã Ánh Dương', kind: 'commune', text: 'Thiếu kinh phí cho <b>tài liệu</b>' },
    ]);
    expect(r.content.proposals).toEqual([
      { unit: 'Xã Ánh Dương', kind: 'commune', text: 'Tăng tập huấn cho cán bộ thôn' },
    ]);
    const yearly = r.content.completeness.find((c: { period: string }) => c.period === '2025-CN');
    expect(yearly).toMatchObject({ expected: 3, complete: 1 }); // A's report was sent
    expect(r.content.empty).toBe(false);
    expect(r.figuresSha256).toMatch(/^[0-9a-f]{64}$/u);

    // one draft per kind, year and area
    const again = await create(co, { kind: 'yearly', year: 2025, areaId: p.id });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain(`số ${r.id}`);
  });

  it(
    'writes a DOCX with the fonts, sizes, margins, page ' + 'numbers and header of Decree 30, its tables the data',
    async () => {
      const r = (await create(co, { kind: 'half_year', year: 2025, areaId: p.id })).json();
      const res = await get(co, `/api/official-reports/${r.id}/report.docx`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('wordprocessingml');
      const parts = ooxmlParts(res.rawPayload);
      const doc = parts['word/document.xml']!;
      const styles = parts['word/styles.xml']!;
      // Times New Roman 14 pt as the default run
      expect(styles).toMatch(/<w:docDefaults>.*w:ascii="Times New Roman".*<w:sz w:val="28"\/>/su);
      // A4 and margins 20 / 20 / 30 / 15 mm
      expect(doc).toMatch(/<w:pgSz w:w="11906" w:h="16838"/u);
      expect(doc).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/u);
      // the first page has its own (empty) header; the others carry the page number
      expect(doc).toContain('<w:titlePg/>');
      const headers = Object.entries(parts).filter(([n]) => /^word\/header\d+\.xml$/u.test(n));
      expect(headers.some(([, x]) => /PAGE/u.test(x) && x.includes('w:jc w:val="center"'))).toBe(true);
      const text = textOf(doc);
      for (const line of [
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        'Số:      /BC-SNV',
        'DỰ THẢO',
        'BÁO CÁO',
        'Nơi nhận:',
      ])
        expect(text).toContain(line);
      expect(text).toMatch(/, ngày \d{2} tháng (0[12]|[3-9]|1[0-2]) năm \d{4}/u);
      expect(text).toContain('6 tháng đầu năm 2025 trên địa bàn Tỉnh Thử Nghiệm');

      // every indicator row of table 1 says what the data says
      const tables = tablesOf(doc);
      const goals = tables.find((t) => t[0]?.[1] === 'Chỉ tiêu')!;
      const lines: Line[] = r.content.goals.flatMap((g: { indicators: Line[] }) => g.indicators);
      for (const l of lines) {
        const row = goals.find((cells) => cells[1] === `${l.code}. ${l.title}`);
        expect(row, l.code).toBeDefined();
        expect(row![2], l.code).toBe(figure(l.target, l.isShare));
        expect(row![3], l.code).toBe(
          figure(l.value, l.isShare) + (l.isShare && l.denominator ? ` (${l.numerator}/${l.denominator})` : ''),
        );
        expect(row![4]!.split('\n')[0], l.code).toBe(STATUS_LABELS[l.status].vi);
      }
      const tasks = tables.find((t) => t[0]?.[0] === 'Nhiệm vụ, loại hoạt động')!;
      expect(tasks).toContainEqual(['Buổi truyền thông trực tiếp', '3', '1', '60', '30']);
      const timely = tables.find((t) => t[0]?.[0] === 'Kỳ báo cáo')!;
      expect(timely.slice(1).map((row) => row[0])).toEqual(['Báo cáo 6 tháng 2025']);
      // a chart of the share indicators, drawn on the server, with its description
      expect(Object.keys(ooxmlParts(res.rawPayload)).length).toBeGreaterThan(5);
      expect(doc).toMatch(/<wp:docPr [^>]*descr="Các chỉ tiêu tỷ lệ năm 2025/u);
    },
  );

  it('names the units behind each figure in the XLSX annex', async () => {
    const r = (await create(co, { kind: 'yearly', year: 2025, areaId: a.id })).json();
    const res = await get(co, `/api/official-reports/${r.id}/report.xlsx`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Thông tin',
      'Chỉ tiêu',
      'Đơn vị theo chỉ tiêu',
      'Nhiệm vụ',
      'Mô hình',
      'Tiến độ báo cáo',
      'Khó khăn',
      'Đề xuất',
    ]);
    const units = wb.getWorksheet('Đơn vị theo chỉ tiêu')!;
    const g1 = units.getSheetValues().filter((v) => Array.isArray(v) && v[1] === 'G1') as unknown[][];
    expect(g1.map((v) => [v[2], v[3], v[6], v[8]])).toEqual([[a.code, 'Xã Ánh Dương', 3, 'Đạt']]);
    const goals = wb.getWorksheet('Chỉ tiêu')!;
    const sessions = goals.getSheetValues().find((v) => Array.isArray(v) && v[2] === 'G1.sessions') as unknown[];
    expect(sessions[6]).toBe(3);
    const notes = wb.getWorksheet('Khó khăn')!.getRow(2).values as unknown[];
    expect(notes.slice(1)).toEqual([
      'Xã, phường, thị trấn, đặc khu',
      'Xã Ánh Dương',
      'Thiếu kinh phí cho <b>tài liệu</b>',
    ]);
  });

  it(
    'freezes a final report: the same bytes and figures after ' + 'records change; a correction says what changed',
    async () => {
      const r = (await create(co, { kind: 'yearly', year: 2025, areaId: b.id })).json();
      expect(r.content.empty).toBe(true);
      const unsigned = await app.inject({
        method: 'POST',
        url: `/api/official-reports/${r.id}/finalise`,
        headers: co.headers,
      });
      expect(unsigned.statusCode).toBe(400);
      expect(unsigned.json().error.fields).toHaveProperty('issuer.signerName');
      const put = await app.inject({
        method: 'PUT',
        url: `/api/official-reports/${r.id}`,
        headers: co.headers,
        payload: {
          narrative: { summary: 'Xã chưa triển khai.\nCần đôn đốc.', highlights: '' },
          issuer: OFFICIAL_ISSUER,
        },
      });
      expect(put.statusCode, put.body).toBe(200);
      expect(put.json().narrative).toEqual({
        summary: 'Xã chưa triển khai.\nCần đôn đốc.',
        highlights: '',
        difficulties: '',
        directions: '',
      });
      // a leader reads the draft; a reporter does not, and cannot write
      expect((await get(viewer, `/api/official-reports/${r.id}`)).statusCode).toBe(200);
      expect((await get(reporter, `/api/official-reports/${r.id}`)).statusCode).toBe(403);
      expect((await get(reporter, '/api/official-reports')).json().some((x: { id: number }) => x.id === r.id)).toBe(
        false,
      );

      const fin = await app.inject({
        method: 'POST',
        url: `/api/official-reports/${r.id}/finalise`,
        headers: co.headers,
      });
      expect(fin.statusCode, fin.body).toBe(200);
      const final = fin.json();
      expect(final).toMatchObject({ status: 'final', figuresSha256: r.figuresSha256 });
      const docx = await get(co, `/api/official-reports/${r.id}/report.docx`);
      expect(createHash('sha256').update(docx.rawPayload).digest('hex')).toBe(final.docxSha256);
      const text = textOf(ooxmlParts(docx.rawPayload)['word/document.xml']!);
      expect(text).not.toContain('DỰ THẢO');
      expect(text).toContain('Xã chưa triển khai.\nCần đôn đốc.');
      expect(text).toContain('KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC');
      expect(text).toContain('Nguyễn Thị Thử');
      expect(text).toContain('chưa có hoạt động nào được duyệt và chưa có chỉ tiêu nào có số liệu');
      expect(text).toContain(`Mã kiểm tra số liệu (SHA-256): ${r.figuresSha256}`);
      // now readable by everyone signed in
      expect((await get(reporter, `/api/official-reports/${r.id}`)).statusCode).toBe(200);

      await insertSessions(
        ctx().db,
        [sessionInput(b.id, '2025-05-05', 40, 22), sessionInput(b.id, '2025-05-06', 8, 8)],
        null,
      );
      const later = (await get(co, `/api/official-reports/${r.id}`)).json();
      expect(later.content).toEqual(final.content);
      const again = await get(co, `/api/official-reports/${r.id}/report.docx`);
      expect(Buffer.compare(again.rawPayload, docx.rawPayload)).toBe(0);
      for (const [method, url, payload] of [
        ['PUT', `/api/official-reports/${r.id}`, { narrative: { summary: 'sửa' } }],
        ['POST', `/api/official-reports/${r.id}/refresh`, undefined],
        ['POST', `/api/official-reports/${r.id}/finalise`, undefined],
        ['DELETE', `/api/official-reports/${r.id}`, undefined],
      ] as const) {
        const res = await app.inject({ method, url, headers: co.headers, ...(payload ? { payload } : {}) });
        expect(res.statusCode, `${method} ${url}`).toBe(409);
        expect(res.json().error.code).toBe('LOCKED');
      }

      // a correction: a new version with the figures of today, and a note of what changed
      const short = await app.inject({
        method: 'POST',
        url: `/api/official-reports/${r.id}/correct`,
        headers: co.headers,
        payload: { changeNote: ' ' },
      });
      expect(short.statusCode).toBe(400);
      expect(short.json().error.fields).toHaveProperty('changeNote');
      const corr = await app.inject({
        method: 'POST',
        url: `/api/official-reports/${r.id}/correct`,
        headers: co.headers,
        payload: { changeNote: 'Bổ sung 2 buổi truyền thông được duyệt muộn' },
      });
      expect(corr.statusCode, corr.body).toBe(201);
      const v2 = corr.json();
      expect(v2).toMatchObject({ version: 2, previousId: r.id, status: 'draft' });
      expect(v2.narrative.summary).toBe('Xã chưa triển khai.\nCần đôn đốc.');
      const fin2 = (
        await app.inject({ method: 'POST', url: `/api/official-reports/${v2.id}/finalise`, headers: co.headers })
      ).json();
      expect(fin2.changes.figures).toContainEqual({
        code: 'G1.sessions',
        title: 'Số hoạt động truyền thông về bình đẳng giới',
        before: '0 (mục tiêu —, Không đặt mục tiêu)',
        after: '2 (mục tiêu —, Không đặt mục tiêu)',
      });
      const text2 = textOf(
        ooxmlParts((await get(co, `/api/official-reports/${v2.id}/report.docx`)).rawPayload)['word/document.xml']!,
      );
      expect(text2).toContain('phiên bản 2, đính chính phiên bản trước: Bổ sung 2 buổi truyền thông được duyệt muộn');
      expect(text2).toContain('G1.sessions. Số hoạt động truyền thông về bình đẳng giới: trước "0');
      // the first version stays as it was, and cannot be corrected twice
      expect((await get(co, `/api/official-reports/${r.id}`)).json().content).toEqual(final.content);
      const twice = await app.inject({
        method: 'POST',
        url: `/api/official-reports/${r.id}/correct`,
        headers: co.headers,
        payload: { changeNote: 'Lần nữa từ bản cũ' },
      });
      expect(twice.statusCode).toBe(409);
    },
  );

  it('refuses to make a draft final when the data moved since its figures were gathered', async () => {
    const c = await buildUnit(ctx(), { kind: 'commune', parentCode: p.code, name: 'Xã Cát Tiên' });
    const r = (await create(co, { kind: 'yearly', year: 2025, areaId: c.id, issuer: OFFICIAL_ISSUER })).json();
    await insertSessions(ctx().db, [sessionInput(c.id, '2025-06-01', 12, 6)], null);
    const fin = await app.inject({
      method: 'POST',
      url: `/api/official-reports/${r.id}/finalise`,
      headers: co.headers,
    });
    expect(fin.statusCode).toBe(409);
    expect(fin.json().error).toMatchObject({ code: 'STALE_FIGURES' });
    expect(fin.json().error.message).toContain('G1.sessions');
    expect((await get(co, `/api/official-reports/${r.id}`)).json().status).toBe('draft');
    const refreshed = await app.inject({
      method: 'POST',
      url: `/api/official-reports/${r.id}/refresh`,
      headers: co.headers,
    });
    expect(refreshed.json().figuresSha256).not.toBe(r.figuresSha256);
    const ok = await app.inject({ method: 'POST', url: `/api/official-reports/${r.id}/finalise`, headers: co.headers });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('says in Vietnamese which field is wrong, and writes nothing', async () => {
    const count = async () =>
      Number(
        (await ctx()
          .db.selectFrom('official_report')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirst())!.n,
      );
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: 'monthly', year: 2025 }, 'kind'],
      [{ kind: 'yearly', year: 2040 }, 'year'],
      [{ kind: 'yearly', year: 2025, areaId: 999_999 }, 'area'],
      [{ kind: 'yearly', year: 2025, issuer: { body: '' } }, 'issuer.parent'],
      [
        {
          kind: 'yearly',
          year: 2025,
          issuer: {
            parent: 'UBND',
            body: '',
            symbol: 'BC',
            place: 'An Hòa',
            signerTitle: 'GIÁM ĐỐC',
            signerName: '',
            recipients: [],
          },
        },
        'issuer.body',
      ],
    ];
    for (const [payload, field] of cases) {
      const res = await create(co, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(Object.keys(res.json().error.fields ?? {}), res.body).toContain(field);
    }
    const r = (await create(co, { kind: 'review', year: 2025, areaId: a.id })).json();
    const long = await app.inject({
      method: 'PUT',
      url: `/api/official-reports/${r.id}`,
      headers: co.headers,
      payload: { narrative: { summary: 'x'.repeat(20_001) } },
    });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.fields).toHaveProperty('narrative.summary');
    expect((await get(co, `/api/official-reports/${r.id}`)).json().narrative.summary).toBe('');
    expect(await count()).toBe(before + 1);
    // a review shows every year since the plan began
    expect(r.content.goals[0].indicators[0].years.map((y: { year: number }) => y.year)).toEqual([
      2021, 2022, 2023, 2024, 2025,
    ]);
    expect(r.content.title).toMatch(/^Sơ kết 5 năm thực hiện/u);
  });

  it.runIf(sofficeAvailable())('turns the report into a PDF with LibreOffice, motto and tables in it', async () => {
    const r = (await create(co, { kind: 'yearly', year: 2024, areaId: a.id })).json();
    const res = await get(co, `/api/official-reports/${r.id}/report.pdf`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bdg-pdf-test-'));
    fs.writeFileSync(path.join(dir, 'r.pdf'), res.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', path.join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
    fs.rmSync(dir, { recursive: true });
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toMatch(/Buổi truyền thông trực tiếp/u);
    expect(text).toMatch(/Tình hình báo cáo của các đơn vị/u);
    expect((await get(reporter, `/api/official-reports/${r.id}/report.pdf`)).statusCode).toBe(403);
  });

  it('says how to install LibreOffice when there is none (BDG_SOFFICE=off, or a path that is not there)', async () => {
    for (const soffice of ['off', '/nowhere/soffice']) {
      const without = await buildTestApp({ ...ctx(), config: { ...ctx().config, soffice } });
      const who = await loginAs(without, (await buildUser(ctx(), 'coordinator')).username);
      const caps = (await without.inject({ url: '/api/official-reports/capabilities', headers: who.headers })).json();
      expect(caps).toEqual({ pdf: false, hint: expect.stringContaining('libreoffice-writer-nogui') });
      const r = (await create(co, { kind: 'yearly', year: 2024, areaId: b.id })).json();
      const res = await without.inject({ url: `/api/official-reports/${r.id}/report.pdf`, headers: who.headers });
      expect(res.statusCode).toBe(501);
      expect(res.json().error).toMatchObject({ code: 'PDF_UNAVAILABLE', message: expect.stringContaining('apt-get') });
      await app.inject({ method: 'DELETE', url: `/api/official-reports/${r.id}`, headers: co.headers });
      await without.close();
    }
  });
});
