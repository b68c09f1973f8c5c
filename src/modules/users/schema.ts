import { DbInt } from '../../http/params.ts';
import { z } from 'zod';
import { ROLES } from '../context.ts';

export const UserSchema = z.object({
  id: z.number(),
  username: z.string().max(100),
  displayName: z.string(),
  role: z.enum(ROLES),
  unitId: z.number().nullable(),
  unitCode: z.string().nullable().optional(),
  email: z.string().nullable(),
  active: z.boolean(),
  version: z.number(),
  lockedUntil: z.string().nullable(),
});
export type User = z.infer<typeof UserSchema>;

export const UserCreateSchema = z.object({
  username: z.string().max(100),
  displayName: z.string().max(200).optional(),
  password: z.string().max(500),
  role: z.string(),
  unitId: DbInt.nullable().optional(),
  email: z.string().max(200).nullable().optional(),
});
export type UserCreate = z.infer<typeof UserCreateSchema>;

export const UserUpdateSchema = z.object({
  version: DbInt,
  displayName: z.string().max(200).optional(),
  role: z.string().optional(),
  unitId: DbInt.nullable().optional(),
  active: z.boolean().optional(),
  password: z.string().max(500).optional(),
  email: z.string().max(200).nullable().optional(),
});
export type UserUpdate = z.infer<typeof UserUpdateSchema>;
