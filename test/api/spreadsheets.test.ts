import ExcelJS from 'exceljs';
import { afterAll, expect, it } from 'vitest';
import type { Engine } from '../../src/db/engine.ts';
import { createTestCtx, describeEachEngine } from '../helpers/db.ts';
import { deleteSession, sessionExportPages } from '../../src/modules/sessions/repository.ts';
import { buildTestApp, buildUnit, buildUser, loginAs, multipart } from '../helpers/factories.ts';

const open = async (buf: Buffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
};

describeEachEngine('session spreadsheets: template, export, round trip, error list', (ctx, engine: Engine) => {
  const others: { dispose(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const o of others) await o.dispose();
  });

  it(
    'the template has Vietnamese headers with codes, drop-down lists, and an example row the importer refuses ' +
      'with a clear reason',
    async () => {
      const app = await buildTestApp(ctx());
      const c = await loginAs(app, (await buildUser(ctx(), 'coordinator')).username);
      const res = await app.inject({ url: '/api/sessions/template.xlsx', headers: c.headers });
      expect(res.statusCode).toBe(200);
      const wb = await open(res.rawPayload);
      const ws = wb.getWorksheet('Hoạt động')!;
      expect(ws.getCell('A1').value).toBe('Mã đơn vị (unit_code) *');
      expect(ws.getCell('D2').dataValidation?.type).toBe('list');
      expect(wb.getWorksheet('Danh mục')!.getCell('A2').value).toBe('Hội nghị, hội thảo, toạ đàm');
      // a second download is the same file, byte for byte (that it is built once: test/import-templates.test.ts)
      const again = await app.inject({ url: '/api/sessions/template.xlsx', headers: c.headers });
      expect(again.rawPayload.equals(res.rawPayload)).toBe(true);
      const m = multipart('mau.xlsx', res.rawPayload);
      const imp = await app.inject({
        method: 'POST',
        url: '/api/sessions/import',
        headers: { ...c.headers, ...m.headers },
        payload: m.payload,
      });
      expect(imp.statusCode).toBe(422);
      expect(imp.json().error.rows[0]).toMatchObject({
        line: 2,
        column: 'unit_code',
        reason: expect.stringContaining('dòng ví dụ'),
      });
      const errors = await app.inject({
        method: 'POST',
        url: '/api/import-errors.xlsx',
        headers: c.headers,
        payload: { rows: imp.json().error.rows },
      });
      const ews = (await open(errors.rawPayload)).worksheets[0]!;
      expect([ews.getCell('A2').value, ews.getCell('B2').value]).toEqual([2, 'unit_code']);
    },
  );

  for (const format of ['xlsx', 'csv'] as const) {
    it(`round trip through ${format}: export, import into an empty database, same data`, async () => {
      const app = await buildTestApp(ctx());
      const unit = await buildUnit(ctx(), { code: `RT-${format}-U`, kind: 'association', name: 'Hội thử vòng' });
      const place = await buildUnit(ctx(), { code: `RT-${format}-X`, kind: 'commune', name: 'Xã Vòng' });
      const c = await loginAs(app, (await buildUser(ctx(), 'coordinator')).username);
      const payloads = [
        {
          unitId: unit.id,
          date: '2024-03-08',
          title: 'Tọa đàm "Phụ nữ, gia đình; xã hội"',
          form: 'conference',
          topics: ['gender_equality_law', 'gbv'],
          targetGroups: ['women', 'officials'],
          participantsTotal: 90,
          participantsFemale: 60,
          participantsMale: 30,
          placeUnitId: place.id,
          notes: 'Ghi chú có dấu phẩy, dấu chấm phẩy; và "ngoặc kép"\ndòng hai',
        },
        {
          unitId: unit.id,
          date: '2024-06-28',
          title: 'Loa truyền thanh Ngày Gia đình',
          form: 'loudspeaker',
          topics: ['domestic_violence'],
          targetGroups: [],
          participantsTotal: null,
          participantsFemale: null,
          participantsMale: null,
          placeUnitId: null,
          notes: null,
        },
      ];
      for (const p of payloads)
        expect(
          (await app.inject({ method: 'POST', url: '/api/sessions', headers: c.headers, payload: p })).statusCode,
        ).toBe(201);
      const exported = await app.inject({
        url: `/api/sessions/export.${format}?unitId=${unit.id}`,
        headers: c.headers,
      });
      expect(exported.statusCode).toBe(200);
      // what a person reads: the lists in Vietnamese words, never the codes; in XLSX a real date cell shown
      // DD/MM/YYYY and counts as numbers
      const text = exported.rawPayload.toString('utf8');
      if (format === 'csv') {
        expect(text).toContain('Hội nghị, hội thảo, toạ đàm');
        expect(text).not.toMatch(/conference|gender_equality_law|officials/u);
      } else {
        const sheet = (await open(exported.rawPayload)).worksheets[0]!;
        const row = [2, 3].map((r) => sheet.getRow(r)).find((r) => r.getCell(3).value === payloads[0]!.title)!;
        expect(row.getCell(4).value).toBe('Hội nghị, hội thảo, toạ đàm');
        expect(row.getCell(5).value).toBe('Luật Bình đẳng giới; Phòng ngừa, ứng phó bạo lực trên cơ sở giới');
        expect(row.getCell(2).value).toEqual(new Date('2024-03-08T00:00:00Z'));
        expect(row.getCell(2).numFmt).toBe('dd/mm/yyyy');
        expect(row.getCell(7).value).toBe(90);
      }

      const empty = await createTestCtx(engine);
      others.push(empty);
      await buildUnit(empty, { code: `RT-${format}-U`, kind: 'association', name: 'Hội thử vòng' });
      await buildUnit(empty, { code: `RT-${format}-X`, kind: 'commune', name: 'Xã Vòng' });
      const app2 = await buildTestApp(empty);
      const c2 = await loginAs(app2, (await buildUser(empty, 'coordinator')).username);
      const m = multipart(`hoat-dong.${format}`, exported.rawPayload);
      const imp = await app2.inject({
        method: 'POST',
        url: '/api/sessions/import',
        headers: { ...c2.headers, ...m.headers },
        payload: m.payload,
      });
      expect(imp.statusCode, imp.body).toBe(200);
      const pick = (s: Record<string, unknown>) => ({
        unitCode: s.unitCode,
        date: s.date,
        title: s.title,
        form: s.form,
        topics: s.topics,
        targetGroups: s.targetGroups,
        participantsTotal: s.participantsTotal,
        participantsFemale: s.participantsFemale,
        participantsMale: s.participantsMale,
        placeCode: s.placeCode,
        notes: s.notes,
      });
      const before = (await app.inject({ url: `/api/sessions?unitId=${unit.id}`, headers: c.headers }))
        .json()
        .items.map(pick);
      const after = (await app2.inject({ url: '/api/sessions', headers: c2.headers })).json().items.map(pick);
      expect(after).toEqual(before);
      expect(before).toHaveLength(2);
    });
  }

  it('an export longer than its pages holds every session once, newest first, read page by page', async () => {
    const app = await buildTestApp(ctx());
    const c = await loginAs(app, (await buildUser(ctx(), 'coordinator')).username);
    const unit = await buildUnit(ctx(), { code: `PAGES-${engine}`, kind: 'association', name: 'Hội nhiều trang' });
    // 1,203 sessions over 301 days (2024 is a leap year, so 1 March is day 60), more than two pages of the export's 500
    const day = (i: number) => new Date(Date.UTC(2024, 0, 1 + (i % 301))).toISOString().slice(0, 10);
    const csv = [
      'unit_code,date,title,form,participants_total,participants_female,participants_male',
      ...Array.from({ length: 1203 }, (_, i) => `${unit.code},${day(i)},Buổi số ${i},conference,10,5,5`),
    ].join('\n');
    const m = multipart('nhieu.csv', Buffer.from(csv));
    const imp = await app.inject({
      method: 'POST',
      url: '/api/sessions/import',
      headers: { ...c.headers, ...m.headers },
      payload: m.payload,
    });
    expect(imp.statusCode, imp.body).toBe(200);
    const xlsx = await app.inject({ url: `/api/sessions/export.xlsx?unitId=${unit.id}`, headers: c.headers });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toBe('attachment; filename="hoat-dong.xlsx"');
    const sheet = (await open(xlsx.rawPayload)).getWorksheet('Hoạt động')!;
    expect(sheet.getCell('A1').value).toBe('Mã đơn vị (unit_code) *');
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const rows = Array.from({ length: sheet.rowCount - 1 }, (_, i) => sheet.getRow(i + 2));
    const titles = rows.map((r) => r.getCell(3).value as string);
    expect(titles).toHaveLength(1203);
    expect(new Set(titles).size).toBe(1203);
    const dates = rows.map((r) => (r.getCell(2).value as Date).toISOString().slice(0, 10));
    expect(dates[0]).toBe(day(300));
    expect(dates.at(-1)).toBe(day(0));
    expect(dates.every((d, i) => i === 0 || dates[i - 1]! >= d)).toBe(true);
    expect(rows[1200]!.getCell(2).numFmt).toBe('dd/mm/yyyy');
    expect(rows[1200]!.getCell(7).numFmt).toBe('#,##0');
    // the CSV: the same sessions in the same order
    const text = (await app.inject({ url: `/api/sessions/export.csv?unitId=${unit.id}`, headers: c.headers })).body;
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFFunit_code,date,title,form,topics,target_groups,participants_total,' +
        'participants_female,participants_male,place_code,notes',
    );
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(1, -1).map((l) => l.split(',')[2])).toEqual(titles);
    // a session deleted while the export is under way is left out of the pages still to come
    const pages = sessionExportPages(ctx().db, { unitId: unit.id }, 10_000, 100);
    const first = (await pages.next()).value!;
    expect(first).toHaveLength(100);
    const last = await ctx()
      .db.selectFrom('communication_session')
      .select(['id', 'version'])
      .where('unit_id', '=', unit.id)
      .where('title', '=', 'Buổi số 0')
      .executeTakeFirstOrThrow();
    await deleteSession(ctx().db, last.id, last.version);
    const rest: string[] = [];
    for await (const page of pages) rest.push(...page.map((r) => r.title));
    expect(rest).toHaveLength(1102);
    expect(rest).not.toContain('Buổi số 0');
    expect([...first.map((r) => r.title), ...rest]).toEqual(titles.filter((t) => t !== 'Buổi số 0'));
  });
});
