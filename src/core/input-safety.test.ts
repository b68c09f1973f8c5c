import { describe, expect, it } from 'vitest';
import { isDbId, unsafeTextFields, unsafeTextProblem } from './input-safety.ts';

describe('input safety', () => {
  it('accepts Vietnamese text with tabs and line breaks', () => {
    expect(unsafeTextProblem('Hội nghị tuyên truyền\tLuật Bình đẳng giới\r\nlần 2 — “BĐG” 😀')).toBeNull();
  });

  it('refuses NUL, control characters, lone surrogates and bidirectional overrides, saying which', () => {
    expect(unsafeTextProblem('a\u0000b')).toMatch(/NUL/u);
    expect(unsafeTextProblem('a\u0007b')).toMatch(/mã 7/u);
    expect(unsafeTextProblem('a\ud800b')).toMatch(/UTF-16/u);
    expect(unsafeTextProblem('x\udc00')).toMatch(/UTF-16/u);
    expect(unsafeTextProblem('Báo cáo \u202Efdp.exe')).toMatch(/U\+202E/u);
    expect(unsafeTextProblem('\u2067x')).toMatch(/U\+2067/u);
  });

  it('finds every unsafe string of a nested body by its path, keys included', () => {
    const body = {
      title: 'ok',
      participants: [{ name: 'A\u0000' }],
      notes: { 'k\u0000': 1 },
      n: 5,
      tags: ['x', '\ud83d'],
    };
    expect(Object.keys(unsafeTextFields(body)).sort()).toEqual(['notes.k\u0000', 'participants.0.name', 'tags.1']);
    expect(unsafeTextFields('\u0000')).toEqual({ body: expect.stringMatching(/NUL/u) });
    expect(unsafeTextFields({ a: [1, true, null, { b: 'ổn' }] })).toEqual({});
  });

  it('knows the database id range', () => {
    expect(isDbId(1)).toBe(true);
    expect(isDbId(2 ** 31 - 1)).toBe(true);
    expect(isDbId(2 ** 31)).toBe(false);
    expect(isDbId(0)).toBe(false);
    expect(isDbId(1.5)).toBe(false);
    expect(isDbId('5')).toBe(false);
  });
});
