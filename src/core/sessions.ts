import { isDbId } from './input-safety.ts';
import { isIsoDate, parseDateInput, todayInVietnam } from './dates.ts';
import { cleanText, foldText } from './text.ts';

/** Coded lists of a communication session (truyền thông, phổ biến pháp luật về bình đẳng giới). */
export const SESSION_FORMS = {
  conference: { vi: 'Hội nghị, hội thảo, toạ đàm', en: 'Conference, seminar or talk' },
  training: { vi: 'Tập huấn, bồi dưỡng', en: 'Training session' },
  broadcast: { vi: 'Phát thanh, truyền hình', en: 'Radio or TV broadcast' },
  article: { vi: 'Bài viết, tin bài', en: 'Article' },
  social_post: { vi: 'Bài đăng mạng xã hội', en: 'Social-media post' },
  loudspeaker: { vi: 'Loa truyền thanh cơ sở', en: 'Commune loudspeaker' },
  contest: { vi: 'Hội thi, cuộc thi', en: 'Contest' },
  integrated: { vi: 'Lồng ghép trong cuộc họp, sinh hoạt khác', en: 'Item in another meeting' },
  other: { vi: 'Hình thức khác', en: 'Other' },
} as const;
export type SessionForm = keyof typeof SESSION_FORMS;

export const SESSION_TOPICS = {
  gender_equality_law: { vi: 'Luật Bình đẳng giới', en: 'Law on Gender Equality' },
  domestic_violence: { vi: 'Phòng, chống bạo lực gia đình', en: 'Domestic violence' },
  gbv: { vi: 'Phòng ngừa, ứng phó bạo lực trên cơ sở giới', en: 'Gender-based violence' },
  stereotypes: { vi: 'Xoá bỏ định kiến giới', en: 'Gender stereotypes' },
  sex_ratio_at_birth: { vi: 'Mất cân bằng giới tính khi sinh', en: 'Sex ratio at birth' },
  child_marriage: { vi: 'Tảo hôn, hôn nhân cận huyết thống', en: 'Child and consanguineous marriage' },
  women_leadership: { vi: 'Phụ nữ tham gia lãnh đạo, quản lý', en: "Women's leadership" },
  trafficking: { vi: 'Phòng, chống mua bán người', en: 'Human trafficking' },
  policy: { vi: 'Chính sách, pháp luật khác về bình đẳng giới', en: 'Other gender-equality law and policy' },
  other: { vi: 'Chủ đề khác', en: 'Other' },
} as const;
export type SessionTopic = keyof typeof SESSION_TOPICS;

export const TARGET_GROUPS = {
  officials: { vi: 'Cán bộ, công chức, viên chức', en: 'Public officials' },
  leaders: { vi: 'Lãnh đạo, quản lý', en: 'Leaders and managers' },
  women: { vi: 'Phụ nữ', en: 'Women' },
  men: { vi: 'Nam giới', en: 'Men' },
  youth: { vi: 'Thanh niên', en: 'Youth' },
  students: { vi: 'Học sinh, sinh viên', en: 'Pupils and students' },
  workers: { vi: 'Người lao động', en: 'Workers' },
  farmers: { vi: 'Nông dân', en: 'Farmers' },
  ethnic_minorities: { vi: 'Đồng bào dân tộc thiểu số', en: 'Ethnic minorities' },
  respected_people: { vi: 'Người có uy tín, chức sắc tôn giáo', en: 'Respected and religious leaders' },
  community: { vi: 'Người dân cộng đồng', en: 'Community members' },
  other: { vi: 'Đối tượng khác', en: 'Other' },
} as const;
export type TargetGroup = keyof typeof TARGET_GROUPS;

/** What a caller sends for a session: loose types, checked by validateSession. */
export interface SessionInputRaw {
  unitId?: unknown;
  date?: unknown;
  title?: unknown;
  form?: unknown;
  topics?: unknown;
  targetGroups?: unknown;
  participantsTotal?: unknown;
  participantsFemale?: unknown;
  participantsMale?: unknown;
  placeUnitId?: unknown;
  notes?: unknown;
}

export interface SessionInput {
  unitId: number;
  date: string;
  title: string;
  form: SessionForm;
  topics: SessionTopic[];
  targetGroups: TargetGroup[];
  participantsTotal: number | null;
  participantsFemale: number | null;
  participantsMale: number | null;
  placeUnitId: number | null;
  notes: string | null;
}

/** Reads a code from a code list, accepting the code itself or its Vietnamese label, with or without diacritics. */
export function codeFrom<T extends string>(list: Record<T, { vi: string; en: string }>, value: string): T | null {
  const v = foldText(value);
  for (const [code, label] of Object.entries(list) as [T, { vi: string; en: string }][]) {
    // the code, the whole label, or one of its comma-separated parts ("Hội nghị" for "Hội nghị, hội thảo, toạ đàm")
    const parts = [label.vi, label.en, ...label.vi.split(','), ...label.en.split(',')].map(foldText);
    if (v === code || parts.includes(v)) return code;
  }
  return null;
}

