import { SESSION_TOPICS, TARGET_GROUPS } from '../sessions.ts';
import {
  CONTRIBUTOR_KINDS,
  EDUCATION_ACTIVITIES,
  EDUCATION_SETTINGS,
  FALSE_INFO_STATUSES,
  LANGUAGES,
  MEDIA_KINDS,
  MODEL_CRITERIA,
  RECOMMENDATION_STATUSES,
  RESOURCE_KINDS,
  TRAINING_AUDIENCES,
} from './codes.ts';
import type { FieldDef, FieldValue, Problems } from './fields.ts';

/** A record's clean value: the common columns and the type's own fields. */
export interface RecordValue {
  unitId: number;
  date: string;
  title: string;
  data: Record<string, FieldValue>;
}

export interface RecordTypeDef {
  type: string;
  vi: string;
  en: string;
  /** the plan's task group the records serve */
  task: string;
  /** `date` and `title` first (their labels differ by type), then the type's own fields */
  fields: FieldDef[];
  /** fields shown as list columns besides date, unit, title and status */
  listFields: string[];
  /** at most one record of this type per unit and key (e.g. one Action Month plan per year) */
  key?: { field: string; of: (v: RecordValue) => string; message: string };
  /** rules across fields, problems by field name */
  rules?: (v: RecordValue) => Problems;
  /** the template's example row, as typed in a spreadsheet (labels, DD/MM/YYYY) */
  example: Record<string, string | number>;
}

const date = (vi: string, en: string): FieldDef => ({ name: 'date', kind: 'date', vi, en, required: true });
const title = (vi: string, en: string): FieldDef => ({ name: 'title', kind: 'text', vi, en, required: true });
const n = (v: FieldValue): number => (typeof v === 'number' ? v : 0);
const has = (v: FieldValue): boolean => v !== null && v !== undefined;

/** female + male ≤ total, for any trio of count fields. */
function partsWithinTotal(v: RecordValue, total: string, parts: string[], label: string): Problems {
  const sum = parts.reduce((s, p) => s + n(v.data[p] ?? null), 0);
  if (parts.some((p) => has(v.data[p] ?? null)) && !has(v.data[total] ?? null))
    return { [total]: `${label}: nhập tổng khi đã nhập số chi tiết` };
  if (has(v.data[total] ?? null) && sum > n(v.data[total] ?? null))
    return { [total]: `${label}: tổng (${n(v.data[total] ?? null)}) phải ≥ tổng các phần (${sum})` };
  return {};
}

const participants: FieldDef[] = [
  { name: 'participantsTotal', kind: 'int', vi: 'Tổng số người tham gia', en: 'Participants', required: true },
  { name: 'participantsFemale', kind: 'int', vi: 'Số nữ', en: 'Female' },
  { name: 'participantsMale', kind: 'int', vi: 'Số nam', en: 'Male' },
];

