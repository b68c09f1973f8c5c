import { describe, expect, it } from 'vitest';
import { parseDateInput } from './dates.ts';
import { peaksOf } from './peaks.ts';
import { inGroupOrder, validateSession } from './sessions.ts';

const ok = {
  unitId: 1,
  date: '2025-03-05',
  title: 'Hội nghị phổ biến Luật Bình đẳng giới',
  form: 'conference',
  topics: ['gender_equality_law'],
  participantsTotal: 100,
  participantsFemale: 60,
  participantsMale: 40,
};

describe('validateSession', () => {
  it('accepts a good session and normalises its text', () => {
    const { value } = validateSession({ ...ok, title: '  Hội nghị  phổ biến '.normalize('NFD') }, '2026-01-01');
    expect(value?.title).toBe('Hội nghị phổ biến');
    expect(value?.form).toBe('conference');
  });
  it('names every bad field in Vietnamese', () => {
    const { value, fields } = validateSession(
      { unitId: 'x', date: '2025-02-30', title: 'a', form: 'dance', topics: [], participantsTotal: -1 },
      '2026-01-01',
    );
    expect(value).toBeNull();
    expect(Object.keys(fields).sort()).toEqual(['date', 'form', 'participantsTotal', 'title', 'topics', 'unitId']);
    expect(fields.date).toContain('ngày');
  });
  it('requires female + male ≤ total', () => {
    const { fields } = validateSession(
      { ...ok, participantsTotal: 50, participantsFemale: 30, participantsMale: 25 },
      '2026-01-01',
    );
    expect(fields.participantsTotal).toContain('55');
    expect(
      validateSession({ ...ok, participantsTotal: 55, participantsFemale: 30, participantsMale: 25 }, '2026-01-01')
        .value,
    ).not.toBeNull();
  });
  it('refuses a date in the future', () => {
    expect(validateSession({ ...ok, date: '2026-01-02' }, '2026-01-01').fields.date).toContain('tương lai');
  });
  it('reads forms and topics by Vietnamese name, with or without diacritics', () => {
    const { value } = validateSession(
      { ...ok, form: 'Loa truyen thanh co so', topics: 'Luật Bình đẳng giới; phong, chong bao luc gia dinh' },
      '2026-01-01',
    );
    expect(value?.form).toBe('loudspeaker');
    expect(value?.topics).toEqual(['gender_equality_law', 'domestic_violence']);
  });
});

describe('peaksOf', () => {
  it('derives the peak periods from the date', () => {
    expect(peaksOf('2024-03-08')).toEqual(['iwd']);
    expect(peaksOf('2024-06-25')).toEqual(['dv_month', 'family_day']);
    expect(peaksOf('2024-11-15')).toEqual(['action_month']);
    expect(peaksOf('2024-12-15')).toEqual(['action_month']);
    expect(peaksOf('2024-12-16')).toEqual([]);
    expect(peaksOf('2024-10-20')).toEqual(['vn_women_day']);
  });
});

describe('parseDateInput', () => {
  it('reads the forms found in Vietnamese spreadsheets', () => {
    expect(parseDateInput('05/03/2025')).toBe('2025-03-05');
    expect(parseDateInput('5/3/2025')).toBe('2025-03-05');
    expect(parseDateInput('2025-03-05')).toBe('2025-03-05');
    expect(parseDateInput('31/02/2025')).toBeNull();
    expect(parseDateInput(new Date(Date.UTC(2025, 2, 5)))).toBe('2025-03-05');
  });
});

describe('inGroupOrder', () => {
  it("orders by year, then unit, keeping the rows' own order within a group", () => {
    const rows = [
      { date: '2025-03-01', unitId: 9 },
      { date: '2024-12-31', unitId: 20 },
      { date: '2025-01-01', unitId: 3 },
      { date: '2025-12-01', unitId: 9 },
      { date: '2024-01-01', unitId: 20 },
      { date: '2024-06-01', unitId: 7 },
    ];
    expect(inGroupOrder(rows)).toEqual([5, 1, 4, 2, 0, 3]);
    expect(inGroupOrder([])).toEqual([]);
  });
});
