import { AppError, invalid } from '../../core/errors.ts';
import { agreementOf, type UnitValues } from '../../core/media/agreement.ts';
import { MEDIUMS, topicGroupOf } from '../../core/media/codes.ts';
import { validateStory, type Story } from '../../core/media/story.ts';
import { isIsoDate, todayInVietnam } from '../../core/dates.ts';
import { canWriteUnitRecords, isOffice } from '../../core/permissions.ts';
import type { Problems } from '../../core/records/fields.ts';
import { screenText } from '../../core/screener/screen.ts';
import { cleanText } from '../../core/text.ts';
import type { Db } from '../../db/engine.ts';
import { writeAudit } from '../audit/repository.ts';
import type { Actor, Ctx } from '../context.ts';
import { screenerRules } from '../screener/rules-file.ts';
import { getUnitRow, unitValidBetween } from '../units/repository.ts';
import * as repo from './monitoring-repository.ts';

// ---- exercises

export async function listExercises(ctx: Ctx) {
  return (await repo.listExercises(ctx.db)).map((e) => ({
    id: e.id,
    name: e.name,
    startDate: e.start_date,
    endDate: e.end_date,
    media: e.media,
    note: e.note,
    stories: e.stories,
    checks: e.checks,
  }));
}

/** A monitoring exercise (days, media types): the office organises them. */
export async function createExercise(ctx: Ctx, actor: Actor, raw: Record<string, unknown>) {
  if (!isOffice(actor)) throw new AppError('FORBIDDEN', 'Chỉ cơ quan thường trực tổ chức đợt giám sát');
  const problems: Problems = {};
  const name = typeof raw.name === 'string' ? cleanText(raw.name) : '';
  if (!name) problems.name = 'Tên đợt giám sát: chưa nhập (bắt buộc)';
  else if (name.length > 200) problems.name = 'Tên đợt giám sát: dài quá 200 ký tự';
  const start = typeof raw.startDate === 'string' && isIsoDate(raw.startDate) ? raw.startDate : null;
  const end = typeof raw.endDate === 'string' && isIsoDate(raw.endDate) ? raw.endDate : null;
  if (!start) problems.startDate = 'Ngày bắt đầu: phải có dạng YYYY-MM-DD';
  if (!end) problems.endDate = 'Ngày kết thúc: phải có dạng YYYY-MM-DD';
  if (start && end && end < start) problems.endDate = 'Ngày kết thúc: không được trước ngày bắt đầu';
  const media = Array.isArray(raw.media) ? raw.media.map(String) : [];
  const unknown = media.filter((m) => !(m in MEDIUMS));
  if (unknown.length)
    problems.media = `Loại hình: "${unknown.join(', ')}" không có trong danh mục (${Object.keys(MEDIUMS).join(', ')})`;
  if (Object.keys(problems).length) throw invalid(problems);
  const note = typeof raw.note === 'string' ? raw.note.normalize('NFC').trim().slice(0, 2000) || null : null;
  return ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertExercise(trx, { name, startDate: start!, endDate: end!, media, note }, actor.id);
    await writeAudit(trx, actor, 'create', 'monitoring_exercise', id, null, { name, start, end, media, note });
    return { id };
  });
}

// ---- stories

/** The screener's reading of a story's text (or headline): a suggestion for the stereotype flag. */
function suggest(story: Story) {
  const text = story.body ?? story.headline;
  const findings = screenText(text, screenerRules());
  return {
    stereotype: findings.length > 0,
    rules: [...new Set(findings.map((f) => f.rule))],
    spans: findings.slice(0, 10).map((f) => ({ text: f.text, message: f.message })),
    from: story.body ? 'body' : 'headline',
  };
}

/** The checks only the database can make: the exercise and its days, the agency in force, the writer's unit. */
async function checkStory(db: Db, actor: Actor, s: Story, problems: Problems) {
  const exercise = await repo.getExercise(db, s.exerciseId);
  if (!exercise) problems.exerciseId = 'Đợt giám sát: không tồn tại';
  else if (s.date < exercise.start_date || s.date > exercise.end_date)
    problems.date = `Ngày đăng, phát: phải trong đợt giám sát (${exercise.start_date} – ${exercise.end_date})`;
  const unit = await getUnitRow(db, s.unitId);
  if (!unit || !(await unitValidBetween(db, s.unitId, s.date, s.date)))
    problems.unitId = 'Cơ quan báo chí: không tồn tại hoặc không hoạt động vào ngày đăng';
  else if (unit.kind !== 'media')
    problems.unitId = 'Cơ quan báo chí: đơn vị này không phải cơ quan báo chí, truyền thông';
  if (!canWriteUnitRecords(actor, s.unitId))
    throw new AppError('FORBIDDEN', 'Bạn chỉ được mã hoá tin bài của cơ quan mình');
}

function readStory(raw: unknown): Story {
  const { value, problems } = validateStory(raw, todayInVietnam());
  if (!value) throw invalid(problems);
  return value;
}

/**
 * Codes a story with its people. `checkOf`: a second coding of an existing story (same exercise and
 * agency), kept for intercoder agreement and left out of every figure.
 */
