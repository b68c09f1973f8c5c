import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import './zod-vi.ts';
import { isIsoDate } from './dates.ts';
import { DEFAULT_PERIODS, isMonthDay } from './periods.ts';
import { SOURCE_CODES, SOURCES, type SourceCode } from './sources.ts';
import { UNIT_KINDS } from './units.ts';

/** A plan as data: goals, indicators (typed definitions), targets, milestones, task groups, responsibilities. */
// strict objects: an unknown key is an error (a comma in an unquoted YAML flow value would otherwise pass silently)
const Label = z.strictObject({ vi: z.string().min(1), en: z.string().min(1) });
const Year = z.number().int().min(2000).max(2100);
const UnitKind = z.enum(UNIT_KINDS);
const Source = z.enum(SOURCE_CODES as [SourceCode, ...SourceCode[]]);

export const FilterSchema = z.strictObject({
  field: z.string().min(1),
  op: z.enum(['eq', 'in', 'gte', 'lte', 'contains']),
  value: z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()]))]),
});
export type Filter = z.infer<typeof FilterSchema>;

const Targets = z.record(z.string().regex(/^\d{4}$/u, 'năm phải có 4 chữ số'), z.number().min(0)).default({});

const Common = {
  code: z
    .string()
    .regex(/^[A-Z][A-Za-z0-9._-]*$/u, 'mã chỉ tiêu bắt đầu bằng chữ hoa, chỉ gồm chữ, số, dấu chấm, gạch'),
  title: Label,
  source: Source,
  filter: z.array(FilterSchema).default([]),
  tasks: z.array(z.string()).default([]),
  milestones: z.array(Year).default([]),
  targets: Targets,
};

export const IndicatorSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...Common,
    kind: z.literal('unit_share'),
    unitKinds: z.array(UnitKind).min(1),
    threshold: z.number().int().min(1),
  }),
  z.strictObject({ ...Common, kind: z.literal('area_share'), threshold: z.number().int().min(1) }),
  z.strictObject({ ...Common, kind: z.literal('record_share'), where: FilterSchema }),
  z.strictObject({
    ...Common,
    kind: z.literal('level_share'),
    unitKinds: z.array(UnitKind).min(1),
    level: z.enum(['pilot', 'official']),
  }),
  z.strictObject({ ...Common, kind: z.literal('change_vs_baseline'), baselineYear: Year }),
  z.strictObject({ ...Common, kind: z.literal('count') }),
  z.strictObject({ ...Common, kind: z.literal('sum'), field: z.string().min(1) }),
]);
export type IndicatorDef = z.infer<typeof IndicatorSchema>;

export const PlanSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,60}$/u, 'mã kế hoạch gồm chữ thường không dấu, số, gạch ngang'),
  name: Label,
  basis: z.string().optional(),
  period: z.strictObject({ from: Year, to: Year }),
  // what counts as a "district-level area" (G2), from a date: districts, communes, or named groups of communes
  areaLevels: z
    .array(
      z.strictObject({
        from: z.string().refine(isIsoDate, 'ngày phải có dạng YYYY-MM-DD'),
        level: z.enum(['district', 'commune', 'group']),
        groups: z
          .array(
            z.strictObject({
              code: z.string().min(1),
              name: z.string().min(1),
              communes: z.array(z.string().min(1)).min(1),
            }),
          )
          .optional(),
      }),
    )
    .min(1),
  // reporting periods (cut-off windows, deadlines in working days) and holidays that are not on fixed dates
  reporting: z
    .strictObject({
      periods: z
        .array(
          z.strictObject({
            code: z.string().regex(/^[A-Z0-9]{1,8}$/u, 'mã kỳ báo cáo gồm chữ hoa và số (tối đa 8)'),
            vi: z.string().min(1),
            en: z.string().min(1),
            start: z.string().refine(isMonthDay, 'ngày đầu kỳ phải có dạng MM-DD'),
            end: z.string().refine(isMonthDay, 'ngày cuối kỳ phải có dạng MM-DD'),
            dueWorkingDays: z.number().int().min(0).max(60),
          }),
        )
        .min(1),
      holidays: z.array(z.string().refine(isIsoDate, 'ngày nghỉ phải có dạng YYYY-MM-DD')).default([]),
    })
    .default({ periods: DEFAULT_PERIODS, holidays: [] }),
  taskGroups: z.array(
    z.strictObject({ code: z.string().min(1), title: Label, responsible: z.array(UnitKind).default([]) }),
  ),
  goals: z
    .array(
      z.strictObject({
        code: z.string().min(1),
        title: Label,
        note: Label.optional(),
        indicators: z.array(IndicatorSchema).min(1),
      }),
    )
    .min(1),
});
export type Plan = z.infer<typeof PlanSchema>;

