import { builtOnce } from '../../core/built-once.ts';
import { AppError, type RowError } from '../../core/errors.ts';
import {
  AGE_BANDS,
  FUNCTIONS,
  MEDIUMS,
  OCCUPATIONS,
  SCOPES,
  SEXES,
  TOPICS,
  topicGroupOf,
  VICTIM,
} from '../../core/media/codes.ts';
import { PERSON_FLAGS, STORY_FLAGS, validateStory, type Story } from '../../core/media/story.ts';
import { todayInVietnam } from '../../core/dates.ts';
import { canWriteUnitRecords } from '../../core/permissions.ts';
import type { CodeList } from '../../core/records/codes.ts';
import { writeAuditMany } from '../audit/repository.ts';
import type { Actor, Ctx } from '../context.ts';
import {
  listsSheet,
  markExample,
  newWorkbook,
  sheetWithHeader,
  xlsxBuffer,
  type SheetColumn,
} from '../files/sheets.ts';
import { codeVariants, readTabular, requireColumns, textCell, type TabularRow } from '../files/tabular.ts';
import { unitIdsByCodes } from '../units/repository.ts';
import { getExercise, insertStories } from './monitoring-repository.ts';

/**
 * The coding sheet for teams who code offline: one row per person in the news; the rows of one story
 * share its number (story_no) and carry the story's columns on its first row (later rows may repeat
 * them or leave them empty); a story with nobody in it is one row with the person columns empty.
 */

interface Column extends SheetColumn {
  /** the story's or the person's field it fills */
  field: string;
  of: 'story' | 'person';
  list?: CodeList;
  yesNo?: boolean;
}

const col = (code: string, vi: string, field: string, of: Column['of'], more: Partial<Column> = {}): Column => ({
  code,
  vi,
  field,
  of,
  required: false,
  width: 18,
  ...more,
});

const snake = (name: string) => name.replace(/[A-Z]/gu, (c) => `_${c.toLowerCase()}`);

export const CODING_COLUMNS: Column[] = [
  col('story_no', 'Số thứ tự tin bài', 'storyNo', 'story', { required: true, width: 10 }),
  col('unit_code', 'Mã cơ quan báo chí', 'unitId', 'story', { required: true, width: 14 }),
  col('medium', 'Loại hình', 'medium', 'story', { list: MEDIUMS }),
  col('date', 'Ngày đăng, phát (DD/MM/YYYY)', 'date', 'story', { width: 14 }),
  col('headline', 'Tiêu đề', 'headline', 'story', { width: 40 }),
  col('topic', 'Chủ đề', 'topic', 'story', { list: TOPICS, width: 40 }),
  col('scope', 'Phạm vi', 'scope', 'story', { list: SCOPES }),
  col('reporter_sex', 'Giới tính phóng viên, người dẫn', 'reporterSex', 'story', { list: SEXES }),
  ...STORY_FLAGS.map(([name, vi]) => col(snake(name), vi, name, 'story', { yesNo: true, width: 14 })),
  col('body', 'Nội dung (không bắt buộc)', 'body', 'story', { width: 40 }),
  col('person_sex', 'Người trong tin: giới tính', 'sex', 'person', { list: SEXES }),
  col('person_age_band', 'Người trong tin: độ tuổi', 'ageBand', 'person', { list: AGE_BANDS }),
  col('person_occupation', 'Người trong tin: nghề', 'occupation', 'person', { list: OCCUPATIONS, width: 30 }),
  col('person_function', 'Người trong tin: vai trò', 'function', 'person', { list: FUNCTIONS, width: 24 }),
  col('person_victim', 'Người trong tin: nạn nhân', 'victim', 'person', { list: VICTIM }),
  ...PERSON_FLAGS.map(([name, vi]) =>
    col(`person_${snake(name)}`, `Người trong tin: ${vi.toLowerCase()}`, name, 'person', { yesNo: true, width: 14 }),
  ),
];

const YES_NO: CodeList = { yes: { vi: 'Có', en: 'Yes' }, no: { vi: 'Không', en: 'No' } };

/** The XLSX template: Vietnamese headers carrying the codes, drop-downs from a "Danh mục" sheet, example rows. */
async function buildCodingTemplate(): Promise<Buffer> {
  const wb = newWorkbook();
  const ws = sheetWithHeader(wb, 'Mã hoá tin bài', CODING_COLUMNS);
  const listed = CODING_COLUMNS.filter((c) => c.list || c.yesNo);
  const range = listsSheet(
    wb,
    listed.map((c) => ({ title: c.vi, labels: Object.values(c.list ?? YES_NO).map((x) => x.vi) })),
  );
  const example = (values: Record<string, string | number>) =>
    markExample(ws.addRow(CODING_COLUMNS.map((c) => values[c.code] ?? '')));
  example({
    story_no: 1,
    unit_code: 'VI-DU',
    medium: MEDIUMS.online.vi,
    date: '06/05/2025',
    headline: 'VÍ DỤ — xoá các dòng ví dụ: Nữ kỹ sư dẫn đầu dự án',
    topic: TOPICS.science_technology.vi,
    scope: SCOPES.local.vi,
    reporter_sex: SEXES.female.vi,
    about_women: 'Có',
    challenges_stereotypes: 'Có',
    person_sex: SEXES.female.vi,
    person_occupation: OCCUPATIONS.expert.vi,
    person_function: FUNCTIONS.expert.vi,
    person_quoted: 'Có',
  });
  example({ story_no: 1, person_sex: SEXES.male.vi, person_function: FUNCTIONS.spokesperson.vi });
  listed.forEach((c, i) => {
    const letter = ws.getColumn(CODING_COLUMNS.indexOf(c) + 1).letter;
    for (let row = 2; row <= 2000; row++)
      ws.getCell(`${letter}${row}`).dataValidation = { type: 'list', allowBlank: true, formulae: [range(i)] };
  });
  return xlsxBuffer(wb);
}

