import { createContext, useContext, useState, type ReactNode } from 'react';
import type { Label } from './api.ts';

export type Lang = 'vi' | 'en';

const STRINGS = {
  appName: { vi: 'BĐG Monitor', en: 'BĐG Monitor' },
  tagline: { vi: 'Theo dõi kế hoạch truyền thông về bình đẳng giới', en: 'Monitoring the gender-equality communication plan' },
  demoBanner: { vi: 'ĐÂY LÀ DỮ LIỆU MẪU (demo): tên đơn vị và số liệu là giả định, không phải số liệu thật.', en: 'DEMO DATA: unit names and figures are made up, not real data.' },
  login: { vi: 'Đăng nhập', en: 'Sign in' },
  logout: { vi: 'Đăng xuất', en: 'Sign out' },
  username: { vi: 'Tên đăng nhập', en: 'Username' },
  password: { vi: 'Mật khẩu', en: 'Password' },
  dashboard: { vi: 'Tổng quan', en: 'Dashboard' },
  units: { vi: 'Đơn vị', en: 'Units' },
  sessions: { vi: 'Hoạt động truyền thông', en: 'Communication sessions' },
  audit: { vi: 'Nhật ký thay đổi', en: 'Audit log' },
  users: { vi: 'Người dùng', en: 'Users' },
  year: { vi: 'Năm', en: 'Year' },
  asOf: { vi: 'Tại ngày', en: 'As of' },
  search: { vi: 'Tìm theo tên hoặc mã (gõ có dấu hoặc không dấu)', en: 'Search by name or code (with or without diacritics)' },
  code: { vi: 'Mã', en: 'Code' },
  name: { vi: 'Tên', en: 'Name' },
  kind: { vi: 'Loại', en: 'Kind' },
  parent: { vi: 'Trực thuộc', en: 'Parent' },
  validity: { vi: 'Hiệu lực', en: 'Valid' },
  history: { vi: 'Lịch sử tên và trực thuộc', en: 'Name and parent history' },
  successors: { vi: 'Kế thừa bởi', en: 'Succeeded by' },
  predecessors: { vi: 'Kế thừa từ', en: 'Succeeds' },
  notOnDate: { vi: 'Đơn vị không còn hiệu lực vào ngày này.', en: 'The unit is not in force on this date.' },
  addSession: { vi: 'Thêm hoạt động', en: 'Add session' },
  editSession: { vi: 'Sửa hoạt động', en: 'Edit session' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  date: { vi: 'Ngày tổ chức', en: 'Date' },
  title: { vi: 'Tên hoạt động', en: 'Title' },
  form: { vi: 'Hình thức', en: 'Form' },
  topics: { vi: 'Chủ đề', en: 'Topics' },
  targetGroups: { vi: 'Đối tượng', en: 'Target groups' },
  participantsTotal: { vi: 'Tổng số người tham dự', en: 'Participants (total)' },
  participantsFemale: { vi: 'Nữ', en: 'Female' },
  participantsMale: { vi: 'Nam', en: 'Male' },
  place: { vi: 'Địa bàn tổ chức (xã, phường)', en: 'Place (commune)' },
  notes: { vi: 'Ghi chú', en: 'Notes' },
  evidence: { vi: 'Minh chứng', en: 'Evidence' },
  upload: { vi: 'Tải tệp lên', en: 'Upload a file' },
  peak: { vi: 'Đợt cao điểm', en: 'Peak period' },
  save: { vi: 'Lưu', en: 'Save' },
  cancel: { vi: 'Huỷ', en: 'Cancel' },
  delete: { vi: 'Xoá', en: 'Delete' },
  edit: { vi: 'Sửa', en: 'Edit' },
  saved: { vi: 'Đã lưu', en: 'Saved' },
  importFile: { vi: 'Nhập từ tệp CSV/XLSX', en: 'Import from CSV/XLSX' },
  importErrors: { vi: 'Tệp có lỗi, chưa ghi dòng nào', en: 'The file has errors; nothing was written' },
  line: { vi: 'Dòng', en: 'Line' },
  column: { vi: 'Cột', en: 'Column' },
  reason: { vi: 'Lý do', en: 'Reason' },
  imported: { vi: 'Đã nhập', en: 'Imported' },
  g1Short: { vi: 'Đơn vị chưa đạt (dưới 2 hoạt động)', en: 'Units short (fewer than 2 sessions)' },
  count: { vi: 'Số hoạt động', en: 'Sessions' },
  area: { vi: 'Địa bàn', en: 'Area' },
  byArea: { vi: 'Theo địa bàn', en: 'By area' },
  byKind: { vi: 'Theo loại đơn vị', en: 'By kind of unit' },
  target: { vi: 'Mục tiêu', en: 'Target' },
  noData: { vi: 'Không có dữ liệu', en: 'No data' },
  units_reaching: { vi: 'đơn vị đạt', en: 'units reach it' },
  trend: { vi: 'Diễn biến qua các năm', en: 'Trend over the years' },
  rule: { vi: 'Cách tính', en: 'How it is computed' },
  when: { vi: 'Thời điểm', en: 'When' },
  who: { vi: 'Người thực hiện', en: 'Who' },
  action: { vi: 'Thao tác', en: 'Action' },
  entity: { vi: 'Đối tượng', en: 'Record' },
  before: { vi: 'Trước', en: 'Before' },
  after: { vi: 'Sau', en: 'After' },
  role: { vi: 'Vai trò', en: 'Role' },
  displayName: { vi: 'Họ tên', en: 'Full name' },
  active: { vi: 'Đang hoạt động', en: 'Active' },
  addUser: { vi: 'Thêm người dùng', en: 'Add user' },
  newPassword: { vi: 'Mật khẩu mới (để trống nếu không đổi)', en: 'New password (leave empty to keep)' },
  all: { vi: 'Tất cả', en: 'All' },
  language: { vi: 'English', en: 'Tiếng Việt' },
  indicators: { vi: 'Chỉ tiêu', en: 'Indicators' },
  indicator: { vi: 'Chỉ tiêu', en: 'Indicator' },
  value: { vi: 'Giá trị', en: 'Value' },
  status: { vi: 'Trạng thái', en: 'Status' },
  projection: { vi: 'Dự báo', en: 'Projection' },
  planVersion: { vi: 'Kế hoạch, phiên bản', en: 'Plan, version' },
  provisional: { vi: 'năm chưa kết thúc, số liệu tạm tính', en: 'the year is not over; figures are provisional' },
  plan: { vi: 'Kế hoạch', en: 'Plan' },
  exportXlsx: { vi: 'Xuất Excel', en: 'Export to Excel' },
  behind: { vi: 'Đứng sau con số', en: 'Behind the figure' },
  goals: { vi: 'Mục tiêu', en: 'Goals' },
  tasks: { vi: 'Nhiệm vụ, giải pháp và đơn vị chịu trách nhiệm', en: 'Task groups and who is responsible' },
  versions: { vi: 'Các phiên bản', en: 'Versions' },
  editTargets: { vi: 'Sửa mục tiêu', en: 'Edit targets' },
  milestones: { vi: 'Mốc', en: 'Milestones' },
  note: { vi: 'Ghi chú thay đổi', en: 'Note on the change' },
  notifications: { vi: 'Thông báo', en: 'Notifications' },
  noNotifications: { vi: 'Chưa có thông báo', en: 'No notifications' },
  markAllRead: { vi: 'Đánh dấu đã đọc tất cả', en: 'Mark all as read' },
  email: { vi: 'E-mail', en: 'E-mail' },
  outbox: { vi: 'Hộp thư đi (chưa cấu hình máy chủ gửi thư: thư được giữ ở đây)', en: 'Outbox (no mail server configured: mail is kept here)' },
  template: { vi: 'Tải mẫu Excel', en: 'Excel template' },
  downloadErrors: { vi: 'Tải danh sách lỗi (Excel)', en: 'Download the errors (Excel)' },
  saveDraft: { vi: 'Lưu nháp', en: 'Save draft' },
  saveSubmit: { vi: 'Lưu và gửi duyệt', en: 'Save and submit' },
  submitAction: { vi: 'Gửi duyệt', en: 'Submit' },
  approve: { vi: 'Duyệt', en: 'Approve' },
  returnAction: { vi: 'Trả lại', en: 'Return' },
  reopen: { vi: 'Mở lại', en: 'Reopen' },
  reasonRequired: { vi: 'Lý do (bắt buộc)', en: 'Reason (required)' },
  historyTitle: { vi: 'Lịch sử duyệt', en: 'Approval history' },
  changedSince: { vi: 'Thay đổi kể từ lần duyệt gần nhất', en: 'Changed since the last approval' },
  inbox: { vi: 'Hồ sơ chờ duyệt', en: 'Awaiting approval' },
  approveSelected: { vi: 'Duyệt các hồ sơ đã chọn', en: 'Approve selected' },
  approvedOnly: { vi: 'Chỉ hồ sơ đã duyệt', en: 'Approved records only' },
  structureView: { vi: 'Cơ cấu đơn vị', en: 'Structure of units' },
  viewPeriod: { vi: 'Theo cơ cấu từng năm', en: 'Structure of each year' },
  viewToday: { vi: 'Quy đổi về cơ cấu hiện nay', en: "Restated on today's structure" },
  allUnits: { vi: 'Toàn bộ', en: 'Everything' },
  conflict: { vi: 'Bản ghi đã được người khác sửa. Dữ liệu bạn nhập vẫn còn trên biểu mẫu; hãy tải lại bản mới rồi nhập lại.', en: 'Someone else changed this record. Your input is still in the form; reload the latest version and re-apply it.' },
} satisfies Record<string, Label>;

export type StringKey = keyof typeof STRINGS;

const LangContext = createContext<{ lang: Lang; setLang: (l: Lang) => void }>({ lang: 'vi', setLang: () => {} });

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem('bdg.lang') === 'en' ? 'en' : 'vi'));
  const setLang = (l: Lang) => {
    localStorage.setItem('bdg.lang', l);
    document.documentElement.lang = l;
    setLangState(l);
  };
  return <LangContext.Provider value={{ lang, setLang }}>{children}</LangContext.Provider>;
}

export function useLang() {
  return useContext(LangContext);
}

/** t('key') in the current language; label(x) for the API's {vi, en} labels. */
export function useT() {
  const { lang } = useLang();
  return {
    lang,
    t: (key: StringKey) => STRINGS[key][lang],
    label: (l: Label | undefined, fallback = '') => (l ? l[lang] : fallback),
  };
}
