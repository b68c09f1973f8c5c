import type { IndicatorDef } from './plan-schema.ts';
import { SESSION_FORMS, SESSION_TOPICS, TARGET_GROUPS } from './sessions.ts';
import { FIELD_LABELS, SOURCES } from './sources.ts';
import { UNIT_KIND_LABELS } from './units.ts';

type Lang = 'vi' | 'en';
const OPS = {
  eq: ['là', 'is'],
  in: ['thuộc', 'in'],
  gte: ['≥', '≥'],
  lte: ['≤', '≤'],
  contains: ['có', 'has'],
} as const;
/** the coded values of the fields that have a list, named */
const VALUE_LABELS: Record<string, Record<string, { vi: string; en: string }>> = {
  form: SESSION_FORMS,
  topics: SESSION_TOPICS,
  target_groups: TARGET_GROUPS,
};

/**
 * A condition in words, never in the database's codes: "số người tham dự ≥ 10", "hình thức là Hội nghị…",
 * "không có nội dung phân biệt đối xử về giới" (a yes/no field that must be true).
 */
export function describeCondition(c: { field: string; op: keyof typeof OPS; value: unknown }, lang: Lang): string {
  const field = FIELD_LABELS[c.field]?.[lang] ?? c.field;
  if (typeof c.value === 'boolean' && c.op === 'eq')
    return c.value ? field : lang === 'vi' ? `không thoả: ${field}` : `not ${field}`;
  const one = (v: unknown) =>
    typeof v === 'string'
      ? `"${VALUE_LABELS[c.field]?.[v]?.[lang] ?? v}"`
      : String(v).replace('.', lang === 'vi' ? ',' : '.');
  const value = Array.isArray(c.value) ? c.value.map(one).join(lang === 'vi' ? ' hoặc ' : ' or ') : one(c.value);
  return `${field} ${OPS[c.op][lang === 'vi' ? 0 : 1]} ${value}`;
}

/** How an indicator is computed, in words, from its typed definition (shown next to every figure). */
export function describeIndicator(def: IndicatorDef): { vi: string; en: string } {
  const src = SOURCES[def.source].title;
  const filter = def.filter.length
    ? {
        vi: ` (chỉ tính hồ sơ có ${def.filter.map((f) => describeCondition(f, 'vi')).join('; ')})`,
        en: ` (only records with ${def.filter.map((f) => describeCondition(f, 'en')).join('; ')})`,
      }
    : { vi: '', en: '' };
  const kinds = (ks: readonly string[], lang: Lang) =>
    ks.map((k) => UNIT_KIND_LABELS[k as keyof typeof UNIT_KIND_LABELS]?.[lang] ?? k).join('; ');
  const scope = {
    vi: 'Đơn vị được xếp vào địa bàn theo cơ cấu cuối năm (hoặc ngày cuối cùng còn hiệu lực).',
    en: 'Units are placed in areas by the structure at the end of the year (or their last day).',
  };
  switch (def.kind) {
    case 'unit_share':
      return {
        vi:
          `Tử số: đơn vị có ít nhất ${def.threshold} ${src.vi.toLowerCase()} có ngày trong năm${filter.vi}. Mẫu ` +
          `số: đơn vị thuộc loại ${kinds(def.unitKinds, 'vi')} còn hiệu lực vào bất kỳ ngày nào trong năm. ${scope.vi}`,
        en:
          `Numerator: units with at least ${def.threshold} ${src.en.toLowerCase()} dated in the ` +
          `year${filter.en}. Denominator: units of kinds ${kinds(def.unitKinds, 'en')} in force on any day of the ` +
          `year. ${scope.en}`,
      };
    case 'area_share':
      return {
        vi:
          `Tử số: địa bàn cấp huyện (từ 1/7/2025 theo quy định của tỉnh) có ít nhất ${def.threshold} ` +
          `${src.vi.toLowerCase()} trong năm${filter.vi}, tính cả các đơn vị trên địa bàn. Mẫu số: các địa bàn đó ` +
          `vào cuối năm.`,
        en:
          `Numerator: district-level areas (from 1/7/2025 as the province decides) with at least ` +
          `${def.threshold} ${src.en.toLowerCase()} in the year${filter.en}, counting the units in them. ` +
          `Denominator: those areas at the end of the year.`,
      };
    case 'record_share':
      return {
        vi: `Tỷ lệ ${src.vi.toLowerCase()} trong năm${filter.vi} có điều kiện: ${describeCondition(def.where, 'vi')}.`,
        en: `Share of ${src.en.toLowerCase()} in the year${filter.en} that are ${describeCondition(def.where, 'en')}.`,
      };
    case 'level_share':
      return {
        vi:
          `Tỷ lệ đơn vị loại ${kinds(def.unitKinds, 'vi')} đạt mức ` +
          `"${def.level === 'pilot' ? 'thí điểm' : 'chính thức'}" trở lên theo ${src.vi.toLowerCase()}.`,
        en:
          `Share of units of kinds ${kinds(def.unitKinds, 'en')} at level "${def.level}" or above in ` +
          `${src.en.toLowerCase()}.`,
      };
    case 'change_vs_baseline':
      return {
        vi:
          `Thay đổi tương đối của điểm trung bình có trọng số so với đợt khảo sát năm ${def.baselineYear}; chỉ ` +
          `kết luận "đạt" khi cận dưới của khoảng tin cậy đạt mục tiêu.`,
        en:
          `Relative change of the weighted mean score against the ${def.baselineYear} wave; "achieved" only ` +
          `when the lower confidence bound reaches the target.`,
      };
    case 'count':
      return {
        vi: `Số ${src.vi.toLowerCase()} có ngày trong năm${filter.vi}.`,
        en: `Number of ${src.en.toLowerCase()} dated in the year${filter.en}.`,
      };
    case 'sum':
      return {
        vi:
          `Tổng ${FIELD_LABELS[def.field]?.vi ?? def.field} của ${src.vi.toLowerCase()} có ngày trong ` +
          `năm${filter.vi}.`,
        en:
          `Sum of ${FIELD_LABELS[def.field]?.en ?? def.field} over ${src.en.toLowerCase()} dated in the ` +
          `year${filter.en}.`,
      };
  }
}