function readCount(value: unknown, field: string, fields: Record<string, string>): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(String(value).replace(/[.\s]/gu, ''));
  if (!Number.isInteger(n) || n < 0 || n > 10_000_000) {
    fields[field] = 'phải là số nguyên không âm';
    return null;
  }
  return n;
}

function readCodes<T extends string>(
  list: Record<T, { vi: string; en: string }>,
  value: unknown,
  field: string,
  fields: Record<string, string>,
): T[] {
  if (value === null || value === undefined || value === '') return [];
  const items = Array.isArray(value) ? value.map(String) : String(value).split(/[;|\n]/u);
  const out: T[] = [];
  for (const item of items.map((s) => s.trim()).filter(Boolean)) {
    const code = codeFrom(list, item);
    if (!code) {
      fields[field] = `"${item}" không có trong danh mục`;
      return [];
    }
    if (!out.includes(code)) out.push(code);
  }
  return out;
}

/**
 * Checks a session and returns it clean (NFC text, codes), or the problems by field, in Vietnamese.
 * Rules: date is a real date not in the future; title 3–500 characters; form and topics from their lists
 * (at least one topic); participant counts are whole numbers and female + male ≤ total.
 * @example female 30 + male 25 with total 50 → { participantsTotal: 'tổng số người tham dự (50) phải ≥ nữ + nam (55)' }
 */
export function validateSession(
  raw: SessionInputRaw,
  today: string = todayInVietnam(),
): { value: SessionInput | null; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  const unitId = isDbId(raw.unitId) ? raw.unitId : null;
  if (unitId === null) fields.unitId = 'chưa chọn đơn vị';
  const date = typeof raw.date === 'string' && isIsoDate(raw.date) ? raw.date : parseDateInput(raw.date);
  if (!date) fields.date = 'ngày tổ chức phải có dạng YYYY-MM-DD hoặc DD/MM/YYYY';
  else if (date > today) fields.date = 'ngày tổ chức không được ở tương lai';
  else if (date < '2000-01-01') fields.date = 'ngày tổ chức quá xa (trước năm 2000)';
  const title = typeof raw.title === 'string' ? cleanText(raw.title) : '';
  if (title.length < 3) fields.title = 'tên hoạt động phải có ít nhất 3 ký tự';
  else if (title.length > 500) fields.title = 'tên hoạt động dài quá 500 ký tự';
  const form = typeof raw.form === 'string' ? codeFrom(SESSION_FORMS, raw.form) : null;
  if (!form) fields.form = 'hình thức không có trong danh mục';
  const topics = readCodes(SESSION_TOPICS, raw.topics, 'topics', fields);
  if (topics.length === 0 && !fields.topics) fields.topics = 'chọn ít nhất một chủ đề';
  const targetGroups = readCodes(TARGET_GROUPS, raw.targetGroups, 'targetGroups', fields);
  const total = readCount(raw.participantsTotal, 'participantsTotal', fields);
  const female = readCount(raw.participantsFemale, 'participantsFemale', fields);
  const male = readCount(raw.participantsMale, 'participantsMale', fields);
  if ((female !== null || male !== null) && total === null && !fields.participantsTotal) {
    fields.participantsTotal = 'nhập tổng số người tham dự khi đã nhập số nữ hoặc nam';
  }
  if (total !== null && (female ?? 0) + (male ?? 0) > total) {
    fields.participantsTotal = `tổng số người tham dự (${total}) phải ≥ nữ + nam (${(female ?? 0) + (male ?? 0)})`;
  }
  const placeUnitId = isDbId(raw.placeUnitId) ? raw.placeUnitId : null;
  if (raw.placeUnitId !== undefined && raw.placeUnitId !== null && raw.placeUnitId !== '' && placeUnitId === null)
    fields.placeUnitId = 'địa điểm không hợp lệ';
  const notes =
    typeof raw.notes === 'string' && cleanText(raw.notes) ? raw.notes.normalize('NFC').trim().slice(0, 5000) : null;
  if (Object.keys(fields).length > 0) return { value: null, fields };
  return {
    value: {
      unitId: unitId!,
      date: date!,
      title,
      form: form!,
      topics,
      targetGroups,
      participantsTotal: total,
      participantsFemale: female,
      participantsMale: male,
      placeUnitId,
      notes,
    },
    fields,
  };
}

/**
 * The positions of `rows` in the order of the groups the indicators keep them in: year, then unit (then the
 * rows' own order) — the order in which each statement's triggers lock those groups, so that a writer of
 * several statements goes up the keys as the others do.
 */
export function inGroupOrder(rows: { date: string; unitId: number }[]): number[] {
  return rows
    .map((r, i) => ({ i, year: r.date.slice(0, 4), unit: r.unitId }))
    .sort((x, y) => (x.year < y.year ? -1 : x.year > y.year ? 1 : x.unit - y.unit || x.i - y.i))
    .map((o) => o.i);
}
