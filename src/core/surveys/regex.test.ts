import { describe, expect, it } from 'vitest';
import { checkResponse } from './answers.ts';
import { usesRegex } from './regex.ts';
import { readXlsForm, type Sheet } from './xlsform.ts';

const survey = (constraint: string): Sheet => ({
  headers: ['type', 'name', 'label', 'constraint'],
  rows: [{ line: 2, cells: { type: 'text', name: 'code', label: 'Mã', constraint } }],
});

describe('regex() and its engine', () => {
  it('tells a form that calls regex() (so the browser loads RE2) from one that does not', () => {
    const withRegex = readXlsForm({ survey: survey("regex(., '^[0-9]{4}$')") });
    expect(usesRegex(withRegex)).toBe(true);
    // the form travels to the browser as JSON: what the public page tests
    expect(usesRegex(JSON.parse(JSON.stringify(withRegex)))).toBe(true);
    expect(usesRegex(readXlsForm({ survey: survey('string-length(.) = 4') }))).toBe(false);
  });

  it('matches with RE2 once installed (xlsform.ts installs it on the server)', () => {
    const form = readXlsForm({ survey: survey("regex(., '^[0-9]{4}$')") });
    expect(checkResponse(form, { code: '1234' }, { today: '2026-01-01' }).problems).toEqual({});
    expect(checkResponse(form, { code: '12a4' }, { today: '2026-01-01' }).problems).toEqual({
      code: 'Giá trị không hợp lệ',
    });
  });
});
