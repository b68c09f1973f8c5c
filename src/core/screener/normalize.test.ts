import { describe, expect, it } from 'vitest';
import { isPlain, syllableFold, syllableKey, tokenize } from './normalize.ts';

describe('Vietnamese text for matching', () => {
  it('gives old and new tone placement, NFC and NFD, upper and lower case the same key', () => {
    for (const [a, b] of [
      ['hoà', 'hòa'],
      ['thuý', 'thúy'],
      ['khoẻ', 'khỏe'],
      ['uỷ', 'ủy'],
      ['Hòa', 'hòa'.normalize('NFD')],
      ['ĐẤT', 'đất'],
    ])
      expect(syllableKey(a!), `${a} ${b}`).toBe(syllableKey(b!));
  });
  it('keeps tones and letter modifiers apart: năm is not nam, bà is not ba', () => {
    expect(syllableKey('năm')).not.toBe(syllableKey('nam'));
    expect(syllableKey('bà')).not.toBe(syllableKey('ba'));
    expect(syllableFold('Đất')).toBe('dat');
  });
  it('splits syllables on Vietnamese word boundaries, with offsets', () => {
    const text = 'Con gái, "con trai"—đều được.';
    expect(tokenize(text).map((t) => text.slice(t.start, t.end))).toEqual(['Con', 'gái', 'con', 'trai', 'đều', 'được']);
  });
  it('compares text typed without diacritics by its folded form', () => {
    expect(isPlain('con gai khong duoc')).toBe(true);
    expect(isPlain('con gái')).toBe(false);
    expect(tokenize('con gai').map((t) => t.key)).toEqual(['con', 'gai']);
  });
});