const codingTemplateOnce = builtOnce(buildCodingTemplate);
/** The coding template, built once per process: its 2,000 rows of drop-downs take exceljs about 0.3 s. */
export const codingTemplate = (): Promise<Buffer> => codingTemplateOnce('coding');

const cellOf = (r: TabularRow, c: Column): unknown =>
  r.cells[c.code] instanceof Date ? r.cells[c.code] : textCell(r, c.code) || undefined;

/**
 * Imports a coding sheet into an exercise: every story checked like the form, its agency by code (a
 * media agency the importer may write for), its date within the exercise; all or nothing, every problem
 * with its line and column.
 */
export async function importStories(
  ctx: Ctx,
  actor: Actor,
  exerciseId: number,
  content: Buffer,
): Promise<{ rows: number; created: number; stories: number; people: number }> {
  const table = await readTabular(content);
  requireColumns(
    table,
    CODING_COLUMNS.filter((c) => c.required).map((c) => c.code),
  );
  return ctx.db.transaction().execute(async (trx) => {
    const exercise = await getExercise(trx, exerciseId);
    if (!exercise) throw new AppError('NOT_FOUND', 'Không tìm thấy đợt giám sát');
    const units = await unitIdsByCodes(trx, [...new Set(table.rows.flatMap((r) => codeVariants(r, 'unit_code')))]);
    const errors: RowError[] = [];
    const groups = new Map<string, TabularRow[]>();
    for (const r of table.rows) {
      const no = textCell(r, 'story_no');
      if (!no) errors.push({ line: r.line, column: 'story_no', reason: 'thiếu số thứ tự tin bài' });
      else groups.set(no, [...(groups.get(no) ?? []), r]);
    }
    const today = todayInVietnam();
    const stories: Story[] = [];
    for (const rows of groups.values()) {
      const first = rows[0]!;
      const fail = (column: string, reason: string, line = first.line) => errors.push({ line, column, reason });
      const code = codeVariants(first, 'unit_code').find((c) => units.has(c)) ?? textCell(first, 'unit_code');
      const unit = units.get(code);
      if (code === 'VI-DU') fail('unit_code', 'đây là dòng ví dụ của tệp mẫu: hãy xoá dòng này');
      else if (!unit) fail('unit_code', code ? `không tìm thấy cơ quan mã "${code}"` : 'thiếu mã cơ quan');
      else if (unit.kind !== 'media') fail('unit_code', `đơn vị "${code}" không phải cơ quan báo chí, truyền thông`);
      else if (!canWriteUnitRecords(actor, unit.id))
        fail('unit_code', 'bạn không có quyền mã hoá tin bài của cơ quan này');
      const raw: Record<string, unknown> = { exerciseId, unitId: unit?.id ?? 0 };
      for (const c of CODING_COLUMNS.filter((x) => x.of === 'story' && x.field !== 'unitId' && x.field !== 'storyNo'))
        raw[c.field] = cellOf(first, c);
      const personColumns = CODING_COLUMNS.filter((x) => x.of === 'person');
      raw.people = rows
        .filter((r) => personColumns.some((c) => textCell(r, c.code)))
        .map((r) => Object.fromEntries(personColumns.map((c) => [c.field, cellOf(r, c)])));
      const personLines = rows.filter((r) => personColumns.some((c) => textCell(r, c.code))).map((r) => r.line);
      const { value, problems } = validateStory(raw, today);
      for (const [path, reason] of Object.entries(problems)) {
        if (path === 'unitId' || path === 'exerciseId') continue;
        const m = /^people\[(\d+)\]\.(\w+)$/u.exec(path);
        const column = CODING_COLUMNS.find((c) => c.field === (m ? m[2] : path) && c.of === (m ? 'person' : 'story'));
        fail(column?.code ?? path, reason, m ? personLines[Number(m[1]) - 1] : first.line);
      }
      if (value && (value.date < exercise.start_date || value.date > exercise.end_date))
        fail('date', `phải trong đợt giám sát (${exercise.start_date} – ${exercise.end_date})`);
      if (value && unit && (unit.valid_from > value.date || (unit.valid_to !== null && unit.valid_to < value.date)))
        fail('unit_code', 'cơ quan không hoạt động vào ngày đăng');
      if (value) stories.push(value);
    }
    if (errors.length)
      throw new AppError(
        'IMPORT_INVALID',
        `Tệp có ${errors.length} lỗi ở ${new Set(errors.map((e) => e.line)).size} dòng; chưa ghi dòng nào`,
        undefined,
        errors.sort((a, b) => a.line - b.line),
      );
    const ids = await insertStories(
      trx,
      stories.map((story) => ({
        story,
        topicGroup: topicGroupOf(story.topic)!,
        coderId: actor.id,
        checkOf: null,
        suggestion: null,
      })),
    );
    await writeAuditMany(
      trx,
      actor,
      ids.map((id, i) => ({
        action: 'create',
        entity: 'media_story',
        entityId: id,
        before: null,
        after: { ...stories[i], source: 'import' },
      })),
    );
    const people = stories.reduce((s, x) => s + x.people.length, 0);
    return { rows: table.rows.length, created: ids.length, stories: ids.length, people };
  });
}
