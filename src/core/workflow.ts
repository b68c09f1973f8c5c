/**
 * The approval workflow every record of a unit goes through:
 *
 *   draft ──submit──▶ submitted ──approve──▶ approved (locked)
 *     ▲                  │                      │
 *     │               return (comment)        reopen (reason, coordinator)
 *     │                  ▼                      │
 *     └──── edit ──── returned ◀────────────────┘
 *                        └──submit (resubmit)──▶ submitted
 *
 * Records are edited only in draft or returned; approved records are locked until reopened.
 */
import { isOffice } from './permissions.ts';

export const RECORD_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

export const TRANSITIONS = {
  submit: { from: ['draft', 'returned'], to: 'submitted', who: 'owner', comment: false },
  approve: { from: ['submitted'], to: 'approved', who: 'office', comment: false },
  return: { from: ['submitted'], to: 'returned', who: 'office', comment: true },
  reopen: { from: ['approved'], to: 'returned', who: 'office', comment: true },
} as const satisfies Record<
  string,
  { from: readonly RecordStatus[]; to: RecordStatus; who: 'owner' | 'office'; comment: boolean }
>;
export type TransitionAction = keyof typeof TRANSITIONS;

export const STATUS_LABELS: Record<RecordStatus, { vi: string; en: string }> = {
  draft: { vi: 'Nháp', en: 'Draft' },
  submitted: { vi: 'Chờ duyệt', en: 'Submitted' },
  approved: { vi: 'Đã duyệt', en: 'Approved' },
  returned: { vi: 'Trả lại', en: 'Returned' },
};

export interface Mover {
  role: string;
  unitId: number | null;
}

export interface TransitionProblem {
  /** permission: the role or unit may not; state: not from this status; comment: a reason is required */
  kind: 'permission' | 'state' | 'comment';
  message: string;
}

const ACTION_VI: Record<TransitionAction, string> = {
  submit: 'gửi duyệt',
  approve: 'duyệt',
  return: 'trả lại',
  reopen: 'mở lại',
};

/**
 * Null when `actor` may apply `action` to a record in `status` (with `comment`), else what is wrong, in
 * Vietnamese; `actorMayWrite` says whether the actor may write that record at all (see permissions.ts).
 * @example a reporter approving its own submitted record → { kind: 'permission', message: 'chỉ cơ quan thường trực …' }
 */
export function transitionProblem(
  action: TransitionAction,
  status: RecordStatus,
  actorMayWrite: boolean,
  actor: Mover,
  comment: string | undefined,
): TransitionProblem | null {
  const t = TRANSITIONS[action];
  if (t.who === 'office' && !isOffice(actor))
    return { kind: 'permission', message: 'chỉ cơ quan thường trực được duyệt, trả lại hoặc mở lại bản ghi' };
  // the owner's steps belong to whoever may write the record (permissions.ts): an inspector only its unit's
  // inspections, a viewer nothing
  if (t.who === 'owner' && !isOffice(actor) && !actorMayWrite) {
    return { kind: 'permission', message: 'chỉ đơn vị sở hữu bản ghi (hoặc cơ quan thường trực) được gửi duyệt' };
  }
  if (!(t.from as readonly string[]).includes(status)) {
    return {
      kind: 'state',
      message: `không thể ${ACTION_VI[action]} bản ghi đang ở trạng thái "${STATUS_LABELS[status].vi}"`,
    };
  }
  if (t.comment && !(comment ?? '').trim())
    return { kind: 'comment', message: action === 'return' ? 'cần ghi lý do trả lại' : 'cần ghi lý do mở lại' };
  return null;
}

/** True when a record in this status may be edited or deleted. */
export const isEditable = (status: RecordStatus): boolean => status === 'draft' || status === 'returned';

/**
 * What changed between two versions of a record, field by field (for "what changed since the last
 * approval"). Values are compared as JSON.
 * @example diffRecords({a: 1, b: 2}, {a: 1, b: 3}) → [{ field: 'b', before: 2, after: 3 }]
 */
export function diffRecords(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  ignore: readonly string[] = [],
): { field: string; before: unknown; after: unknown }[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => !ignore.includes(f));
  return fields
    .filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]))
    .map((f) => ({ field: f, before: before[f], after: after[f] }));
}
