import { describe, expect, it } from 'vitest';
import { readField, type FieldDef, type Problems } from './fields.ts';
import { RECORD_TYPES } from './types.ts';

const year: FieldDef = { name: 'year', kind: 'int', year: true, vi: 'Năm thực hiện', en: 'Year', required: true };
const read = (f: FieldDef, value: unknown) => {
  const problems: Problems = {};
  return { value: readField(f, value, f.name, problems, '2026-11-30'), problems };
};

describe('a year field', () => {
  it('takes a year as a number or as text, even typed with a thousands separator', () => {
    expect(read(year, 2026).value).toBe(2026);
    expect(read(year, '2026').value).toBe(2026);
    expect(read(year, '2.026').value).toBe(2026);
  });

  it('refuses a number that is not a year, naming the field and the range, instead of changing it', () => {
    for (const wrong of [26, 1999, 2101, 20026]) {
      const r = read(year, wrong);
      expect(r.value).toBeNull();
      expect(r.problems.year).toMatch(/^Năm thực hiện: phải là một năm, từ 2000 đến 2100/u);
    }
  });

  it("is the Action Month plan's year", () => {
    const plan = RECORD_TYPES.find((t) => t.type === 'action_month_plan')!;
    expect(plan.fields.find((f) => f.name === 'year')?.year).toBe(true);
  });
});
