import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/modules/context.ts';
import { createConvention } from '../../src/modules/conventions/service.ts';
import { storeFile } from '../../src/modules/files/service.ts';
import { createOfficialReport, finaliseOfficialReport } from '../../src/modules/official-reports/service.ts';
import { createRecord, getRecord, transitionRecord } from '../../src/modules/records/service.ts';
import { describeEachEngine } from '../helpers/db.ts';
import { buildTestApp, buildUnit, buildUser, loginAs, type Session } from '../helpers/factories.ts';
import { CONVENTION_TEXT, OFFICIAL_ISSUER } from '../helpers/world.ts';

describeEachEngine('the public portal: progress, materials, and reports from the public', (ctx) => {
  let app: FastifyInstance;
  let co: Session;
  let reporter: Session;
  let commune: { id: number; code: string };
  let village: { id: number; code: string };
  let publicId: number;
  let privateId: number;
  let fileSha: string;

  const material = async (title: string, data: Record<string, unknown>, approve = true) => {
    const r = await createRecord(ctx(), SYSTEM_ACTOR, 'media_product', {
      unitId: commune.id,
      data: { date: '2025-11-20', title, kind: 'video', channel: 'Trang của xã', languages: ['vi'], ...data },
      ...(data.evidence ? { evidence: data.evidence } : {}),
    });
    if (!approve) return r.id;
    const s = await transitionRecord(ctx(), SYSTEM_ACTOR, 'media_product', r.id, {
      action: 'submit',
      version: r.version,
    });
    await transitionRecord(ctx(), SYSTEM_ACTOR, 'media_product', r.id, { action: 'approve', version: s.version });
    return r.id;
  };

  beforeAll(async () => {
    app = await buildTestApp(ctx());
    const p = await buildUnit(ctx(), { kind: 'province', name: 'Tỉnh Cổng' });
    commune = await buildUnit(ctx(), { kind: 'commune', parentCode: p.code, name: 'Xã Đồng Tâm' });
    village = await buildUnit(ctx(), { kind: 'village', parentCode: commune.code, name: 'Thôn Đông' });
    co = await loginAs(app, (await buildUser(ctx(), 'coordinator')).username);
    reporter = await loginAs(app, (await buildUser(ctx(), 'reporter', commune.id)).username);
    const f = await storeFile(ctx(), SYSTEM_ACTOR, Buffer.from('%PDF-1.4\n% tờ rơi "Chia sẻ việc nhà"\n%%EOF\n'));
    fileSha = f.sha256;
    publicId = await material('Video "Chia sẻ việc nhà cùng vợ"', {
      public: true,
      topics: ['stereotypes'],
      targetGroups: ['men'],
      summary: 'Người chồng cùng làm việc nhà',
      evidence: [{ sha256: f.sha256, name: 'tờ rơi việc nhà.pdf' }],
    });
    privateId = await material('Video nội bộ về bạo lực gia đình', { public: false, topics: ['domestic_violence'] });
    await material('Bản nháp công khai chưa duyệt', { public: true }, false);
    const report = await createOfficialReport(ctx(), SYSTEM_ACTOR, {
      kind: 'yearly',
      year: 2025,
      issuer: OFFICIAL_ISSUER,
    });
    await createOfficialReport(ctx(), SYSTEM_ACTOR, { kind: 'half_year', year: 2025, issuer: OFFICIAL_ISSUER });
    await finaliseOfficialReport(ctx(), SYSTEM_ACTOR, report.id);
  });

  it('shows the latest final report of the province, never a draft, to anyone', async () => {
    const home = (await app.inject({ url: '/api/portal/home' })).json();
    expect(home.province).toBe('Tỉnh Cổng');
    expect(home.demo).toBe(false);
    expect(home.latest).toMatchObject({ kind: 'yearly', year: 2025, version: 1 });
    expect(home.latest.indicators.length).toBeGreaterThan(5);
    expect(home.reports.map((r: { kind: string }) => r.kind)).toEqual(['yearly']);
    expect(home.surveys).toEqual([]);
  });

  it(
    'lists approved public materials only, found with or ' + 'without diacritics, filtered by topic, group, kind',
    async () => {
      const all = (await app.inject({ url: '/api/portal/materials' })).json();
      expect(all.items.map((m: { id: number }) => m.id)).toEqual([publicId]);
      expect(all.items[0]).toMatchObject({
        unit: 'Xã Đồng Tâm',
        kind: 'video',
        topics: ['stereotypes'],
        targetGroups: ['men'],
        files: [{ name: 'tờ rơi việc nhà.pdf', url: `/api/portal/materials/${publicId}/files/${fileSha}` }],
      });
      for (const q of ['chia se viec nha', 'Chia sẻ việc nhà', 'dong tam', 'NGUOI CHONG']) {
        const found = (await app.inject({ url: `/api/portal/materials?q=${encodeURIComponent(q)}` })).json();
        expect(found.total, q).toBe(1);
      }
      for (const query of ['q=bao+luc', 'topic=domestic_violence', 'group=women', 'kind=podcast'])
        expect((await app.inject({ url: `/api/portal/materials?${query}` })).json().total, query).toBe(0);
      expect(
        (await app.inject({ url: '/api/portal/materials?topic=stereotypes&group=men&kind=video' })).json().total,
      ).toBe(1);

      const file = await app.inject({ url: `/api/portal/materials/${publicId}/files/${fileSha}` });
      expect(file.statusCode).toBe(200);
      expect(file.body).toContain('Chia sẻ việc nhà');
      expect(file.headers['content-disposition']).toContain("filename*=UTF-8''t%E1%BB%9D%20r%C6%A1i");
      // the same file through a record that is not public: not there
      expect((await app.inject({ url: `/api/portal/materials/${privateId}/files/${fileSha}` })).statusCode).toBe(404);
    },
  );

  it('takes a report from anyone, stores its text as text, refuses markup, oversize and robots', async () => {
    const send = (payload: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: '/api/portal/reports', payload, remoteAddress: '198.51.100.7' });
    const count = async () =>
      Number(
        (await ctx()
          .db.selectFrom('public_report')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirst())!.n,
      );
    const before = await count();
    const bad: [Record<string, unknown>, string][] = [
      [{ kind: 'false_information', text: 'ngắn' }, 'text'],
      [{ kind: 'rumour', text: 'Một nội dung đủ dài để gửi' }, 'kind'],
      [{ kind: 'false_information', text: 'Xem <script>alert(1)</script> ở đây nhé' }, 'text'],
      [{ kind: 'false_information', text: 'Bấm vào <a href="x">đây</a> để xem' }, 'text'],
      [{ kind: 'false_information', text: 'x'.repeat(5001) }, 'text'],
      [{ kind: 'false_information', text: 'Một nội dung đủ dài để gửi', link: 'javascript:alert(1)' }, 'link'],
      [{ kind: 'false_information', text: 'Một nội dung đủ dài để gửi', contact: 'y'.repeat(201) }, 'contact'],
    ];
    for (const [payload, field] of bad) {
      const res = await send(payload);
      expect(res.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
      expect(Object.keys(res.json().error.fields ?? {})).toContain(field);
    }
    const robot = await send({
      kind: 'false_information',
      text: 'Mua thuốc giá rẻ tại đây ngay',
      website: 'http://spam',
    });
    expect(robot.statusCode).toBe(400);
    expect(robot.json().error.fields).toBeUndefined();
    expect(await count()).toBe(before);

    const ok = await send({
      kind: 'false_information',
      text: 'Trang "Tin nóng 24h" đăng: luật mới bắt phụ nữ nghỉ hưu ở 50 tuổi & không được làm lãnh đạo.',
      place: 'Facebook',
      link: 'https://example.com/bai-viet',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ status: 'pending' });
    const stored = await ctx()
      .db.selectFrom('public_report')
      .selectAll()
      .where('id', '=', ok.json().id)
      .executeTakeFirst();
    expect(stored!.text).toContain('& không được làm lãnh đạo');
    expect(stored!.name).toBe('');
  });

  it('the office accepts a report as a case of a unit, or as a finding of a convention; others cannot', async () => {
    const sent = (
      await app.inject({
        method: 'POST',
        url: '/api/portal/reports',
        payload: { kind: 'false_information', text: 'Tin đồn rằng con gái không được thừa kế đất theo luật mới' },
      })
    ).json();
    expect((await app.inject({ url: '/api/public-reports', headers: reporter.headers })).statusCode).toBe(403);
    const queue = (await app.inject({ url: '/api/public-reports?status=pending', headers: co.headers })).json();
    expect(queue.map((r: { id: number }) => r.id)).toContain(sent.id);
    const noUnit = await app.inject({
      method: 'POST',
      url: `/api/public-reports/${sent.id}/accept`,
      headers: co.headers,
      payload: {},
    });
    expect(noUnit.statusCode).toBe(400);
    expect(noUnit.json().error.fields).toHaveProperty('unitId');
    const byReporter = await app.inject({
      method: 'POST',
      url: `/api/public-reports/${sent.id}/accept`,
      headers: reporter.headers,
      payload: { unitId: commune.id },
    });
    expect(byReporter.statusCode).toBe(403);
    const accepted = await app.inject({
      method: 'POST',
      url: `/api/public-reports/${sent.id}/accept`,
      headers: co.headers,
      payload: { unitId: commune.id },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const record = await getRecord(ctx(), 'false_information_case', accepted.json().recordId);
    expect(record).toMatchObject({ unitId: commune.id, status: 'draft' });
    expect(record.data.claim).toBe('Tin đồn rằng con gái không được thừa kế đất theo luật mới');
    const twice = await app.inject({
      method: 'POST',
      url: `/api/public-reports/${sent.id}/accept`,
      headers: co.headers,
      payload: { unitId: commune.id },
    });
    expect(twice.statusCode).toBe(409);

    const convention = await createConvention(ctx(), SYSTEM_ACTOR, {
      villageUnitId: village.id,
      title: 'Hương ước Thôn Đông',
      kind: 'huong_uoc',
      adoptedOn: '2024-03-01',
      householdsAgreePct: 82.5,
      decisionNumber: '15/QĐ-UBND',
      decisionDate: '2024-03-20',
      status: 'in_force',
      text: CONVENTION_TEXT,
    });
    const clause = (
      await app.inject({
        method: 'POST',
        url: '/api/portal/reports',
        payload: {
          kind: 'convention_clause',
          text: 'Điều 1 hương ước thôn Đông: chỉ con trai được đứng tên đất',
          place: 'Thôn Đông',
        },
      })
    ).json();
    const asFinding = await app.inject({
      method: 'POST',
      url: `/api/public-reports/${clause.id}/accept`,
      headers: co.headers,
      payload: { conventionId: convention.id, location: 'Điều 1' },
    });
    expect(asFinding.statusCode, asFinding.body).toBe(200);
    const detail = (await app.inject({ url: `/api/conventions/${convention.id}`, headers: co.headers })).json();
    expect(JSON.stringify(detail)).toContain('chỉ con trai được đứng tên đất');

    const junk = (
      await app.inject({
        method: 'POST',
        url: '/api/portal/reports',
        payload: { kind: 'false_information', text: 'Nội dung không liên quan gì cả' },
      })
    ).json();
    const noReason = await app.inject({
      method: 'POST',
      url: `/api/public-reports/${junk.id}/reject`,
      headers: co.headers,
      payload: { reason: '' },
    });
    expect(noReason.statusCode).toBe(400);
    const rejected = await app.inject({
      method: 'POST',
      url: `/api/public-reports/${junk.id}/reject`,
      headers: co.headers,
      payload: { reason: 'Không liên quan đến bình đẳng giới' },
    });
    expect(rejected.json()).toEqual({ id: junk.id, status: 'rejected' });
    const audit = await ctx()
      .db.selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('entity', '=', 'public_report')
      .execute();
    expect(audit.filter((a) => a.entity_id === String(junk.id)).map((a) => a.action)).toEqual(['create', 'update']);
  });

  it('limits the public form per address', async () => {
    const limited = await buildTestApp({ ...ctx(), config: { ...ctx().config, publicFormMaxPerMinute: 2 } });
    const codes = [];
    for (let i = 0; i < 3; i++)
      codes.push(
        (
          await limited.inject({
            method: 'POST',
            url: '/api/portal/reports',
            remoteAddress: '192.0.2.44',
            payload: { kind: 'false_information', text: `Phản ánh thử giới hạn số ${i} lần` },
          })
        ).statusCode,
      );
    expect(codes).toEqual([201, 201, 429]);
    await limited.close();
  });
});
