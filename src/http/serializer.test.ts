import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { responseSerializer } from './serializer.ts';

const User = z.object({ id: z.number().int(), name: z.string(), unitId: z.number().nullable() });
const route = (schema: unknown) => ({ schema, method: 'GET', url: '/x', httpStatus: '200' });

describe('responseSerializer', () => {
  it('writes only the declared fields (a password hash on the row never leaves)', () => {
    for (const check of [false, true]) {
      const write = responseSerializer(check)(route(User));
      const text = write({ id: 1, name: 'Lan', unitId: null, passwordHash: '$argon2id$…' });
      expect(JSON.parse(text)).toEqual({ id: 1, name: 'Lan', unitId: null });
    }
  });

  it('writes Vietnamese text and characters that need escaping as JSON.stringify does', () => {
    const write = responseSerializer(true)(route(z.object({ t: z.string() })));
    const t = 'Hội "Phụ nữ"\n\\ xã Đông Hà \u2028';
    expect(JSON.parse(write({ t }))).toEqual({ t });
  });

  it('in checking mode, refuses an answer that does not match its schema (where the fast writer would coerce)', () => {
    const fast = responseSerializer(false)(route(User));
    const checking = responseSerializer(true)(route(User));
    const wrong = { id: '7', name: 'Lan', unitId: null };
    expect(JSON.parse(fast(wrong)).id).toBe(7);
    expect(() => checking(wrong)).toThrow();
  });

  it('keeps zod for a schema JSON Schema cannot express', () => {
    const withTransform = z.object({ n: z.string().transform((s) => s.length) });
    const write = responseSerializer(false)(route(withTransform));
    expect(() => write({ n: 3 })).toThrow();
    const dated = responseSerializer(false)(route(z.object({ at: z.date() })));
    expect(JSON.parse(dated({ at: new Date('2026-01-02T00:00:00Z') }))).toEqual({ at: '2026-01-02T00:00:00.000Z' });
  });
});
