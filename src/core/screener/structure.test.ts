import { describe, expect, it } from 'vitest';
import { splitConvention } from './structure.ts';

const TEXT = [
  'HƯƠNG ƯỚC THÔN AN BÌNH',
  'Chương I',
  'QUY ĐỊNH CHUNG',
  'Điều 1. Phạm vi điều chỉnh',
  'Hương ước này quy định các việc chung của thôn.',
  'Chương II',
  'Điều 5. Thờ cúng và lễ hội',
  '1. Con cháu trong họ cùng giữ gìn nhà thờ họ.',
  '2. Việc tổ chức lễ hội:',
  'a) Tiết kiệm, văn minh;',
  'đ) Không mê tín dị đoan,',
  'tiếp tục dòng trên.',
].join('\r\n');

describe('splitting a convention', () => {
  it('keeps chapters, articles, clauses and points with their numbering and offsets', () => {
    const units = splitConvention(TEXT);
    expect(units.map((u) => u.label)).toEqual([
      'Phần mở đầu',
      'Chương I',
      'Điều 1',
      'Chương II',
      'Điều 5',
      'Điều 5, khoản 1',
      'Điều 5, khoản 2',
      'Điều 5, khoản 2, điểm a',
      'Điều 5, khoản 2, điểm đ',
    ]);
    const last = units.at(-1)!;
    // a unit's text starts after its number: "Điều 5." or "a)" is never read as part of a sentence
    expect(last.text).toBe('Không mê tín dị đoan,\ntiếp tục dòng trên.');
    expect(units[4]!.text).toBe('Thờ cúng và lễ hội');
    expect(units[5]!.text).toBe('Con cháu trong họ cùng giữ gìn nhà thờ họ.');
    const nfc = TEXT.normalize('NFC').replace(/\r\n?/gu, '\n');
    for (const u of units) expect(nfc.slice(u.start, u.end)).toBe(u.text);
    // the chapter heading's title line continues the chapter unit
    expect(units[1]!.text).toBe('Chương I\nQUY ĐỊNH CHUNG');
  });
});
