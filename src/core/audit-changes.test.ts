import { describe, expect, it } from 'vitest';
import { auditChanges } from './audit-changes.ts';

describe('auditChanges', () => {
  it('names the one number changed deep in a plan, through goals and indicators by their codes', () => {
    const plan = (target: number) => ({
      version: 3,
      goals: [
        { code: 'G1', indicators: [{ code: 'G1.sessions', targets: { 2025: 10, 2026: target } }] },
        { code: 'G2', indicators: [{ code: 'G2.models', targets: { 2026: 5 } }] },
      ],
    });
    const after = plan(12);
    after.version = 4;
    after.goals[1]!.indicators[0]!.targets[2026] = 6;
    expect(auditChanges(plan(12), after)).toEqual([
      { path: ['goals', 'G2', 'indicators', 'G2.models', 'targets', '2026'], before: 5, after: 6 },
    ]);
  });

  it('reports fields of a record, a list compared whole, and a field added or removed', () => {
    const before = { title: 'Hội nghị', topics: ['a'], data: { total: 30 }, updatedAt: '1' };
    const after = { title: 'Hội nghị', topics: ['a', 'b'], data: { total: 32, male: 8 }, updatedAt: '2' };
    expect(auditChanges(before, after)).toEqual([
      { path: ['topics'], before: ['a'], after: ['a', 'b'] },
      { path: ['data', 'total'], before: 30, after: 32 },
      { path: ['data', 'male'], before: null, after: 8 },
    ]);
  });

  it('a creation or a deletion is one change of the whole record; no change is no line', () => {
    expect(auditChanges(null, { a: 1 })).toEqual([{ path: [], before: null, after: { a: 1 } }]);
    expect(auditChanges({ a: 1 }, null)).toEqual([{ path: [], before: { a: 1 }, after: null }]);
    expect(auditChanges({ a: 1, version: 1 }, { a: 1, version: 2 })).toEqual([]);
  });
});
