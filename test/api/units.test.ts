import fs from 'node:fs';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.ts';
import { SYSTEM_ACTOR } from '../../src/modules/context.ts';
import { countByKindAsOf } from '../../src/modules/units/repository.ts';
import { importSuccessors, importUnits } from '../../src/modules/units/service.ts';
import { describeEachEngine } from '../helpers/db.ts';
import { SHARED_DATA, sharedDataAvailable } from '../helpers/environment.ts';
import { buildTestApp, buildUser, loginAs } from '../helpers/factories.ts';

describeEachEngine('units: real lists, history, search', (ctx) => {
  const march = () => fs.readFileSync(`${SHARED_DATA}vn-2025-03.csv`);
  const july = () => fs.readFileSync(`${SHARED_DATA}vn-2025-07.csv`);

  it.runIf(sharedDataAvailable())(
    'imports both real lists into one history with the right counts on each side of the reform',
    async () => {
      const a = await importUnits(ctx(), SYSTEM_ACTOR, march(), '2020-01-01', '2025-06-30');
      expect(a.created).toBe(10_794);
      const b = await importUnits(ctx(), SYSTEM_ACTOR, july(), '2025-07-01', null);
      expect(b.created + b.changed).toBe(3_355);
      expect(await countByKindAsOf(ctx().db, '2025-06-30')).toEqual({ province: 63, district: 696, commune: 10_035 });
      expect(await countByKindAsOf(ctx().db, '2025-07-01')).toEqual({ province: 34, commune: 3_321 });
      const nonNfc = await ctx().db.selectFrom('unit_version').select('name').execute();
      expect(nonNfc.filter((r) => r.name !== r.name.normalize('NFC'))).toEqual([]);
      const again = await importUnits(ctx(), SYSTEM_ACTOR, july(), '2025-07-01', null);
      expect(again).toMatchObject({ created: 0, changed: 0, unchanged: 3_355 });
    },
    180_000,
  );

  it.runIf(sharedDataAvailable())(
    'keeps a commune that kept its code as one unit with its name and parent history',
    async () => {
      const app = await buildTestApp(ctx());
      const admin = await buildUser(ctx(), 'admin');
      const s = await loginAs(app, admin.username);
      const unit = await ctx()
        .db.selectFrom('unit')
        .select(['id'])
        .where('code', '=', '00004')
        .executeTakeFirstOrThrow();
      const res = await app.inject({ url: `/api/units/${unit.id}?asOf=2024-01-01`, headers: s.headers });
      const body = res.json();
      expect(body.history.length).toBe(2);
      expect(body.history[0]).toMatchObject({
        name: 'Phường Trúc Bạch',
        validTo: '2025-06-30',
        parentName: 'Quận Ba Đình',
      });
      expect(body.history[1].validFrom).toBe('2025-07-01');
      expect(body.ancestors.map((a: { kind: string }) => a.kind)).toEqual(['district', 'province']);
      const audit = (await app.inject({ url: '/api/audit?entity=unit&entityId=00004', headers: s.headers })).json();
      expect(audit.items.map((i: { action: string }) => i.action)).toEqual(['update', 'create']);
      expect(audit.items[0].before.history).toHaveLength(1);
      expect(audit.items[0].after.history).toHaveLength(2);
    },
  );

  it.runIf(sharedDataAvailable())(
    'searches with or without diacritics, as of a date, in Vietnamese order',
    async () => {
      const app = await buildTestApp(ctx());
      const viewer = await buildUser(ctx(), 'viewer');
      const s = await loginAs(app, viewer.username);
      const get = async (qs: string) => (await app.inject({ url: `/api/units?${qs}`, headers: s.headers })).json();
      const plain = await get('asOf=2025-06-30&level=district&q=ba%20dinh');
      const marked = await get(`asOf=2025-06-30&level=district&q=${encodeURIComponent('Ba Đình')}`);
      expect(plain.total).toBeGreaterThan(0);
      expect(plain.items.map((i: { name: string }) => i.name)).toContain('Quận Ba Đình');
      expect(marked.total).toBe(plain.total);
      expect((await get('asOf=2025-07-01&level=district')).total).toBe(0);
      const provinces = await get('asOf=2025-07-01&level=province&limit=100');
      expect(provinces.total).toBe(34);
      const names: string[] = provinces.items.map((i: { name: string }) => i.name);
      expect(names).toEqual([...names].sort(new Intl.Collator('vi', { numeric: true }).compare));
      const roots = await get('asOf=2025-07-01&parentId=root&limit=100');
      expect(roots.items.every((i: { hasChildren: boolean }) => i.hasChildren)).toBe(true);
      const bad = await app.inject({ url: '/api/units?asOf=2025-02-30', headers: s.headers });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('VALIDATION');
    },
  );

  it.runIf(sharedDataAvailable())(
    'guards against the PGlite pg_trgm bug: trigram searches return rows and the next query still answers',
    async () => {
      const rows = await sql<{
        n: number;
      }>`select count(*)::int as n from unit_version where search_text like '%phuc xa%'`.execute(ctx().db);
      expect(rows.rows[0]!.n).toBeGreaterThan(0);
      const sim = await sql<{
        name: string;
      }>`select name from unit_version where search_text % 'phuong phuc xa' order by similarity(search_text,
        'phuong phuc xa') desc limit 3`.execute(ctx().db);
      expect(sim.rows.length).toBeGreaterThan(0);
      const next = await Promise.race([
        sql<{ one: number }>`select 1 as one`.execute(ctx().db).then((r) => r.rows[0]!.one),
        new Promise((resolve) => setTimeout(() => resolve('hung'), 10_000)),
      ]);
      expect(next).toBe(1);
    },
  );

  it('writes nothing from a file with bad rows, and reports each with its line', async () => {
    const before = await ctx()
      .db.selectFrom('unit')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const file = Buffer.from(
      'code,name,level,parent_code\nZ1,Tỉnh Z,province,\nZ2,,district,Z1\nZ3,Xã Z,commune,NOPE\nZ4,Huyện,moon,Z1\n',
    );
    const err = await importUnits(ctx(), SYSTEM_ACTOR, file, '2020-01-01', null).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).rows?.map((r) => r.line)).toEqual([3, 4, 5]);
    const after = await ctx()
      .db.selectFrom('unit')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('loads successor links, refuses unknown codes, and is idempotent', async () => {
    await importUnits(
      ctx(),
      SYSTEM_ACTOR,
      Buffer.from('code,name,level,parent_code\nS-OLD,Sở cũ,department,\nS-NEW,Sở mới,department,\n'),
      '2020-01-01',
      null,
    );
    const file = Buffer.from('from_code,to_code,date\nS-OLD,S-NEW,2025-03-01\n');
    expect(await importSuccessors(ctx(), SYSTEM_ACTOR, file)).toEqual({ rows: 1, added: 1 });
    expect(await importSuccessors(ctx(), SYSTEM_ACTOR, file)).toEqual({ rows: 1, added: 0 });
    const bad = (await importSuccessors(
      ctx(),
      SYSTEM_ACTOR,
      Buffer.from('from_code,to_code,date\nS-OLD,NOPE,2025-03-01\n'),
    ).catch((e: unknown) => e)) as AppError;
    expect(bad.rows?.[0]).toMatchObject({ line: 2, column: 'to_code' });
  });

  it('accepts XLSX as well as CSV', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('units');
    ws.addRow(['code', 'name', 'level', 'parent_code']);
    ws.addRow(['X-PROV', 'Tỉnh Thử Excel', 'Tỉnh', '']);
    ws.addRow(['X-COM', 'Xã Thử Excel', 'Xã', 'X-PROV']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await importUnits(ctx(), SYSTEM_ACTOR, buf, '2021-01-01', null)).toMatchObject({ created: 2 });
  });
});
