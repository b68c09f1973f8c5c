import { AppError } from './errors.ts';
import { foldText } from './text.ts';
import { STATUS_LABELS, type RecordStatus } from './workflow.ts';

/** A record of the same unit, kind and day already stored, as far as telling a likely repeat needs. */
export interface SameDayRecord {
  id: number;
  title: string;
  status: string;
  /** a communication session's form (conference, loudspeaker…); absent for other kinds */
  form?: string | null;
}

/**
 * The stored record the new one most likely repeats: same unit, kind and day (the caller's query), the same
 * title once case, tones and spacing are set aside, and for a session the same form. Two loudspeaker slots on
 * one day with different titles are two records; "Tập huấn BĐG" saved twice by a double tap is one.
 */
export function likelyDuplicate(
  candidate: { title: string; form?: string | null },
  sameDay: readonly SameDayRecord[],
): SameDayRecord | null {
  const title = foldText(candidate.title);
  if (title === '') return null;
  return (
    sameDay.find(
      (r) => foldText(r.title) === title && (candidate.form === undefined || (r.form ?? null) === candidate.form),
    ) ?? null
  );
}

/** The refusal of a likely repeat: names the stored record (number, title, status) and how to save anyway. */
export function duplicateError(found: SameDayRecord, date: string, titleLabel: string): AppError {
  const day = date.split('-').reverse().join('/');
  const status = STATUS_LABELS[found.status as RecordStatus]?.vi ?? found.status;
  const what = `trùng với bản ghi số ${found.id} "${found.title}" của đơn vị cùng ngày ${day} (${status})`;
  return new AppError(
    'LIKELY_DUPLICATE',
    `Có vẻ ${what}; kiểm tra lại, hoặc xác nhận vẫn lưu nếu đây là một hoạt động khác`,
    { title: `${titleLabel}: ${what}` },
    undefined,
    found.id,
  );
}
