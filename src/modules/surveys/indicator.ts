import type { DrillRow, IndicatorValue } from '../../core/indicator-eval.ts';
import type { IndicatorDef } from '../../core/plan-schema.ts';
import type { Scoring } from '../../core/surveys/scoring.ts';
import type { Ctx } from '../context.ts';
import * as repo from './repository.ts';
import { compareWaves } from './service.ts';

type ChangeDef = Extract<IndicatorDef, { kind: 'change_vs_baseline' }>;

const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`;

const none = (vi: string, en: string): IndicatorValue => ({
  value: null,
  numerator: null,
  denominator: null,
  isShare: true,
  rows: [],
  byKind: [],
  byArea: [],
  reason: { vi, en },
});

/** The target of a year, or the next milestone's (G5: +10% by 2030). */
function targetOf(def: ChangeDef, year: number): number | undefined {
  const years = Object.keys(def.targets)
    .map(Number)
    .filter((y) => y >= year)
    .sort((a, b) => a - b);
  const y = years[0];
  return y === undefined ? undefined : def.targets[String(y)];
}

/**
 * G5 — awareness against the baseline — from the survey waves: the latest wave of the baseline year
 * against the latest wave after it and no later than `year`, on the instrument's overall score (or its
 * first scale), with the 95% interval; the drill-down by sex, each group with its change and verdict.
 * Surveys measure the whole province: an area view has no value of its own.
 */
export async function awarenessValue(ctx: Ctx, def: ChangeDef, year: number, rootId: number | null) {
  if (rootId !== null)
    return none(
      'Khảo sát nhận thức đo cho toàn tỉnh, không tách theo từng địa bàn.',
      'Awareness surveys measure the whole province, not each area.',
    );
  const [baseline] = await repo.wavesOfYear(ctx.db, def.baselineYear);
  if (!baseline)
    return none(
      `Chưa có đợt khảo sát đầu kỳ năm ${def.baselineYear}.`,
      `No baseline survey wave in ${def.baselineYear} yet.`,
    );
  let followup: { id: number; year: number } | undefined;
  for (let y = year; y > def.baselineYear && !followup; y--)
    followup = (await repo.wavesOfYear(ctx.db, y, baseline.form_id))[0];
  if (!followup)
    return none(
      `Chưa có đợt khảo sát sau năm ${def.baselineYear} (đến năm ${year}) để so sánh.`,
      `No survey wave after ${def.baselineYear} (up to ${year}) to compare with.`,
    );
  const instrument = await repo.getInstrument(ctx.db, (await repo.getWave(ctx.db, followup.id))!.instrument_id);
  const scoring = instrument!.scoring as Scoring;
  const scale = scoring.overall ? 'overall' : scoring.scales[0]!.code;
  const target = targetOf(def, year);
  const t = target === undefined ? undefined : { target };
  const overall = (await compareWaves(ctx, baseline.id, followup.id, scale, [], t)).rows[0];
  const bySex = (await compareWaves(ctx, baseline.id, followup.id, scale, ['sex'], t).catch(() => null))?.rows ?? [];
  if (!overall || overall.change === null)
    return none(
      'Chưa đủ người trả lời (cần ít nhất 30 mỗi đợt) để so sánh.',
      'Too few respondents (at least 30 in each wave) to compare.',
    );
  const rows: DrillRow[] = bySex.map((g, i) => ({
    id: -(i + 1),
    code: Object.entries(g.group)
      .map(([k, v]) => `${k}=${v}`)
      .join(', '),
    name: Object.values(g.labels).join(', '),
    kind: 'group',
    areaName: null,
    count: g.followup.n,
    passes: g.verdict === null ? null : g.verdict === 'met' || g.verdict === 'stretch_met',
    note:
      g.change === null
        ? `dưới 30 người trả lời: không công bố (n ${g.baseline.n} → ${g.followup.n})`
        : `${pct(g.change)} (KTC 95% ${pct(g.ciLow!)} – ${pct(g.ciHigh!)}; n ${g.baseline.n} → ${g.followup.n})`,
  }));
  return {
    value: overall.change,
    numerator: null,
    denominator: null,
    isShare: true,
    rows,
    byKind: [],
    byArea: [],
    reason: null,
    interval: { low: overall.ciLow!, high: overall.ciHigh! },
    survey: {
      baselineWaveId: baseline.id,
      followupWaveId: followup.id,
      scale,
      baseline: overall.baseline,
      followup: overall.followup,
      verdict: overall.verdict,
      nearCeiling: overall.nearCeiling,
    },
  } satisfies IndicatorValue;
}
