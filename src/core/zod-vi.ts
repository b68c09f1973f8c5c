import { z } from 'zod';
import { invalid, type AppError } from './errors.ts';

// Validation messages in Vietnamese everywhere zod speaks to people (plan files, configuration, API).
z.config(z.locales.vi());

/**
 * A refused zod check as the API's 400: each problem under its field's path (after `prefix`), the message
 * listing them all.
 * @example invalidFrom(error, 'issuer.') → AppError VALIDATION { fields: { 'issuer.body': 'Cơ quan ban hành: …' } }
 */
export function invalidFrom(error: z.ZodError, prefix = ''): AppError {
  return invalid(Object.fromEntries(error.issues.map((i) => [`${prefix}${i.path.join('.')}` || 'body', i.message])));
}
