/**
 * Judging an indicator against its plan: the target of the year, the next milestone, a projection
 * of the trend to it, and a status. The rule is returned in words so the screen can show it.
 */
export type Status = 'achieved' | 'on_track' | 'at_risk' | 'off_track' | 'no_data' | 'no_target';

/**
 * The one name of each status, wherever it is shown (tags, rules, exports; docs/glossary.md): a status
 * read "Chậm tiến độ" on the dashboard and "Không đạt" in its own rule before.
 */
export const STATUS_LABELS: Record<Status, { vi: string; en: string }> = {
  achieved: { vi: 'Đạt', en: 'Achieved' },
  on_track: { vi: 'Đúng tiến độ', en: 'On track' },
  at_risk: { vi: 'Có nguy cơ chậm', en: 'At risk' },
  off_track: { vi: 'Chậm tiến độ', en: 'Off track' },
  no_data: { vi: 'Chưa có dữ liệu', en: 'No data' },
  no_target: { vi: 'Không đặt mục tiêu', en: 'No target' },
};

export interface Judgement {
  status: Status;
  target: number | null;
  milestone: { year: number; target: number } | null;
  projection: number | null;
  rule: { vi: string; en: string };
}

/** True when judging this value needs the values of earlier years (a future milestone to project to). */
export function needsHistory(input: Omit<JudgeInput, 'history'>): boolean {
  if (input.value === null) return false;
  const target = input.targets[String(input.year)];
  if (target !== undefined) return false;
  return [...input.milestones, ...Object.keys(input.targets).map(Number)].some(
    (y) => y > input.year && input.targets[String(y)] !== undefined,
  );
}

export interface JudgeInput {
  year: number;
  value: number | null;
  /** Values of earlier years (and this one), for the trend; nulls are ignored. */
  history: { year: number; value: number | null }[];
  targets: Record<string, number>;
  milestones: number[];
  /** Shares are capped at 1 and judged with a tolerance of 10 points; counts with 10% of the target. */
  isShare: boolean;
}

/**
 * Least-squares line through the points, read at year `at`.
 * @example linearProjection([{year:2023,value:0.5},{year:2024,value:0.6}], 2025) ≈ 0.7
 */
export function linearProjection(points: { year: number; value: number }[], at: number): number | null {
  if (points.length === 0) return null;
  if (points.length === 1) return points[0]!.value;
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.year, 0) / n;
  const my = points.reduce((s, p) => s + p.value, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.year - mx) ** 2, 0);
  const sxy = points.reduce((s, p) => s + (p.year - mx) * (p.value - my), 0);
  const slope = sxx === 0 ? 0 : sxy / sxx;
  return my + slope * (at - mx);
}

const pct = (v: number, isShare: boolean) =>
  isShare ? `${Math.round(v * 1000) / 10}%` : String(Math.round(v * 100) / 100);
/** The same in Vietnamese: a decimal comma and dots between thousands (12,5%; 1.234,5). */
const pctVi = (v: number, isShare: boolean) =>
  isShare
    ? `${(Math.round(v * 1000) / 10).toLocaleString('vi-VN')}%`
    : (Math.round(v * 100) / 100).toLocaleString('vi-VN');

/**
 * The status of an indicator in a year.
 * - no data: the value is null (no records of that kind exist, or nobody was expected);
 * - achieved: the value reaches the year's target;
 * - when this year has a target not reached: at risk if short by less than the tolerance (10 points
 *   for shares, 10% for counts), off track beyond that;
 * - otherwise the trend of the last three years (least squares) is projected to the next milestone
 *   (the next year with a target): on track if the projection reaches its target, at risk if it
 *   falls short by less than the tolerance, off track beyond that;
 * - no target: the plan sets no target this year or later.
 * @example value 0.6 in 2023, 0.5 in 2022, target 0.7 in 2025 → projection 0.8 → on track
 */
