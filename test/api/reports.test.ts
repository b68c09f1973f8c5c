import { expect, it } from 'vitest';
import { todayInVietnam } from '../../src/core/dates.ts';
import { openPostgres } from '../../src/db/engine.ts';
import { SYSTEM_ACTOR, type Ctx } from '../../src/modules/context.ts';
import { runReminders } from '../../src/modules/reports/reminders.ts';
import { createUser } from '../../src/modules/users/service.ts';
import { describeEachEngine } from '../helpers/db.ts';
import { buildTestApp, buildUnit, buildUser, loginAs, TEST_PASSWORD } from '../helpers/factories.ts';
import { validData } from '../helpers/records.ts';

describeEachEngine('periodic reports: completeness, timeliness, exemptions, reminders', (ctx, engine) => {
  async function setup() {
    const app = await buildTestApp(ctx());
    const p = await buildUnit(ctx(), { kind: 'province' });
    const [a, b, c, d] = [
      await buildUnit(ctx(), { kind: 'commune', parentCode: p.code }),
      await buildUnit(ctx(), { kind: 'commune', parentCode: p.code }),
      await buildUnit(ctx(), { kind: 'commune', parentCode: p.code }),
      await buildUnit(ctx(), { kind: 'department', parentCode: p.code }),
    ];
    const ra = await loginAs(app, (await buildUser(ctx(), 'reporter', a.id)).username);
    const bUser = await createUser(ctx(), SYSTEM_ACTOR, {
      username: `rb${Date.now()}${Math.random().toString(36).slice(2, 5)}`,
      password: TEST_PASSWORD,
      role: 'reporter',
      unitId: b.id,
      email: `b${Date.now()}@example.vn`,
    });
    const rb = await loginAs(app, bUser.username);
    const rc = await loginAs(app, (await buildUser(ctx(), 'reporter', c.id)).username);
    const co = await loginAs(app, (await buildUser(ctx(), 'coordinator')).username);
    const report = (who: { headers: Record<string, string> }, unitId: number, period: string, submit: boolean) =>
      app.inject({
        method: 'POST',
        url: '/api/records/periodic_report',
        headers: who.headers,
        payload: { unitId, data: { ...validData('periodic_report', unitId), period }, submit },
      });
    const table = async (period: string) =>
      (
        await app.inject({ url: `/api/reports/completeness?period=${period}&areaId=${p.id}`, headers: co.headers })
      ).json();
    return { app, p, a, b, c, d, ra, rb, rc, co, bUser, report, table };
  }

  it("lists the plan's periods with windows and due days", async () => {
    const { app, co } = await setup();
    const r = (await app.inject({ url: '/api/reports/periods', headers: co.headers })).json();
    expect(r.periods.find((x: { key: string }) => x.key === '2024-CN')).toMatchObject({
      from: '2023-12-15',
      to: '2024-12-14',
      due: '2024-12-18',
    });
    expect(r.periods).toHaveLength(20);
    expect(r.current).toMatch(/^\d{4}-(6T|CN)$/u);
    expect(r.lastDue).toMatch(/^\d{4}-(6T|CN)$/u);
    expect(r.periods.find((x: { key: string }) => x.key === r.lastDue).due < todayInVietnam()).toBe(true);
  });

  it(
    'expected units from the responsibilities, exemptions with a reason, complete and on-time rates that cannot ' +
      'pass 100%',
    async () => {
      const { app, a, b, c, d, ra, rb, rc, co, report, table } = await setup();
      expect((await report(ra, a.id, '2027-6T', true)).statusCode).toBe(201);
      expect((await report(rb, b.id, '2027-6T', false)).statusCode).toBe(201);
      expect((await report(rc, c.id, '2027-6T', true)).statusCode).toBe(201);
      expect(
        (
          await app.inject({
            method: 'POST',
            url: '/api/reports/exemptions',
            headers: ra.headers,
            payload: { unitId: c.id, period: '2027-6T', reason: 'Mới sáp nhập' },
          })
        ).statusCode,
      ).toBe(403);
      const noReason = await app.inject({
        method: 'POST',
        url: '/api/reports/exemptions',
        headers: co.headers,
        payload: { unitId: c.id, period: '2027-6T', reason: ' ' },
      });
      expect(noReason.json().error.fields.reason).toContain('lý do');
      expect(
        (
          await app.inject({
            method: 'POST',
            url: '/api/reports/exemptions',
            headers: co.headers,
            payload: { unitId: c.id, period: '2027-6T', reason: 'Mới sáp nhập' },
          })
        ).statusCode,
      ).toBe(200);
      const t = await table('2027-6T');
      expect(t.period).toMatchObject({ key: '2027-6T', from: '2026-12-15', to: '2027-06-14', due: '2027-06-17' });
      expect(t.rule.vi).toContain('17/06/2027');
      expect(t.summary).toEqual({ expected: 3, complete: 1, onTime: 1, completeRate: 1 / 3, onTimeRate: 1 / 3 });
      const by = new Map(t.rows.map((r: { id: number }) => [r.id, r]));
      expect(by.get(a.id)).toMatchObject({
        expected: true,
        complete: true,
        onTime: true,
        report: { status: 'submitted' },
      });
      expect(by.get(b.id)).toMatchObject({
        expected: true,
        complete: false,
        report: { status: 'draft', firstSentAt: null },
      });
      expect(by.get(c.id)).toMatchObject({ expected: false, exemption: 'Mới sáp nhập', complete: true });
      expect(by.get(d.id)).toMatchObject({ expected: true, report: null });
      expect(t.byKind.find((k: { kind: string }) => k.kind === 'commune')).toMatchObject({ expected: 2, complete: 1 });
      const audit = (await app.inject({ url: '/api/audit?entity=report_exemption', headers: co.headers })).json();
      expect(JSON.stringify(audit)).toContain('Mới sáp nhập');
      await app.inject({
        method: 'DELETE',
        url: `/api/reports/exemptions?unitId=${c.id}&period=2027-6T`,
        headers: co.headers,
      });
      expect((await table('2027-6T')).summary).toMatchObject({ expected: 4, complete: 2 });
    },
  );

  it('a report sent after the due day is complete but late; records of the window are counted per unit', async () => {
    const { app, a, ra, co, report, table } = await setup();
    for (const submit of [true, false]) {
      const course = (
        await app.inject({
          method: 'POST',
          url: '/api/records/training_course',
          headers: ra.headers,
          payload: { unitId: a.id, data: validData('training_course', a.id), submit },
        })
      ).json();
      if (submit)
        await app.inject({
          method: 'POST',
          url: `/api/records/training_course/${course.id}/transition`,
          headers: co.headers,
          payload: { action: 'approve', version: course.version },
        });
    }
    await app.inject({
      method: 'POST',
      url: '/api/sessions',
      headers: ra.headers,
      payload: {
        unitId: a.id,
        date: '2024-05-05',
        title: 'Nói chuyện',
        form: 'conference',
        topics: ['gbv'],
        participantsTotal: 10,
        submit: true,
      },
    });
    expect((await report(ra, a.id, '2024-CN', true)).statusCode).toBe(201);
    const row = (await table('2024-CN')).rows.find((r: { id: number }) => r.id === a.id);
    expect(row).toMatchObject({ complete: true, onTime: false, records: { approved: 1, pending: 1 } });
    expect(row.daysLate).toBeGreaterThan(600);
  });

  it(
    'reminders before the due day and when overdue reach the units that have not sent, once each, across ' + 'restarts',
    async () => {
      const { app, b, rb, bUser, a, ra, report } = await setup();
      await report(ra, a.id, '2028-6T', true);
      const draft = (await report(rb, b.id, '2028-6T', false)).json();
      // 2028-6T: window 15/12/2027–14/6/2028 (a Wednesday), due Monday 19/6/2028
      const before = await runReminders(ctx(), { today: '2028-06-16', daysBefore: 3 });
      expect(before.find((r) => r.period === '2028-6T')?.phase).toBe('before');
      await runReminders(ctx(), { today: '2028-06-17', daysBefore: 3 });
      // a restarted process: a new connection to the same database
      let restarted: Ctx = { ...ctx() };
      let close = async () => {};
      if (engine === 'postgres') {
        const h = openPostgres(ctx().databaseUrl!);
        restarted = { ...ctx(), db: h.db };
        close = h.close;
      }
      await runReminders(restarted, { today: '2028-06-19', daysBefore: 3 });
      const notes = async (who: { headers: Record<string, string> }) =>
        (await app.inject({ url: '/api/notifications', headers: who.headers }))
          .json()
          .items.filter((n: { link: string }) => n.link?.includes('2028-6T'));
      expect((await notes(rb)).map((n: { kind: string }) => n.kind)).toEqual(['deadline_soon']);
      expect(await notes(ra)).toHaveLength(0);
      await runReminders(restarted, { today: '2028-06-20', daysBefore: 3 });
      await runReminders(restarted, { today: '2028-06-21', daysBefore: 3 });
      expect((await notes(rb)).map((n: { kind: string }) => n.kind)).toEqual(['deadline_overdue', 'deadline_soon']);
      const admin = await loginAs(app, (await buildUser(ctx(), 'admin')).username);
      const mails = (await app.inject({ url: '/api/outbox?limit=500', headers: admin.headers }))
        .json()
        .items.filter((m: { to_address: string }) => m.to_address === bUser.email);
      expect(mails).toHaveLength(2);
      // once sent, no more reminders for that period
      await app.inject({
        method: 'POST',
        url: `/api/records/periodic_report/${draft.id}/transition`,
        headers: rb.headers,
        payload: { action: 'submit', version: draft.version },
      });
      const after = await runReminders(restarted, { today: '2028-06-22', daysBefore: 3, overdueDays: 30 });
      expect(after.find((r) => r.period === '2028-6T')?.units ?? 0).toBeLessThan(
        before.find((r) => r.period === '2028-6T')!.units,
      );
      await close();
    },
  );
});
