import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  figure,
  figureChanges,
  groupNotes,
  isEmptyReport,
  numberLine,
  placeAndDate,
  reportPeriods,
  reportTitle,
  type IndicatorLine,
  type ReportContent,
} from './official-report.ts';
import { parsePeriodKey } from './periods.ts';

const DEFS = [
  { code: '6T', vi: 'Báo cáo 6 tháng', en: 'Six-month report', start: '12-15', end: '06-14', dueWorkingDays: 3 },
  { code: 'CN', vi: 'Báo cáo năm', en: 'Yearly report', start: '12-15', end: '12-14', dueWorkingDays: 3 },
];
const of = (code: string, year: number) => parsePeriodKey(`${year}-${code}`, DEFS);

describe('official reports: what they cover and how their header reads', () => {
  it('covers the six-month window, the yearly one, or every year of a review', () => {
    const codes = { half: '6T', year: 'CN' };
    expect(reportPeriods('half_year', 2025, 2021, of, codes).map((p) => [p.key, p.from, p.to])).toEqual([
      ['2025-6T', '2024-12-15', '2025-06-14'],
    ]);
    expect(reportPeriods('yearly', 2025, 2021, of, codes).map((p) => p.key)).toEqual(['2025-CN']);
    expect(reportPeriods('review', 2025, 2021, of, codes).map((p) => p.key)).toEqual([
      '2021-CN',
      '2022-CN',
      '2023-CN',
      '2024-CN',
      '2025-CN',
    ]);
    expect(() => reportPeriods('half_year', 2025, 2021, of, { half: null, year: 'CN' })).toThrow(/six-month/u);
  });

  it('titles a review of the last year a final review', () => {
    const plan = { from: 2021, to: 2030, title: 'Kế hoạch truyền thông về bình đẳng giới giai đoạn 2021–2030' };
    expect(reportTitle('yearly', 2025, plan)).toBe(
      'Kết quả thực hiện kế hoạch truyền thông về bình đẳng giới giai đoạn 2021–2030 năm 2025',
    );
    expect(reportTitle('half_year', 2026, plan)).toMatch(/6 tháng đầu năm 2026$/u);
    expect(reportTitle('review', 2025, plan)).toMatch(/^Sơ kết 5 năm thực hiện .* \(2021–2025\)$/u);
    expect(reportTitle('review', 2030, plan)).toMatch(/^Tổng kết 10 năm thực hiện/u);
  });

  it('writes the date as Decree 30/2020 does: a leading zero for days below 10 and months 1 and 2 only', () => {
    expect(placeAndDate('An Hòa', '2026-01-05')).toBe('An Hòa, ngày 05 tháng 01 năm 2026');
    expect(placeAndDate('An Hòa', '2026-02-28')).toBe('An Hòa, ngày 28 tháng 02 năm 2026');
    expect(placeAndDate('An Hòa', '2026-03-09')).toBe('An Hòa, ngày 09 tháng 3 năm 2026');
    expect(placeAndDate('An Hòa', '2026-12-20')).toBe('An Hòa, ngày 20 tháng 12 năm 2026');
    expect(numberLine('BC-SNV')).toBe('Số:      /BC-SNV');
  });

  it('writes figures the Vietnamese way', () => {
    expect(figure(0.774, true)).toBe('77,4%');
    expect(figure(1, true)).toBe('100,0%');
    expect(figure(12345, false)).toBe('12.345');
    expect(figure(null, true)).toBe('—');
  });

  it("groups units' notes by kind in the given order, names sorted the Vietnamese way", () => {
    const groups = groupNotes(
      [
        { unit: 'Xã Ân Thi', kind: 'commune', text: 'a' },
        { unit: 'Sở Y tế', kind: 'department', text: 'b' },
        { unit: 'Xã An Bình', kind: 'commune', text: 'c' },
        { unit: 'Xã Đông', kind: 'commune', text: 'd' },
        { unit: 'Xã Dương', kind: 'commune', text: 'e' },
      ],
      ['department', 'commune'],
    );
    expect(groups.map((g) => g.kind)).toEqual(['department', 'commune']);
    expect(groups[1]!.notes.map((n) => n.unit)).toEqual(['Xã An Bình', 'Xã Ân Thi', 'Xã Dương', 'Xã Đông']);
  });

  it('hashes the same figures the same whatever the order of their keys', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
    expect(canonicalJson({ x: { b: null, a: 'á' } })).toBe(canonicalJson({ x: { a: 'á', b: null } }));
  });
});

const line = (o: Partial<IndicatorLine>): IndicatorLine => ({
  code: 'G1.1',
  title: 'Tỷ lệ',
  isShare: true,
  value: 0.5,
  target: 0.6,
  numerator: 5,
  denominator: 10,
  status: 'at_risk',
  rule: '',
  reason: null,
  ...o,
});
const content = (indicators: IndicatorLine[], approved = 0): ReportContent =>
  ({
    goals: [{ code: 'G1', title: 'Mục tiêu 1', indicators }],
    tasks: [
      {
        code: 'T1',
        title: 'T',
        lines: [{ type: 'x', label: 'x', approved, participants: 0, female: 0, units: 0 }],
      },
    ],
  }) as unknown as ReportContent;

describe('corrections and empty periods', () => {
  it('lists every figure a correction changed, added or dropped, and the sections rewritten', () => {
    const n = { summary: 'a', highlights: 'b', difficulties: 'c', directions: 'd' };
    const r = figureChanges(
      content([line({}), line({ code: 'G1.2', value: 3, isShare: false, target: 3, status: 'achieved' })]),
      content([line({ value: 0.7, numerator: 7, status: 'achieved' }), line({ code: 'G1.3' })]),
      { before: n, after: { ...n, highlights: 'b2' } },
    );
    expect(r.figures).toEqual([
      {
        code: 'G1.1',
        title: 'Tỷ lệ',
        before: '50,0% (mục tiêu 60,0%, Có nguy cơ chậm)',
        after: '70,0% (mục tiêu 60,0%, Đạt)',
      },
      { code: 'G1.3', title: 'Tỷ lệ', before: '(không có)', after: '50,0% (mục tiêu 60,0%, Có nguy cơ chậm)' },
      { code: 'G1.2', title: 'Tỷ lệ', before: '3 (mục tiêu 3, Đạt)', after: '(bỏ)' },
    ]);
    expect(r.sections).toEqual(['Kết quả nổi bật']);
    expect(figureChanges(content([line({})]), content([line({})]), { before: n, after: n }).figures).toEqual([]);
  });

  it('calls a period empty when nothing was approved and no indicator has a value', () => {
    expect(isEmptyReport(content([line({ value: null })]))).toBe(true);
    expect(isEmptyReport(content([line({ value: 0 })]))).toBe(true);
    expect(isEmptyReport(content([line({ value: null })], 1))).toBe(false);
    expect(isEmptyReport(content([line({ value: 0.2 })]))).toBe(false);
  });
});
