/**
 * The catalogue of error codes. Every error the API returns has the shape
 * `{ error: { code, message, fields? } }`: `code` is stable English for programs, `message` Vietnamese
 * for people, `fields` maps a field name to what is wrong with it. docs/errors.md documents each code
 * (a test keeps the two in step).
 */
export const ERRORS = {
  VALIDATION: { status: 400, message: 'Dữ liệu không hợp lệ' },
  UNAUTHENTICATED: { status: 401, message: 'Bạn chưa đăng nhập hoặc phiên đăng nhập đã hết hạn' },
  BAD_CREDENTIALS: { status: 401, message: 'Tên đăng nhập hoặc mật khẩu không đúng' },
  ACCOUNT_LOCKED: { status: 423, message: 'Tài khoản tạm khoá do đăng nhập sai nhiều lần; vui lòng thử lại sau' },
  CSRF: { status: 403, message: 'Thiếu hoặc sai mã chống giả mạo yêu cầu (X-CSRF-Token)' },
  FORBIDDEN: { status: 403, message: 'Bạn không có quyền thực hiện thao tác này' },
  NOT_FOUND: { status: 404, message: 'Không tìm thấy' },
  CONFLICT: { status: 409, message: 'Bản ghi đã được người khác sửa; hãy tải lại để xem bản mới nhất' },
  DUPLICATE: { status: 409, message: 'Đã tồn tại' },
  LIKELY_DUPLICATE: {
    status: 409,
    message: 'Có vẻ trùng với một bản ghi đã có của đơn vị (cùng ngày, cùng tên); kiểm tra lại trước khi lưu',
  },
  LOCKED: {
    status: 409,
    message: 'Bản ghi đã gửi duyệt hoặc đã duyệt nên không sửa, xoá được; cần được trả lại hoặc mở lại trước',
  },
  INVALID_TRANSITION: { status: 409, message: 'Thao tác không phù hợp với trạng thái hiện tại của bản ghi' },
  IMPORT_INVALID: { status: 422, message: 'Tệp có dòng không hợp lệ; chưa ghi dòng nào' },
  FILE_TOO_LARGE: { status: 413, message: 'Tệp vượt quá dung lượng cho phép' },
  FILE_TYPE: { status: 415, message: 'Loại tệp không được chấp nhận' },
  FILE_TOO_COMPLEX: {
    status: 422,
    message:
      'Tệp quá phức tạp để đọc an toàn (quá nhiều phần, nén quá mức hoặc đọc quá lâu); hãy chia nhỏ hoặc lưu lại tệp',
  },
  BODY_TOO_LARGE: { status: 413, message: 'Nội dung gửi lên vượt quá dung lượng cho phép' },
  RATE_LIMITED: { status: 429, message: 'Quá nhiều yêu cầu; vui lòng thử lại sau ít phút' },
  STORAGE: {
    status: 507,
    message:
      'Máy chủ không ghi được tệp (đĩa đầy hoặc thư mục dữ liệu không ghi được); chưa lưu gì, hãy báo quản trị viên',
  },
  UNAVAILABLE: {
    status: 503,
    message: 'Cơ sở dữ liệu tạm thời không truy cập được hoặc đang bận; vui lòng thử lại sau ít phút',
  },
  STALE_FIGURES: {
    status: 409,
    message: 'Số liệu đã thay đổi từ khi bản nháp được cập nhật; cập nhật số liệu, xem lại rồi mới ban hành',
  },
  PDF_UNAVAILABLE: {
    status: 501,
    message: 'Máy chủ chưa cài LibreOffice nên chưa xuất được PDF; tải bản DOCX hoặc nhờ quản trị viên cài đặt',
  },
  INTERNAL: { status: 500, message: 'Lỗi hệ thống; vui lòng thử lại hoặc báo quản trị viên' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

export interface RowError {
  line: number;
  column?: string;
  reason: string;
}

/** An error the API turns into `{ error: { code, message, fields?, rows? } }` with its HTTP status. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly fields?: Record<string, string>,
    readonly rows?: RowError[],
    /** LIKELY_DUPLICATE: the id of the stored record the new one seems to repeat */
    readonly duplicateOf?: number,
  ) {
    super(message ?? ERRORS[code].message);
    this.status = ERRORS[code].status;
  }
}

/** A validation error naming its fields. */
export function invalid(fields: Record<string, string>, message?: string): AppError {
  return new AppError(
    'VALIDATION',
    message ?? `${ERRORS.VALIDATION.message}: ${Object.values(fields).join('; ')}`,
    fields,
  );
}
