import { describe, expect, it } from 'vitest';
import type { IndicatorLine, ReportContent } from './official-report.ts';
import { dhis2Period, Dhis2MappingSchema, openFigures, toDhis2 } from './open-data.ts';

const line = (o: Partial<IndicatorLine>): IndicatorLine => ({
  code: 'G1',
  title: 'Tỷ lệ đơn vị',
  isShare: true,
  value: 1 / 3,
  target: 1,
  numerator: 1,
  denominator: 3,
  status: 'off_track',
  rule: '',
  reason: null,
  ...o,
});
const content = (o: Partial<ReportContent>): ReportContent =>
  ({
    kind: 'yearly',
    year: 2025,
    area: null,
    goals: [
      {
        code: 'G1',
        title: 'Mục tiêu 1',
        indicators: [
          line({}),
          line({ code: 'G1.sessions', isShare: false, value: 12, target: null, status: 'no_target' }),
        ],
      },
      { code: 'G5', title: 'Mục tiêu 5', indicators: [line({ code: 'G5', value: null, status: 'no_data' })] },
    ],
    tasks: [],
    ...o,
  }) as unknown as ReportContent;
const mapping = Dhis2MappingSchema.parse({ dataElements: { G1: 'DE_G1', 'G1.sessions': 'DE_SESSIONS', G5: 'DE_G5' } });

describe('open data: published figures and their DHIS2 form', () => {
  it('publishes shares as percentages with one decimal, counts as they are, statuses in words', () => {
    const rows = openFigures(content({}));
    expect(rows.map((r) => [r.code, r.year, r.unit, r.value, r.target, r.statusLabel])).toEqual([
      ['G1', 2025, 'percent', 33.3, 100, 'Chậm tiến độ'],
      ['G1.sessions', 2025, 'number', 12, null, 'Không đặt mục tiêu'],
      ['G5', 2025, 'percent', null, 100, 'Chưa có dữ liệu'],
    ]);
  });

  it("publishes a review's earlier years as values only, in year order", () => {
    const c = content({ kind: 'review' });
    c.goals[0]!.indicators[0]!.years = [
      { year: 2024, value: 0.5 },
      { year: 2025, value: 1 / 3 },
    ];
    const g1 = openFigures(c).filter((r) => r.code === 'G1');
    expect(g1.map((r) => [r.year, r.value, r.target, r.status])).toEqual([
      [2024, 50, null, ''],
      [2025, 33.3, 100, 'off_track'],
    ]);
  });

  it('writes dataValueSets with mapped codes, the period of the kind, and leaves out what has no value or code', () => {
    const { payload, skipped } = toDhis2(content({}), mapping, '01', '2026-01-20T03:00:00.000Z', 'ref');
    expect(payload).toEqual({
      completeDate: '2026-01-20',
      orgUnit: '01',
      dataValues: [
        { dataElement: 'DE_G1', period: '2025', orgUnit: '01', value: '33.3', comment: 'ref' },
        { dataElement: 'DE_SESSIONS', period: '2025', orgUnit: '01', value: '12', comment: 'ref' },
      ],
    });
    expect(skipped).toEqual([{ code: 'G5', year: 2025, reason: 'no value' }]);
    const area = toDhis2(
      content({ area: { id: 7, code: 'X01', name: 'Xã' } }),
      { ...mapping, orgUnits: { X01: 'OU_X01' }, dataElements: { G1: 'DE_G1' } },
      '01',
      '2026-01-20T00:00:00Z',
      'ref',
    );
    expect(area.payload.orgUnit).toBe('OU_X01');
    expect(area.payload.dataValues.map((v) => v.dataElement)).toEqual(['DE_G1']);
    expect(area.skipped.map((s) => s.code)).toEqual(['G1.sessions', 'G5']);
  });

  it('names six-month periods as DHIS2 does', () => {
    expect(dhis2Period('half_year', 2025, 2025)).toBe('2025S1');
    expect(dhis2Period('yearly', 2025, 2025)).toBe('2025');
    expect(dhis2Period('review', 2023, 2025)).toBe('2023');
  });
});
