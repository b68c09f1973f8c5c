import { describe, expect, it } from 'vitest';
import { intBetween, seededRandom } from '../demo/random.ts';
import { unpackIntegers } from './packed.ts';

describe('numbers packed into one text value by the database', () => {
  it('reads rows of any width into one flat array, negative numbers and large sums included', () => {
    expect([...unpackIntegers('1,2025,3;4,2025,-5', 3)]).toEqual([1, 2025, 3, 4, 2025, -5]);
    expect([...unpackIntegers('7', 1)]).toEqual([7]);
    expect([...unpackIntegers('', 4)]).toEqual([]);
    expect([...unpackIntegers('12,9007199254740991', 2)]).toEqual([12, Number.MAX_SAFE_INTEGER]);
  });

  it('gives what splitting the text gives, for random rows', () => {
    const rnd = seededRandom(7);
    for (let n = 0; n < 200; n++) {
      const width = intBetween(rnd, 1, 6);
      const rows = Array.from({ length: intBetween(rnd, 1, 50) }, () =>
        Array.from({ length: width }, () => (rnd() < 1 / 3 ? -1 : 1) * intBetween(rnd, 0, 99_999)),
      );
      const text = rows.map((r) => r.join(',')).join(';');
      expect([...unpackIntegers(text, width)]).toEqual(text.split(';').flatMap((l) => l.split(',').map(Number)));
    }
  });

  it('refuses what is not rows of whole numbers of the given width', () => {
    expect(() => unpackIntegers('1,2;3', 2)).toThrow(/not rows of 2/u);
    expect(() => unpackIntegers('1;2,3,4', 2)).toThrow(/wrong width/u);
    expect(() => unpackIntegers('1,,2', 3)).toThrow(/empty number/u);
    expect(() => unpackIntegers('1.5,2', 2)).toThrow(/unexpected "\."/u);
    expect(() => unpackIntegers('1,2-3', 2)).toThrow(/unexpected "-"/u);
    expect(() => unpackIntegers('1,2', 0)).toThrow(/width 0/u);
  });
});
