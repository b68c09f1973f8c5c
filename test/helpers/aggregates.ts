import type { YearlyAggregates } from '../../src/modules/indicators/repository.ts';

/** Aggregates as plain maps: those read from kept rows (views over packed numbers) compared with raw rows. */
export const asMaps = (y: YearlyAggregates) =>
  new Map([...y].map(([code, byYear]) => [code, new Map([...byYear].map(([year, m]) => [year, new Map(m)]))]));
