import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePlan, PlanError, planIndicators } from './plan-schema.ts';

const seed = fs.readFileSync(new URL('../../plans/bdg-2021-2030.yaml', import.meta.url), 'utf8');

describe('the seed plan', () => {
  it('loads with six goals, six task groups and an indicator of every kind', () => {
    const plan = parsePlan(seed);
    expect(plan.goals.map((g) => g.code)).toEqual(['G1', 'G2', 'G3', 'G4', 'G5', 'G6']);
    expect(plan.taskGroups.map((t) => t.code)).toEqual(['T1', 'T2', 'T3', 'T4', 'T5', 'T6']);
    const kinds = new Set(planIndicators(plan).map((i) => i.kind));
    expect([...kinds].sort()).toEqual([
      'area_share',
      'change_vs_baseline',
      'count',
      'level_share',
      'record_share',
      'sum',
      'unit_share',
    ]);
    const g4 = planIndicators(plan).find((i) => i.code === 'G4.pilot')!;
    expect(g4.targets).toEqual({ 2025: 0.7 });
  });
});

describe('plan validation', () => {
  it('lists every problem with its path', () => {
    const bad = seed
      .replace('threshold: 2', 'threshold: 0')
      .replace('tasks: [T1, T2]', 'tasks: [T9]')
      .replace('field: participants_female', 'field: participants_gender');
    try {
      parsePlan(bad);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PlanError);
      const problems = (e as PlanError).problems;
      expect(problems.some((p) => p.includes('threshold'))).toBe(true);
    }
    try {
      parsePlan(bad.replace('threshold: 0', 'threshold: 2'));
      expect.unreachable();
    } catch (e) {
      const problems = (e as PlanError).problems;
      expect(problems.some((p) => p.includes('"T9"'))).toBe(true);
      expect(problems.some((p) => p.includes('participants_gender'))).toBe(true);
    }
  });
  it('refuses YAML that does not parse, and targets outside the period', () => {
    expect(() => parsePlan('id: [unclosed')).toThrow(PlanError);
    expect(() => parsePlan(seed.replace('targets: { 2030: 0.9 }', 'targets: { 2035: 0.9 }'))).toThrow(/2035/u);
  });
});

describe('plan titles', () => {
  it('keeps every title whole (no text lost to YAML commas) and refuses unknown keys', () => {
    const plan = parsePlan(seed);
    const g3 = planIndicators(plan).find((i) => i.code === 'G3')!;
    expect(g3.title.vi).toBe('Tỷ lệ sở, ngành, địa phương có kế hoạch và triển khai Tháng hành động');
    expect(() => parsePlan('id: x\nname: { vi: Một, hai, en: One }')).toThrow(PlanError);
  });
});
