import { describe, expect, it } from 'vitest';
import { canManageUsers, canReadAudit, canWriteUnitRecords, passwordProblem } from './permissions.ts';

describe('permissions', () => {
  it('lets a reporter write only its own unit', () => {
    expect(canWriteUnitRecords({ role: 'reporter', unitId: 5 }, 5)).toBe(true);
    expect(canWriteUnitRecords({ role: 'reporter', unitId: 5 }, 6)).toBe(false);
    expect(canWriteUnitRecords({ role: 'coordinator', unitId: null }, 6)).toBe(true);
    expect(canWriteUnitRecords({ role: 'viewer', unitId: 6 }, 6)).toBe(false);
    expect(canWriteUnitRecords({ role: 'inspector', unitId: null }, 6)).toBe(false);
  });
  it('keeps users to admins and the audit log to the office', () => {
    expect(canManageUsers({ role: 'coordinator', unitId: null })).toBe(false);
    expect(canManageUsers({ role: 'admin', unitId: null })).toBe(true);
    expect(canReadAudit({ role: 'coordinator', unitId: null })).toBe(true);
    expect(canReadAudit({ role: 'reporter', unitId: 1 })).toBe(false);
  });
  it('enforces minimum password rules', () => {
    expect(passwordProblem('short1', 'an')).toContain('10');
    expect(passwordProblem('onlyletters', 'an')).toContain('chữ và số');
    expect(passwordProblem('nguyenvana123', 'nguyenvana')).toContain('tên đăng nhập');
    expect(passwordProblem('Mat-khau-thu-2025', 'an')).toBeNull();
  });
});
