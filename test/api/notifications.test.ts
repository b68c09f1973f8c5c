import { expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/modules/context.ts';
import { notifyUnit } from '../../src/modules/notifications/service.ts';
import { createUser } from '../../src/modules/users/service.ts';
import { describeEachEngine } from '../helpers/db.ts';
import { buildTestApp, buildUnit, buildUser, loginAs, TEST_PASSWORD } from '../helpers/factories.ts';

describeEachEngine('notifications when a record is returned', (ctx) => {
  it("tells the unit's reporters in the app and by e-mail (kept in the outbox), once", async () => {
    const app = await buildTestApp(ctx());
    const unit = await buildUnit(ctx(), { kind: 'association' });
    const withMail = await createUser(ctx(), SYSTEM_ACTOR, {
      username: `mail${Date.now()}`,
      password: TEST_PASSWORD,
      role: 'reporter',
      unitId: unit.id,
      email: ' Bao.Cao@Example.VN ',
    });
    expect(withMail.email).toBe('bao.cao@example.vn');
    const other = await buildUser(ctx(), 'reporter', unit.id);
    const r = await loginAs(app, withMail.username);
    const o = await loginAs(app, other.username);
    const c = await loginAs(app, (await buildUser(ctx(), 'coordinator')).username);
    const admin = await loginAs(app, (await buildUser(ctx(), 'admin')).username);
    let s = (
      await app.inject({
        method: 'POST',
        url: '/api/sessions',
        headers: r.headers,
        payload: {
          unitId: unit.id,
          date: '2024-10-15',
          title: 'Nói chuyện chuyên đề 20/10',
          form: 'conference',
          topics: ['gender_equality_law'],
          participantsTotal: 20,
          participantsFemale: 15,
          participantsMale: 5,
          submit: true,
        },
      })
    ).json();
    s = (
      await app.inject({
        method: 'POST',
        url: `/api/sessions/${s.id}/transition`,
        headers: c.headers,
        payload: { action: 'return', version: s.version, comment: 'Thiếu ảnh minh chứng' },
      })
    ).json();
    const mine = (await app.inject({ url: '/api/notifications', headers: r.headers })).json();
    expect(mine.unread).toBe(1);
    expect(mine.items[0]).toMatchObject({
      kind: 'record_returned',
      body: 'Thiếu ảnh minh chứng',
      link: `/#/sessions/${s.id}`,
    });
    expect(mine.items[0].title).toContain('Nói chuyện chuyên đề 20/10');
    expect((await app.inject({ url: '/api/notifications', headers: o.headers })).json().unread).toBe(1);
    expect((await app.inject({ url: '/api/notifications', headers: c.headers })).json().unread).toBe(0);
    // the same notice again (a retried job, say) writes nothing twice
    await notifyUnit(ctx().db, unit.id, {
      kind: 'record_returned',
      key: `communication_session:${s.id}:v${s.version}`,
      title: 'x',
      body: null,
      link: null,
    });
    expect((await app.inject({ url: '/api/notifications', headers: r.headers })).json().items).toHaveLength(1);
    const read = await app.inject({
      method: 'POST',
      url: '/api/notifications/read',
      headers: r.headers,
      payload: { id: mine.items[0].id },
    });
    expect(read.json()).toEqual({ read: 1 });
    expect((await app.inject({ url: '/api/notifications', headers: r.headers })).json().unread).toBe(0);
    expect((await app.inject({ url: '/api/outbox', headers: c.headers })).statusCode).toBe(403);
    const box = (await app.inject({ url: '/api/outbox', headers: admin.headers })).json();
    const mail = box.items.find((m: { to_address: string }) => m.to_address === 'bao.cao@example.vn');
    expect(mail).toMatchObject({ sent_at: null, subject: expect.stringContaining('bị trả lại') });
    expect(mail.body).toContain('Thiếu ảnh minh chứng');
    expect(box.items.filter((m: { to_address: string }) => m.to_address === 'bao.cao@example.vn')).toHaveLength(1);
  });

  it('refuses an address that is not one', async () => {
    const app = await buildTestApp(ctx());
    const admin = await loginAs(app, (await buildUser(ctx(), 'admin')).username);
    const res = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { username: 'khongmail', password: 'Mot-mat-khau-2025', role: 'viewer', email: 'khong-phai-mail' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.email).toContain('e-mail');
  });
});
