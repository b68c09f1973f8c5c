/**
 * A wave's sampling design as data (stored with the wave), and the respondents of an estimate built from
 * it: which columns of the field data carry the strata, clusters and weights, the population margins the
 * wave is raked to, and the rule for a stratum with a single cluster. The same margins for every wave
 * (DOMAIN: sex × age group × urban/rural), otherwise a change in who was sampled looks like a change in
 * awareness.
 */
import { z } from 'zod';
import '../zod-vi.ts';
import type { Respondent } from './estimate.ts';
import { calibrated, rake, type Margin } from './rake.ts';

const Column = z.string().trim().min(1).max(100);

export const WaveDesignSchema = z.strictObject({
  strata: Column.optional(),
  cluster: Column.optional(),
  weight: Column.optional(),
  margins: z
    .array(z.strictObject({ variable: Column, value: z.string().trim().min(1).max(200), total: z.number().positive() }))
    .max(2000)
    .optional(),
  lonelyPsu: z.enum(['fail', 'remove', 'adjust']).default('fail'),
});
export type WaveDesign = z.infer<typeof WaveDesignSchema>;

/** The columns of the field data the design reads (not questions of the form). */
export const designColumns = (d: WaveDesign): string[] =>
  [d.strata, d.cluster, d.weight].filter((c): c is string => Boolean(c));

export interface Prepared {
  respondents: Respondent[];
  /** after raking: what the calibration explains, taken out of the influence values */
  adjust?: (z: number[]) => number[];
}

/**
 * Respondents raked to the design's margins, if it has any. `categoryOf(i, variable)` is respondent i's
 * category of a margin variable. Throws SurveyError naming a category without a total, or a total without
 * respondents.
 */
export function prepareDesign(
  respondents: Respondent[],
  design: WaveDesign,
  categoryOf: (i: number, variable: string) => string,
): Prepared {
  if (!design.margins?.length) return { respondents };
  const byVariable = new Map<string, Map<string, number>>();
  for (const m of design.margins) {
    if (!byVariable.has(m.variable)) byVariable.set(m.variable, new Map());
    byVariable.get(m.variable)!.set(m.value, m.total);
  }
  const margins: Margin[] = [...byVariable].map(([variable, totals]) => ({
    variable,
    totals,
    categories: respondents.map((_, i) => categoryOf(i, variable)),
  }));
  const raked = rake(
    respondents.map((r) => r.w),
    margins,
  );
  return {
    respondents: respondents.map((r, i) => ({ ...r, w: raked.weights[i]! })),
    adjust: (z) => calibrated(z, raked, margins),
  };
}
