/** Calendar dates as ISO strings (YYYY-MM-DD): no time zones, no Date objects crossing layers. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/u;

/** True when `value` is a real calendar date written YYYY-MM-DD (2025-02-30 is not). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Today's date in Vietnam (UTC+7), as YYYY-MM-DD. */
export function todayInVietnam(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** The first instant of a Vietnamese day (00:00 at UTC+7). */
export const startOfDayVietnam = (date: string): Date => new Date(`${date}T00:00:00+07:00`);

/** The last instant of a Vietnamese day, as an ISO instant (23:59:59.999 at UTC+7). */
export const endOfDayVietnam = (date: string): string =>
  new Date(Date.parse(`${date}T23:59:59.999+07:00`)).toISOString();

/** The day before an ISO date. @example dayBefore('2025-07-01') === '2025-06-30' */
export function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The day after an ISO date. @example dayAfter('2025-06-30') === '2025-07-01' */
export function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Accepts the date forms found in Vietnamese spreadsheets: YYYY-MM-DD, DD/MM/YYYY, D/M/YYYY, or a
 * JavaScript Date (as exceljs gives for date cells). Returns YYYY-MM-DD or null when it is not a date.
 */
export function parseDateInput(value: unknown): string | null {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (isIsoDate(text)) return text;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/u.exec(text);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}
