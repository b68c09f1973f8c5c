import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, SESSION_COOKIE } from '../../http/auth-hooks.ts';
import type { Ctx } from '../context.ts';
import { login, logout } from './service.ts';

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
        reply.setCookie(SESSION_COOKIE, r.token, {
          httpOnly: true,
          sameSite: 'strict',
          secure: ctx.config.cookieSecure,
          path: '/',
          expires: r.expiresAt,
        });
        return { csrfToken: r.csrfToken, user: r.user };
      },
    );

    app.post(
      '/api/auth/logout',
      { config: { public: true }, schema: { tags: ['auth'], summary: 'Đăng xuất' } },
      async (request, reply) => {
        const token = request.cookies[SESSION_COOKIE];
        if (token && request.user) await logout(ctx, token, actorOf(request));
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
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
