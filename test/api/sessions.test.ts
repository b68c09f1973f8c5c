import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../helpers/db.ts';
import { buildTestApp, buildUnit, buildUser, loginAs, multipart } from '../helpers/factories.ts';

const body = (unitId: number, over: Record<string, unknown> = {}) => ({
  unitId,
  date: '2024-03-05',
  title: 'Hội nghị phổ biến Luật Bình đẳng giới',
  form: 'conference',
  topics: ['gender_equality_law'],
  targetGroups: ['officials'],
  participantsTotal: 80,
  participantsFemale: 50,
  participantsMale: 30,
  ...over,
});

describeEachEngine('communication sessions', (ctx) => {
  async function setup() {
    const app = await buildTestApp(ctx());
    const own = await buildUnit(ctx(), { name: 'Hội Liên hiệp Phụ nữ thử', kind: 'association' });
    const other = await buildUnit(ctx(), { name: 'Sở khác', kind: 'department' });
    const reporter = await buildUser(ctx(), 'reporter', own.id);
    const coordinator = await buildUser(ctx(), 'coordinator');
    return { app, own, other, r: await loginAs(app, reporter.username), c: await loginAs(app, coordinator.username) };
  }
  const count = async () =>
    (
      await ctx()
        .db.selectFrom('communication_session')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;

  it('creates a session with evidence, derives its peak period, and audits it', async () => {
    const { app, own, r } = await setup();
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const m = multipart('biên bản.pdf', pdf);
    const up = await app.inject({
      method: 'POST',
      url: '/api/files',
      headers: { ...r.headers, ...m.headers },
      payload: m.payload,
    });
    expect(up.statusCode).toBe(201);
    const file = up.json();
    expect(file.mime).toBe('application/pdf');
    const res = await app.inject({
      method: 'POST',
      url: '/api/sessions',
      headers: r.headers,
      payload: body(own.id, { evidence: [{ sha256: file.sha256, name: file.name }] }),
    });
    expect(res.statusCode).toBe(201);
    const s = res.json();
    expect(s.peaks).toEqual(['iwd']);
    expect(s.evidence).toEqual([
      { sha256: file.sha256, name: 'biên bản.pdf', size: pdf.length, mime: 'application/pdf' },
    ]);
    const dl = await app.inject({ url: `/api/files/${file.sha256}`, headers: r.headers });
    expect(dl.rawPayload.equals(pdf)).toBe(true);
    const audit = await ctx()
      .db.selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'communication_session')
      .where('entity_id', '=', String(s.id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create']);
  });

  it(
    'lets others read a file only once it is evidence of a record; deleting the record keeps a file another ' +
      'record uses',
    async () => {
      const { app, own, r, c } = await setup();
      const png = Buffer.from(
        '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
          '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
        'hex',
      );
      const m = multipart('anh.png', png);
      const file = (
        await app.inject({
          method: 'POST',
          url: '/api/files',
          headers: { ...r.headers, ...m.headers },
          payload: m.payload,
        })
      ).json();
      expect((await app.inject({ url: `/api/files/${file.sha256}`, headers: r.headers })).statusCode).toBe(200);
      expect((await app.inject({ url: `/api/files/${file.sha256}`, headers: c.headers })).statusCode).toBe(404);
      const evidence = [{ sha256: file.sha256, name: 'anh.png' }];
      const one = (
        await app.inject({
          method: 'POST',
          url: '/api/sessions',
          headers: r.headers,
          payload: body(own.id, { evidence }),
        })
      ).json();
      const two = (
        await app.inject({
          method: 'POST',
          url: '/api/sessions',
          headers: r.headers,
          payload: body(own.id, { evidence, title: 'Hoạt động thứ hai' }),
        })
      ).json();
      expect((await app.inject({ url: `/api/files/${file.sha256}`, headers: c.headers })).statusCode).toBe(200);
      expect(
        (
          await app.inject({
            method: 'DELETE',
            url: `/api/sessions/${one.id}?version=${one.version}`,
            headers: r.headers,
          })
        ).statusCode,
      ).toBe(200);
      const still = await app.inject({ url: `/api/files/${file.sha256}`, headers: c.headers });
      expect(still.rawPayload.equals(png)).toBe(true);
      expect((await app.inject({ url: `/api/sessions/${two.id}`, headers: c.headers })).json().evidence).toHaveLength(
        1,
      );
    },
  );

  it('refuses a file whose content is not an accepted type, whatever its name', async () => {
    const { app, r } = await setup();
    const exe = Buffer.from([
      0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00,
    ]);
    const m = multipart('baocao.pdf', exe);
    const res = await app.inject({
      method: 'POST',
      url: '/api/files',
      headers: { ...r.headers, ...m.headers },
      payload: m.payload,
    });
    expect(res.statusCode).toBe(415);
  });

  it('answers 403 when a reporter writes for another unit, and writes nothing', async () => {
    const { app, other, r } = await setup();
    const before = await count();
    const res = await app.inject({ method: 'POST', url: '/api/sessions', headers: r.headers, payload: body(other.id) });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
    expect(await count()).toBe(before);
  });

  it('names each bad field in Vietnamese', async () => {
    const { app, own, r } = await setup();
    const res = await app.inject({
      method: 'POST',
      url: '/api/sessions',
      headers: r.headers,
      payload: body(own.id, { participantsTotal: 10, date: '2099-01-01', form: 'nhảy múa' }),
    });
    expect(res.statusCode).toBe(400);
    const err = res.json().error;
    expect(err.code).toBe('VALIDATION');
    expect(Object.keys(err.fields).sort()).toEqual(['date', 'form', 'participantsTotal']);
    expect(err.fields.participantsTotal).toContain('nữ + nam');
  });

  it('refuses a session dated when its unit did not exist', async () => {
    const { app, c } = await setup();
    const closed = await buildUnit(ctx(), { from: '2020-01-01', to: '2022-12-31' });
    const res = await app.inject({
      method: 'POST',
      url: '/api/sessions',
      headers: c.headers,
      payload: body(closed.id, { date: '2024-03-05' }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.unitId).toContain('không tồn tại');
  });

  it('gives a stale edit 409 and keeps the newer version', async () => {
    const { app, own, r, c } = await setup();
    const s = (
      await app.inject({ method: 'POST', url: '/api/sessions', headers: r.headers, payload: body(own.id) })
    ).json();
    const first = await app.inject({
      method: 'PUT',
      url: `/api/sessions/${s.id}`,
      headers: c.headers,
      payload: body(own.id, { version: s.version, title: 'Sửa bởi điều phối' }),
    });
    expect(first.statusCode).toBe(200);
    const stale = await app.inject({
      method: 'PUT',
      url: `/api/sessions/${s.id}`,
      headers: r.headers,
      payload: body(own.id, { version: s.version, title: 'Sửa trễ' }),
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('CONFLICT');
    const now = (await app.inject({ url: `/api/sessions/${s.id}`, headers: r.headers })).json();
    expect(now.title).toBe('Sửa bởi điều phối');
    expect(now.version).toBe(s.version + 1);
    const audit = await ctx()
      .db.selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'communication_session')
      .where('entity_id', '=', String(s.id))
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    expect((audit.before as { title: string }).title).toBe('Hội nghị phổ biến Luật Bình đẳng giới');
    expect((audit.after as { title: string }).title).toBe('Sửa bởi điều phối');
    const del = await app.inject({
      method: 'DELETE',
      url: `/api/sessions/${s.id}?version=${now.version}`,
      headers: r.headers,
    });
    expect(del.statusCode).toBe(200);
  });

  it('imports a CSV all or nothing, with every bad row listed', async () => {
    const { app, own, other, r, c } = await setup();
    const header = 'unit_code,date,title,form,participants_total,participants_female,participants_male,topics\n';
    const bad =
      `${header}${own.code},05/03/2024,Hội nghị 8/3,Hội nghị,50,30,20,Luật Bình đẳng ` +
      `giới\n${own.code},2024-13-01,Sai ngày,conference,10,5,5,\n${other.code},2024-06-01,Đơn vị ` +
      `khác,conference,10,5,5,\nNOPE,2024-06-01,Không có đơn vị,conference,10,5,5,\n`;
    const before = await count();
    const m = multipart('sessions.csv', bad, 'text/csv');
    const res = await app.inject({
      method: 'POST',
      url: '/api/sessions/import',
      headers: { ...r.headers, ...m.headers },
      payload: m.payload,
    });
    expect(res.statusCode).toBe(422);
    const rows = res.json().error.rows as { line: number; column: string }[];
    expect(rows.map((x) => [x.line, x.column])).toEqual([
      [3, 'date'],
      [4, 'unit_code'],
      [5, 'unit_code'],
    ]);
    expect(await count()).toBe(before);
    const good =
      `${header}${own.code},05/03/2024,Hội nghị 8/3,Hội nghị,50,30,20,Luật Bình đẳng ` +
      `giới\n${other.code},2024-06-01,Truyền thông tháng 6,loudspeaker,,,,\n`;
    const m2 = multipart('sessions.csv', good, 'text/csv');
    const ok = await app.inject({
      method: 'POST',
      url: '/api/sessions/import',
      headers: { ...c.headers, ...m2.headers },
      payload: m2.payload,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ rows: 2, created: 2 });
    expect(await count()).toBe(before + 2);
  });

  it('imports an XLSX with real date cells', async () => {
    const { app, own, c } = await setup();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Hoạt động');
    ws.addRow(['unit_code', 'date', 'title', 'form', 'participants_total', 'participants_female', 'participants_male']);
    ws.addRow([own.code, new Date(Date.UTC(2023, 10, 20)), 'Tháng hành động 2023', 'conference', 120, 70, 50]);
    // Excel keeps a commune code such as 00777 as the number 777
    const commune = await buildUnit(ctx(), { code: '00777', kind: 'commune', name: 'Xã Bảy Bảy Bảy' });
    ws.addRow([777, '20/10/2023', 'Ngày Phụ nữ Việt Nam', 'Lồng ghép trong cuộc họp, sinh hoạt khác', 30, 30, 0]);
    const m = multipart('sessions.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const res = await app.inject({
      method: 'POST',
      url: '/api/sessions/import',
      headers: { ...c.headers, ...m.headers },
      payload: m.payload,
    });
    expect(res.statusCode, res.body).toBe(200);
    const communeSessions = (
      await app.inject({ url: `/api/sessions?unitId=${commune.id}`, headers: c.headers })
    ).json();
    expect(communeSessions.items[0]).toMatchObject({
      unitCode: '00777',
      date: '2023-10-20',
      form: 'integrated',
      peaks: ['vn_women_day'],
    });
    const list = (await app.inject({ url: `/api/sessions?unitId=${own.id}&year=2023`, headers: c.headers })).json();
    expect(list.items[0]).toMatchObject({ date: '2023-11-20', peaks: ['action_month'], participantsFemale: 70 });
  });

  it('refuses a likely repeat (same unit, day, form and title) until told it is another activity', async () => {
    const { app, own, other, r, c } = await setup();
    const first = await app.inject({ method: 'POST', url: '/api/sessions', headers: r.headers, payload: body(own.id) });
    expect(first.statusCode).toBe(201);
    const before = await count();
    // the same title typed without tones and in capitals is the same title
    const again = await app.inject({
      method: 'POST',
      url: '/api/sessions',
      headers: r.headers,
      payload: body(own.id, { title: 'HOI NGHI pho bien  Luat Binh dang gioi', submit: true }),
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'LIKELY_DUPLICATE', duplicateOf: first.json().id });
    expect(again.json().error.fields.title).toContain(`trùng với bản ghi số ${first.json().id}`);
    expect(await count()).toBe(before);
    // another form, another day or another unit is another activity
    for (const [who, over] of [
      [r, { form: 'training' }],
      [r, { date: '2024-03-06' }],
      [c, { unitId: other.id }],
    ] as const) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/sessions',
        headers: who.headers,
        payload: { ...body(own.id), ...over },
      });
      expect(res.statusCode, JSON.stringify(over)).toBe(201);
    }
    const anyway = await app.inject({
      method: 'POST',
      url: '/api/sessions',
      headers: r.headers,
      payload: body(own.id, { allowDuplicate: true }),
    });
    expect(anyway.statusCode).toBe(201);
    expect(await count()).toBe(before + 4);
  });
});