export async function createStory(ctx: Ctx, actor: Actor, raw: unknown, checkOf: number | null = null) {
  const story = readStory(raw);
  return ctx.db.transaction().execute(async (trx) => {
    const problems: Problems = {};
    await checkStory(trx, actor, story, problems);
    if (checkOf !== null) {
      const first = await repo.getStory(trx, checkOf);
      if (!first || first.check_of !== null) problems.checkOf = 'Mã hoá lần hai: tin bài gốc không tồn tại';
      else if (first.exercise_id !== story.exerciseId || first.unit_id !== story.unitId)
        problems.checkOf = 'Mã hoá lần hai: phải cùng đợt giám sát và cơ quan với tin bài gốc';
    }
    if (Object.keys(problems).length) throw invalid(problems);
    const suggestion = suggest(story);
    const [id] = await repo.insertStories(trx, [
      { story, topicGroup: topicGroupOf(story.topic)!, coderId: actor.id, checkOf, suggestion },
    ]);
    await writeAudit(trx, actor, 'create', 'media_story', id!, null, { ...story, checkOf, suggestion });
    return { id: id!, suggestion };
  });
}

export async function updateStory(ctx: Ctx, actor: Actor, id: number, version: number, raw: unknown) {
  const story = readStory(raw);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await repo.getStory(trx, id);
    if (!before) throw new AppError('NOT_FOUND', 'Không tìm thấy tin bài');
    if (!canWriteUnitRecords(actor, before.unit_id))
      throw new AppError('FORBIDDEN', 'Bạn chỉ được mã hoá tin bài của cơ quan mình');
    const problems: Problems = {};
    await checkStory(trx, actor, story, problems);
    const first = before.check_of === null ? null : await repo.getStory(trx, before.check_of);
    if (first && (first.exercise_id !== story.exerciseId || first.unit_id !== story.unitId))
      problems.checkOf = 'Mã hoá lần hai: phải cùng đợt giám sát và cơ quan với tin bài gốc';
    const moved = before.exercise_id !== story.exerciseId || before.unit_id !== story.unitId;
    if (moved && (await repo.hasChecks(trx, id)))
      problems.exerciseId = 'Đợt giám sát, cơ quan: tin bài đã được mã hoá lần hai nên không đổi được';
    if (Object.keys(problems).length) throw invalid(problems);
    const suggestion = suggest(story);
    if (!(await repo.updateStory(trx, id, version, story, topicGroupOf(story.topic)!, suggestion)))
      throw new AppError('CONFLICT');
    await writeAudit(trx, actor, 'update', 'media_story', id, before, { ...story, suggestion });
    return { id, suggestion };
  });
}

export async function deleteStory(ctx: Ctx, actor: Actor, id: number, version: number) {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.getStory(trx, id);
    if (!before) throw new AppError('NOT_FOUND', 'Không tìm thấy tin bài');
    if (!canWriteUnitRecords(actor, before.unit_id))
      throw new AppError('FORBIDDEN', 'Bạn chỉ được xoá tin bài của cơ quan mình');
    if (!(await repo.deleteStory(trx, id, version))) throw new AppError('CONFLICT');
    await writeAudit(trx, actor, 'delete', 'media_story', id, before, null);
  });
}

const PERSON_COLUMNS = {
  sex: 'sex',
  ageBand: 'age_band',
  occupation: 'occupation',
  function: 'function',
  familyRole: 'family_role',
  victim: 'victim',
  quoted: 'quoted',
  photographed: 'photographed',
} as const;

/** One story with its people, in the shape the form sends. */
export async function getStory(ctx: Ctx, id: number) {
  const s = await repo.getStory(ctx.db, id);
  if (!s) throw new AppError('NOT_FOUND', 'Không tìm thấy tin bài');
  const people = await repo.storyPeople(ctx.db, [id]);
  return {
    id: s.id,
    version: s.version,
    exerciseId: s.exercise_id,
    unitId: s.unit_id,
    medium: s.medium,
    date: s.date,
    headline: s.headline,
    topic: s.topic,
    scope: s.scope,
    reporterSex: s.reporter_sex,
    aboutWomen: s.about_women,
    highlightsInequality: s.highlights_inequality,
    challengesStereotypes: s.challenges_stereotypes,
    stereotype: s.stereotype,
    refersToLaw: s.refers_to_law,
    body: s.body,
    suggestion: s.suggestion,
    checkOf: s.check_of,
    people: people.map((p) =>
      Object.fromEntries(Object.entries(PERSON_COLUMNS).map(([k, col]) => [k, p[col as keyof typeof p]])),
    ),
  };
}

export async function listStories(
  ctx: Ctx,
  f: { exerciseId?: number | undefined; unitId?: number | undefined; limit: number; offset: number },
) {
  const r = await repo.listStories(ctx.db, f);
  return {
    total: r.total,
    items: r.items.map((s) => ({
      id: s.id,
      version: s.version,
      exerciseId: s.exercise_id,
      unitId: s.unit_id,
      unitCode: s.unit_code,
      unitName: s.unit_name,
      medium: s.medium,
      date: s.date,
      headline: s.headline,
      topic: s.topic,
      stereotype: s.stereotype,
      challengesStereotypes: s.challenges_stereotypes,
      checkOf: s.check_of,
      coder: s.coder,
      people: s.people,
    })),
  };
}

// ---- agreement

/**
 * Agreement of the stories coded more than once (of an exercise, or all): story variables and the number
 * of people with the story as unit, each person's variables with (story, position) as unit.
 */
export async function storyAgreement(ctx: Ctx, exerciseId: number | undefined) {
  const { stories, patterns } = await repo.agreementPatterns(ctx.db, exerciseId);
  const byVariable = new Map<string, UnitValues[]>(repo.AGREEMENT_VARIABLES.map((v) => [v, []]));
  for (const p of patterns) byVariable.get(p.variable)?.push({ coders: p.coders, values: p.values, weight: p.n });
  return { stories, variables: repo.AGREEMENT_VARIABLES.map((v) => agreementOf(v, byVariable.get(v)!)) };
}