export function judge(input: JudgeInput): Judgement {
  const { year, value, isShare } = input;
  const targetOf = (y: number): number | null => input.targets[String(y)] ?? null;
  const target = targetOf(year);
  const milestoneYears = [...new Set([...input.milestones, ...Object.keys(input.targets).map(Number)])]
    .filter((y) => y >= year && targetOf(y) !== null)
    .sort((a, b) => a - b);
  const milestone =
    milestoneYears.length > 0 ? { year: milestoneYears[0]!, target: targetOf(milestoneYears[0]!)! } : null;
  if (value === null) {
    return {
      status: 'no_data',
      target,
      milestone,
      projection: null,
      rule: { vi: 'Chưa có dữ liệu để tính.', en: 'No data to compute from.' },
    };
  }
  if (target !== null && value >= target - 1e-9) {
    return {
      status: 'achieved',
      target,
      milestone,
      projection: null,
      rule: {
        vi: `Đạt: ${pctVi(value, isShare)} ≥ mục tiêu ${pctVi(target, isShare)} của năm ${year}.`,
        en: `Achieved: ${pct(value, isShare)} ≥ the ${year} target ${pct(target, isShare)}.`,
      },
    };
  }
  if (!milestone) {
    return {
      status: 'no_target',
      target,
      milestone,
      projection: null,
      rule: {
        vi: 'Kế hoạch không đặt mục tiêu cho năm này hoặc các năm sau.',
        en: 'The plan sets no target for this or a later year.',
      },
    };
  }
  const tolerance = isShare ? 0.1 : milestone.target * 0.1;
  if (milestone.year === year) {
    // the milestone is this year: the value itself is judged, no trend needed
    const short = target! - value;
    const status: Status = short < tolerance ? 'at_risk' : 'off_track';
    return {
      status,
      target,
      milestone,
      projection: null,
      rule: {
        vi:
          `${STATUS_LABELS[status].vi}: ${pctVi(value, isShare)} so với mục tiêu ${pctVi(target!, isShare)} của ` +
          `năm ${year} (ngưỡng cảnh báo: thiếu dưới ${isShare ? '10 điểm %' : '10%'}).`,
        en:
          `${STATUS_LABELS[status].en}: ${pct(value, isShare)} against the ${year} target of ` +
          `${pct(target!, isShare)} (warning band: short by less than ${isShare ? '10 points' : '10%'}).`,
      },
    };
  }
  const points = input.history.filter(
    (p): p is { year: number; value: number } => p.value !== null && p.year <= year && p.year > year - 3,
  );
  if (!points.some((p) => p.year === year)) points.push({ year, value });
  let projection = linearProjection(points, milestone.year)!;
  if (isShare) projection = Math.min(1, Math.max(0, projection));
  const gap = milestone.target - projection;
  const status: Status = gap <= 1e-9 ? 'on_track' : gap < tolerance ? 'at_risk' : 'off_track';
  const words = {
    on_track: ['đúng tiến độ', 'on track'],
    at_risk: ['có nguy cơ không đạt', 'at risk'],
    off_track: ['chậm tiến độ', 'off track'],
  }[status];
  return {
    status,
    target,
    milestone,
    projection,
    rule: {
      vi:
        `Xu hướng ${points.length} năm gần nhất dự báo ${pctVi(projection, isShare)} vào năm ${milestone.year} ` +
        `so với mục tiêu ${pctVi(milestone.target, isShare)}: ${words[0]} (ngưỡng cảnh báo: thiếu dưới ` +
        `${isShare ? '10 điểm %' : '10%'}).`,
      en:
        `The trend of the last ${points.length} year(s) projects ${pct(projection, isShare)} in ` +
        `${milestone.year} against a target of ${pct(milestone.target, isShare)}: ${words[1]} (warning band: ` +
        `short by less than ${isShare ? '10 points' : '10%'}).`,
    },
  };
}
