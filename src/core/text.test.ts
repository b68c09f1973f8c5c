import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SHARED_DATA, sharedDataAvailable } from '../../test/helpers/environment.ts';
import { cleanLines, cleanText, foldText, vietnameseSortKey } from './text.ts';

describe('cleanText', () => {
  it('turns decomposed Vietnamese into NFC and collapses spaces', () => {
    const nfd = 'Phường  Phúc Xá'.normalize('NFD');
    expect(nfd).not.toBe('Phường Phúc Xá');
    expect(cleanText(` ${nfd} `)).toBe('Phường Phúc Xá');
  });
});

describe('foldText', () => {
  it('removes tones and modifiers, đ → d', () => {
    expect(foldText('Thành phố Hà Nội')).toBe('thanh pho ha noi');
    expect(foldText('ĐẮK LẮK')).toBe('dak lak');
    expect(foldText('Ưu tiên')).toBe('uu tien');
  });
  it('folds old and new tone placement alike', () => {
    expect(foldText('Hoà Bình')).toBe(foldText('Hòa Bình'));
    expect(foldText('Thuý')).toBe(foldText('Thúy'));
    expect(foldText('Uỷ ban'.normalize('NFD'))).toBe(foldText('Ủy ban'));
  });
});

describe('vietnameseSortKey', () => {
  const sortByKey = (names: string[]) =>
    [...names].sort((a, b) =>
      vietnameseSortKey(a) < vietnameseSortKey(b) ? -1 : vietnameseSortKey(a) > vietnameseSortKey(b) ? 1 : 0,
    );

  it('orders ă, â, đ, ê, ô, ơ, ư as letters of their own', () => {
    expect(sortByKey(['Đông', 'Dương', 'Ân', 'Ăn', 'An', 'Ơn', 'Ôn', 'On', 'Ưng', 'Ung', 'Ê', 'E'])).toEqual([
      'An',
      'Ăn',
      'Ân',
      'Dương',
      'Đông',
      'E',
      'Ê',
      'On',
      'Ôn',
      'Ơn',
      'Ung',
      'Ưng',
    ]);
  });
  it('orders tones after letters: ma, mà, mả, mã, má, mạ', () => {
    expect(sortByKey(['mạ', 'má', 'mã', 'mả', 'mà', 'ma'])).toEqual(['ma', 'mà', 'mả', 'mã', 'má', 'mạ']);
  });
  it('compares numbers by value', () => {
    expect(sortByKey(['Phường 10', 'Phường 2', 'Phường 1'])).toEqual(['Phường 1', 'Phường 2', 'Phường 10']);
  });
  it('gives the same key for NFC and NFD input', () => {
    expect(vietnameseSortKey('Phường Phúc Xá'.normalize('NFD'))).toBe(vietnameseSortKey('Phường Phúc Xá'));
  });
  it.runIf(sharedDataAvailable())(
    'agrees with ICU Vietnamese collation (letters, tones, numbers) on every real unit name',
    () => {
      const names = fs
        .readFileSync(`${SHARED_DATA}vn-2025-03.csv`, 'utf8')
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[1])
        .filter((n): n is string => !!n)
        .map(cleanText);
      const collator = new Intl.Collator('vi', { numeric: true });
      const byKey = sortByKey(names);
      let disagreements = 0;
      for (let i = 1; i < byKey.length; i++) if (collator.compare(byKey[i - 1]!, byKey[i]!) > 0) disagreements++;
      expect(names.length).toBeGreaterThan(10_000);
      expect(disagreements).toBe(0);
    },
  );
});

describe('cleanLines', () => {
  it('keeps lines, collapses spaces and blank runs, composes to NFC', () => {
    expect(cleanLines(' Dòng 1 \r\n\r\n\r\n  Dòng \t  2 ')).toBe('Dòng 1\n\nDòng 2');
    expect(cleanLines('Hoa\u0300')).toBe('Hoà');
    expect(cleanLines('\n\n')).toBe('');
  });
});
