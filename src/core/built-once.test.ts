import { describe, expect, it } from 'vitest';
import { builtOnce } from './built-once.ts';

describe('builtOnce', () => {
  it('builds each key once and gives every caller the same value', async () => {
    const calls: string[] = [];
    const get = builtOnce(async (key: string) => {
      calls.push(key);
      return { key };
    });
    const [a, b] = await Promise.all([get('a'), get('a')]);
    expect(a).toBe(b);
    expect(await get('a')).toBe(a);
    expect((await get('b')).key).toBe('b');
    expect(calls).toEqual(['a', 'b']);
  });

  it('forgets a failed build so that the next caller builds again', async () => {
    let n = 0;
    const get = builtOnce(async (key: string) => {
      n += 1;
      if (n === 1) throw new Error(`lỗi lần đầu: ${key}`);
      return n;
    });
    await expect(get('x')).rejects.toThrow('lỗi lần đầu: x');
    expect(await get('x')).toBe(2);
    expect(await get('x')).toBe(2);
  });
});
