import { z } from 'zod';
import { ROLES } from '../context.ts';

export const UserSchema = z.object({
  id: z.number(),
  username: z.string(),
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
  username: z.string(),
  displayName: z.string().optional(),
  password: z.string(),
  role: z.string(),
  unitId: z.number().int().nullable().optional(),
  email: z.string().max(200).nullable().optional(),
});
export type UserCreate = z.infer<typeof UserCreateSchema>;

export const UserUpdateSchema = z.object({
  version: z.number().int(),
  displayName: z.string().optional(),
  role: z.string().optional(),
  unitId: z.number().int().nullable().optional(),
  active: z.boolean().optional(),
  password: z.string().optional(),
  email: z.string().max(200).nullable().optional(),
});
export type UserUpdate = z.infer<typeof UserUpdateSchema>;
