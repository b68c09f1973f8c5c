import { AGE_BANDS, FUNCTIONS, MEDIUMS, OCCUPATIONS, SCOPES, TOPIC_GROUPS, TOPICS } from '../../core/media/codes.ts';
import { wilson } from '../../core/media/stats.ts';
import type { CodeList } from '../../core/records/codes.ts';
import { newWorkbook, xlsxBuffer } from '../files/sheets.ts';
import type { Ctx } from '../context.ts';
import { unitLabels } from '../records/repository.ts';
import * as repo from './monitoring-repository.ts';

/** GMMP 2025: women were 26 % of the people seen, heard or spoken about in print and broadcast news worldwide. */
export const GMMP_2025_WOMEN_SHARE = 0.26;

export const DIMENSION_LABELS: Record<repo.Dimension, string> = {
  function: 'Vai trò trong tin',
  occupation: 'Nghề nghiệp',
  age_band: 'Độ tuổi',
  topic_group: 'Nhóm chủ đề',
  topic: 'Chủ đề',
  medium: 'Loại hình',
  scope: 'Phạm vi',
  agency: 'Cơ quan báo chí',
  exercise: 'Đợt giám sát',
};

const LISTS: Partial<Record<repo.Dimension, CodeList>> = {
  function: FUNCTIONS,
  occupation: OCCUPATIONS,
  age_band: AGE_BANDS,
  topic_group: TOPIC_GROUPS,
  topic: TOPICS,
  medium: MEDIUMS,
  scope: SCOPES,
};

export interface AnalysisQuery {
  year?: number | undefined;
  exerciseId?: number | undefined;
  unitId?: number | undefined;
  by: repo.Dimension[];
}

/** Names of the codes, agencies and exercises that appear in rows. */
async function labeller(ctx: Ctx, by: repo.Dimension[], rows: Record<string, string | number>[]) {
  const ids = (dim: repo.Dimension) => [
    ...new Set(rows.flatMap((r) => by.flatMap((d, i) => (d === dim ? [Number(r[`k${i}`])] : [])))),
  ];
  const [agencies, exercises] = await Promise.all([
    by.includes('agency') ? unitLabels(ctx.db, ids('agency')) : new Map<number, { code: string; name: string }>(),
    by.includes('exercise') ? repo.listExercises(ctx.db) : [],
  ]);
  const exerciseNames = new Map(exercises.map((e) => [String(e.id), e.name]));
  /** a name in both languages (agencies and exercises have theirs in Vietnamese only) */
  return (dim: repo.Dimension, code: string): { vi: string; en: string } => {
    const named = (name: string | undefined) => ({ vi: name ?? code, en: name ?? code });
    if (dim === 'agency') return named(agencies.get(Number(code))?.name);
    if (dim === 'exercise') return named(exerciseNames.get(code));
    return (LISTS[dim] as CodeList)[code] ?? named(undefined);
  };
}

/**
 * Women among people in the news, by up to three dimensions (function, occupation, topic group, medium,
 * agency, exercise…), each share with n, a 95 % Wilson interval and a mark when n < 30; people of unknown
 * sex counted apart. Story figures (women reporters, stories challenging stereotypes) beside them.
 */
