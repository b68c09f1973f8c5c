import { isDbId } from './input-safety.ts';
import { isIsoDate, parseDateInput, todayInVietnam } from './dates.ts';
import { cleanText } from './text.ts';

/** Community conventions (hương ước, quy ước), NĐ 61/2023/NĐ-CP: kinds, statuses, what makes one "free". */
export const CONVENTION_KINDS = {
  huong_uoc: { vi: 'Hương ước', en: 'Community convention (hương ước)' },
  quy_uoc: { vi: 'Quy ước', en: 'Community rule (quy ước)' },
} as const;
export const CONVENTION_STATUSES = {
  draft: { vi: 'Dự thảo', en: 'Draft' },
  in_force: { vi: 'Đang có hiệu lực', en: 'In force' },
  under_amendment: { vi: 'Đang sửa đổi', en: 'Under amendment' },
  replaced: { vi: 'Đã được thay thế', en: 'Replaced' },
} as const;
export type ConventionStatus = keyof typeof CONVENTION_STATUSES;
export const FINDING_STATUSES = ['open', 'confirmed', 'dismissed', 'resolved'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export interface ConventionInput {
  villageUnitId: number;
  title: string;
  kind: keyof typeof CONVENTION_KINDS;
  adoptedOn: string | null;
  householdsAgreePct: number | null;
  decisionNumber: string | null;
  decisionDate: string | null;
  status: ConventionStatus;
}

const date = (v: unknown): string | null | undefined =>
  v === null || v === undefined || v === ''
    ? null
    : typeof v === 'string' && isIsoDate(v)
      ? v
      : (parseDateInput(v) ?? undefined);

/**
 * Checks a convention's register entry; problems by field, in Vietnamese. In force needs its adoption
 * (date, share of households agreeing > 50%) and the commune's decision recognising it.
 */
export function validateConvention(
  raw: Record<string, unknown>,
  today = todayInVietnam(),
): { value: ConventionInput | null; problems: Record<string, string> } {
  const p: Record<string, string> = {};
  const villageUnitId = isDbId(raw.villageUnitId) ? raw.villageUnitId : null;
  if (villageUnitId === null) p.villageUnitId = 'Thôn, tổ dân phố: chưa chọn';
  const title = typeof raw.title === 'string' ? cleanText(raw.title) : '';
  if (title.length < 3) p.title = 'Tên: ít nhất 3 ký tự';
  else if (title.length > 300) p.title = 'Tên: dài quá 300 ký tự';
  const kind = raw.kind === 'huong_uoc' || raw.kind === 'quy_uoc' ? raw.kind : null;
  if (!kind) p.kind = 'Loại: chọn hương ước hoặc quy ước';
  const status =
    typeof raw.status === 'string' && raw.status in CONVENTION_STATUSES
      ? (raw.status as ConventionStatus)
      : raw.status === undefined || raw.status === null || raw.status === ''
        ? 'draft'
        : null;
  if (!status) p.status = 'Tình trạng: không có trong danh mục';
  const adoptedOn = date(raw.adoptedOn);
  if (adoptedOn === undefined) p.adoptedOn = 'Ngày thông qua: phải có dạng DD/MM/YYYY';
  else if (adoptedOn && adoptedOn > today) p.adoptedOn = 'Ngày thông qua: không được ở tương lai';
  const decisionDate = date(raw.decisionDate);
  if (decisionDate === undefined) p.decisionDate = 'Ngày quyết định công nhận: phải có dạng DD/MM/YYYY';
  else if (decisionDate && adoptedOn && decisionDate < adoptedOn)
    p.decisionDate = 'Ngày quyết định công nhận: không được trước ngày thông qua';
  let pct: number | null = null;
  if (raw.householdsAgreePct !== null && raw.householdsAgreePct !== undefined && raw.householdsAgreePct !== '') {
    pct = Number(String(raw.householdsAgreePct).replace(',', '.'));
    if (!Number.isFinite(pct) || pct < 0 || pct > 100) p.householdsAgreePct = 'Tỷ lệ hộ tán thành: từ 0 đến 100';
  }
  const decisionNumber =
    typeof raw.decisionNumber === 'string' && cleanText(raw.decisionNumber)
      ? cleanText(raw.decisionNumber).slice(0, 100)
      : null;
  if (status && status !== 'draft') {
    if (!adoptedOn && !p.adoptedOn) p.adoptedOn = 'Ngày thông qua: cần nhập khi hương ước, quy ước đã có hiệu lực';
    if (pct === null && !p.householdsAgreePct) p.householdsAgreePct = 'Tỷ lệ hộ tán thành: cần nhập khi đã có hiệu lực';
    else if (pct !== null && pct <= 50 && !p.householdsAgreePct)
      p.householdsAgreePct = 'Tỷ lệ hộ tán thành: phải trên 50% số hộ (NĐ 61/2023/NĐ-CP)';
    if (!decisionNumber) p.decisionNumber = 'Số quyết định công nhận của UBND xã: cần nhập khi đã có hiệu lực';
  }
  if (Object.keys(p).length > 0) return { value: null, problems: p };
  return {
    value: {
      villageUnitId: villageUnitId!,
      title,
      kind: kind!,
      adoptedOn: adoptedOn ?? null,
      householdsAgreePct: pct,
      decisionNumber,
      decisionDate: decisionDate ?? null,
      status: status!,
    },
    problems: p,
  };
}

/** G6: in force and no confirmed finding left unresolved (open findings await review and do not count). */
export const isFreeOfDiscrimination = (status: ConventionStatus, confirmedUnresolved: number): boolean =>
  status === 'in_force' && confirmedUnresolved === 0;
