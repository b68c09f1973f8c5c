import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { parseInWorker } from '../../src/modules/files/parse-pool.ts';
import { describeEachEngine } from '../helpers/db.ts';
import { buildTestApp, buildUnit, buildUser, loginAs, multipart } from '../helpers/factories.ts';
import { validData } from '../helpers/records.ts';
import { zipOf } from '../helpers/zip.ts';

const session = (unitId: number, over: Record<string, unknown> = {}) => ({
  unitId,
  date: '2024-03-05',
  title: 'Hội nghị phổ biến Luật Bình đẳng giới',
  form: 'conference',
  topics: ['gender_equality_law'],
  participantsTotal: 80,
  ...over,
});

const pdfOf = (bytes: number) => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(bytes - 9, 0x20)]);

/** A CSV of `rows` valid sessions for unit `code`. */
const sessionsCsv = (code: string, rows: number) =>
  [
    'unit_code,date,title,form,topics,participants_total,participants_female,participants_male',
    ...Array.from(
      { length: rows },
      (_, i) => `${code},2024-03-05,Hoạt động số ${i + 1},conference,gender_equality_law,10,5,5`,
    ),
  ].join('\n');

describeEachEngine('hardening: input boundary, uploads, hostile files, exports', (ctx) => {
  async function setup(over: Partial<ReturnType<typeof ctx>['config']> = {}) {
    const c = { ...ctx(), config: { ...ctx().config, ...over } };
    const app = await buildTestApp(c);
    const own = await buildUnit(ctx(), { kind: 'commune' });
    const reporter = await buildUser(ctx(), 'reporter', own.id);
    const viewer = await buildUser(ctx(), 'viewer');
    return { app, own, r: await loginAs(app, reporter.username), v: await loginAs(app, viewer.username) };
  }
  const count = async (table: 'communication_session' | 'stored_file' | 'unit_record' | 'unit') =>
    (
      await ctx()
        .db.selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;

  it('refuses NUL, lone surrogates and bidi overrides in any field with 400 naming it — login included', async () => {
    const { app, own, r } = await setup();
    const before = await count('communication_session');
    const nul = await app.inject({
      method: 'POST',
      url: '/api/sessions',
      headers: r.headers,
      payload: session(own.id, { title: 'Hội nghị\u0000' }),
    });
    expect(nul.statusCode).toBe(400);
    expect(nul.json().error.fields.title).toMatch(/NUL/u);
    const bidi = await app.inject({
      method: 'POST',
      url: '/api/sessions',
      headers: { ...r.headers, 'content-type': 'application/json' },
      payload: `{"unitId":${own.id},"title":"B\\u00e1o c\\u00e1o \\u202efdp.exe","notes":"\\ud800"}`,
    });
    expect(bidi.statusCode).toBe(400);
    expect(Object.keys(bidi.json().error.fields).sort()).toEqual(['notes', 'title']);
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin\u0000', password: 'x' },
    });
    expect(login.statusCode).toBe(400);
    expect(login.json().error.fields.username).toBeTruthy();
    const query = await app.inject({ method: 'GET', url: '/api/units?q=a%00b', headers: r.headers });
    expect(query.statusCode).toBe(400);
    expect(await count('communication_session')).toBe(before);
  });

  it('answers ids outside the integer range with 400, never a database error', async () => {
    const { app, own, r } = await setup();
    for (const url of [
      '/api/sessions/2147483648',
      '/api/units/9007199254740993',
      '/api/records/inspection/2147483648',
    ]) {
      const res = await app.inject({ method: 'GET', url, headers: r.headers });
      expect(res.statusCode, url).toBe(400);
    }
    expect((await app.inject({ method: 'GET', url: '/api/sessions/2147483647', headers: r.headers })).statusCode).toBe(
      404,
    );
    const big = await app.inject({
      method: 'POST',
      url: '/api/sessions',
      headers: r.headers,
      payload: session(2 ** 31, { placeUnitId: 2 ** 53 }),
    });
    expect(big.statusCode).toBe(400);
    expect(Object.keys(big.json().error.fields).sort()).toEqual(['placeUnitId', 'unitId']);
    const rec = await app.inject({
      method: 'POST',
      url: '/api/records/communication_model',
      headers: r.headers,
      payload: { unitId: own.id, data: validData('communication_model', 2 ** 31) },
    });
    expect(rec.statusCode).toBe(400);
    expect(Object.keys(rec.json().error.fields)).toEqual(['areaUnitId']);
  });

  it('refuses an object in a long-text field instead of saving "[object Object]"', async () => {
    const { app, own, r } = await setup();
    const res = await app.inject({
      method: 'POST',
      url: '/api/records/action_month_plan',
      headers: r.headers,
      payload: { unitId: own.id, data: { ...validData('action_month_plan', own.id), description: { a: 1 } } },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.fields.description).toMatch(/chữ/u);
  });

  it('a JSON body over the limit is 413 in the error format', async () => {
    const { app, own, r } = await setup();
    const res = await app.inject({
      method: 'POST',
      url: '/api/sessions',
      headers: { ...r.headers, 'content-type': 'application/json' },
      payload: JSON.stringify(session(own.id, { notes: 'x'.repeat(3 * 1024 * 1024) })),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('BODY_TOO_LARGE');
  });

  it('enforces the upload limit exactly: at the limit stored, one byte more 413 and nothing stored', async () => {
    const { app, r } = await setup({ maxUploadBytes: 4096 });
    const files = await count('stored_file');
    const at = multipart('a.pdf', pdfOf(4096));
    const ok = await app.inject({
      method: 'POST',
      url: '/api/files',
      headers: { ...r.headers, ...at.headers },
      payload: at.payload,
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().size).toBe(4096);
    const over = multipart('b.pdf', pdfOf(4097));
    const refused = await app.inject({
      method: 'POST',
      url: '/api/files',
      headers: { ...r.headers, ...over.headers },
      payload: over.payload,
    });
    expect(refused.statusCode).toBe(413);
    expect(refused.json().error.code).toBe('FILE_TOO_LARGE');
    expect(await count('stored_file')).toBe(files + 1);
  });

  it('over a real socket, a file over the limit is 413 every time and an import is never cut short', async () => {
    const { app, own, r } = await setup({ maxUploadBytes: 64 * 1024 });
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
      const before = await count('communication_session');
      const filesBefore = await count('stored_file');
      const csv = sessionsCsv(own.code, 2000); // about 180 KB: over the limit
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        for (const [url, body] of [
          ['/api/sessions/import', Buffer.from(csv)],
          ['/api/files', pdfOf(300 * 1024)],
        ] as const) {
          const m = multipart('x', body);
          const res = await fetch(`${base}${url}`, {
            method: 'POST',
            headers: { ...r.headers, ...m.headers },
            body: new Uint8Array(m.payload),
          });
          statuses.push(res.status);
        }
      }
      expect(statuses.every((s) => s === 413)).toBe(true);
      expect(await count('communication_session')).toBe(before);
      expect(await count('stored_file')).toBe(filesBefore);
    } finally {
      await app.close();
    }
  });

  it('checks the role before reading a file: a viewer cannot store or send files to be read', async () => {
    const { app, v } = await setup();
    const files = await count('stored_file');
    for (const url of ['/api/files', '/api/text-of-file', '/api/sessions/import', '/api/records/inspection/import']) {
      const m = multipart('a.pdf', pdfOf(2048));
      const res = await app.inject({
        method: 'POST',
        url,
        headers: { ...v.headers, ...m.headers },
        payload: m.payload,
      });
      expect(res.statusCode, url).toBe(403);
    }
    expect(await count('stored_file')).toBe(files);
  });

  it('refuses zip bombs, lying archives and archives of thousands of parts before any parser runs', async () => {
    const { app, r } = await setup();
    const send = async (url: string, content: Buffer) => {
      const m = multipart('x.docx', content);
      return app.inject({ method: 'POST', url, headers: { ...r.headers, ...m.headers }, payload: m.payload });
    };
    const bomb = zipOf([{ name: 'word/document.xml', data: Buffer.alloc(120 * 1024 * 1024, 0x20) }]);
    expect(bomb.length).toBeLessThan(300 * 1024);
    const liar = zipOf([{ name: 'word/document.xml', data: Buffer.alloc(40 * 1024 * 1024, 0x41), declaredSize: 1000 }]);
    const many = zipOf(Array.from({ length: 3000 }, (_, i) => ({ name: `x/${i}.xml`, data: Buffer.from('<a/>') })));
    for (const [name, file] of Object.entries({ bomb, liar, many })) {
      for (const url of ['/api/text-of-file', '/api/sessions/import']) {
        const res = await send(url, file);
        expect(res.statusCode, `${name} ${url}`).toBe(422);
        expect(res.json().error.code).toBe('FILE_TOO_COMPLEX');
      }
    }
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });

  it('parses in a worker within time and memory limits; the server answers meanwhile', async () => {
    const { app } = await setup();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('a');
    ws.addRow(['unit_code', 'date', 'title']);
    for (let i = 0; i < 20_000; i++) ws.addRow(['X', '2024-03-05', `Hoạt động ${i}`]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    await expect(parseInWorker('tabular', xlsx, { timeoutMs: 1, heapMb: 512 })).rejects.toMatchObject({
      code: 'FILE_TOO_COMPLEX',
    });
    await expect(parseInWorker('tabular', xlsx, { timeoutMs: 60_000, heapMb: 8 })).rejects.toMatchObject({
      code: 'FILE_TOO_COMPLEX',
    });
    let parsed = false;
    const parsing = parseInWorker<{ rows: unknown[] }>('tabular', xlsx).then((t) => {
      parsed = true;
      return t;
    });
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(parsed).toBe(false);
    expect((await parsing).rows.length).toBe(20_000);
  });

  it('CSV exports write formula-like text behind an apostrophe, and import it back unchanged', async () => {
    const { app, own, r } = await setup();
    const titles = ['=HYPERLINK("http://x","bấm")', '+cmd|/C calc!A0', '-2+3', '@SUM(A1)', '\tTab đầu'];
    for (const title of titles) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/sessions',
        headers: r.headers,
        payload: session(own.id, { title }),
      });
      expect(res.statusCode, title).toBe(201);
    }
    const csv = await app.inject({
      method: 'GET',
      url: `/api/sessions/export.csv?unitId=${own.id}`,
      headers: r.headers,
    });
    const lines = csv.body.split('\r\n');
    for (const line of lines.slice(1).filter(Boolean)) {
      const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/gu)!.map((c) => c.replace(/,$/u, '').replace(/^"|"$/gu, ''));
      expect(
        cells.some((c) => /^[=+\-@\t]/u.test(c)),
        line,
      ).toBe(false);
    }
    const target = await buildUnit(ctx(), { kind: 'commune' });
    const reimport = csv.body.replaceAll(own.code, target.code);
    const m = multipart('hd.csv', reimport);
    const coordinator = await buildUser(ctx(), 'coordinator');
    const c = await loginAs(app, coordinator.username);
    const res = await app.inject({
      method: 'POST',
      url: '/api/sessions/import',
      headers: { ...c.headers, ...m.headers },
      payload: m.payload,
    });
    expect(res.statusCode, res.body).toBe(200);
    const back = await ctx()
      .db.selectFrom('communication_session')
      .select('title')
      .where('unit_id', '=', target.id)
      .execute();
    expect(back.map((b) => b.title).sort()).toEqual(titles.map((t) => t.trim()).sort());
  });

  it('village codes: a gap does not block later villages; two created at once get two codes', async () => {
    const { app } = await setup();
    const commune = await buildUnit(ctx(), { kind: 'commune' });
    const reporter = await buildUser(ctx(), 'reporter', commune.id);
    const s = await loginAs(app, reporter.username);
    const make = (name: string) =>
      app.inject({
        method: 'POST',
        url: '/api/conventions/villages',
        headers: s.headers,
        payload: { communeId: commune.id, name },
      });
    const first = (await make('Thôn Một')).json();
    const second = (await make('Thôn Hai')).json();
    // an older village of the commune, created elsewhere with a later number, leaves a gap
    await buildUnit(ctx(), { kind: 'village', code: `${commune.code}-T07`, parentCode: commune.code });
    const third = await make('Thôn Ba');
    expect(third.statusCode).toBe(200);
    expect([first.code, second.code, third.json().code]).toEqual([
      `${commune.code}-T01`,
      `${commune.code}-T02`,
      `${commune.code}-T08`,
    ]);
    const together = await Promise.all(Array.from({ length: 6 }, (_, i) => make(`Thôn cùng lúc ${i}`)));
    expect(together.map((t) => t.statusCode)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(new Set(together.map((t) => t.json().code)).size).toBe(6);
  });

  it(
    'a full disk or an unwritable data folder: 507 with the ' + 'reason, and no file recorded without its bytes',
    async () => {
      const { app, r } = await setup();
      const files = await count('stored_file');
      const send = (content: Buffer) => {
        const m = multipart('bien-ban.pdf', content);
        return app.inject({
          method: 'POST',
          url: '/api/files',
          headers: { ...r.headers, ...m.headers },
          payload: m.payload,
        });
      };
      // disk full: the file's temporary name leads to /dev/full, where every write fails with ENOSPC
      const full = pdfOf(3000);
      const sha = createHash('sha256').update(full).digest('hex');
      const dir = path.join(ctx().config.dataDir, 'files', sha.slice(0, 2));
      fs.mkdirSync(dir, { recursive: true });
      fs.symlinkSync('/dev/full', path.join(dir, `${sha}.${process.pid}.tmp`));
      const res = await send(full);
      expect(res.statusCode).toBe(507);
      expect(res.json().error).toMatchObject({ code: 'STORAGE' });
      expect(res.json().error.message).toContain('ENOSPC');
      expect(fs.existsSync(path.join(dir, sha))).toBe(false);
      // a data folder that cannot be written: a file stands where a folder must go
      const other = pdfOf(3001);
      const sha2 = createHash('sha256').update(other).digest('hex');
      fs.writeFileSync(path.join(ctx().config.dataDir, 'files', sha2.slice(0, 2)), 'not a folder');
      const res2 = await send(other);
      expect(res2.statusCode).toBe(507);
      expect(await count('stored_file')).toBe(files);
      fs.rmSync(path.join(ctx().config.dataDir, 'files', sha2.slice(0, 2)));
      expect((await send(other)).statusCode).toBe(201);
    },
  );

  it('sends a Content-Security-Policy with every page, and a policy that allows nothing with API answers', async () => {
    const { app } = await setup();
    const page = await app.inject({ method: 'GET', url: '/reports' });
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/u);
    expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/u);
    const api = await app.inject({ method: 'GET', url: '/api/health' });
    expect(api.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(api.headers['cache-control']).toBe('no-store');
    expect(api.headers['x-content-type-options']).toBe('nosniff');
  });

  it('sends each kind of answer the headers chosen for it, and no others of the kind', async () => {
    const { app } = await setup();
    const security = (headers: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(headers).filter(([name]) =>
          /^(x-content-type-options|x-frame-options|referrer-policy|content-security-policy|cache-control)$/u.test(
            name,
          ),
        ),
      );
    const page = await app.inject({ method: 'GET', url: '/reports' });
    // (index.html's own Cache-Control comes with the built client, which this app does not serve)
    expect(Object.keys(security(page.headers)).sort()).toEqual([
      'content-security-policy',
      'referrer-policy',
      'x-content-type-options',
      'x-frame-options',
    ]);
    expect(page.headers['referrer-policy']).toBe('same-origin');
    expect(page.headers['x-frame-options']).toBe('DENY');
    // an API answer is data: the OWASP REST set (no-store, frame-ancestors, nosniff, X-Frame-Options), and no
    // Referrer-Policy, which governs what a page's links and loads send and an API answer has neither
    const api = await app.inject({ method: 'GET', url: '/api/health' });
    expect(security(api.headers)).toEqual({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      'cache-control': 'no-store',
    });
    expect(api.headers['x-request-id']).toBeTruthy();
    const failed = await app.inject({ method: 'GET', url: '/api/khong-co' });
    expect(security(failed.headers)).toEqual(security(api.headers));
    // refused before the app's hook runs (the body does not parse): the same headers, from the error handler
    const unparsed = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": ',
    });
    expect(unparsed.statusCode).toBe(400);
    expect(security(unparsed.headers)).toEqual(security(api.headers));
    expect(unparsed.headers['x-request-id']).toBeTruthy();
    // the API documentation is a page of its own (Swagger UI sets its own policy)
    const docs = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['referrer-policy']).toBe('same-origin');
    expect(docs.headers['x-frame-options']).toBe('DENY');
    expect(docs.headers['cache-control']).toBe('no-store');
  });
});