export async function analysis(ctx: Ctx, q: AnalysisQuery) {
  const scope = { year: q.year, exerciseId: q.exerciseId, unitIds: q.unitId === undefined ? undefined : [q.unitId] };
  const storyBy = q.by.length === 1 && (repo.STORY_DIMENSIONS as readonly string[]).includes(q.by[0]!) ? q.by[0] : null;
  const [rows, overall, stories, storyRows] = await Promise.all([
    repo.peopleShares(ctx.db, scope, q.by),
    repo.peopleShares(ctx.db, scope, []),
    repo.storyShares(ctx.db, scope, null),
    storyBy ? repo.storyShares(ctx.db, scope, storyBy as (typeof repo.STORY_DIMENSIONS)[number]) : Promise.resolve([]),
  ]);
  const label = await labeller(ctx, q.by, [...rows, ...storyRows]);
  const share = (r: Record<string, string | number>) => ({
    ...wilson(Number(r.women), Number(r.known)),
    unknown: Number(r.unknown),
  });
  const storyFigures = (r: Record<string, string | number>) => ({
    stories: Number(r.stories),
    womenReporters: wilson(Number(r.women_reporters), Number(r.reporters)),
    challenge: wilson(Number(r.challenge), Number(r.stories)),
    stereotype: wilson(Number(r.stereotype), Number(r.stories)),
    aboutWomen: wilson(Number(r.about_women), Number(r.stories)),
  });
  const keysOf = (r: Record<string, string | number>, dims: repo.Dimension[]) =>
    dims.map((d, i) => {
      const name = label(d, String(r[`k${i}`]));
      return { dimension: d, code: String(r[`k${i}`]), label: name.vi, en: name.en };
    });
  const collator = new Intl.Collator('vi');
  return {
    by: q.by.map((d) => ({ dimension: d, label: DIMENSION_LABELS[d] })),
    reference: {
      share: GMMP_2025_WOMEN_SHARE,
      label: 'GMMP 2025: nữ chiếm 26% số người trong tin tức thế giới',
      en: 'GMMP 2025: women are 26% of the people in the world’s news',
    },
    overall: share(overall[0] ?? { women: 0, known: 0, unknown: 0 }),
    stories: storyFigures(stories[0] ?? {}),
    rows: rows
      .map((r) => ({ keys: keysOf(r, q.by), ...share(r) }))
      .sort((a, b) => collator.compare(a.keys.map((k) => k.label).join(' '), b.keys.map((k) => k.label).join(' '))),
    storyRows: storyRows.map((r) => ({ keys: keysOf(r, storyBy ? [storyBy] : []), ...storyFigures(r) })),
  };
}

const pct = (x: number | null) => (x === null ? '' : Math.round(x * 1000) / 10);

/** The analysis as an XLSX workbook: the table with n, interval and the small-n mark, and the story figures. */
export async function analysisWorkbook(a: Awaited<ReturnType<typeof analysis>>, title: string): Promise<Buffer> {
  const wb = newWorkbook();
  const ws = wb.addWorksheet('Tỷ lệ nữ trong tin');
  ws.addRow([title]).font = { bold: true, size: 13 };
  ws.addRow([`Tham chiếu: ${a.reference.label}. Khoảng tin cậy 95% theo Wilson; "n nhỏ" khi n < 30.`]);
  ws.addRow([]);
  const header = ws.addRow([
    ...a.by.map((b) => b.label),
    'Số nữ',
    'Số người rõ giới tính (n)',
    'Không rõ giới tính',
    'Tỷ lệ nữ (%)',
    'Cận dưới (%)',
    'Cận trên (%)',
    'Ghi chú',
  ]);
  header.font = { bold: true };
  const line = (
    keys: string[],
    r: {
      k: number;
      n: number;
      unknown: number;
      share: number | null;
      low: number | null;
      high: number | null;
      small: boolean;
    },
  ) => ws.addRow([...keys, r.k, r.n, r.unknown, pct(r.share), pct(r.low), pct(r.high), r.small ? 'n nhỏ' : '']);
  for (const r of a.rows)
    line(
      r.keys.map((k) => k.label),
      r,
    );
  line(a.by.length ? ['Tổng', ...a.by.slice(1).map(() => '')] : ['Tổng'], a.overall);
  const st = wb.addWorksheet('Tin bài');
  st.addRow(['Chỉ số', 'Số', 'n', 'Tỷ lệ (%)', 'Cận dưới (%)', 'Cận trên (%)', 'Ghi chú']).font = { bold: true };
  const s = a.stories;
  for (const [name, w] of [
    ['Nữ phóng viên, người dẫn', s.womenReporters],
    ['Tin bài thách thức định kiến giới', s.challenge],
    ['Tin bài có định kiến giới', s.stereotype],
    ['Tin bài tập trung vào phụ nữ', s.aboutWomen],
  ] as const)
    st.addRow([name, w.k, w.n, pct(w.share), pct(w.low), pct(w.high), w.small ? 'n nhỏ' : '']);
  ws.columns.forEach((c, i) => (c.width = i < a.by.length ? 36 : 14));
  st.columns.forEach((c, i) => (c.width = i === 0 ? 38 : 14));
  return xlsxBuffer(wb);
}
