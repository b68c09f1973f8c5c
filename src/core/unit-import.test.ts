import { describe, expect, it } from 'vitest';
import { parseLevel, planUnitImport, restoreLeadingZeros, type ExistingUnit } from './unit-import.ts';

const row = (line: number, code: string, name: string, level: string, parentCode = '') => ({
  line,
  code,
  name,
  level,
  parentCode,
});

describe('planUnitImport', () => {
  it('reports every bad row with its line and plans nothing', () => {
    const { errors, plan } = planUnitImport(
      [
        row(2, '01', 'Thành phố Hà Nội', 'province'),
        row(3, '001', '', 'district', '01'),
        row(4, '002', 'Quận Hoàn Kiếm', 'galaxy', '01'),
        row(5, '00001', 'Phường Phúc Xá', 'commune', '999'),
        row(6, '01', 'Trùng mã', 'province'),
        row(7, '003', 'Quận Tây Hồ', 'district'),
      ],
      '2020-01-01',
      '2025-06-30',
      new Map(),
    );
    expect(plan).toBeNull();
    expect(errors.map((e) => [e.line, e.column])).toEqual([
      [3, 'name'],
      [4, 'level'],
      [5, 'parent_code'],
      [6, 'code'],
      [7, 'parent_code'],
    ]);
    expect(errors.find((e) => e.line === 5)?.reason).toContain('999');
  });

  it('stores NFC names and keeps one unit when a code returns after the reform', () => {
    const first = planUnitImport(
      [row(2, '01', 'Hà Nội', 'province'), row(3, '00004', 'Phường Trúc Bạch'.normalize('NFD'), 'commune', '01')],
      '2020-01-01',
      '2025-06-30',
      new Map(),
    );
    const existing = new Map<string, ExistingUnit>(
      first.plan!.changes.map((c) => [c.code, { code: c.code, kind: c.kind, spans: c.spans }]),
    );
    expect(first.plan!.changes[1]!.spans[0]!.value.name).toBe('Phường Trúc Bạch'.normalize('NFC'));
    const second = planUnitImport(
      [row(2, '01', 'Hà Nội', 'province'), row(3, '00004', 'Phường Ba Đình', 'commune', '01')],
      '2025-07-01',
      null,
      existing,
    );
    const commune = second.plan!.changes.find((c) => c.code === '00004')!;
    expect(commune.isNew).toBe(false);
    expect(commune.spans.map((s) => [s.from, s.to, s.value.name])).toEqual([
      ['2020-01-01', '2025-06-30', 'Phường Trúc Bạch'],
      ['2025-07-01', null, 'Phường Ba Đình'],
    ]);
  });

  it('changes nothing when the same file is imported again', () => {
    const rows = [row(2, '01', 'Hà Nội', 'province')];
    const first = planUnitImport(rows, '2020-01-01', null, new Map());
    const existing = new Map<string, ExistingUnit>(
      first.plan!.changes.map((c) => [c.code, { code: c.code, kind: c.kind, spans: c.spans }]),
    );
    const again = planUnitImport(rows, '2020-01-01', null, existing);
    expect(again.plan).toEqual({ changes: [], unchanged: 1 });
  });

  it('refuses to change the kind of a known code', () => {
    const existing = new Map<string, ExistingUnit>([
      [
        '01',
        {
          code: '01',
          kind: 'province',
          spans: [{ from: '2020-01-01', to: null, value: { name: 'Hà Nội', parentCode: null } }],
        },
      ],
    ]);
    expect(planUnitImport([row(2, '01', 'Hà Nội', 'district')], '2020-01-01', null, existing).errors[0]?.column).toBe(
      'level',
    );
  });

  it('reads Vietnamese level names with or without diacritics', () => {
    expect(parseLevel('Tỉnh')).toBe('province');
    expect(parseLevel('huyen')).toBe('district');
    expect(parseLevel('Xã')).toBe('commune');
    expect(parseLevel('commune')).toBe('commune');
    expect(parseLevel('thôn')).toBe('village');
    expect(parseLevel('planet')).toBeNull();
  });
});

describe('planUnitImport: parents in force', () => {
  const existing = new Map<string, ExistingUnit>([
    [
      '001',
      {
        code: '001',
        kind: 'district',
        spans: [{ from: '2020-01-01', to: '2025-06-30', value: { name: 'Quận Ba Đình', parentCode: null } }],
      },
    ],
  ]);
  it('refuses a parent that has ended before the rows begin', () => {
    const r = planUnitImport([row(2, '00004', 'Phường Trúc Bạch', 'commune', '001')], '2025-07-01', null, existing);
    expect(r.errors[0]).toMatchObject({ line: 2, column: 'parent_code' });
    expect(r.errors[0]!.reason).toContain('không có hiệu lực');
  });
  it('accepts it inside its validity', () => {
    expect(
      planUnitImport([row(2, '00004', 'Phường Trúc Bạch', 'commune', '001')], '2021-01-01', '2025-06-30', existing)
        .errors,
    ).toEqual([]);
  });
});

describe('restoreLeadingZeros', () => {
  it('pads GSO codes that a spreadsheet turned into numbers, and finds their parents', () => {
    const rows = restoreLeadingZeros(
      [
        { ...row(2, '1', 'Hà Nội', 'province'), codeWasNumber: true, parentWasNumber: false },
        { ...row(3, '1', 'Quận Ba Đình', 'district', '1'), codeWasNumber: true, parentWasNumber: true },
        { ...row(4, '4', 'Phường Trúc Bạch', 'commune', '1'), codeWasNumber: true, parentWasNumber: true },
        { ...row(5, 'SNV', 'Sở Nội vụ', 'department', '1'), codeWasNumber: false, parentWasNumber: true },
      ],
      new Set(),
    );
    expect(rows.map((r) => [r.code, r.parentCode])).toEqual([
      ['01', ''],
      ['001', '01'],
      ['00004', '001'],
      ['SNV', '01'],
    ]);
  });
});
