import { DbId } from '../../http/params.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth-hooks.ts';
import type { Ctx } from '../context.ts';
import { UserCreateSchema, UserSchema, UserUpdateSchema } from './schema.ts';
import { createUser, listUsers, unlockUser, updateUser } from './service.ts';

export const userRoutes =
  (ctx: Ctx): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/users', { schema: { tags: ['users'], response: { 200: z.array(UserSchema) } } }, async (request) =>
      listUsers(ctx, actorOf(request)),
    );
    app.post(
      '/api/users',
      { schema: { tags: ['users'], body: UserCreateSchema, response: { 201: UserSchema } } },
      async (request, reply) => {
        reply.status(201);
        return createUser(ctx, actorOf(request), request.body);
      },
    );
    app.put(
      '/api/users/:id',
      {
        schema: {
          tags: ['users'],
          params: z.object({ id: DbId }),
          body: UserUpdateSchema,
          response: { 200: UserSchema },
        },
      },
      async (request) => updateUser(ctx, actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/users/:id/unlock',
      {
        schema: {
          tags: ['users'],
          summary: 'Mở khoá đăng nhập của một người dùng (quản trị viên)',
          params: z.object({ id: DbId }),
          response: { 200: UserSchema },
        },
      },
      async (request) => unlockUser(ctx, actorOf(request), request.params.id),
    );
  };
