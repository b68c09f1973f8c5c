import { endOfDayVietnam } from './dates.ts';
import type { Period } from './periods.ts';
import type { RecordStatus } from './workflow.ts';

/**
 * Completeness and timeliness of periodic reports (issue 4).
 * - Expected: units in force at the end of the period whose kind the plan makes responsible for a task,
 *   less those exempted for the period (with a reason).
 * - Complete: the report is submitted or approved (a returned report counts again once resubmitted).
 * - On time: complete, and first sent (submitted, or imported) by the end of the due day, Vietnam time.
 * Numerators only count expected units, so rates never exceed 100%; reports of units that were not
 * expected are listed but do not count.
 */
export const ON_TIME_RULE = {
  vi: (due: string) =>
    `Đầy đủ: báo cáo đang chờ duyệt hoặc đã duyệt (báo cáo bị trả lại được tính lại khi gửi lại). Đúng hạn: đầy ` +
    `đủ và gửi lần đầu trước 24:00 ngày ${due.split('-').reverse().join('/')} (giờ Việt Nam). Đơn vị được miễn ` +
    `(có lý do) không tính vào mẫu số.`,
  en: (due: string) =>
    `Complete: the report is submitted or approved (a returned report counts again once resubmitted). On time: ` +
    `complete and first sent before midnight of ${due} (Vietnam time). Exempted units (with a reason) are left ` +
    `out of the denominator.`,
};

export interface CompletenessUnit {
  id: number;
  code: string;
  name: string;
  kind: string;
}

export interface ReportState {
  id: number;
  status: RecordStatus;
  /** when the report was first sent (ISO instant), null when never */
  firstSentAt: string | null;
}

export interface CompletenessRow extends CompletenessUnit {
  expected: boolean;
  exemption: string | null;
  report: ReportState | null;
  complete: boolean;
  onTime: boolean;
  /** days late, when sent after the due day */
  daysLate: number | null;
  records: { approved: number; pending: number };
}

export interface Rate {
  expected: number;
  complete: number;
  onTime: number;
  completeRate: number | null;
  onTimeRate: number | null;
}

const rate = (n: number, d: number): number | null => (d === 0 ? null : n / d);

export function summarise(rows: CompletenessRow[]): Rate {
  const expected = rows.filter((r) => r.expected);
  const complete = expected.filter((r) => r.complete).length;
  const onTime = expected.filter((r) => r.onTime).length;
  return {
    expected: expected.length,
    complete,
    onTime,
    completeRate: rate(complete, expected.length),
    onTimeRate: rate(onTime, expected.length),
  };
}

/**
 * One row per unit (expected ones, plus any other unit that reported), judged against the period's due day.
 * @example a report first sent at 2026-06-17T16:59Z for a period due 2026-06-17 is on time (23:59 in Vietnam)
 */
export function completenessRows(
  period: Period,
  expected: CompletenessUnit[],
  others: CompletenessUnit[],
  exemptions: Map<number, string>,
  reports: Map<number, ReportState>,
  records: Map<number, { approved: number; pending: number }>,
): CompletenessRow[] {
  const deadline = endOfDayVietnam(period.due);
  const row = (u: CompletenessUnit, isExpected: boolean): CompletenessRow => {
    const report = reports.get(u.id) ?? null;
    const exemption = exemptions.get(u.id) ?? null;
    const complete = report !== null && (report.status === 'submitted' || report.status === 'approved');
    const sent = report?.firstSentAt ?? null;
    const onTime = complete && sent !== null && sent <= deadline;
    const daysLate =
      sent !== null && sent > deadline ? Math.ceil((Date.parse(sent) - Date.parse(deadline)) / 86_400_000) : null;
    return {
      ...u,
      expected: isExpected && exemption === null,
      exemption,
      report,
      complete,
      onTime,
      daysLate,
      records: records.get(u.id) ?? { approved: 0, pending: 0 },
    };
  };
  const expectedIds = new Set(expected.map((u) => u.id));
  return [
    ...expected.map((u) => row(u, true)),
    ...others.filter((u) => !expectedIds.has(u.id) && reports.has(u.id)).map((u) => row(u, false)),
  ];
}

/** Units the plan expects a report from: kinds responsible for at least one task group. */
export const responsibleKinds = (taskGroups: { responsible: string[] }[]): string[] =>
  [...new Set(taskGroups.flatMap((t) => t.responsible))].sort();
