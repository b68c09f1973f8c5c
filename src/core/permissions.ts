/**
 * Who may do what. Every write goes through one of these checks before it touches the database.
 * - admin: everything, including users;
 * - coordinator (the coordinating office): every unit's records, units, the audit log;
 * - reporter: records of its own unit only;
 * - inspector: its own unit's inspection records; otherwise read only;
 * - viewer: read only.
 */
export interface Principal {
  role: string;
  unitId: number | null;
}

const OFFICE = new Set(['admin', 'coordinator', 'system']);

export function canWriteUnitRecords(p: Principal, unitId: number): boolean {
  if (OFFICE.has(p.role)) return true;
  return p.role === 'reporter' && p.unitId !== null && p.unitId === unitId;
}

/** The coordinating office (admins and coordinators, and the command line): approves, manages units and plans. */
export const isOffice = (p: Principal): boolean => OFFICE.has(p.role);
export const canManageUsers = (p: Principal): boolean => p.role === 'admin' || p.role === 'system';
export const canManageUnits = isOffice;
export const canReadAudit = isOffice;

/** Minimum password rules; returns the problem in Vietnamese, or null. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < 10) return 'mật khẩu phải có ít nhất 10 ký tự';
  if (password.length > 200) return 'mật khẩu dài quá 200 ký tự';
  if (!/\p{L}/u.test(password) || !/\p{N}/u.test(password)) return 'mật khẩu phải có cả chữ và số';
  if (password.toLowerCase().includes(username.toLowerCase())) return 'mật khẩu không được chứa tên đăng nhập';
  return null;
}

/**
 * Who may write a record of `type` for `unitId`: the office any; a reporter its own unit's; an inspector
 * its own unit's inspections.
 */
export function canWriteRecord(p: Principal, type: string, unitId: number): boolean {
  if (canWriteUnitRecords(p, unitId)) return true;
  return type === 'inspection' && p.role === 'inspector' && p.unitId !== null && p.unitId === unitId;
}

/**
 * Who may send a file at all (evidence, a document to read): the roles that write something. A viewer
 * reads only; the file is refused before a byte of it is read.
 */
export const canSendFiles = (p: Principal): boolean =>
  OFFICE.has(p.role) || p.role === 'reporter' || p.role === 'inspector';

/** Who may import records of `type` from a spreadsheet (each row's unit is checked again). */
export const canImportRecords = (p: Principal, type: string): boolean =>
  OFFICE.has(p.role) || p.role === 'reporter' || (p.role === 'inspector' && type === 'inspection');

/** Who may import communication sessions (each row's unit is checked again). */
export const canImportSessions = (p: Principal): boolean => OFFICE.has(p.role) || p.role === 'reporter';

/** Who may code monitored stories, one by one or from a coding sheet (each story's agency is checked again). */
export const canCodeStories = (p: Principal): boolean => OFFICE.has(p.role) || p.role === 'reporter';
