import { describe, expect, it } from 'vitest';
import { diffRecords, isEditable, transitionProblem } from './workflow.ts';

const reporter = { role: 'reporter', unitId: 5 };
const coordinator = { role: 'coordinator', unitId: null };

describe('transitionProblem', () => {
  it('lets the owning unit submit and the office approve or return', () => {
    expect(transitionProblem('submit', 'draft', true, reporter, undefined)).toBeNull();
    expect(transitionProblem('submit', 'returned', true, reporter, undefined)).toBeNull();
    expect(transitionProblem('approve', 'submitted', true, coordinator, undefined)).toBeNull();
    expect(transitionProblem('return', 'submitted', true, coordinator, 'Thiếu minh chứng')).toBeNull();
    expect(transitionProblem('reopen', 'approved', true, coordinator, 'Sai số liệu')).toBeNull();
  });
  it('refuses what the workflow does not allow, in Vietnamese', () => {
    expect(transitionProblem('approve', 'submitted', true, reporter, undefined)).toMatchObject({
      kind: 'permission',
      message: expect.stringContaining('cơ quan thường trực'),
    });
    expect(transitionProblem('submit', 'draft', false, reporter, undefined)?.message).toContain('đơn vị sở hữu');
    expect(transitionProblem('approve', 'draft', true, coordinator, undefined)).toMatchObject({
      kind: 'state',
      message: expect.stringContaining('Nháp'),
    });
    expect(transitionProblem('approve', 'approved', true, coordinator, undefined)?.message).toContain('Đã duyệt');
    expect(transitionProblem('return', 'submitted', true, coordinator, '  ')).toMatchObject({ kind: 'comment' });
    expect(transitionProblem('reopen', 'approved', true, coordinator, undefined)?.message).toContain('lý do');
    expect(transitionProblem('submit', 'submitted', true, reporter, undefined)?.kind).toBe('state');
  });
  it('locks approved and submitted records', () => {
    expect([isEditable('draft'), isEditable('returned'), isEditable('submitted'), isEditable('approved')]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});

describe('diffRecords', () => {
  it('lists the fields that changed', () => {
    expect(
      diffRecords({ a: 1, b: [1], c: 'x', version: 2 }, { a: 1, b: [1, 2], d: true, version: 3 }, ['version']),
    ).toEqual([
      { field: 'b', before: [1], after: [1, 2] },
      { field: 'c', before: 'x', after: undefined },
      { field: 'd', before: undefined, after: true },
    ]);
  });
});
