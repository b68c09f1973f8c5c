import type { IndicatorDef } from './plan-schema.ts';
import { SOURCES } from './sources.ts';
import { UNIT_KIND_LABELS } from './units.ts';

const OPS = { eq: ['=', '='], in: ['thuộc', 'in'], gte: ['≥', '≥'], lte: ['≤', '≤'], contains: ['có', 'has'] } as const;

/** How an indicator is computed, in words, from its typed definition (shown next to every figure). */
export function describeIndicator(def: IndicatorDef): { vi: string; en: string } {
  const src = SOURCES[def.source].title;
  const filter = def.filter.length
    ? {
        vi: ` (chỉ tính hồ sơ có ${def.filter.map((f) => `${f.field} ${OPS[f.op][0]} ${JSON.stringify(f.value)}`).join(', ')})`,
        en: ` (only records with ${def.filter.map((f) => `${f.field} ${OPS[f.op][1]} ${JSON.stringify(f.value)}`).join(', ')})`,
      }
    : { vi: '', en: '' };
  const kinds = (ks: readonly string[], lang: 'vi' | 'en') =>
    ks.map((k) => UNIT_KIND_LABELS[k as keyof typeof UNIT_KIND_LABELS]?.[lang] ?? k).join('; ');
  const scope = {
    vi: 'Đơn vị được xếp vào địa bàn theo cơ cấu cuối năm (hoặc ngày cuối cùng còn hiệu lực).',
    en: 'Units are placed in areas by the structure at the end of the year (or their last day).',
  };
  switch (def.kind) {
    case 'unit_share':
      return {
        vi: `Tử số: đơn vị có ít nhất ${def.threshold} ${src.vi.toLowerCase()} có ngày trong năm${filter.vi}. Mẫu số: đơn vị thuộc loại ${kinds(def.unitKinds, 'vi')} còn hiệu lực vào bất kỳ ngày nào trong năm. ${scope.vi}`,
        en: `Numerator: units with at least ${def.threshold} ${src.en.toLowerCase()} dated in the year${filter.en}. Denominator: units of kinds ${kinds(def.unitKinds, 'en')} in force on any day of the year. ${scope.en}`,
      };
    case 'area_share':
      return {
        vi: `Tử số: địa bàn cấp huyện (từ 1/7/2025 theo quy định của tỉnh) có ít nhất ${def.threshold} ${src.vi.toLowerCase()} trong năm${filter.vi}, tính cả các đơn vị trên địa bàn. Mẫu số: các địa bàn đó vào cuối năm.`,
        en: `Numerator: district-level areas (from 1/7/2025 as the province decides) with at least ${def.threshold} ${src.en.toLowerCase()} in the year${filter.en}, counting the units in them. Denominator: those areas at the end of the year.`,
      };
    case 'record_share':
      return {
        vi: `Tỷ lệ ${src.vi.toLowerCase()} trong năm${filter.vi} có ${def.where.field} ${OPS[def.where.op][0]} ${JSON.stringify(def.where.value)}.`,
        en: `Share of ${src.en.toLowerCase()} in the year${filter.en} with ${def.where.field} ${OPS[def.where.op][1]} ${JSON.stringify(def.where.value)}.`,
      };
    case 'level_share':
      return {
        vi: `Tỷ lệ đơn vị loại ${kinds(def.unitKinds, 'vi')} đạt mức "${def.level === 'pilot' ? 'thí điểm' : 'chính thức'}" trở lên theo ${src.vi.toLowerCase()}.`,
        en: `Share of units of kinds ${kinds(def.unitKinds, 'en')} at level "${def.level}" or above in ${src.en.toLowerCase()}.`,
      };
    case 'change_vs_baseline':
      return {
        vi: `Thay đổi tương đối của điểm trung bình có trọng số so với đợt khảo sát năm ${def.baselineYear}; chỉ kết luận "đạt" khi cận dưới của khoảng tin cậy đạt mục tiêu.`,
        en: `Relative change of the weighted mean score against the ${def.baselineYear} wave; "achieved" only when the lower confidence bound reaches the target.`,
      };
    case 'count':
      return {
        vi: `Số ${src.vi.toLowerCase()} có ngày trong năm${filter.vi}.`,
        en: `Number of ${src.en.toLowerCase()} dated in the year${filter.en}.`,
      };
    case 'sum':
      return {
        vi: `Tổng ${def.field} của ${src.vi.toLowerCase()} có ngày trong năm${filter.vi}.`,
        en: `Sum of ${def.field} over ${src.en.toLowerCase()} dated in the year${filter.en}.`,
      };
  }
}
