import type { Label } from '../api.ts';

/** The names of the codes the client shows: record statuses, roles, conventions' kinds and statuses. */
export const CODE_STRINGS = {
  status_draft: { vi: 'Nháp', en: 'Draft' },
  status_submitted: { vi: 'Chờ duyệt', en: 'Submitted' },
  status_approved: { vi: 'Đã duyệt', en: 'Approved' },
  status_returned: { vi: 'Trả lại', en: 'Returned' },
  role_admin: { vi: 'Quản trị viên', en: 'Administrator' },
  role_coordinator: { vi: 'Cơ quan thường trực', en: 'Coordinator' },
  role_reporter: { vi: 'Báo cáo viên đơn vị', en: 'Unit reporter' },
  role_inspector: { vi: 'Thanh tra, kiểm tra', en: 'Inspector' },
  role_viewer: { vi: 'Lãnh đạo (chỉ xem)', en: 'Viewer' },
  // the Vietnamese names are the terms of art; English keeps them, as the glossary does
  cvKind_huong_uoc: { vi: 'Hương ước', en: 'Hương ước (village convention)' },
  cvKind_quy_uoc: { vi: 'Quy ước', en: 'Quy ước (residential convention)' },
  cvStatus_draft: { vi: 'Dự thảo', en: 'Draft' },
  cvStatus_in_force: { vi: 'Đang có hiệu lực', en: 'In force' },
  cvStatus_under_amendment: { vi: 'Đang sửa đổi', en: 'Under amendment' },
  cvStatus_replaced: { vi: 'Đã được thay thế', en: 'Replaced' },
  cvFinding_open: { vi: 'Chờ xem xét', en: 'To review' },
  cvFinding_confirmed: { vi: 'Đã xác nhận', en: 'Confirmed' },
  cvFinding_dismissed: { vi: 'Đã bỏ qua', en: 'Dismissed' },
  cvFinding_resolved: { vi: 'Đã sửa đổi', en: 'Resolved' },
  changedField: { vi: 'Nội dung thay đổi', en: 'Changed field' },
  screenerRule: { vi: 'Quy tắc của bộ lọc', en: 'Screener rule' },
  ipAddress: { vi: 'Địa chỉ IP', en: 'IP address' },
  bySystem: { vi: 'hệ thống', en: 'system' },
  languageGroup: { vi: 'Ngôn ngữ', en: 'Language' },
  // each language named in itself, whatever the page's language
  langNameVi: { vi: 'Tiếng Việt', en: 'Tiếng Việt' },
  langNameEn: { vi: 'English', en: 'English' },
  httpError: { vi: 'Lỗi {status}', en: 'Error {status}' },
  communicationSessions: { vi: 'Hoạt động truyền thông', en: 'Communication sessions' },
  figuresFromRecords: {
    vi: 'Số liệu tính trực tiếp từ hồ sơ các đơn vị đã ghi nhận.',
    en: 'Figures are computed from the records units entered.',
  },
  assignmentNote: { vi: 'Phân công {code}', en: 'Assignment of {code}' },
} satisfies Record<string, Label>;
