import { dayAfter, isIsoDate } from './dates.ts';

/**
 * Reporting periods a plan sets (issue 4). A period is a cut-off window of days and a deadline a number
 * of working days after the window ends. Windows that start later in the calendar than they end begin
 * in the previous year: "6T" of 2026 runs 15/12/2025–14/06/2026.
 */
export interface PeriodDef {
  code: string;
  vi: string;
  en: string;
  /** MM-DD of the first day */
  start: string;
  /** MM-DD of the last day */
  end: string;
  /** working days after `end` the report is due */
  dueWorkingDays: number;
}

export const DEFAULT_PERIODS: PeriodDef[] = [
  { code: '6T', vi: 'Báo cáo 6 tháng', en: 'Six-month report', start: '12-15', end: '06-14', dueWorkingDays: 3 },
  { code: 'CN', vi: 'Báo cáo năm', en: 'Yearly report', start: '12-15', end: '12-14', dueWorkingDays: 3 },
];

/** Public holidays on fixed solar dates (MM-DD); lunar ones (Tết, Giỗ Tổ) are listed per plan as dates. */
export const FIXED_HOLIDAYS = ['01-01', '04-30', '05-01', '09-02'];

export interface Period {
  /** "2026-6T" */
  key: string;
  year: number;
  code: string;
  vi: string;
  en: string;
  from: string;
  to: string;
  due: string;
}

const weekday = (iso: string): number => new Date(`${iso}T00:00:00Z`).getUTCDay();

/**
 * The date `n` working days after `date` (weekends, fixed holidays and the plan's `holidays` skipped).
 * @example addWorkingDays('2026-06-12', 3) === '2026-06-17' (a Friday, then Mon 15, Tue 16, Wed 17)
 */
export function addWorkingDays(date: string, n: number, holidays: readonly string[] = []): string {
  let d = date;
  let left = n;
  while (left > 0) {
    d = dayAfter(d);
    const wd = weekday(d);
    if (wd === 0 || wd === 6 || FIXED_HOLIDAYS.includes(d.slice(5)) || holidays.includes(d)) continue;
    left--;
  }
  return d;
}

/** The period of `def` that ends in `year`. */
export function periodOf(def: PeriodDef, year: number, holidays: readonly string[] = []): Period {
  const from = `${def.start > def.end ? year - 1 : year}-${def.start}`;
  const to = `${year}-${def.end}`;
  return {
    key: `${year}-${def.code}`,
    year,
    code: def.code,
    vi: `${def.vi} ${year}`,
    en: `${def.en} ${year}`,
    from,
    to,
    due: addWorkingDays(to, def.dueWorkingDays, holidays),
  };
}

/** Reads a period key ("2026-6T") against the plan's periods; null when it names no period. */
export function parsePeriodKey(
  key: string,
  defs: readonly PeriodDef[],
  holidays: readonly string[] = [],
): Period | null {
  const m = /^(\d{4})-([A-Za-z0-9]+)$/u.exec(key.trim());
  if (!m) return null;
  const def = defs.find((d) => d.code === m[2]);
  return def ? periodOf(def, Number(m[1]), holidays) : null;
}

/** Every period of the plan that ends in the years [from, to], in order of their end. */
export function periodsBetween(
  defs: readonly PeriodDef[],
  from: number,
  to: number,
  holidays: readonly string[] = [],
): Period[] {
  const out: Period[] = [];
  for (let y = from; y <= to; y++) for (const d of defs) out.push(periodOf(d, y, holidays));
  return out.sort((a, b) => (a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
}

/** True when MM-DD is a real day of a (leap) year. */
export const isMonthDay = (md: string): boolean => /^\d{2}-\d{2}$/u.test(md) && isIsoDate(`2024-${md}`);

/**
 * Which period a page opens on, on `today`: `current`, the first whose due day has not passed (the report
 * being written now), and `lastDue`, the latest whose due day has passed (the one whose completeness can
 * be judged; before any, the first). Periods in order.
 */
export function periodsOn(
  periods: readonly Period[],
  today: string,
): { current: string | null; lastDue: string | null } {
  const current = periods.find((p) => p.due >= today)?.key ?? periods.at(-1)?.key ?? null;
  const lastDue = periods.filter((p) => p.due < today).at(-1)?.key ?? periods[0]?.key ?? null;
  return { current, lastDue };
}
