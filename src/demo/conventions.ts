import type { Db } from '../db/engine.ts';
import { insertConvention, insertFindings, insertText } from '../modules/conventions/repository.ts';
import { screenDocument } from '../modules/screener/service.ts';
import { writeUnitHistories } from '../modules/units/repository.ts';

/** Demo villages and conventions (texts written for the demo, labelled as such), screened like real ones. */
const HEAD = (name: string) => [
  `HƯƠNG ƯỚC ${name.toUpperCase()} (DỮ LIỆU MẪU)`,
  'Chương I',
  'QUY ĐỊNH CHUNG',
  'Điều 1. Phạm vi điều chỉnh',
  `Hương ước này quy định các việc chung của ${name} (văn bản mẫu, không phải văn bản thật).`,
];
const DEMO = [
  {
    commune: 'DEMO-X0101',
    village: 'Thôn Đông (mẫu)',
    adopted: '2022-05-10',
    pct: 78.5,
    decision: '21/QĐ-UBND (mẫu)',
    confirm: false,
    body: [
      'Chương II',
      'Điều 5. Thờ cúng và lễ hội',
      '1. Con cháu trong họ cùng giữ gìn nhà thờ họ.',
      '2. Phụ nữ không được tham gia đội tế trong lễ hội đình làng.',
      'Điều 6. Cưới hỏi',
      '1. Tổ chức cưới tiết kiệm, không thách cưới.',
    ],
  },
  {
    commune: 'DEMO-X0101',
    village: 'Thôn Tây (mẫu)',
    adopted: '2021-09-01',
    pct: 91,
    decision: '40/QĐ-UBND (mẫu)',
    confirm: false,
    body: [
      'Chương II',
      'Điều 4. Gia đình',
      '1. Vợ chồng bình đẳng, cùng chia sẻ việc nhà và nuôi dạy con.',
      '2. Con trai, con gái đều được chia tài sản theo pháp luật.',
    ],
  },
  {
    commune: 'DEMO-X0201',
    village: 'Tổ dân phố 1 (mẫu)',
    adopted: '2023-04-15',
    pct: 66,
    decision: '08/QĐ-UBND (mẫu)',
    confirm: true,
    body: [
      'Chương II',
      'Điều 3. Thừa kế',
      '1. Con gái đã lấy chồng không được chia đất hương hỏa.',
      '2. Các hộ giữ gìn vệ sinh chung.',
    ],
  },
];

export async function seedDemoConventions(db: Db, communeIds: Map<string, number>): Promise<number> {
  let n = 0;
  for (const [i, d] of DEMO.entries()) {
    const communeId = communeIds.get(d.commune);
    if (!communeId) continue;
    const code = `${d.commune}-T${String(i + 1).padStart(2, '0')}`;
    const ids = new Map([[d.commune, communeId]]);
    await writeUnitHistories(
      db,
      [
        {
          code,
          kind: 'village',
          isNew: true,
          spans: [{ from: '2020-01-01', to: null, value: { name: d.village, parentCode: d.commune } }],
        },
      ],
      ids,
    );
    const id = await insertConvention(
      db,
      {
        villageUnitId: ids.get(code)!,
        title: `Hương ước ${d.village}`,
        kind: 'huong_uoc',
        adoptedOn: d.adopted,
        householdsAgreePct: d.pct,
        decisionNumber: d.decision,
        decisionDate: d.adopted,
        status: 'in_force',
      },
      communeId,
      null,
    );
    const text = [...HEAD(d.village), ...d.body].join('\n');
    const t = await insertText(db, {
      conventionId: id,
      text,
      effectiveDate: d.adopted,
      decisionNumber: d.decision,
      note: 'Văn bản mẫu',
      userId: null,
    });
    await insertFindings(
      db,
      screenDocument(text).findings.map((f) => ({
        conventionId: id,
        textId: t.id,
        rule: f.rule,
        category: f.category,
        location: f.location,
        start: f.start,
        end: f.end,
        excerpt: f.text,
        message: f.message,
        law: f.law,
        suggestion: f.suggestion,
        manual: false,
        status: d.confirm ? 'confirmed' : 'open',
        note: d.confirm ? 'Xác nhận (dữ liệu mẫu)' : null,
        reviewedBy: null,
      })),
    );
    n++;
  }
  return n;
}
