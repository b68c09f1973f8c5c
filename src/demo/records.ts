import { periodsBetween, DEFAULT_PERIODS } from '../core/periods.ts';
import type { RecordValue } from '../core/records/types.ts';
import type { Span } from '../core/spans.ts';
import type { UnitState } from '../core/unit-import.ts';
import type { UnitKind } from '../core/units.ts';
import type { RecordStatus } from '../core/workflow.ts';
import type { Db } from '../db/engine.ts';
import { insertRecords, type RecordInsert } from '../modules/records/repository.ts';
import { windowSummary } from '../modules/records/summary.ts';
import { SYSTEM_ACTOR } from '../modules/context.ts';
import { insertEvents } from '../modules/workflow/repository.ts';
import { intBetween, pick } from './random.ts';
import { randomDateIn } from './sessions.ts';

/**
 * Demo records of every type for the demo province (clearly demo: titles end with "(mẫu)"): Action Month
 * plans with activities in the month, models with yearly evaluations, courses, media products, resources,
 * education activities, false-information cases, inspections, and periodic reports sent on time or late.
 */
interface DemoUnitRef {
  id: number;
  code: string;
  kind: UnitKind;
  spans: Span<UnitState>[];
}

const DEMO = ' (mẫu)';
type Data = RecordValue['data'];

const within = (u: DemoUnitRef, date: string): boolean =>
  u.spans[0]!.from <= date && (u.spans[u.spans.length - 1]!.to ?? '9999-12-31') >= date;

