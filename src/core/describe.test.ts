import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeCondition, describeIndicator } from './describe.ts';
import { parsePlan, planIndicators } from './plan-schema.ts';

const seed = parsePlan(fs.readFileSync(new URL('../../plans/bdg-2021-2030.yaml', import.meta.url), 'utf8'));

describe('an indicator in words', () => {
  it('names fields and values as people do, never the database’s codes', () => {
    const texts = planIndicators(seed).flatMap((i) => Object.values(describeIndicator(i)));
    expect(texts.filter((t) => /\b[a-z]+_[a-z_]+\b|= true/u.test(t))).toEqual([]);
    const sum = planIndicators(seed).find((i) => i.kind === 'sum')!;
    expect(describeIndicator(sum).vi).toMatch(/^Tổng số người tham dự/u);
  });

  it('a condition: a yes/no field by its name, a coded value by its label, a number by the language', () => {
    expect(describeCondition({ field: 'free_of_discrimination', op: 'eq', value: true }, 'vi')).toBe(
      'không có nội dung phân biệt đối xử về giới',
    );
    expect(describeCondition({ field: 'free_of_discrimination', op: 'eq', value: false }, 'en')).toBe(
      'not free of gender discrimination',
    );
    expect(describeCondition({ field: 'form', op: 'in', value: ['conference', 'training'] }, 'vi')).toBe(
      'hình thức thuộc "Hội nghị, hội thảo, toạ đàm" hoặc "Tập huấn, bồi dưỡng"',
    );
    expect(describeCondition({ field: 'participants_total', op: 'gte', value: 10.5 }, 'vi')).toBe(
      'số người tham dự ≥ 10,5',
    );
    // a field the product does not name yet is shown as it is rather than dropped
    expect(describeCondition({ field: 'new_field', op: 'eq', value: 'x' }, 'en')).toBe('new_field is "x"');
  });
});
