import type { UnitKind } from './units.ts';

/**
 * Goal G1 of the plan: every year, every department, sector, association, agency, locality and
 * enterprise holds at least 2 communication sessions on gender-equality law and policy.
 * Expected units: those in force at some point of the year, of the kinds below. Target: all of them.
 * (The plan-as-data issue moves these constants into plans/.)
 */
export const G1 = {
  code: 'G1',
  title: {
    vi: 'Tỷ lệ đơn vị tổ chức ít nhất 2 hoạt động truyền thông, phổ biến pháp luật về bình đẳng giới trong năm',
    en: 'Share of units holding at least 2 communication sessions on gender-equality law and policy in the year',
  },
  rule: {
    vi: 'Tử số: đơn vị có ≥ 2 hoạt động có ngày tổ chức trong năm. Mẫu số: sở, ngành, hội, đoàn thể, cơ quan báo chí, trường học, doanh nghiệp, UBND cấp huyện (đến 30/6/2025) và cấp xã còn hiệu lực vào bất kỳ ngày nào trong năm. Đơn vị được xếp vào địa bàn theo cơ cấu cuối năm (hoặc ngày cuối cùng còn hiệu lực).',
    en: 'Numerator: units with ≥ 2 sessions dated in the year. Denominator: departments, associations, media, schools, enterprises, district (until 30/6/2025) and commune People\'s Committees in force on any day of the year. Units are placed in areas by the structure at the end of the year (or their last day).',
  },
  kinds: ['department', 'association', 'media', 'school', 'enterprise', 'district', 'commune', 'other'] as readonly UnitKind[],
  threshold: 2,
  target: 1,
} as const;
