import { describe, expect, it } from 'vitest';
import { dayAfter } from './dates.ts';
import { DEFAULT_PERIODS, periodsBetween, periodsOn } from './periods.ts';

describe('periodsOn', () => {
  const periods = periodsBetween(DEFAULT_PERIODS, 2025, 2026);
  const due = (key: string) => periods.find((p) => p.key === key)!.due;

  it('opens completeness on the latest period whose due day has passed, reports on the one being written', () => {
    const day = due('2026-6T');
    expect(periodsOn(periods, dayAfter(day))).toEqual({ current: '2026-CN', lastDue: '2026-6T' });
    // on the due day itself the report is still being written: judged from the next day
    expect(periodsOn(periods, day)).toEqual({ current: '2026-6T', lastDue: '2025-CN' });
  });

  it('before any due day, and after the last one', () => {
    expect(periodsOn(periods, '2024-01-01')).toEqual({ current: periods[0]!.key, lastDue: periods[0]!.key });
    expect(periodsOn(periods, '2030-01-01')).toEqual({ current: '2026-CN', lastDue: '2026-CN' });
    expect(periodsOn([], '2026-01-01')).toEqual({ current: null, lastDue: null });
  });
});
