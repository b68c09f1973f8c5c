/**
 * Peak periods of gender-equality communication, derived from a date (DOMAIN.md, Calendar).
 * Single days are widened to the week that leads up to them, because sessions are held in the
 * days before a celebration; month-long campaigns keep their official bounds.
 */
export const PEAK_PERIODS = [
  {
    code: 'iwd',
    from: '03-01',
    to: '03-08',
    short: '8/3',
    vi: 'Ngày Quốc tế Phụ nữ 8/3 (1/3–8/3)',
    en: "International Women's Day 8/3 (1–8 March)",
  },
  {
    code: 'dv_month',
    from: '06-01',
    to: '06-30',
    short: 'Tháng 6 (BLGĐ)',
    vi: 'Tháng hành động quốc gia phòng, chống bạo lực gia đình (tháng 6)',
    en: 'National action month against domestic violence (June)',
  },
  {
    code: 'family_day',
    from: '06-21',
    to: '06-28',
    short: '28/6',
    vi: 'Ngày Gia đình Việt Nam 28/6 (21/6–28/6)',
    en: 'Vietnamese Family Day 28/6 (21–28 June)',
  },
  {
    code: 'vn_women_day',
    from: '10-13',
    to: '10-20',
    short: '20/10',
    vi: 'Ngày Phụ nữ Việt Nam 20/10 (13/10–20/10)',
    en: "Vietnamese Women's Day 20/10 (13–20 October)",
  },
  {
    code: 'action_month',
    from: '11-15',
    to: '12-15',
    short: 'Tháng hành động',
    vi: 'Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới (15/11–15/12)',
    en: 'Action Month for gender equality and GBV prevention (15 Nov – 15 Dec)',
  },
] as const;

export type PeakCode = (typeof PEAK_PERIODS)[number]['code'];

/**
 * The peak periods a date (YYYY-MM-DD) falls in; empty when none.
 * @example peaksOf('2024-06-25') → ['dv_month', 'family_day']; peaksOf('2024-11-25') → ['action_month']
 */
export function peaksOf(date: string): PeakCode[] {
  const md = date.slice(5, 10);
  return PEAK_PERIODS.filter((p) => md >= p.from && md <= p.to).map((p) => p.code);
}
