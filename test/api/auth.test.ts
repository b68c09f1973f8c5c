import { expect, it } from 'vitest';
import { describeEachEngine } from '../helpers/db.ts';
import { buildTestApp, buildUnit, buildUser, loginAs, TEST_PASSWORD } from '../helpers/factories.ts';

describeEachEngine('auth, users, CSRF, audit', (ctx) => {
  it('logs in with an httpOnly cookie and returns a CSRF token; stores an argon2id hash', async () => {
    const app = await buildTestApp(ctx());
    const u = await buildUser(ctx(), 'viewer');
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u.username, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/bdg_session=/u);
    expect(cookie).toMatch(/HttpOnly/u);
    expect(cookie).toMatch(/SameSite=Strict/u);
    expect(res.json().csrfToken.length).toBeGreaterThan(20);
    const row = await ctx()
      .db.selectFrom('app_user')
      .select('password_hash')
      .where('id', '=', u.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
    const token = cookie.split(';')[0]!.split('=')[1]!;
    const stored = await ctx().db.selectFrom('auth_session').select('id').execute();
    expect(stored.some((s) => s.id === token)).toBe(false);
  });

  it('refuses a wrong password with a Vietnamese message, then locks the account after 5 failures', async () => {
    const app = await buildTestApp(ctx());
    const u = await buildUser(ctx(), 'viewer');
    const bad = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u.username, password: 'wrong-password-1' },
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error).toMatchObject({
      code: 'BAD_CREDENTIALS',
      message: 'Tên đăng nhập hoặc mật khẩu không đúng',
    });
    for (let i = 0; i < 3; i++)
      await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: u.username, password: 'wrong-password-1' },
      });
    const fifth = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u.username, password: 'wrong-password-1' },
    });
    expect(fifth.json().error.code).toBe('ACCOUNT_LOCKED');
    const right = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u.username, password: TEST_PASSWORD },
    });
    expect(right.statusCode).toBe(423);
    const audit = await ctx()
      .db.selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', String(u.id))
      .where('action', '=', 'login_failed')
      .execute();
    expect(audit.length).toBe(5);
  });

  it('locks a name that belongs to nobody exactly like a real one, so answers do not tell which exist', async () => {
    const app = await buildTestApp(ctx());
    const u = await buildUser(ctx(), 'viewer');
    const codes = async (username: string, remoteAddress: string) => {
      const out: number[] = [];
      for (let i = 0; i < 6; i++) {
        const res = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress,
          payload: { username, password: 'wrong-password-1' },
        });
        out.push(res.statusCode);
      }
      return out;
    };
    const real = await codes(u.username, '10.9.9.9');
    const ghost = await codes(`khong-co-ai-${u.username}`, '10.9.9.10');
    expect(real).toEqual([401, 401, 401, 401, 423, 423]);
    expect(ghost).toEqual(real);
  });

  it(
    'a lock does not keep the owner out: the right password ' + 'from a known address passes; an admin unlocks',
    async () => {
      const app = await buildTestApp(ctx());
      const owner = await buildUser(ctx(), 'reporter', (await buildUnit(ctx())).id);
      const admin = await buildUser(ctx(), 'admin');
      const login = (password: string, remoteAddress: string) =>
        app.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress,
          payload: { username: owner.username, password },
        });
      // the owner has signed in from the office before
      expect((await login(TEST_PASSWORD, '192.0.2.10')).statusCode).toBe(200);
      // a stranger locks the name
      for (let i = 0; i < 5; i++) await login('wrong-password-1', '198.51.100.7');
      expect((await login(TEST_PASSWORD, '198.51.100.7')).json().error.code).toBe('ACCOUNT_LOCKED');
      // the owner, from the office, still gets in; a wrong password there is still refused
      expect((await login('wrong-password-1', '192.0.2.10')).statusCode).toBe(423);
      expect((await login(TEST_PASSWORD, '192.0.2.10')).statusCode).toBe(200);
      const past = await ctx()
        .db.selectFrom('audit_log')
        .select('action')
        .where('entity_id', '=', String(owner.id))
        .where('action', '=', 'login_past_lock')
        .execute();
      expect(past.length).toBe(1);
      // locked again by the stranger; the admin sees it and unlocks; the owner signs in from a new address
      for (let i = 0; i < 5; i++) await login('wrong-password-1', '198.51.100.8');
      const a = await loginAs(app, admin.username);
      const users = (await app.inject({ method: 'GET', url: '/api/users', headers: a.headers })).json();
      expect(users.find((x: { id: number }) => x.id === owner.id).lockedUntil).not.toBeNull();
      const viewer = await buildUser(ctx(), 'viewer');
      const v = await loginAs(app, viewer.username);
      const refused = await app.inject({ method: 'POST', url: `/api/users/${owner.id}/unlock`, headers: v.headers });
      expect(refused.statusCode).toBe(403);
      const unlocked = await app.inject({ method: 'POST', url: `/api/users/${owner.id}/unlock`, headers: a.headers });
      expect(unlocked.statusCode).toBe(200);
      expect(unlocked.json().lockedUntil).toBeNull();
      expect((await login(TEST_PASSWORD, '203.0.113.5')).statusCode).toBe(200);
      const audit = await ctx()
        .db.selectFrom('audit_log')
        .select(['action', 'before'])
        .where('entity_id', '=', String(owner.id))
        .where('action', '=', 'unlock')
        .execute();
      expect(audit.length).toBe(1);
    },
  );

  it('rate-limits login attempts from one address', async () => {
    const app = await buildTestApp({ ...ctx(), config: { ...ctx().config, loginMaxPerMinute: 3 } });
    const codes: number[] = [];
    for (let i = 0; i < 5; i++)
      codes.push(
        (await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' } }))
          .statusCode,
      );
    expect(codes).toEqual([401, 401, 401, 429, 429]);
    const last = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody', password: 'x' },
    });
    expect(last.json().error.code).toBe('RATE_LIMITED');
  });

  it('requires X-CSRF-Token on state-changing requests and writes nothing without it', async () => {
    const app = await buildTestApp(ctx());
    const admin = await buildUser(ctx(), 'admin');
    const s = await loginAs(app, admin.username);
    const before = await ctx()
      .db.selectFrom('app_user')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const payload = { username: 'nocsrf', password: 'Mot-mat-khau-2025', role: 'viewer' };
    const res = await app.inject({ method: 'POST', url: '/api/users', headers: { cookie: s.cookie }, payload });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF');
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: s.cookie, 'x-csrf-token': 'x'.repeat(32) },
      payload,
    });
    expect(wrong.statusCode).toBe(403);
    const after = await ctx()
      .db.selectFrom('app_user')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    const ok = await app.inject({ method: 'POST', url: '/api/users', headers: s.headers, payload });
    expect(ok.statusCode).toBe(201);
  });

  it('lets only admins manage users, enforces password rules, and audits with before/after', async () => {
    const app = await buildTestApp(ctx());
    const admin = await buildUser(ctx(), 'admin');
    const coord = await buildUser(ctx(), 'coordinator');
    const unit = await buildUnit(ctx());
    const a = await loginAs(app, admin.username);
    const c = await loginAs(app, coord.username);
    expect((await app.inject({ method: 'GET', url: '/api/users', headers: c.headers })).statusCode).toBe(403);
    const weak = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: a.headers,
      payload: { username: 'weakling', password: 'short', role: 'reporter' },
    });
    expect(weak.statusCode).toBe(400);
    expect(Object.keys(weak.json().error.fields).sort()).toEqual(['password', 'unitId']);
    const created = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: a.headers,
      payload: { username: 'Bao.Cao', password: 'Mot-mat-khau-2025', role: 'reporter', unitId: unit.id },
    });
    expect(created.statusCode).toBe(201);
    const user = created.json();
    expect(user.username).toBe('bao.cao');
    const dup = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: a.headers,
      payload: { username: 'bao.cao', password: 'Mot-mat-khau-2025', role: 'viewer' },
    });
    expect(dup.json().error.code).toBe('DUPLICATE');
    const upd = await app.inject({
      method: 'PUT',
      url: `/api/users/${user.id}`,
      headers: a.headers,
      payload: { version: user.version, role: 'viewer', unitId: null },
    });
    expect(upd.statusCode).toBe(200);
    const stale = await app.inject({
      method: 'PUT',
      url: `/api/users/${user.id}`,
      headers: a.headers,
      payload: { version: user.version, role: 'inspector' },
    });
    expect(stale.statusCode).toBe(409);
    const audit = await app.inject({ url: `/api/audit?entity=app_user&entityId=${user.id}`, headers: c.headers });
    const items = audit.json().items as { action: string; before: { role: string } | null; after: { role: string } }[];
    const update = items.find((i) => i.action === 'update')!;
    expect(update.before?.role).toBe('reporter');
    expect(update.after.role).toBe('viewer');
    expect(JSON.stringify(items)).not.toContain('argon2');
  });

  it(
    'a user changes their own password: the current one ' + 'first, the rules, other devices signed out, audited',
    async () => {
      const app = await buildTestApp(ctx());
      const u = await buildUser(ctx(), 'reporter', (await buildUnit(ctx(), { kind: 'commune' })).id);
      const here = await loginAs(app, u.username);
      const phone = await loginAs(app, u.username);
      const change = (body: Record<string, string>, headers = here.headers) =>
        app.inject({ method: 'POST', url: '/api/auth/password', headers, payload: body });
      const wrong = await change({ currentPassword: 'khong-phai-mat-khau-1', newPassword: 'Mat-khau-moi-2026' });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.fields).toEqual({ currentPassword: 'Mật khẩu hiện tại không đúng' });
      const weak = await change({ currentPassword: TEST_PASSWORD, newPassword: 'ngan1' });
      expect(weak.json().error.fields.newPassword).toBe('Mật khẩu mới: mật khẩu phải có ít nhất 10 ký tự');
      const same = await change({ currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD });
      expect(same.json().error.fields.newPassword).toContain('phải khác mật khẩu hiện tại');
      // without the CSRF token nothing changes
      const forged = await change(
        { currentPassword: TEST_PASSWORD, newPassword: 'Mat-khau-moi-2026' },
        {
          cookie: here.cookie,
        },
      );
      expect(forged.statusCode).toBe(403);
      expect((await loginAs(app, u.username)).cookie).toBeTruthy();

      const ok = await change({ currentPassword: TEST_PASSWORD, newPassword: 'Mat-khau-moi-2026' });
      expect(ok.statusCode, ok.body).toBe(200);
      // this session goes on; the phone's ends; the old password no longer signs in, the new one does
      expect((await app.inject({ url: '/api/auth/me', headers: here.headers })).statusCode).toBe(200);
      expect((await app.inject({ url: '/api/auth/me', headers: phone.headers })).statusCode).toBe(401);
      await expect(loginAs(app, u.username)).rejects.toThrow(/401/u);
      expect((await loginAs(app, u.username, 'Mat-khau-moi-2026')).cookie).toBeTruthy();
      const audit = await ctx()
        .db.selectFrom('audit_log')
        .select(['action', 'after'])
        .where('action', '=', 'password')
        .where('entity_id', '=', String(u.id))
        .execute();
      expect(audit).toHaveLength(1);
      expect(JSON.stringify(audit[0]!.after)).not.toContain('Mat-khau');
      // signed out, there is no password to change
      expect((await app.inject({ method: 'POST', url: '/api/auth/password', payload: {} })).statusCode).toBe(401);
    },
  );

  it('logs out: the cookie stops working', async () => {
    const app = await buildTestApp(ctx());
    const u = await buildUser(ctx(), 'viewer');
    const s = await loginAs(app, u.username);
    expect((await app.inject({ url: '/api/auth/me', headers: s.headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers })).statusCode).toBe(200);
    const me = await app.inject({ url: '/api/auth/me', headers: s.headers });
    expect(me.statusCode).toBe(401);
    expect(me.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('session cache: a change made here is seen at once; one made elsewhere stops writes at once', async () => {
    const app = await buildTestApp(ctx());
    const admin = await loginAs(app, (await buildUser(ctx(), 'admin')).username);
    const u = await buildUser(ctx(), 'coordinator');
    const s = await loginAs(app, u.username);
    const me = () => app.inject({ url: '/api/auth/me', headers: s.headers });
    expect((await me()).json().user.role).toBe('coordinator');
    // a role change through this server: the next read already sees it
    const current = await app.inject({ url: '/api/users', headers: admin.headers });
    const version = (current.json() as { id: number; version: number }[]).find((x) => x.id === u.id)!.version;
    const upd = await app.inject({
      method: 'PUT',
      url: `/api/users/${u.id}`,
      headers: admin.headers,
      payload: { version, role: 'viewer' },
    });
    expect(upd.statusCode).toBe(200);
    expect((await me()).json().user.role).toBe('viewer');

    // the session ended by another instance (its row deleted behind this server's back)
    await ctx().db.deleteFrom('auth_session').where('user_id', '=', u.id).execute();
    const write = await app.inject({ method: 'POST', url: '/api/sessions', headers: s.headers, payload: {} });
    expect(write.statusCode).toBe(401);
    // a read may still be answered from memory within BDG_SESSION_CACHE_SECONDS…
    expect((await me()).statusCode).toBe(200);
    // …and not at all when the cache is off
    const uncached = await buildTestApp({ ...ctx(), config: { ...ctx().config, sessionCacheMs: 0 } });
    expect((await uncached.inject({ url: '/api/auth/me', headers: s.headers })).statusCode).toBe(401);
  });

  it('keeps the audit log from reporters and viewers', async () => {
    const app = await buildTestApp(ctx());
    const unit = await buildUnit(ctx());
    const r = await buildUser(ctx(), 'reporter', unit.id);
    const s = await loginAs(app, r.username);
    expect((await app.inject({ url: '/api/audit', headers: s.headers })).statusCode).toBe(403);
  });
});
