import { AppError } from '../core/errors.ts';

/**
 * Every error of the database mapped once, here, to what the caller should hear — routes never catch
 * database errors themselves. Both engines raise errors with a SQLSTATE `code` and, for constraints, a
 * `detail` such as `Key (code)=(X01) already exists.`, which names the field.
 */
interface DbErrorLike {
  code?: unknown;
  detail?: unknown;
  message?: unknown;
}

const camel = (column: string): string => column.trim().replace(/_([a-z])/gu, (_m, c: string) => c.toUpperCase());

/** The columns named by a constraint error's detail, as API field names. */
function keyFields(detail: unknown): string[] {
  const m = typeof detail === 'string' ? /Key \(([^)]+)\)/u.exec(detail) : null;
  return m ? m[1]!.split(',').map(camel) : [];
}

const fieldsOf = (names: string[], reason: string): Record<string, string> | undefined =>
  names.length ? Object.fromEntries(names.map((n) => [n, reason])) : undefined;

/** Errors of the network or of a server going away: the database is unreachable for now. */
const CONNECTION_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);
const CONNECTION_MESSAGES = [
  'Connection terminated',
  'connection terminated',
  'Client has encountered a connection error',
  'timeout exceeded when trying to connect',
  'Cannot use a pool after calling end',
  'Query read timeout',
];

/** True when `e` says the database could not be reached or went away (not a fault of the request). */
export function isConnectionError(e: unknown): boolean {
  const err = e as DbErrorLike;
  const code = typeof err?.code === 'string' ? err.code : '';
  if (CONNECTION_ERRNO.has(code)) return true;
  // 08P01 is a protocol violation caused by the request (a NUL in a query), not a lost connection
  if (code.startsWith('08') && code !== '08P01') return true;
  if (['57P01', '57P02', '57P03', '53300', '53000'].includes(code)) return true;
  const message = typeof err?.message === 'string' ? err.message : '';
  return CONNECTION_MESSAGES.some((m) => message.includes(m));
}

/** The AppError a database error stands for, or null when it is not one the request caused or can retry. */
export function fromDatabaseError(e: unknown): AppError | null {
  if (isConnectionError(e)) return new AppError('UNAVAILABLE');
  const err = e as DbErrorLike;
  const code = typeof err?.code === 'string' && /^[0-9A-Z]{5}$/u.test(err.code) ? err.code : null;
  if (!code) return null;
  const fields = keyFields(err.detail);
  switch (code) {
    case '23505':
      return new AppError(
        'DUPLICATE',
        fields.length ? `Đã tồn tại bản ghi cùng ${fields.join(', ')}` : undefined,
        fieldsOf(fields, 'giá trị này đã có'),
      );
    case '23503':
      return typeof err.detail === 'string' && err.detail.includes('still referenced')
        ? new AppError('CONFLICT', 'Không xoá, sửa được vì dữ liệu khác đang dùng bản ghi này')
        : new AppError('VALIDATION', 'Dữ liệu tham chiếu tới bản ghi không tồn tại', fieldsOf(fields, 'không tồn tại'));
    case '23502':
    case '23514':
    case '23P01':
      return new AppError('VALIDATION', 'Dữ liệu không thoả điều kiện của hệ thống', fieldsOf(fields, 'không hợp lệ'));
    case '40001':
    case '40P01':
    case '55P03':
      return new AppError('UNAVAILABLE', 'Hệ thống đang bận xử lý yêu cầu khác trên cùng dữ liệu; vui lòng thử lại');
    case '25006':
      // connected to a standby (after a failover, the old primary comes back read-only)
      return new AppError(
        'UNAVAILABLE',
        'Cơ sở dữ liệu đang ở chế độ chỉ đọc (máy dự phòng); vui lòng thử lại sau ít phút',
      );
    case '57014':
      return new AppError('UNAVAILABLE', 'Yêu cầu chạy quá lâu và đã bị dừng; vui lòng thử lại hoặc thu hẹp phạm vi');
    case '08P01':
      return new AppError('VALIDATION', 'Dữ liệu chứa ký tự không hợp lệ');
  }
  // class 22: data exceptions (out of range, invalid text representation, NUL, bad dates, too long)
  if (code.startsWith('22')) {
    return new AppError('VALIDATION', 'Giá trị nằm ngoài phạm vi cho phép hoặc sai định dạng');
  }
  return null;
}
