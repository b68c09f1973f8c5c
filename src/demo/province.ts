import type { Span } from '../core/spans.ts';
import type { UnitState } from '../core/unit-import.ts';
import type { UnitKind } from '../core/units.ts';

/**
 * The demo province. Every name says it is demo data; the structure follows what a real province went
 * through: departments merged on 1/3/2025, districts abolished on 1/7/2025, communes merged the same
 * day (some keep the code of one of their predecessors, others are new), with successor links.
 */
export const DEMO_PROVINCE = { code: 'DEMO', name: 'Tỉnh An Hòa (DỮ LIỆU MẪU)' };

export interface DemoUnit {
  code: string;
  kind: UnitKind;
  spans: Span<UnitState>[];
}

const START = '2020-01-01';
const BEFORE_MERGE = '2025-02-28';
const MERGE = '2025-03-01';
const BEFORE_REFORM = '2025-06-30';
const REFORM = '2025-07-01';

const unit = (
  code: string,
  kind: UnitKind,
  name: string,
  parent: string | null,
  from = START,
  to: string | null = null,
): DemoUnit => ({
  code,
  kind,
  spans: [{ from, to, value: { name, parentCode: parent } }],
});

const P = DEMO_PROVINCE.code;

export function demoUnits(): { units: DemoUnit[]; successors: { from: string; to: string; date: string }[] } {
  const units: DemoUnit[] = [
    unit(P, 'province', DEMO_PROVINCE.name, null),
    unit('DEMO-SLDTBXH', 'department', 'Sở Lao động - Thương binh và Xã hội', P, START, BEFORE_MERGE),
    unit('DEMO-SNV', 'department', 'Sở Nội vụ', P),
    unit('DEMO-SVHTTDL', 'department', 'Sở Văn hóa, Thể thao và Du lịch', P),
    unit('DEMO-STTTT', 'department', 'Sở Thông tin và Truyền thông', P, START, BEFORE_MERGE),
    unit('DEMO-SKHCN', 'department', 'Sở Khoa học và Công nghệ', P),
    unit('DEMO-SGDDT', 'department', 'Sở Giáo dục và Đào tạo', P),
    unit('DEMO-SYT', 'department', 'Sở Y tế', P),
    unit('DEMO-STP', 'department', 'Sở Tư pháp', P),
    unit('DEMO-SNNPTNT', 'department', 'Sở Nông nghiệp và Phát triển nông thôn', P, START, BEFORE_MERGE),
    unit('DEMO-STNMT', 'department', 'Sở Tài nguyên và Môi trường', P, START, BEFORE_MERGE),
    unit('DEMO-SNNMT', 'department', 'Sở Nông nghiệp và Môi trường', P, MERGE),
    unit('DEMO-HLHPN', 'association', 'Hội Liên hiệp Phụ nữ tỉnh', P),
    unit('DEMO-TDTN', 'association', 'Tỉnh đoàn', P),
    unit('DEMO-HND', 'association', 'Hội Nông dân tỉnh', P),
    unit('DEMO-LDLD', 'association', 'Liên đoàn Lao động tỉnh', P),
    unit('DEMO-MTTQ', 'association', 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', P),
    unit('DEMO-HCCB', 'association', 'Hội Cựu chiến binh tỉnh', P),
    unit('DEMO-BAO', 'media', 'Báo An Hòa', P, START, BEFORE_REFORM),
    unit('DEMO-PTTH', 'media', 'Đài Phát thanh và Truyền hình An Hòa', P, START, BEFORE_REFORM),
    unit('DEMO-BPTTH', 'media', 'Báo và Phát thanh, Truyền hình An Hòa', P, REFORM),
    unit('DEMO-CTTDT', 'media', 'Cổng Thông tin điện tử tỉnh', P),
    unit('DEMO-THPTC', 'school', 'Trường THPT chuyên An Hòa', P),
    unit('DEMO-CDSP', 'school', 'Trường Cao đẳng Sư phạm An Hòa', P),
    unit('DEMO-DN-MAY', 'enterprise', 'Công ty TNHH May mặc Hòa Phát', P),
    unit('DEMO-DN-THUYSAN', 'enterprise', 'Công ty Cổ phần Thủy sản Bình An', P),
  ];
  const successors = [
    { from: 'DEMO-SLDTBXH', to: 'DEMO-SNV', date: MERGE },
    { from: 'DEMO-STTTT', to: 'DEMO-SKHCN', date: MERGE },
    { from: 'DEMO-SNNPTNT', to: 'DEMO-SNNMT', date: MERGE },
    { from: 'DEMO-STNMT', to: 'DEMO-SNNMT', date: MERGE },
    { from: 'DEMO-BAO', to: 'DEMO-BPTTH', date: REFORM },
    { from: 'DEMO-PTTH', to: 'DEMO-BPTTH', date: REFORM },
  ];
  // Districts until 30/6/2025 and their communes; after 1/7/2025 communes hang from the province.
  const districts: { code: string; name: string; communes: string[] }[] = [
    {
      code: 'DEMO-H01',
      name: 'Thành phố An Hòa',
      communes: ['Phường Hòa Bình', 'Phường Hòa Thuận', 'Phường Tân An', 'Xã Hòa Tiến'],
    },
    {
      code: 'DEMO-H02',
      name: 'Huyện Bình Sơn',
      communes: ['Thị trấn Bình Sơn', 'Xã Bình Minh', 'Xã Bình Khương', 'Xã Sơn Hà'],
    },
    {
      code: 'DEMO-H03',
      name: 'Huyện Tân Lạc',
      communes: ['Thị trấn Tân Lạc', 'Xã Phong Phú', 'Xã Quy Mỹ', 'Xã Thượng Cốc'],
    },
    {
      code: 'DEMO-H04',
      name: 'Thị xã Phú Mỹ',
      communes: ['Phường Phú Mỹ', 'Phường Mỹ Xuân', 'Xã Tân Hải', 'Xã Châu Pha'],
    },
  ];
  // After the reform: each district's first two communes merge into the first (keeping its code), the
  // other two into a new commune; the new names are those of the 2025 decision (demo).
  const afterNames: Record<string, [string, string]> = {
    'DEMO-H01': ['Phường An Hòa', 'Phường Tân An'],
    'DEMO-H02': ['Xã Bình Sơn', 'Xã Sơn Hà'],
    'DEMO-H03': ['Xã Tân Lạc', 'Xã Thượng Cốc'],
    'DEMO-H04': ['Phường Phú Mỹ', 'Xã Châu Pha'],
  };
  districts.forEach((d, di) => {
    units.push(unit(d.code, 'district', d.name, P, START, BEFORE_REFORM));
    const codes = d.communes.map(
      (_, ci) => `DEMO-X${String(di + 1).padStart(2, '0')}${String(ci + 1).padStart(2, '0')}`,
    );
    d.communes.forEach((name, ci) => {
      const code = codes[ci]!;
      if (ci === 0) {
        units.push({
          code,
          kind: 'commune',
          spans: [
            { from: START, to: BEFORE_REFORM, value: { name, parentCode: d.code } },
            { from: REFORM, to: null, value: { name: afterNames[d.code]![0], parentCode: P } },
          ],
        });
      } else {
        units.push(unit(code, 'commune', name, d.code, START, BEFORE_REFORM));
      }
    });
    const newCode = `DEMO-XM${String(di + 1).padStart(2, '0')}`;
    units.push(unit(newCode, 'commune', afterNames[d.code]![1], P, REFORM));
    successors.push({ from: codes[1]!, to: codes[0]!, date: REFORM });
    successors.push({ from: codes[2]!, to: newCode, date: REFORM });
    successors.push({ from: codes[3]!, to: newCode, date: REFORM });
    // A school under each district (then under the commune that took over its seat).
    units.push({
      code: `DEMO-THCS${di + 1}`,
      kind: 'school',
      spans: [
        {
          from: START,
          to: BEFORE_REFORM,
          value: { name: `Trường THCS ${d.communes[0]!.replace(/^(Phường|Xã|Thị trấn) /u, '')}`, parentCode: d.code },
        },
        {
          from: REFORM,
          to: null,
          value: {
            name: `Trường THCS ${d.communes[0]!.replace(/^(Phường|Xã|Thị trấn) /u, '')}`,
            parentCode: codes[0]!,
          },
        },
      ],
    });
  });
  return { units, successors };
}
