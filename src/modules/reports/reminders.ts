import { todayInVietnam } from '../../core/dates.ts';
import type { Ctx } from '../context.ts';
import { startJob } from '../jobs.ts';
import { notifyUnit } from '../notifications/service.ts';
import { completeness, reportingPeriods } from './service.ts';

/** Days between two ISO dates (b − a). */
const daysBetween = (a: string, b: string): number =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

export interface ReminderRun {
  period: string;
  phase: 'before' | 'overdue';
  units: number;
}

/**
 * Reminds every expected, not exempted unit whose report for a period is not in (submitted or approved):
 * - "before": from `daysBefore` days before the due day to the due day;
 * - "overdue": from the day after the due day, for `overdueDays` days.
 * Each reminder is keyed by period, unit and phase, so running this any number of times, in any number
 * of processes, across restarts, tells a unit once per phase (in-app, and by e-mail through the outbox).
 */
export async function runReminders(
  ctx: Ctx,
  opts: { today?: string; daysBefore: number; overdueDays?: number },
): Promise<ReminderRun[]> {
  const today = opts.today ?? todayInVietnam();
  const overdueDays = opts.overdueDays ?? 30;
  const out: ReminderRun[] = [];
  for (const p of (await reportingPeriods(ctx)).periods) {
    const left = daysBetween(today, p.due);
    const phase = left >= 0 && left <= opts.daysBefore ? 'before' : left < 0 && -left <= overdueDays ? 'overdue' : null;
    if (!phase) continue;
    const missing = (await completeness(ctx, p.key)).rows.filter((r) => r.expected && !r.complete);
    const due = p.due.split('-').reverse().join('/');
    await ctx.db.transaction().execute(async (trx) => {
      for (const u of missing) {
        await notifyUnit(trx, u.id, {
          kind: phase === 'before' ? 'deadline_soon' : 'deadline_overdue',
          key: `deadline:${p.key}:${u.id}:${phase}`,
          link: `/#/reports?period=${p.key}`,
          title: phase === 'before' ? `${p.vi}: hạn nộp ${due} (còn ${left} ngày)` : `${p.vi}: đã quá hạn nộp ${due}`,
          body:
            `Kỳ báo cáo ${p.from.split('-').reverse().join('/')}–${p.to.split('-').reverse().join('/')}. ` +
            `${u.report ? 'Báo cáo của đơn vị chưa được gửi duyệt.' : 'Đơn vị chưa lập báo cáo.'}`,
        });
      }
    });
    out.push({ period: p.key, phase, units: missing.length });
  }
  return out;
}

/**
 * Runs the reminders now and then every `everyMs` while the server runs (BDG_REMINDER_INTERVAL_MINUTES); a
 * restart simply runs them again — what was already sent is not sent twice. Returns a stop function.
 */
export function startReminders(
  ctx: Ctx,
  daysBefore: number,
  everyMs: number,
  log: (msg: string) => void = () => {},
): () => void {
  return startJob(
    'reminders',
    everyMs,
    async () => {
      const runs = (await runReminders(ctx, { daysBefore })).filter((r) => r.units > 0);
      return runs.length > 0 ? runs.map((r) => `${r.period} ${r.phase}: ${r.units} units`).join('; ') : null;
    },
    log,
  );
}