export async function seedDemoRecords(db: Db, rnd: () => number, units: DemoUnitRef[], today: string): Promise<number> {
  const recent = new Date(Date.parse(today) - 42 * 86_400_000).toISOString().slice(0, 10);
  const rows: RecordInsert[] = [];
  const add = (type: string, u: DemoUnitRef, date: string, title: string, data: Data, key: string | null = null) => {
    if (date <= today && within(u, date)) rows.push({ type, unitId: u.id, date, title: `${title}${DEMO}`, key, data });
  };
  const toYear = Number(today.slice(0, 4));
  const communes = units.filter((u) => u.kind === 'commune');
  for (let year = 2021; year <= toYear; year++) {
    for (const u of units) {
      const span = { from: u.spans[0]!.from, to: u.spans[u.spans.length - 1]!.to ?? today };
      const day = (from = `${year}-01-01`, to = `${year}-12-31`) =>
        randomDateIn(rnd, year, from > span.from ? from : span.from, to < span.to ? to : span.to);
      if (['department', 'district', 'commune'].includes(u.kind) && rnd() < 0.85) {
        const adopted = day(`${year}-10-01`, `${year}-11-10`);
        if (adopted) {
          add(
            'action_month_plan',
            u,
            adopted,
            `Kế hoạch Tháng hành động vì bình đẳng giới năm ${year}`,
            {
              year,
              documentNumber: `${intBetween(rnd, 10, 300)}/KH`,
              activitiesPlanned: intBetween(rnd, 2, 8),
              description: 'Tuyên truyền, treo băng rôn, nói chuyện chuyên đề',
            },
            String(year),
          );
          const act = rnd() < 0.8 ? day(`${year}-11-15`, `${year}-12-15`) : null;
          if (act)
            add(
              'media_product',
              u,
              act,
              pick(rnd, [
                'Bản tin Tháng hành động trên loa truyền thanh',
                'Infographic "Chấm dứt bạo lực với phụ nữ và trẻ em"',
              ]),
              {
                kind: pick(rnd, ['loudspeaker', 'infographic']),
                channel: 'Kênh của đơn vị',
                languages: ['vi'],
                views: intBetween(rnd, 200, 20000),
                shares: intBetween(rnd, 0, 500),
                copies: null,
                // demo products of the last years are in the portal's library (no extra random draw:
                // the rest of the demo stays as it was)
                topics: ['domestic_violence', 'gender_equality_law'],
                targetGroups: ['community'],
                summary: 'Sản phẩm mẫu (demo) của Tháng hành động vì bình đẳng giới.',
                public: year >= 2024,
              },
            );
        }
      }
      if ((u.kind === 'department' || u.kind === 'association') && rnd() < 0.6) {
        const d = day();
        if (d) {
          const total = intBetween(rnd, 25, 80);
          const female = Math.round(total * (0.4 + rnd() * 0.3));
          const pre = intBetween(rnd, 40, 65);
          add(
            'training_course',
            u,
            d,
            pick(rnd, [
              'Tập huấn kỹ năng truyền thông về bình đẳng giới',
              'Bồi dưỡng báo cáo viên về Luật Bình đẳng giới',
            ]),
            {
              endDate: d,
              audiences: [pick(rnd, ['rapporteurs', 'communicators', 'collaborators', 'respected_people'])],
              participantsTotal: total,
              participantsFemale: female,
              participantsMale: total - female,
              preTestScore: pre,
              postTestScore: Math.min(100, pre + intBetween(rnd, 10, 30)),
            },
          );
        }
      }
      if (rnd() < 0.15) {
        const d = day();
        if (d)
          add('resource_mobilisation', u, d, 'Tài trợ cho hoạt động truyền thông', {
            contributorKind: pick(rnd, ['enterprise', 'organisation', 'person']),
            contributor: 'Nhà tài trợ',
            resourceKind: pick(rnd, ['money', 'in_kind', 'media_time', 'venue']),
            valueVnd: intBetween(rnd, 2, 60) * 1_000_000,
            purpose: 'In tài liệu, tổ chức hội thi',
          });
      }
      if ((u.kind === 'school' || u.kind === 'commune') && rnd() < 0.4) {
        const d = day();
        const children = intBetween(rnd, 30, 200);
        const girls = Math.round(children * (0.4 + rnd() * 0.2));
        if (d)
          add(
            'education_activity',
            u,
            d,
            pick(rnd, ['Diễn đàn trẻ em về bình đẳng giới', 'Câu lạc bộ "Bạn gái, bạn trai cùng tiến"']),
            {
              setting: u.kind === 'school' ? 'school' : 'community',
              activityKind: pick(rnd, ['club', 'children_forum', 'contest']),
              participantsTotal: children + intBetween(rnd, 5, 30),
              children,
              girls,
              boys: children - girls,
            },
          );
      }
      if ((u.kind === 'media' || u.code === 'DEMO-SVHTTDL') && rnd() < 0.5) {
        const d = day();
        if (d)
          add('false_information_case', u, d, 'Bài đăng sai lệch về chính sách bình đẳng giới', {
            seenWhere: 'Mạng xã hội',
            claim: 'Nội dung xuyên tạc (mẫu)',
            reach: intBetween(rnd, 1000, 50000),
            responseWhere: 'Cổng thông tin điện tử tỉnh',
            responseDate: d,
            status: 'refuted',
          });
      }
    }
    const inspector = units.find((u) => u.code === 'DEMO-SNV');
    const target = pick(rnd, communes);
    const d = inspector ? randomDateIn(rnd, year, `${year}-08-01`, `${year}-10-31`) : null;
    if (inspector && d && within(target, d)) {
      add('inspection', inspector, d, `Kiểm tra thực hiện pháp luật về bình đẳng giới năm ${year}`, {
        inspectingBody: 'Sở Nội vụ',
        inspectedUnitId: target.id,
        scope: `Năm ${year}`,
        findings: 'Đã ban hành kế hoạch; thiếu số liệu tách biệt giới',
        recommendations: [
          {
            content: 'Thống kê số liệu tách biệt theo giới',
            dueDate: `${year + 1}-03-31`,
            status: year < toYear ? 'done' : 'in_progress',
            followUp: null,
          },
        ],
      });
    }
  }
  // models in more than half of the communes, evaluated each December, most judged effective
  for (const u of communes.filter(() => rnd() < 0.6)) {
    const start = randomDateIn(
      rnd,
      intBetween(rnd, 2021, 2024),
      u.spans[0]!.from,
      u.spans[u.spans.length - 1]!.to ?? today,
    );
    if (!start) continue;
    const evaluations = [];
    for (let y = Number(start.slice(0, 4)); y <= toYear; y++) {
      const at = `${y}-12-10`;
      if (at > today || !within(u, at)) continue;
      const s = () => intBetween(rnd, 4, 10);
      const scores = { regular_activity: s(), participants: s(), measured_change: s(), sustainability: s() };
      evaluations.push({
        date: at,
        ...scores,
        effective: Object.values(scores).reduce((a, b) => a + b, 0) >= 26,
        note: null,
      });
    }
    add(
      'communication_model',
      u,
      start,
      pick(rnd, [
        'Câu lạc bộ "Ông bố trách nhiệm"',
        'Mô hình "Địa chỉ tin cậy ở cộng đồng"',
        'Nhóm "Phòng, chống bạo lực gia đình"',
      ]),
      {
        areaUnitId: u.id,
        targetGroups: ['community'],
        description: null,
        replicatesId: null,
        endDate: null,
        evaluations,
      },
    );
  }
  const old = rows.filter((r) => r.date < recent);
  const fresh = rows.filter((r) => r.date >= recent);
  await insertRecords(db, old, null, 'approved');
  await insertRecords(db, fresh, null, 'submitted');

  // periodic reports of periods already due: 85% of the expected units send, mostly on time
  const expected = units.filter((u) => u.kind !== 'province' && u.kind !== 'village');
  const reports: { row: RecordInsert; at: Date; status: RecordStatus }[] = [];
  for (const p of periodsBetween(DEFAULT_PERIODS, 2022, toYear).filter((x) => x.due < today)) {
    for (const u of expected.filter((x) => within(x, p.to))) {
      if (rnd() > 0.85) continue;
      const lateDays = rnd() < 0.8 ? -intBetween(rnd, 0, 3) : intBetween(rnd, 1, 20);
      const at = new Date(Date.parse(`${p.due}T09:00:00+07:00`) + lateDays * 86_400_000);
      reports.push({
        row: {
          type: 'periodic_report',
          unitId: u.id,
          date: p.to,
          title: `${p.vi}${DEMO}`,
          key: p.key,
          data: {
            period: p.key,
            results: 'Đã triển khai các hoạt động theo kế hoạch (dữ liệu mẫu)',
            difficulties: null,
            proposals: null,
          },
        },
        at,
        status: p.due < recent ? 'approved' : 'submitted',
      });
    }
  }
  for (const r of reports) {
    const p = periodsBetween(DEFAULT_PERIODS, 2022, toYear).find((x) => x.key === r.row.key)!;
    r.row.data.summary = (await windowSummary(db, r.row.unitId, p.from, p.to)) as never;
  }
  for (const status of ['approved', 'submitted'] as const) {
    const batch = reports.filter((r) => r.status === status);
    const ids = await insertRecords(
      db,
      batch.map((r) => r.row),
      null,
      status,
    );
    await insertEvents(
      db,
      { ...SYSTEM_ACTOR, username: 'demo' },
      'unit_record',
      ids.map((id, i) => ({ id, action: 'submit', from: 'draft', to: 'submitted', at: batch[i]!.at })),
    );
  }
  return rows.length + reports.length;
}
