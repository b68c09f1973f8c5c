import { adoptionLevel, type Answers } from '../../core/media/assessment.ts';
import type { IndicatorSet, Level } from '../../core/media/indicator-set.ts';
import { emptyYears, type AggregateReader, type YearlyAggregates } from '../indicators/repository.ts';
import { exercisesPerAgencyYear } from './monitoring-repository.ts';
import { assessmentsOfYears, setVersion } from './repository.ts';

export const LEVEL_RANK: Record<Level, number> = { none: 0, pilot: 1, official: 2 };

/**
 * The source of G4 (media_indicator_level): for each agency and year, the adoption level its
 * self-assessment reaches with the monitoring exercises of that year. Per indicator, an agency counts
 * (count 1) when its level reaches the indicator's (pilot, or official); `sum` carries the level's rank
 * (0 none, 1 pilot, 2 official) for the drill-down. Approved assessments count; `includePending`
 * adds submitted ones.
 */
export const levelAggregates: AggregateReader = async (db, defs, fromYear, toYear, unitIds, includePending) => {
  const [assessments, exercises] = await Promise.all([
    assessmentsOfYears(db, fromYear, toYear, unitIds),
    exercisesPerAgencyYear(db, fromYear, toYear, unitIds),
  ]);
  const exercisesOf = new Map(exercises.map((e) => [`${e.unit_id}:${e.year}`, e.exercises]));
  const sets = new Map<string, IndicatorSet>();
  const ranks: { unitId: number; year: number; rank: number }[] = [];
  for (const a of assessments) {
    if (a.status !== 'approved' && !(includePending && a.status === 'submitted')) continue;
    const key = `${a.set_id}@${a.set_version}`;
    if (!sets.has(key)) sets.set(key, (await setVersion(db, a.set_id, a.set_version))!.definition as IndicatorSet);
    const level = adoptionLevel(sets.get(key)!, a.answers as Answers, exercisesOf.get(`${a.unit_id}:${a.year}`) ?? 0);
    ranks.push({ unitId: a.unit_id, year: a.year, rank: LEVEL_RANK[level.level] });
  }
  const out: YearlyAggregates = new Map();
  for (const def of defs) {
    const wanted = def.kind === 'level_share' ? LEVEL_RANK[def.level] : 1;
    const byYear = emptyYears(fromYear, toYear);
    for (const r of ranks)
      byYear.get(r.year)?.set(r.unitId, { count: r.rank >= wanted ? 1 : 0, hits: 0, sum: r.rank + 1 });
    out.set(def.code, byYear);
  }
  return out;
};