export const RECORD_TYPES: RecordTypeDef[] = [
  {
    type: 'action_month_plan',
    vi: 'Kế hoạch Tháng hành động',
    en: 'Action Month plan',
    task: 'T1',
    fields: [
      date('Ngày ban hành kế hoạch', 'Date adopted'),
      title('Tên kế hoạch', 'Plan title'),
      { name: 'year', kind: 'int', year: true, vi: 'Năm thực hiện', en: 'Year', required: true },
      { name: 'documentNumber', kind: 'text', vi: 'Số, ký hiệu văn bản', en: 'Document number' },
      { name: 'activitiesPlanned', kind: 'int', vi: 'Số hoạt động dự kiến', en: 'Activities planned', required: true },
      { name: 'description', kind: 'longtext', vi: 'Nội dung chính', en: 'Main content' },
    ],
    listFields: ['year', 'documentNumber', 'activitiesPlanned'],
    key: {
      field: 'year',
      of: (v) => String(v.data.year),
      message: 'đơn vị đã có kế hoạch Tháng hành động cho năm này',
    },
    rules: (v): Problems => {
      const y = n(v.data.year ?? null);
      if (y && (y < 2000 || y > 2100)) return { year: 'Năm thực hiện: phải từ 2000 đến 2100' };
      const adopted = Number(v.date.slice(0, 4));
      return y && adopted !== y && adopted !== y - 1
        ? { date: `Ngày ban hành kế hoạch: phải trong năm ${y - 1} hoặc ${y}` }
        : {};
    },
    example: {
      date: '20/10/2025',
      title: 'VÍ DỤ — xoá dòng này: Kế hoạch Tháng hành động năm 2025',
      year: 2025,
      documentNumber: '123/KH-UBND',
      activitiesPlanned: 5,
      description: 'Dòng ví dụ, không phải số liệu thật',
    },
  },
  {
    type: 'communication_model',
    vi: 'Mô hình truyền thông',
    en: 'Communication model',
    task: 'T6',
    fields: [
      date('Ngày bắt đầu', 'Start date'),
      title('Tên mô hình', 'Model name'),
      { name: 'areaUnitId', kind: 'unit', vi: 'Địa bàn', en: 'Area', required: true },
      {
        name: 'targetGroups',
        kind: 'codes',
        vi: 'Nhóm đối tượng',
        en: 'Target groups',
        list: TARGET_GROUPS,
        required: true,
      },
      { name: 'description', kind: 'longtext', vi: 'Mô tả', en: 'Description' },
      {
        name: 'replicatesId',
        kind: 'record',
        vi: 'Nhân rộng từ mô hình',
        en: 'Replicates model',
        recordType: 'communication_model',
      },
      { name: 'endDate', kind: 'date', vi: 'Ngày kết thúc', en: 'End date' },
      {
        name: 'evaluations',
        kind: 'group',
        vi: 'Đánh giá định kỳ',
        en: 'Periodic evaluations',
        fields: [
          { name: 'date', kind: 'date', vi: 'Ngày đánh giá', en: 'Date', required: true },
          ...Object.entries(MODEL_CRITERIA).map(([code, l]): FieldDef => ({
            name: code,
            kind: 'score',
            vi: `${l.vi} (0–10)`,
            en: `${l.en} (0–10)`,
            max: 10,
            required: true,
          })),
          { name: 'effective', kind: 'bool', vi: 'Kết luận: hiệu quả', en: 'Judged effective', required: true },
          { name: 'note', kind: 'text', vi: 'Nhận xét', en: 'Comment' },
        ],
      },
    ],
    listFields: ['areaUnitId', 'evaluations', 'replicatesId'],
    rules: (v) => {
      const p: Problems = {};
      const end = v.data.endDate;
      if (typeof end === 'string' && end < v.date) p.endDate = 'Ngày kết thúc: phải sau ngày bắt đầu';
      ((v.data.evaluations ?? []) as Record<string, unknown>[]).forEach((e, i) => {
        if (typeof e.date === 'string' && e.date < v.date)
          p[`evaluations[${i + 1}].date`] = 'Ngày đánh giá: không được trước ngày bắt đầu mô hình';
      });
      return p;
    },
    example: {
      date: '01/03/2024',
      title: 'VÍ DỤ — xoá dòng này: Câu lạc bộ "Ông bố trách nhiệm"',
      areaUnitId: 'VI-DU',
      targetGroups: TARGET_GROUPS.men.vi,
      description: 'Dòng ví dụ, không phải số liệu thật',
      evaluations: '15/12/2024 | 8 | 7 | 6 | 7 | Có | Sinh hoạt đều hằng tháng',
    },
  },
  {
    type: 'media_product',
    vi: 'Sản phẩm truyền thông, nội dung số',
    en: 'Media product',
    task: 'T2',
    fields: [
      date('Ngày phát hành', 'Release date'),
      title('Tên sản phẩm', 'Title'),
      { name: 'kind', kind: 'code', vi: 'Loại sản phẩm', en: 'Kind', list: MEDIA_KINDS, required: true },
      { name: 'channel', kind: 'text', vi: 'Kênh phát hành', en: 'Channel', required: true },
      { name: 'languages', kind: 'codes', vi: 'Ngôn ngữ', en: 'Languages', list: LANGUAGES, required: true },
      { name: 'views', kind: 'int', vi: 'Lượt xem, nghe', en: 'Views' },
      { name: 'shares', kind: 'int', vi: 'Lượt chia sẻ', en: 'Shares' },
      { name: 'copies', kind: 'int', vi: 'Số bản in, phát hành', en: 'Copies' },
      { name: 'topics', kind: 'codes', vi: 'Chủ đề', en: 'Topics', list: SESSION_TOPICS },
      { name: 'targetGroups', kind: 'codes', vi: 'Nhóm đối tượng', en: 'Target groups', list: TARGET_GROUPS },
      { name: 'summary', kind: 'longtext', vi: 'Tóm tắt nội dung', en: 'Summary' },
      {
        name: 'public',
        kind: 'bool',
        vi: 'Công khai trên cổng thông tin (khi được duyệt)',
        en: 'Public on the portal (once approved)',
      },
    ],
    listFields: ['kind', 'channel', 'languages', 'views', 'public'],
    example: {
      date: '10/11/2025',
      title: 'VÍ DỤ — xoá dòng này: Video "Chia sẻ việc nhà"',
      kind: MEDIA_KINDS.video.vi,
      channel: 'Trang Facebook của Hội',
      languages: LANGUAGES.vi.vi,
      views: 12000,
      shares: 300,
    },
  },
  {
    type: 'training_course',
    vi: 'Lớp tập huấn, bồi dưỡng',
    en: 'Training course',
    task: 'T3',
    fields: [
      date('Ngày bắt đầu', 'Start date'),
      title('Tên lớp', 'Course title'),
      { name: 'endDate', kind: 'date', vi: 'Ngày kết thúc', en: 'End date', required: true },
      {
        name: 'audiences',
        kind: 'codes',
        vi: 'Đối tượng học viên',
        en: 'Audience',
        list: TRAINING_AUDIENCES,
        required: true,
      },
      ...participants,
      {
        name: 'preTestScore',
        kind: 'score',
        vi: 'Điểm kiểm tra đầu vào (0–100)',
        en: 'Pre-test score (0–100)',
        max: 100,
      },
      {
        name: 'postTestScore',
        kind: 'score',
        vi: 'Điểm kiểm tra đầu ra (0–100)',
        en: 'Post-test score (0–100)',
        max: 100,
      },
    ],
    listFields: ['audiences', 'participantsTotal', 'preTestScore', 'postTestScore'],
    rules: (v) => {
      const p = partsWithinTotal(
        v,
        'participantsTotal',
        ['participantsFemale', 'participantsMale'],
        'Tổng số người tham gia',
      );
      if (typeof v.data.endDate === 'string' && v.data.endDate < v.date)
        p.endDate = 'Ngày kết thúc: không được trước ngày bắt đầu';
      if (has(v.data.preTestScore ?? null) !== has(v.data.postTestScore ?? null))
        p.postTestScore = 'Điểm kiểm tra: nhập cả điểm đầu vào và đầu ra, hoặc để trống cả hai';
      return p;
    },
    example: {
      date: '12/09/2025',
      title: 'VÍ DỤ — xoá dòng này: Tập huấn kỹ năng truyền thông về bình đẳng giới',
      endDate: '13/09/2025',
      audiences: TRAINING_AUDIENCES.communicators.vi,
      participantsTotal: 40,
      participantsFemale: 25,
      participantsMale: 15,
      preTestScore: 55,
      postTestScore: 82,
    },
  },
  {
    type: 'resource_mobilisation',
    vi: 'Huy động nguồn lực',
    en: 'Resource mobilisation',
    task: 'T4',
    fields: [
      date('Ngày tiếp nhận', 'Date received'),
      title('Nội dung', 'What was mobilised'),
      {
        name: 'contributorKind',
        kind: 'code',
        vi: 'Loại đóng góp',
        en: 'Contributor kind',
        list: CONTRIBUTOR_KINDS,
        required: true,
      },
      { name: 'contributor', kind: 'text', vi: 'Tên người, tổ chức đóng góp', en: 'Contributor', required: true },
      {
        name: 'resourceKind',
        kind: 'code',
        vi: 'Hình thức',
        en: 'Resource kind',
        list: RESOURCE_KINDS,
        required: true,
      },
      { name: 'valueVnd', kind: 'money', vi: 'Giá trị (đồng)', en: 'Value (VND)', required: true },
      { name: 'purpose', kind: 'longtext', vi: 'Mục đích sử dụng', en: 'Purpose' },
    ],
    listFields: ['contributor', 'resourceKind', 'valueVnd'],
    example: {
      date: '05/06/2025',
      title: 'VÍ DỤ — xoá dòng này: Tài trợ in tờ rơi',
      contributorKind: CONTRIBUTOR_KINDS.enterprise.vi,
      contributor: 'Công ty ví dụ',
      resourceKind: RESOURCE_KINDS.money.vi,
      valueVnd: 15000000,
      purpose: 'Dòng ví dụ, không phải số liệu thật',
    },
  },
  {
    type: 'education_activity',
    vi: 'Giáo dục trong gia đình, nhà trường, cộng đồng',
    en: 'Education in family, school and community',
    task: 'T5',
    fields: [
      date('Ngày tổ chức', 'Date'),
      title('Tên hoạt động', 'Activity'),
      { name: 'setting', kind: 'code', vi: 'Môi trường', en: 'Setting', list: EDUCATION_SETTINGS, required: true },
      {
        name: 'activityKind',
        kind: 'code',
        vi: 'Loại hoạt động',
        en: 'Activity kind',
        list: EDUCATION_ACTIVITIES,
        required: true,
      },
      { name: 'participantsTotal', kind: 'int', vi: 'Tổng số người tham gia', en: 'Participants', required: true },
      { name: 'children', kind: 'int', vi: 'Số trẻ em tham gia', en: 'Children' },
      { name: 'girls', kind: 'int', vi: 'Số em gái', en: 'Girls' },
      { name: 'boys', kind: 'int', vi: 'Số em trai', en: 'Boys' },
    ],
    listFields: ['setting', 'activityKind', 'participantsTotal', 'children'],
    rules: (v) => {
      const p = partsWithinTotal(v, 'children', ['girls', 'boys'], 'Số trẻ em tham gia');
      if (n(v.data.children ?? null) > n(v.data.participantsTotal ?? null))
        p.children =
          `Số trẻ em tham gia: không được lớn hơn tổng số người tham gia ` + `(${n(v.data.participantsTotal ?? null)})`;
      return p;
    },
    example: {
      date: '01/06/2025',
      title: 'VÍ DỤ — xoá dòng này: Diễn đàn trẻ em về bình đẳng giới',
      setting: EDUCATION_SETTINGS.school.vi,
      activityKind: EDUCATION_ACTIVITIES.children_forum.vi,
      participantsTotal: 120,
      children: 100,
      girls: 52,
      boys: 48,
    },
  },
  {
    type: 'false_information_case',
    vi: 'Thông tin sai lệch và phản bác',
    en: 'False-information case',
    task: 'T1',
    fields: [
      date('Ngày phát hiện', 'Date seen'),
      title('Tóm tắt thông tin sai lệch', 'Summary'),
      { name: 'seenWhere', kind: 'text', vi: 'Nơi phát hiện (kênh, trang)', en: 'Where seen', required: true },
      { name: 'claim', kind: 'longtext', vi: 'Nội dung sai lệch', en: 'Claim', required: true },
      { name: 'reach', kind: 'int', vi: 'Mức lan truyền (lượt tiếp cận)', en: 'Reach' },
      { name: 'responseWhere', kind: 'text', vi: 'Nơi đăng phản bác', en: 'Refutation published at' },
      { name: 'responseDate', kind: 'date', vi: 'Ngày phản bác', en: 'Refutation date' },
      { name: 'status', kind: 'code', vi: 'Tình trạng', en: 'Status', list: FALSE_INFO_STATUSES, required: true },
    ],
    listFields: ['seenWhere', 'status', 'responseDate'],
    rules: (v) => {
      const p: Problems = {};
      if (typeof v.data.responseDate === 'string' && v.data.responseDate < v.date)
        p.responseDate = 'Ngày phản bác: không được trước ngày phát hiện';
      if (v.data.status === 'refuted' && !has(v.data.responseDate ?? null))
        p.responseDate = 'Ngày phản bác: cần nhập khi tình trạng là "Đã phản bác"';
      if (v.data.status === 'refuted' && !has(v.data.responseWhere ?? null))
        p.responseWhere = 'Nơi đăng phản bác: cần nhập khi tình trạng là "Đã phản bác"';
      return p;
    },
    example: {
      date: '02/04/2025',
      title: 'VÍ DỤ — xoá dòng này: Bài đăng xuyên tạc chính sách',
      seenWhere: 'Mạng xã hội',
      claim: 'Dòng ví dụ, không phải số liệu thật',
      reach: 5000,
      responseWhere: 'Cổng thông tin tỉnh',
      responseDate: '04/04/2025',
      status: FALSE_INFO_STATUSES.refuted.vi,
    },
  },
  {
    type: 'inspection',
    vi: 'Kiểm tra, giám sát',
    en: 'Inspection and supervision',
    task: 'T6',
    fields: [
      date('Ngày kiểm tra', 'Date'),
      title('Nội dung kiểm tra, giám sát', 'Subject'),
      { name: 'inspectingBody', kind: 'text', vi: 'Cơ quan kiểm tra', en: 'Inspecting body', required: true },
      { name: 'inspectedUnitId', kind: 'unit', vi: 'Đơn vị được kiểm tra', en: 'Inspected unit', required: true },
      { name: 'scope', kind: 'longtext', vi: 'Phạm vi', en: 'Scope' },
      { name: 'findings', kind: 'longtext', vi: 'Kết quả, phát hiện', en: 'Findings' },
      {
        name: 'recommendations',
        kind: 'group',
        vi: 'Kiến nghị',
        en: 'Recommendations',
        fields: [
          { name: 'content', kind: 'text', vi: 'Nội dung kiến nghị', en: 'Recommendation', required: true },
          { name: 'dueDate', kind: 'date', vi: 'Hạn thực hiện', en: 'Due date', required: true, future: true },
          {
            name: 'status',
            kind: 'code',
            vi: 'Tình trạng',
            en: 'Status',
            list: RECOMMENDATION_STATUSES,
            required: true,
          },
          { name: 'followUp', kind: 'text', vi: 'Kết quả theo dõi', en: 'Follow-up' },
        ],
      },
    ],
    listFields: ['inspectingBody', 'inspectedUnitId', 'recommendations'],
    example: {
      date: '20/08/2025',
      title: 'VÍ DỤ — xoá dòng này: Kiểm tra thực hiện Luật Bình đẳng giới',
      inspectingBody: 'Sở Nội vụ',
      inspectedUnitId: 'VI-DU',
      findings: 'Dòng ví dụ, không phải số liệu thật',
      recommendations: `Bổ sung kế hoạch truyền thông | 31/12/2025 | ${RECOMMENDATION_STATUSES.open.vi} | `,
    },
  },
  {
    type: 'periodic_report',
    vi: 'Báo cáo định kỳ',
    en: 'Periodic report',
    task: 'T6',
    fields: [
      { ...date('Ngày cuối kỳ', 'Period end'), hidden: true, future: true },
      { ...title('Tên báo cáo', 'Report'), hidden: true },
      { name: 'period', kind: 'text', vi: 'Kỳ báo cáo', en: 'Period', required: true },
      { name: 'results', kind: 'longtext', vi: 'Kết quả đạt được', en: 'Results', required: true },
      { name: 'difficulties', kind: 'longtext', vi: 'Khó khăn, vướng mắc', en: 'Difficulties' },
      { name: 'proposals', kind: 'longtext', vi: 'Đề xuất, kiến nghị', en: 'Proposals' },
    ],
    listFields: ['period'],
    key: { field: 'period', of: (v) => String(v.data.period), message: 'đơn vị đã có báo cáo cho kỳ này' },
    example: { period: '2025-CN', results: 'VÍ DỤ — xoá dòng này: kết quả đạt được', difficulties: '', proposals: '' },
  },
];

export const RECORD_TYPE_CODES = RECORD_TYPES.map((t) => t.type);
const BY_TYPE = new Map(RECORD_TYPES.map((t) => [t.type, t]));

/** The definition of a record type, or undefined for an unknown type. */
export const recordType = (type: string): RecordTypeDef | undefined => BY_TYPE.get(type);
