import { adoptionLevel, type Answers } from '../../core/media/assessment.ts';
import type { IndicatorSet, Level } from '../../core/media/indicator-set.ts';
import { emptyYears, type AggregateReader, type YearlyAggregates } from '../indicators/repository.ts';
import { exercisesPerAgencyYear } from './monitoring-repository.ts';
import { assessmentsOfYears, keptLevelsOfYears, setVersion } from './repository.ts';

export const LEVEL_RANK: Record<Level, number> = { none: 0, pilot: 1, official: 2 };

/**
 * The source of G4 (media_indicator_level): for each agency and year, the adoption level its
 * self-assessment reaches with the monitoring exercises of that year. Per indicator, an agency counts
 * (count 1) when its level reaches the indicator's (pilot, or official); `sum` carries the level's rank
 * (0 none, 1 pilot, 2 official) for the drill-down. Approved assessments count; `includePending`
 * adds submitted ones. Read from what is kept on write (migration 0020): no answers, sets or stories.
 */
export const levelAggregates: AggregateReader = async (db, defs, fromYear, toYear, unitIds, includePending) => {
  const rows = await keptLevelsOfYears(db, fromYear, toYear, unitIds, includePending);
  return byIndicator(
    defs,
    fromYear,
    toYear,
    rows.map((r) => ({ unitId: r.unit_id, year: r.year, rank: r.rank })),
  );
};

/**
 * The same from the raw rows: every assessment's answers judged by its set's criteria with the exercises counted
 * over the stories — what the kept figures must equal (the tests and the benchmark compare them).
 */
export const levelsFromRows: AggregateReader = async (db, defs, fromYear, toYear, unitIds, includePending) => {
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
  return byIndicator(defs, fromYear, toYear, ranks);
};

function byIndicator(
  defs: Parameters<AggregateReader>[1],
  fromYear: number,
  toYear: number,
  ranks: { unitId: number; year: number; rank: number }[],
): YearlyAggregates {
  const out: YearlyAggregates = new Map();
  for (const def of defs) {
    const wanted = def.kind === 'level_share' ? LEVEL_RANK[def.level] : 1;
    const byYear = emptyYears(fromYear, toYear);
    for (const r of ranks)
      byYear.get(r.year)?.set(r.unitId, { count: r.rank >= wanted ? 1 : 0, hits: 0, sum: r.rank + 1 });
    out.set(def.code, byYear);
  }
  return out;
}
