import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { stringifySetCookie } from 'cookie';
import { actorOf, SESSION_COOKIE, sessionToken } from '../../http/auth-hooks.ts';
import type { Ctx } from '../context.ts';
import { changeOwnPassword, login, logout } from './service.ts';

const UserOut = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  unitId: z.number().nullable(),
});

export const authRoutes =
  (ctx: Ctx): FastifyPluginAsyncZod =>
  async (app) => {
    /** The session cookie: never readable by scripts, never sent by another site's page. */
    const sessionCookie = (value: string, expires: Date) =>
      stringifySetCookie({
        name: SESSION_COOKIE,
        value,
        httpOnly: true,
        sameSite: 'strict',
        secure: ctx.config.cookieSecure,
        path: '/',
        expires,
      });

    app.post(
      '/api/auth/login',
      {
        config: { public: true, rateLimit: { max: ctx.config.loginMaxPerMinute, timeWindow: 60_000 } },
        schema: {
          tags: ['auth'],
          summary: 'Đăng nhập: đặt cookie phiên httpOnly, trả mã CSRF',
          body: z.object({ username: z.string().max(100), password: z.string().max(200) }),
          response: { 200: z.object({ csrfToken: z.string(), user: UserOut }) },
        },
      },
      async (request, reply) => {
        const r = await login(ctx, request.body.username, request.body.password, request.ip);
        reply.header('set-cookie', sessionCookie(r.token, r.expiresAt));
        return { csrfToken: r.csrfToken, user: r.user };
      },
    );

    app.post(
      '/api/auth/password',
      {
        // guessing the current password through this form is as slow as through the login form
        config: { rateLimit: { max: ctx.config.loginMaxPerMinute, timeWindow: 60_000 } },
        schema: {
          tags: ['auth'],
          summary: 'Đổi mật khẩu của chính mình (cần mật khẩu hiện tại); các phiên trên thiết bị khác kết thúc',
          body: z.object({ currentPassword: z.string().max(200), newPassword: z.string().max(200) }),
        },
      },
      async (request) => {
        await changeOwnPassword(ctx, actorOf(request), sessionToken(request)!, request.body);
        return { ok: true };
      },
    );

    app.post(
      '/api/auth/logout',
      { config: { public: true }, schema: { tags: ['auth'], summary: 'Đăng xuất' } },
      async (request, reply) => {
        const token = sessionToken(request);
        if (token && request.user) await logout(ctx, token, actorOf(request));
        reply.header('set-cookie', sessionCookie('', new Date(0)));
        return { ok: true };
      },
    );

    app.get(
      '/api/auth/me',
      {
        schema: {
          tags: ['auth'],
          summary: 'Người dùng đang đăng nhập và mã CSRF',
          response: { 200: z.object({ csrfToken: z.string(), user: UserOut }) },
        },
      },
      async (request) => {
        actorOf(request);
        return { csrfToken: request.csrfToken!, user: request.user! };
      },
    );
  };
