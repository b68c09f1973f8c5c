import { describe, expect, it } from 'vitest';
import { judge, linearProjection } from './status.ts';

const base = { targets: { 2025: 0.7 }, milestones: [2025], isShare: true };

describe('judge', () => {
  it('says no data for a null value, never a status', () => {
    expect(judge({ ...base, year: 2023, value: null, history: [] }).status).toBe('no_data');
  });
  it('achieved when the year target is reached', () => {
    expect(judge({ ...base, year: 2025, value: 0.72, history: [] })).toMatchObject({ status: 'achieved', target: 0.7 });
  });
  it('projects the trend to the next milestone (worked example)', () => {
    const j = judge({ ...base, year: 2023, value: 0.6, history: [{ year: 2022, value: 0.5 }] });
    expect(j.projection).toBeCloseTo(0.8);
    expect(j.status).toBe('on_track');
    expect(j.milestone).toEqual({ year: 2025, target: 0.7 });
  });
  it('judges the value itself when the milestone is this year', () => {
    const j = judge({
      targets: { 2024: 1 },
      milestones: [],
      isShare: true,
      year: 2024,
      value: 0.95,
      history: [{ year: 2023, value: 0.2 }],
    });
    expect(j).toMatchObject({ status: 'at_risk', projection: null });
  });
  it('at risk within 10 points, off track beyond', () => {
    expect(judge({ ...base, year: 2025, value: 0.65, history: [] }).status).toBe('at_risk');
    expect(judge({ ...base, year: 2025, value: 0.5, history: [] }).status).toBe('off_track');
  });
  it('caps share projections at 100% and judges counts with 10% of the target', () => {
    expect(judge({ ...base, year: 2023, value: 0.6, history: [{ year: 2022, value: 0.1 }] }).projection).toBe(1);
    expect(
      judge({ targets: { 2030: 100 }, milestones: [], isShare: false, year: 2030, value: 95, history: [] }).status,
    ).toBe('at_risk');
  });
  it('has no target past the last milestone', () => {
    expect(judge({ ...base, year: 2027, value: 0.1, history: [] }).status).toBe('no_target');
  });
});

describe('linearProjection', () => {
  it('fits a least-squares line', () => {
    expect(
      linearProjection(
        [
          { year: 2021, value: 1 },
          { year: 2022, value: 2 },
          { year: 2023, value: 3 },
        ],
        2025,
      ),
    ).toBeCloseTo(5);
    expect(linearProjection([{ year: 2021, value: 4 }], 2030)).toBe(4);
  });
});