export class PlanError extends Error {
  constructor(readonly problems: string[]) {
    super(`Kế hoạch không hợp lệ:\n${problems.map((p) => `- ${p}`).join('\n')}`);
  }
}

/**
 * Checks what the schema alone cannot: unique codes, known tasks, fields that exist on their source, targets in the
 * period.
 */
function crossCheck(plan: Plan): string[] {
  const problems: string[] = [];
  if (plan.period.to < plan.period.from) problems.push('period: năm kết thúc trước năm bắt đầu');
  plan.areaLevels.forEach((l, i) => {
    if (l.level === 'group' && !l.groups?.length)
      problems.push(`areaLevels[${i}]: cấp "group" cần danh sách groups (mã, tên, các xã)`);
    if (l.level !== 'group' && l.groups) problems.push(`areaLevels[${i}]: chỉ cấp "group" mới có groups`);
    const seenCommunes = new Map<string, string>();
    for (const g of l.groups ?? [])
      for (const c of g.communes) {
        if (seenCommunes.has(c))
          problems.push(`areaLevels[${i}]: xã "${c}" thuộc cả nhóm ${seenCommunes.get(c)} và ${g.code}`);
        seenCommunes.set(c, g.code);
      }
  });
  const tasks = new Set(plan.taskGroups.map((t) => t.code));
  const seen = new Set<string>();
  plan.goals.forEach((g, gi) =>
    g.indicators.forEach((ind, ii) => {
      const at = `goals[${gi}].indicators[${ii}] (${ind.code})`;
      if (seen.has(ind.code)) problems.push(`${at}: mã chỉ tiêu trùng`);
      seen.add(ind.code);
      for (const t of ind.tasks) if (!tasks.has(t)) problems.push(`${at}: nhiệm vụ "${t}" không có trong taskGroups`);
      const fields: Record<string, string> = SOURCES[ind.source].fields;
      const checkField = (f: string) => {
        if (!(f in fields))
          problems.push(
            `${at}: trường "${f}" không có trong nguồn "${ind.source}" (có: ` +
              `${Object.keys(fields).join(', ') || 'không có trường nào'})`,
          );
      };
      for (const f of ind.filter) checkField(f.field);
      if (ind.kind === 'record_share') checkField(ind.where.field);
      if (ind.kind === 'sum') {
        checkField(ind.field);
        if (fields[ind.field] && fields[ind.field] !== 'int')
          problems.push(`${at}: chỉ cộng được trường số, "${ind.field}" là ${fields[ind.field]}`);
      }
      for (const y of [...Object.keys(ind.targets).map(Number), ...ind.milestones]) {
        if (y < plan.period.from || y > plan.period.to)
          problems.push(`${at}: năm ${y} nằm ngoài giai đoạn ${plan.period.from}–${plan.period.to}`);
      }
    }),
  );
  return problems;
}

/** Validates a plan object; throws PlanError listing every problem with its path. */
export function validatePlan(data: unknown): Plan {
  const parsed = PlanSchema.safeParse(data);
  if (!parsed.success)
    throw new PlanError(parsed.error.issues.map((i) => `${i.path.join('.') || '(gốc)'}: ${i.message}`));
  const problems = crossCheck(parsed.data);
  if (problems.length > 0) throw new PlanError(problems);
  return parsed.data;
}

/** Parses and validates a plan written in YAML (or JSON, which is YAML too). */
export function parsePlan(text: string): Plan {
  let data: unknown;
  try {
    data = parseYaml(text.normalize('NFC'));
  } catch (e) {
    throw new PlanError([`không đọc được YAML/JSON: ${(e as Error).message}`]);
  }
  return validatePlan(data);
}

/** Every indicator of a plan, with the goal it serves. */
export function planIndicators(plan: Plan): (IndicatorDef & { goal: string })[] {
  return plan.goals.flatMap((g) => g.indicators.map((i) => ({ ...i, goal: g.code })));
}
