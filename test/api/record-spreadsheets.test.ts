import ExcelJS from 'exceljs';
import { afterAll, expect, it } from 'vitest';
import { RECORD_TYPE_CODES, recordType } from '../../src/core/records/types.ts';
import type { Engine } from '../../src/db/engine.ts';
import { recordExportPages } from '../../src/modules/records/repository.ts';
import { listRecords } from '../../src/modules/records/service.ts';
import { createTestCtx, describeEachEngine } from '../helpers/db.ts';
import { buildTestApp, buildUnit, buildUser, loginAs, multipart } from '../helpers/factories.ts';
import { validData } from '../helpers/records.ts';

const open = async (buf: Buffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
};

// what must come back the same; a periodic report's figures are recomputed from what the new database holds
const pick = (r: Record<string, unknown>) => {
  const { summary: _summary, ...data } = r.data as Record<string, unknown>;
  return {
    unitCode: r.unitCode,
    date: r.date,
    title: r.title,
    data: {
      ...data,
      ...Object.fromEntries(
        Object.entries(r.refs as Record<string, { code?: string; name: string }>).map(([k, v]) => [
          k,
          v.code ?? v.name,
        ]),
      ),
    },
  };
};

describeEachEngine('record spreadsheets: templates, round trips, all or nothing', (ctx, engine: Engine) => {
  const others: { dispose(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const o of others) await o.dispose();
  });

  it(
    'every type has a template with Vietnamese headers carrying codes, drop-downs for coded fields, and an ' +
      'example row the importer refuses',
    async () => {
      const app = await buildTestApp(ctx());
      const c = await loginAs(app, (await buildUser(ctx(), 'coordinator')).username);
      for (const type of RECORD_TYPE_CODES) {
        const res = await app.inject({ url: `/api/records/${type}/template.xlsx`, headers: c.headers });
        expect(res.statusCode, type).toBe(200);
        const wb = await open(res.rawPayload);
        const ws = wb.worksheets[0]!;
        expect(ws.getCell('A1').value, type).toBe('Mã đơn vị (unit_code) *');
        expect(String(ws.getCell('A2').value), type).toBe('VI-DU');
        const headers = (ws.getRow(1).values as unknown[]).filter(Boolean).map(String);
        expect(
          headers.every((h) => /\([a-z_]+\)/u.test(h)),
          type,
        ).toBe(true);
        const hasList = headers.some((_h, i) => ws.getCell(3, i + 1).dataValidation?.type === 'list');
        expect(hasList, type).toBe(recordType(type)!.fields.some((f) => f.kind === 'code' || f.kind === 'codes'));
        const m = multipart('mau.xlsx', res.rawPayload);
        const imp = await app.inject({
          method: 'POST',
          url: `/api/records/${type}/import`,
          headers: { ...c.headers, ...m.headers },
          payload: m.payload,
        });
        expect(imp.statusCode, type).toBe(422);
        expect(imp.json().error.rows[0], type).toMatchObject({
          line: 2,
          column: 'unit_code',
          reason: expect.stringContaining('dòng ví dụ'),
        });
      }
    },
  );

  for (const format of ['xlsx', 'csv'] as const) {
    it(
      `round trip of every type through ${format}: export, import into an empty database, same data (links by ` +
        `code and name)`,
      async () => {
        const app = await buildTestApp(ctx());
        const codes = { unit: `RR-${format}-U`, other: `RR-${format}-O` };
        const unit = await buildUnit(ctx(), { code: codes.unit, kind: 'commune', name: 'Xã Vòng Tròn' });
        const other = await buildUnit(ctx(), { code: codes.other, kind: 'commune', name: 'Xã Bên Cạnh' });
        const c = await loginAs(app, (await buildUser(ctx(), 'coordinator')).username);
        for (const type of RECORD_TYPE_CODES) {
          const res = await app.inject({
            method: 'POST',
            url: `/api/records/${type}`,
            headers: c.headers,
            payload: { unitId: unit.id, data: validData(type, other.id) },
          });
          expect(res.statusCode, `${type} ${res.body}`).toBe(201);
        }
        const original = (
          await app.inject({ url: `/api/records/communication_model?unitId=${unit.id}`, headers: c.headers })
        ).json().items[0];
        const copy = {
          ...validData('communication_model', unit.id),
          title: 'Nhân rộng: "Ông bố; trách nhiệm", thôn 2',
          date: '2024-02-01',
          evaluations: [],
          replicatesId: original.id,
        };
        expect(
          (
            await app.inject({
              method: 'POST',
              url: '/api/records/communication_model',
              headers: c.headers,
              payload: { unitId: unit.id, data: copy },
            })
          ).statusCode,
        ).toBe(201);

        const empty = await createTestCtx(engine);
        others.push(empty);
        await buildUnit(empty, { code: codes.unit, kind: 'commune', name: 'Xã Vòng Tròn' });
        await buildUnit(empty, { code: codes.other, kind: 'commune', name: 'Xã Bên Cạnh' });
        const app2 = await buildTestApp(empty);
        const c2 = await loginAs(app2, (await buildUser(empty, 'coordinator')).username);
        for (const type of RECORD_TYPE_CODES) {
          const exported = await app.inject({
            url: `/api/records/${type}/export.${format}?unitId=${unit.id}`,
            headers: c.headers,
          });
          expect(exported.statusCode, type).toBe(200);
          const m = multipart(`${type}.${format}`, exported.rawPayload);
          const imp = await app2.inject({
            method: 'POST',
            url: `/api/records/${type}/import`,
            headers: { ...c2.headers, ...m.headers },
            payload: m.payload,
          });
          expect(imp.statusCode, `${type}: ${imp.body}`).toBe(200);
          const before = (await app.inject({ url: `/api/records/${type}?unitId=${unit.id}`, headers: c.headers }))
            .json()
            .items.map(pick);
          const after = (await app2.inject({ url: `/api/records/${type}`, headers: c2.headers }))
            .json()
            .items.map(pick);
          expect(after, type).toEqual(before);
          expect(before.length, type).toBe(type === 'communication_model' ? 2 : 1);
        }
      },
    );
  }

  it('an export read in pages holds every record once, oldest first, with its links; rows wrapped', async () => {
    const app = await buildTestApp(ctx());
    const unit = await buildUnit(ctx(), { kind: 'commune' });
    const c = await loginAs(app, (await buildUser(ctx(), 'coordinator')).username);
    for (let i = 0; i < 7; i++) {
      const data = {
        ...validData('communication_model', unit.id),
        title: `Mô hình ${i}`,
        date: `2024-0${1 + (i % 3)}-1${i}`,
      };
      const res = await app.inject({
        method: 'POST',
        url: '/api/records/communication_model',
        headers: c.headers,
        payload: { unitId: unit.id, data: { ...data, evaluations: [] } },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const listed = await listRecords(ctx(), {
      type: 'communication_model',
      unitId: unit.id,
      limit: 100,
      offset: 0,
      ascending: true,
    });
    const pages = [];
    for await (const page of recordExportPages(ctx().db, { type: 'communication_model', unitId: unit.id }, 100, 3))
      pages.push(page.map((r) => r.title));
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(listed.items.map((r) => r.title));
    expect(listed.items.map((r) => r.date)).toEqual([...listed.items.map((r) => r.date)].sort());
    const file = await app.inject({
      url: `/api/records/communication_model/export.xlsx?unitId=${unit.id}`,
      headers: c.headers,
    });
    const sheet = (await open(file.rawPayload)).worksheets[0]!;
    expect(sheet.rowCount).toBe(8);
    expect(sheet.getRow(2).getCell(2).alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    expect(sheet.getCell('A1').font?.bold).toBe(true);
  });

  it('a file with one bad row writes nothing and names the row, the column and the reason', async () => {
    const app = await buildTestApp(ctx());
    const unit = await buildUnit(ctx(), { code: 'AON-U', kind: 'commune' });
    const c = await loginAs(app, (await buildUser(ctx(), 'coordinator')).username);
    const csv = [
      'unit_code,date,title,end_date,audiences,participants_total,participants_female,participants_male,' +
        'pre_test_score,post_test_score',
      'AON-U,12/09/2024,Lớp một,13/09/2024,Báo cáo viên,40,25,15,50,80',
      'AON-U,14/09/2024,Lớp hai,13/09/2024,Truyen thong vien; phong vien,20,10,10,,',
      'AON-U,20/09/2024,Lớp ba,21/09/2024,Phóng viên,30,20,15,7,5 ',
    ].join('\n');
    const m = multipart('lop.csv', csv);
    const imp = await app.inject({
      method: 'POST',
      url: '/api/records/training_course/import',
      headers: { ...c.headers, ...m.headers },
      payload: m.payload,
    });
    expect(imp.statusCode).toBe(422);
    const rows = imp.json().error.rows;
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          line: 3,
          column: 'end_date',
          reason: expect.stringContaining('không được trước ngày bắt đầu'),
        }),
        expect.objectContaining({ line: 4, column: 'participants_total' }),
      ]),
    );
    expect(rows.some((r: { line: number }) => r.line === 2)).toBe(false);
    expect(
      (await app.inject({ url: `/api/records/training_course?unitId=${unit.id}`, headers: c.headers })).json().total,
    ).toBe(0);
  });
});
