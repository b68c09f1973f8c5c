/**
 * The kinds of record indicators count, with the fields a plan may filter or sum on. A source whose
 * records the product does not keep yet is listed with `available: false`: indicators on it answer
 * "no data" (null), never 0, until the issue that brings those records registers them here.
 */
export type FieldType = 'text' | 'text[]' | 'int' | 'bool';

export interface SourceInfo {
  available: boolean;
  title: { vi: string; en: string };
  fields: Record<string, FieldType>;
}

/** The names of the fields a plan filters or sums on, as an indicator's description says them. */
export const FIELD_LABELS: Record<string, { vi: string; en: string }> = {
  form: { vi: 'hình thức', en: 'form' },
  topics: { vi: 'chủ đề', en: 'topics' },
  target_groups: { vi: 'nhóm đối tượng', en: 'target groups' },
  participants_total: { vi: 'số người tham dự', en: 'participants' },
  participants_female: { vi: 'số người tham dự là nữ', en: 'female participants' },
  participants_male: { vi: 'số người tham dự là nam', en: 'male participants' },
  free_of_discrimination: {
    vi: 'không có nội dung phân biệt đối xử về giới',
    en: 'free of gender discrimination',
  },
};

export const SOURCES = {
  communication_session: {
    available: true,
    title: { vi: 'Hoạt động truyền thông', en: 'Communication sessions' },
    fields: {
      form: 'text',
      topics: 'text[]',
      target_groups: 'text[]',
      participants_total: 'int',
      participants_female: 'int',
      participants_male: 'int',
    },
  },
  // one row per unit and year: the unit's Action Month plan of that year with at least one activity dated 15/11–15/12
  action_month: {
    available: true,
    title: { vi: 'Kế hoạch và hoạt động Tháng hành động', en: 'Action Month plans and activities' },
    fields: {},
  },
  // one row per model and year, on the model's area, while its latest evaluation judges it effective
  effective_model: {
    available: true,
    title: { vi: 'Mô hình truyền thông được đánh giá hiệu quả', en: 'Communication models evaluated as effective' },
    fields: {},
  },
  // one row per media agency and year: the adoption level its self-assessment reaches (modules/media/levels.ts)
  media_indicator_level: {
    available: true,
    title: {
      vi: 'Mức áp dụng Bộ chỉ số về giới trong truyền thông',
      en: 'Level of application of the media gender indicator set',
    },
    fields: {},
  },
  // survey waves and their responses (modules/surveys): a change of the score, not a count of units
  awareness_survey: {
    available: true,
    title: { vi: 'Khảo sát nhận thức về bình đẳng giới', en: 'Gender-equality awareness surveys' },
    fields: {},
  },
  // one row per convention and year it is in force (view src_convention)
  convention: {
    available: true,
    title: { vi: 'Hương ước, quy ước', en: 'Community conventions' },
    fields: { free_of_discrimination: 'bool' },
  },
} as const satisfies Record<string, SourceInfo>;

export type SourceCode = keyof typeof SOURCES;
export const SOURCE_CODES = Object.keys(SOURCES) as SourceCode[];
