import { z } from 'zod';
import { INT4_MAX } from '../core/input-safety.ts';

/**
 * Whole numbers as the database stores them (PostgreSQL `integer`): an id or a version outside that range
 * is a 400 naming the field here, never a database error later.
 */
export const DbId = z.coerce.number().int().min(0).max(INT4_MAX);
/** The same in a JSON body (no coercion: "5" is not a number there). */
export const DbInt = z.number().int().min(0).max(INT4_MAX);
export const IdParams = z.object({ id: DbId });
