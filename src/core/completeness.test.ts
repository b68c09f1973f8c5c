import { describe, expect, it } from 'vitest';
import { completenessRows, responsibleKinds, summarise } from './completeness.ts';
import { endOfDayVietnam, startOfDayVietnam } from './dates.ts';
import { addWorkingDays, DEFAULT_PERIODS, parsePeriodKey, periodOf } from './periods.ts';

describe('reporting periods', () => {
  it(
    'windows start the year before when their start is later than their end; deadlines skip weekends and ' + 'holidays',
    () => {
      const h1 = periodOf(DEFAULT_PERIODS[0]!, 2026);
      expect(h1).toMatchObject({ key: '2026-6T', from: '2025-12-15', to: '2026-06-14', due: '2026-06-17' });
      const year = periodOf(DEFAULT_PERIODS[1]!, 2026);
      expect(year).toMatchObject({ from: '2025-12-15', to: '2026-12-14', due: '2026-12-17' });
      // 14/12/2024 is a Saturday: Mon 16, Tue 17, Wed 18
      expect(periodOf(DEFAULT_PERIODS[1]!, 2024).due).toBe('2024-12-18');
      // 29/4/2026 (Wed) + 2 working days: 30/4 and 1/5 are holidays, 2–3/5 a weekend → Tue 5/5
      expect(addWorkingDays('2026-04-29', 2)).toBe('2026-05-05');
      expect(addWorkingDays('2026-06-12', 1, ['2026-06-15'])).toBe('2026-06-16');
    },
  );

  it('reads period keys against the plan', () => {
    expect(parsePeriodKey('2025-CN', DEFAULT_PERIODS)?.to).toBe('2025-12-14');
    expect(parsePeriodKey('2025-Q3', DEFAULT_PERIODS)).toBeNull();
    expect(parsePeriodKey('năm 2025', DEFAULT_PERIODS)).toBeNull();
  });
});

describe('completeness and timeliness', () => {
  const period = periodOf(DEFAULT_PERIODS[0]!, 2026); // due 2026-06-17
  const u = (id: number, kind = 'commune') => ({ id, code: `U${id}`, name: `Đơn vị ${id}`, kind });
  const rows = completenessRows(
    period,
    [u(1), u(2), u(3), u(4), u(5), u(6)],
    [u(7, 'association'), u(8, 'association')],
    new Map([[5, 'Mới sáp nhập']]),
    new Map([
      [1, { id: 11, status: 'approved' as const, firstSentAt: '2026-06-17T16:59:00.000Z' }],
      [2, { id: 12, status: 'submitted' as const, firstSentAt: '2026-06-17T17:00:00.000Z' }],
      [3, { id: 13, status: 'returned' as const, firstSentAt: '2026-06-10T00:00:00.000Z' }],
      [4, { id: 14, status: 'draft' as const, firstSentAt: null }],
      [5, { id: 15, status: 'approved' as const, firstSentAt: '2026-06-01T00:00:00.000Z' }],
      [7, { id: 17, status: 'approved' as const, firstSentAt: '2026-06-01T00:00:00.000Z' }],
    ]),
    new Map([[1, { approved: 3, pending: 1 }]]),
  );

  it('the due day ends at midnight in Vietnam', () => {
    expect(endOfDayVietnam('2026-06-17')).toBe('2026-06-17T16:59:59.999Z');
    expect(startOfDayVietnam('2026-06-17').toISOString()).toBe('2026-06-16T17:00:00.000Z');
  });

  it('judges each unit: complete, on time, late by days, exempted, not expected', () => {
    const by = new Map(rows.map((r) => [r.id, r]));
    expect(by.get(1)).toMatchObject({
      expected: true,
      complete: true,
      onTime: true,
      daysLate: null,
      records: { approved: 3, pending: 1 },
    });
    expect(by.get(2)).toMatchObject({ complete: true, onTime: false, daysLate: 1 });
    expect(by.get(3)).toMatchObject({ complete: false, onTime: false });
    expect(by.get(4)).toMatchObject({ complete: false });
    expect(by.get(5)).toMatchObject({ expected: false, exemption: 'Mới sáp nhập' });
    expect(by.get(6)).toMatchObject({ report: null, complete: false, records: { approved: 0, pending: 0 } });
    expect(by.get(7)).toMatchObject({ expected: false, complete: true });
    expect(by.has(8)).toBe(false);
  });

  it('rates count expected units only, so they never pass 100%', () => {
    expect(summarise(rows)).toEqual({ expected: 5, complete: 2, onTime: 1, completeRate: 0.4, onTimeRate: 0.2 });
    const all = completenessRows(
      period,
      [u(1)],
      [u(7)],
      new Map(),
      new Map([
        [1, { id: 1, status: 'approved', firstSentAt: '2026-06-01T00:00:00Z' }],
        [7, { id: 7, status: 'approved', firstSentAt: '2026-06-01T00:00:00Z' }],
      ]),
      new Map(),
    );
    expect(summarise(all).completeRate).toBe(1);
    expect(summarise([]).completeRate).toBeNull();
  });

  it('the responsible kinds are those of every task group', () => {
    expect(
      responsibleKinds([{ responsible: ['commune', 'department'] }, { responsible: ['media', 'commune'] }]),
    ).toEqual(['commune', 'department', 'media']);
  });
});
