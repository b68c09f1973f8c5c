import { createContext, useContext, useState, type ReactNode } from 'react';
import type { Label } from './api.ts';
import { MEDIA_STRINGS } from './strings/media.ts';
import { SURVEY_STRINGS } from './strings/surveys.ts';
import { CODE_STRINGS } from './strings/codes.ts';

export type Lang = 'vi' | 'en';

const OWN_STRINGS = {
  appName: { vi: 'BĐG Monitor', en: 'BĐG Monitor' },
  tagline: {
    vi: 'Theo dõi kế hoạch truyền thông về bình đẳng giới',
    en: 'Monitoring the gender-equality communication plan',
  },
  demoBanner: {
    vi: 'ĐÂY LÀ DỮ LIỆU MẪU (demo): tên đơn vị và số liệu là giả định, không phải số liệu thật.',
    en: 'DEMO DATA: unit names and figures are made up, not real data.',
  },
  login: { vi: 'Đăng nhập', en: 'Sign in' },
  logout: { vi: 'Đăng xuất', en: 'Sign out' },
  username: { vi: 'Tên đăng nhập', en: 'Username' },
  password: { vi: 'Mật khẩu', en: 'Password' },
  changePassword: { vi: 'Đổi mật khẩu', en: 'Change password' },
  currentPassword: { vi: 'Mật khẩu hiện tại', en: 'Current password' },
  ownNewPassword: { vi: 'Mật khẩu mới', en: 'New password' },
  repeatPassword: { vi: 'Nhập lại mật khẩu mới', en: 'New password again' },
  passwordRules: {
    vi: 'Ít nhất 10 ký tự, có cả chữ và số, không chứa tên đăng nhập.',
    en: 'At least 10 characters, letters and digits, not containing the username.',
  },
  passwordsDiffer: { vi: 'Hai lần nhập mật khẩu mới không khớp', en: 'The two new passwords differ' },
  passwordChanged: {
    vi: 'Đã đổi mật khẩu; các phiên đăng nhập trên thiết bị khác đã kết thúc',
    en: 'Password changed; sessions on other devices were signed out',
  },
  notForRoleTitle: { vi: 'Trang này không dành cho vai trò của bạn', en: 'This page is not for your role' },
  notForRoleText: {
    vi: 'Trang này chỉ dành cho cơ quan thường trực (hoặc quản trị viên). Hãy chọn một trang trong trình đơn.',
    en: 'This page is for the coordinating office (or administrators). Choose a page from the menu.',
  },
  toHome: { vi: 'Về trang tổng quan', en: 'Go to the dashboard' },
  dashboard: { vi: 'Tổng quan', en: 'Dashboard' },
  menu: { vi: 'Trình đơn', en: 'Menu' },
  navOverview: { vi: 'Theo dõi kế hoạch', en: 'Following the plan' },
  navWork: { vi: 'Công việc của đơn vị', en: "Your unit's work" },
  help_dashboard: {
    vi:
      'Các mục tiêu G1–G6 của kế hoạch với số liệu chính thức (hồ sơ đã duyệt) của năm đã chọn. Bấm vào ' +
      'một chỉ số để xem xu hướng và các đơn vị đứng sau con số.',
    en:
      'The plan’s goals G1–G6 with official figures (approved records) of the chosen year. Open an ' +
      'indicator for its trend and the units behind the figure.',
  },
  help_sessions: {
    vi:
      'Các hoạt động truyền thông của đơn vị: ghi lại từng hoạt động với số người tham gia theo giới và ' +
      'minh chứng, rồi gửi duyệt.',
    en:
      'Your unit’s communication sessions: record each with its participants by sex and its evidence, then ' +
      'send it for approval.',
  },
  help_records: {
    vi:
      'Các loại hồ sơ khác của kế hoạch (mô hình, lớp tập huấn, sản phẩm truyền thông…): chọn loại hồ sơ, ' +
      'thêm mới hoặc nhập từ tệp Excel.',
    en:
      'The plan’s other records (models, training courses, media products…): pick a record type, add one, ' +
      'or import a spreadsheet.',
  },
  help_reports: {
    vi: 'Báo cáo định kỳ của các đơn vị theo từng kỳ: ai đã nộp, đúng hạn hay muộn, và tỷ lệ đầy đủ.',
    en: 'The units’ periodic reports of each period: who sent theirs, on time or late, and the completeness.',
  },
  help_inbox: {
    vi: 'Hồ sơ các đơn vị đã gửi, chờ cơ quan thường trực duyệt hoặc trả lại kèm lý do.',
    en: 'Records the units sent, waiting for the coordinating office to approve them or return them with a reason.',
  },
  help_conventions: {
    vi:
      'Hương ước, quy ước của thôn, tổ dân phố: đăng ký văn bản, xem các điều khoản bộ lọc đánh dấu có thể ' +
      'phân biệt đối xử về giới, xác nhận hoặc bỏ qua.',
    en:
      'Village conventions: register a text, review the clauses the screener flags as possibly ' +
      'discriminating by gender, confirm or dismiss each.',
  },
  help_media: {
    vi:
      'Báo chí, truyền thông: cơ quan báo chí tự đánh giá theo Bộ chỉ số giới trong truyền thông và theo ' +
      'dõi nội dung tin bài.',
    en: 'Media: agencies assess themselves against the Gender Indicator Set in media and monitor their content.',
  },
  help_surveys: {
    vi:
      'Khảo sát nhận thức về bình đẳng giới: bộ câu hỏi, các đợt khảo sát, dữ liệu thu thập và mức thay ' +
      'đổi so với đợt đầu kỳ 2025 (mục tiêu G5).',
    en: 'Awareness surveys: instruments, waves, field data and the change against the 2025 baseline (goal G5).',
  },
  help_plan: {
    vi: 'Kế hoạch dưới dạng dữ liệu: mục tiêu, chỉ số, mục tiêu từng năm và nhiệm vụ của các đơn vị.',
    en: 'The plan as data: goals, indicators, yearly targets and the units’ tasks.',
  },
  help_units: {
    vi: 'Danh sách đơn vị theo từng thời điểm: sau sắp xếp năm 2025, lịch sử các đơn vị cũ vẫn giữ nguyên.',
    en: 'The units at any date: after the 2025 reform, the history of former units stays as it was.',
  },
  help_screen: {
    vi:
      'Dán một đoạn văn bản (hoặc tải tệp) để bộ lọc đánh dấu những câu có thể phân biệt đối xử về giới; ' +
      'người đọc quyết định.',
    en:
      'Paste a text (or upload a file) for the screener to flag sentences that may discriminate by gender; ' +
      'a person decides.',
  },
  help_audit: {
    vi: 'Mọi thay đổi dữ liệu: ai, lúc nào, trường nào đổi từ giá trị nào sang giá trị nào.',
    en: 'Every change to the data: who, when, and which field changed from what to what.',
  },
  help_users: {
    vi: 'Tài khoản người dùng, vai trò và đơn vị của từng người; mở khoá tài khoản bị khoá do đăng nhập sai.',
    en: 'User accounts, each one’s role and unit; unlock accounts locked after failed sign-ins.',
  },
  help_indicators: {
    vi: 'Một chỉ số: giá trị qua các năm so với mục tiêu, quy tắc xác định trạng thái và các đơn vị đứng sau con số.',
    en:
      'One indicator: its values over the years against the targets, the rule that decided its status, and ' +
      'the units behind the figure.',
  },
  navOffice: { vi: 'Cơ quan thường trực', en: 'Coordinating office' },
  navTools: { vi: 'Công cụ', en: 'Tools' },
  media: { vi: 'Báo chí, truyền thông', en: 'Media' },
  surveys: { vi: 'Khảo sát nhận thức', en: 'Awareness surveys' },
  instruments: { vi: 'Bộ câu hỏi', en: 'Instruments' },
  registerDefault: { vi: 'Đăng ký bộ câu hỏi mặc định', en: 'Register the default instrument' },
  downloadXlsForm: { vi: 'Tải XLSForm (ODK, KoboToolbox)', en: 'Download the XLSForm (ODK, KoboToolbox)' },
  waves: { vi: 'Đợt khảo sát', en: 'Survey waves' },
  newWave: { vi: 'Tạo đợt khảo sát', en: 'New wave' },
  responses: { vi: 'Người trả lời', en: 'Respondents' },
  publicForm: { vi: 'Biểu mẫu công khai', en: 'Public form' },
  openForm: { vi: 'Mở biểu mẫu', en: 'Open the form' },
  closeForm: { vi: 'Đóng biểu mẫu', en: 'Close the form' },
  closed: { vi: 'Đang đóng', en: 'Closed' },
  invitations: { vi: 'Thư mời', en: 'Invitations' },
  stratum: { vi: 'Tầng', en: 'Stratum' },
  cluster: { vi: 'Cụm', en: 'Cluster' },
  weight: { vi: 'Trọng số', en: 'Weight' },
  waveGroups: { vi: 'Nhóm đối tượng', en: 'Target groups' },
  waveAreas: { vi: 'Địa bàn khảo sát', en: 'Areas surveyed' },
  waveAreasHelp: { vi: 'Để trống nếu khảo sát cả tỉnh', en: 'Leave empty for the whole province' },
  waveScope: { vi: 'Đối tượng, địa bàn', en: 'Groups, areas' },
  scopeGroups: { vi: '{n} nhóm', en: '{n} groups' },
  scopeAllGroups: { vi: 'mọi nhóm', en: 'all groups' },
  scopeAreas: { vi: '{n} địa bàn', en: '{n} areas' },
  scopeProvince: { vi: 'cả tỉnh', en: 'whole province' },
  invitationsOf: { vi: 'Thư mời trả lời', en: 'Invitations to answer' },
  invitationsHelp: {
    vi:
      'Mỗi thư mời là một liên kết riêng, trả lời được một lần. Đợt chọn mẫu theo tầng, cụm, trọng số: ' +
      'tải lên danh sách mẫu (cột label và các cột của thiết kế mẫu), câu trả lời mang giá trị của người được chọn.',
    en:
      'Each invitation is a link of its own, answered once. A wave sampled by strata, clusters or weights: ' +
      'upload the sample list (a label column and the design columns); each answer carries its respondent’s values.',
  },
  invitationCount: { vi: 'Số thư mời', en: 'Number of invitations' },
  makeInvitations: { vi: 'Tạo thư mời', en: 'Make invitations' },
  sampleList: { vi: 'Tải lên danh sách mẫu', en: 'Upload the sample list' },
  invitationsMade: {
    vi: 'Đã tạo {n} thư mời. Liên kết chỉ hiện lần này: hãy tải về ngay.',
    en: '{n} invitations made. The links are shown this once: download them now.',
  },
  downloadLinks: { vi: 'Tải liên kết (.xlsx)', en: 'Download the links (.xlsx)' },
  invited: { vi: 'Người được mời', en: 'Invited' },
  answered: { vi: 'Đã trả lời', en: 'Answered' },
  answeredAt: { vi: 'Đã trả lời lúc', en: 'Answered at' },
  notAnswered: { vi: 'Chưa trả lời', en: 'Not answered' },
  responseRate: { vi: 'Tỷ lệ trả lời', en: 'Response rate' },
  withdraw: { vi: 'Thu hồi', en: 'Withdraw' },
  surveyInvited: {
    vi: 'thư mời riêng của anh/chị, trả lời một lần',
    en: 'your own invitation, answered once',
  },
  invitationUsed: {
    vi: 'Thư mời này đã được dùng để trả lời. Cảm ơn anh/chị đã tham gia!',
    en: 'This invitation has already been answered. Thank you for taking part!',
  },
  results: { vi: 'Kết quả', en: 'Results' },
  scale: { vi: 'Thang điểm', en: 'Scale' },
  groupBy: { vi: 'Theo nhóm', en: 'By group' },
  mean: { vi: 'Điểm trung bình', en: 'Mean' },
  interval: { vi: 'KTC 95%', en: '95% CI' },
  designEffect: { vi: 'Hiệu ứng thiết kế', en: 'Design effect' },
  notPublished: { vi: 'dưới 30 người: không công bố', en: 'under 30: not published' },
  baselineWave: { vi: 'Đợt đầu kỳ', en: 'Baseline wave' },
  followupWave: { vi: 'Đợt so sánh', en: 'Follow-up wave' },
  change: { vi: 'Thay đổi', en: 'Change' },
  verdict: { vi: 'Kết luận (chỉ tiêu +10%)', en: 'Verdict (target +10%)' },
  columnsReport: { vi: 'Đối chiếu cột', en: 'Column report' },
  submitAnswers: { vi: 'Gửi câu trả lời', en: 'Send my answers' },
  thanks: { vi: 'Cảm ơn anh/chị đã trả lời!', en: 'Thank you for your answers!' },
  fixAnswers: { vi: 'Vui lòng xem lại các câu được đánh dấu', en: 'Please check the marked questions' },
  surveyLoading: { vi: 'Đang tải biểu mẫu…', en: 'Loading the form…' },
  surveyMissing: { vi: 'Biểu mẫu không tồn tại hoặc đã đóng', en: 'The form does not exist or is closed' },
  surveyOffline: {
    vi: 'Chưa tải được biểu mẫu: kiểm tra kết nối mạng rồi thử lại.',
    en: 'The form could not be loaded: check the connection and try again.',
  },
  tryAgain: { vi: 'Thử lại', en: 'Try again' },
  until: { vi: 'đến', en: 'until' },
  surveyAnonymous: { vi: 'không cần đăng nhập, không ghi tên', en: 'no sign-in, no name asked' },
  surveyKept: {
    vi: 'Câu trả lời được giữ trên máy này cho đến khi gửi xong.',
    en: 'Your answers are kept on this device until they are sent.',
  },
  surveyNotSent: {
    vi: 'Chưa gửi được (mất kết nối?). Câu trả lời vẫn được giữ: bấm gửi lại khi có mạng.',
    en: 'Not sent (connection lost?). Your answers are kept: send again when online.',
  },
  sending: { vi: 'Đang gửi…', en: 'Sending…' },
  requiredMark: { vi: 'bắt buộc', en: 'required' },
  surveyNoFiles: {
    vi: 'Biểu mẫu trên web không nhận tệp (ảnh, âm thanh): bỏ qua câu này.',
    en: 'The web form takes no files (photos, sound): skip this question.',
  },
  useMyLocation: { vi: 'Dùng vị trí hiện tại', en: 'Use my location' },
  noPosition: { vi: 'Không lấy được vị trí: hãy nhập tay', en: 'No position available: type it in' },
  level: { vi: 'Mức áp dụng', en: 'Level' },
  units: { vi: 'Đơn vị', en: 'Units' },
  sessions: { vi: 'Hoạt động truyền thông', en: 'Communication sessions' },
  audit: { vi: 'Nhật ký thay đổi', en: 'Audit log' },
  users: { vi: 'Người dùng', en: 'Users' },
  year: { vi: 'Năm', en: 'Year' },
  asOf: { vi: 'Tại ngày', en: 'As of' },
  search: {
    vi: 'Tìm theo tên hoặc mã (gõ có dấu hoặc không dấu)',
    en: 'Search by name or code (with or without diacritics)',
  },
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
  prefillPreview: {
    vi: 'Số liệu trong kỳ (sẽ điền sẵn vào báo cáo khi lưu)',
    en: "The period's figures (filled into the report when saved)",
  },
  audit_create: { vi: 'Tạo mới', en: 'Created' },
  audit_update: { vi: 'Sửa', en: 'Changed' },
  audit_delete: { vi: 'Xoá', en: 'Deleted' },
  audit_import: { vi: 'Nhập từ tệp', en: 'Imported' },
  audit_login: { vi: 'Đăng nhập', en: 'Signed in' },
  audit_login_past_lock: { vi: 'Đăng nhập khi tên đang tạm khoá', en: 'Signed in past a lock' },
  audit_logout: { vi: 'Đăng xuất', en: 'Signed out' },
  audit_login_failed: { vi: 'Đăng nhập sai', en: 'Failed sign-in' },
  audit_unlock: { vi: 'Mở khoá đăng nhập', en: 'Unlocked' },
  audit_password: { vi: 'Đổi mật khẩu', en: 'Changed password' },
  audit_backup: { vi: 'Sao lưu', en: 'Backup' },
  audit_finalise: { vi: 'Ban hành', en: 'Made final' },
  audit_submit: { vi: 'Gửi duyệt', en: 'Submitted' },
  audit_approve: { vi: 'Duyệt', en: 'Approved' },
  audit_return: { vi: 'Trả lại', en: 'Returned' },
  audit_reopen: { vi: 'Mở lại', en: 'Reopened' },
  entity_app_user: { vi: 'Người dùng', en: 'User' },
  entity_unit: { vi: 'Đơn vị', en: 'Unit' },
  entity_unit_successor: { vi: 'Quan hệ kế thừa đơn vị', en: 'Unit succession' },
  entity_communication_session: { vi: 'Hoạt động truyền thông', en: 'Communication session' },
  entity_plan: { vi: 'Kế hoạch', en: 'Plan' },
  entity_convention: { vi: 'Hương ước, quy ước', en: 'Community convention' },
  entity_convention_finding: { vi: 'Nội dung được sàng lọc', en: 'Screened clause' },
  entity_media_assessment: { vi: 'Bản tự đánh giá (báo chí)', en: 'Media self-assessment' },
  entity_media_story: { vi: 'Tin bài được giám sát', en: 'Monitored story' },
  entity_media_indicator_set: { vi: 'Bộ chỉ số giới trong báo chí', en: 'Gender Indicator Set' },
  entity_monitoring_exercise: { vi: 'Đợt giám sát nội dung', en: 'Monitoring exercise' },
  entity_survey_instrument: { vi: 'Bộ câu hỏi khảo sát', en: 'Survey instrument' },
  entity_survey_wave: { vi: 'Đợt khảo sát', en: 'Survey wave' },
  entity_report_exemption: { vi: 'Miễn báo cáo', en: 'Report exemption' },
  entity_official_report: { vi: 'Báo cáo của kế hoạch', en: 'Official report' },
  entity_database: { vi: 'Cơ sở dữ liệu', en: 'Database' },
  entity_demo: { vi: 'Dữ liệu mẫu (demo)', en: 'Demo data' },
  auditChanges: { vi: 'Thay đổi', en: 'Changes' },
  auditField: { vi: 'Trường', en: 'Field' },
  auditWholeRecord: { vi: '(cả bản ghi)', en: '(the whole record)' },
  unsavedTitle: { vi: 'Rời trang khi chưa lưu?', en: 'Leave without saving?' },
  unsavedText: {
    vi: 'Những gì vừa nhập trên biểu mẫu này chưa được lưu và sẽ mất nếu rời trang.',
    en: 'What you entered on this form has not been saved and will be lost if you leave.',
  },
  unsavedLeave: { vi: 'Rời trang, bỏ thay đổi', en: 'Leave and discard' },
  unsavedStay: { vi: 'Ở lại', en: 'Stay' },
  duplicateTitle: { vi: 'Có vẻ đã ghi rồi', en: 'This looks like a repeat' },
  duplicateSaveAnyway: { vi: 'Vẫn lưu (hoạt động khác)', en: 'Save anyway (a different activity)' },
  duplicateOpen: { vi: 'Mở bản ghi đã có', en: 'Open the stored record' },
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
  lockedUntil: { vi: 'Tạm khoá đăng nhập đến', en: 'Sign-in locked until' },
  unlock: { vi: 'Mở khoá', en: 'Unlock' },
  backup: { vi: 'Tải bản sao lưu', en: 'Download a backup' },
  unlocked: { vi: 'Đã mở khoá đăng nhập', en: 'Sign-in unlocked' },
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
  outbox: {
    vi: 'Hộp thư đi (chưa cấu hình máy chủ gửi thư: thư được giữ ở đây)',
    en: 'Outbox (no mail server configured: mail is kept here)',
  },
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
  unchangedSinceApproval: {
    vi: 'Chưa từng được duyệt, hoặc không đổi gì kể từ lần duyệt gần nhất',
    en: 'Never approved, or unchanged since the last approval',
  },
  returnedBecause: {
    vi: 'Cơ quan thường trực đã trả lại hồ sơ này để sửa',
    en: 'The office returned this record to be fixed',
  },
  awaitsYourReview: { vi: 'Hồ sơ đang chờ duyệt:', en: 'This record awaits approval:' },
  inbox: { vi: 'Hồ sơ chờ duyệt', en: 'Awaiting approval' },
  approveSelected: { vi: 'Duyệt các hồ sơ đã chọn', en: 'Approve selected' },
  includePending: {
    vi: 'Tính cả hồ sơ chờ duyệt (số liệu tạm)',
    en: 'Include records awaiting approval (provisional)',
  },
  provisionalTag: { vi: 'Số liệu tạm', en: 'Provisional' },
  structureView: { vi: 'Cơ cấu đơn vị', en: 'Structure of units' },
  viewPeriod: { vi: 'Theo cơ cấu từng năm', en: 'Structure of each year' },
  viewToday: { vi: 'Quy đổi về cơ cấu hiện nay', en: "Restated on today's structure" },
  allUnits: { vi: 'Toàn bộ', en: 'Everything' },
  conflict: {
    vi: 'Bản ghi đã được người khác sửa. Dữ liệu bạn nhập vẫn còn trên biểu mẫu; hãy tải lại bản mới rồi nhập lại.',
    en: 'Someone else changed this record. Your input is still in the form; reload the latest version and re-apply it.',
  },
  records: { vi: 'Hồ sơ báo cáo', en: 'Records' },
  reports: { vi: 'Báo cáo định kỳ', en: 'Periodic reports' },
  ptTitle: { vi: 'Bình đẳng giới: tiến độ công khai', en: 'Gender equality: public progress' },
  ptProgress: { vi: 'Tiến độ kế hoạch', en: 'Progress of the plan' },
  ptLibrary: { vi: 'Tài liệu truyền thông', en: 'Communication materials' },
  ptReport: { vi: 'Phản ánh', en: 'Report a problem' },
  ptSurveys: { vi: 'Khảo sát đang mở', en: 'Open surveys' },
  ptPortalLink: { vi: 'Xem tiến độ công khai (không cần đăng nhập)', en: 'See the public progress (no sign-in)' },
  ptStaff: { vi: 'Cán bộ đăng nhập', en: 'Staff sign-in' },
  ptDemo: {
    vi: 'ĐÂY LÀ DỮ LIỆU MẪU (demo): tên đơn vị và số liệu là giả định, không phải số liệu thật.',
    en: 'DEMO DATA: unit names and figures are made up, not real data.',
  },
  ptNoReport: {
    vi: 'Chưa có báo cáo nào được ban hành; số liệu sẽ hiện ở đây khi cơ quan thường trực ban hành báo cáo.',
    en: 'No report has been made final yet; figures appear here once the office publishes one.',
  },
  ptFrom: { vi: 'Theo báo cáo', en: 'From the report' },
  ptFinalised: { vi: 'ban hành ngày', en: 'made final on' },
  ptVersion: { vi: 'phiên bản', en: 'version' },
  ptIndicator: { vi: 'Chỉ tiêu', en: 'Indicator' },
  ptTarget: { vi: 'Mục tiêu', en: 'Target' },
  ptValue: { vi: 'Kết quả', en: 'Result' },
  ptStatus: { vi: 'Đánh giá', en: 'Assessment' },
  ptOpenData: { vi: 'Dữ liệu mở của báo cáo này:', en: 'Open data of this report:' },
  ptOtherReports: { vi: 'Các báo cáo đã ban hành', en: 'Reports made final' },
  ptShow: { vi: 'Xem', en: 'Show' },
  ptNoSurvey: { vi: 'Hiện không có khảo sát nào đang mở.', en: 'No survey is open now.' },
  ptUntil: { vi: 'đến hết ngày', en: 'until' },
  ptSearch: { vi: 'Tìm tài liệu (có hoặc không dấu)', en: 'Search materials (with or without diacritics)' },
  ptSearchButton: { vi: 'Tìm', en: 'Search' },
  ptTopic: { vi: 'Chủ đề', en: 'Topic' },
  ptGroup: { vi: 'Nhóm đối tượng', en: 'Target group' },
  ptKind: { vi: 'Loại tài liệu', en: 'Kind' },
  ptAll: { vi: 'Tất cả', en: 'All' },
  ptFound: { vi: 'tài liệu', en: 'materials' },
  ptNoFile: { vi: 'Chưa có tệp đính kèm', en: 'No file attached' },
  ptPrev: { vi: 'Trang trước', en: 'Previous page' },
  ptNext: { vi: 'Trang sau', en: 'Next page' },
  ptPage: { vi: 'Trang', en: 'Page' },
  ptReportIntro: {
    vi: 'Bạn thấy thông tin sai lệch về bình đẳng giới, hoặc một điều khoản hương ước, quy ước có thể phân biệt đối xử theo giới? Hãy cho chúng tôi biết. Họ tên và cách liên hệ không bắt buộc.',
    en: 'Seen false information about gender equality, or a clause of a village convention that may discriminate by gender? Tell us. Your name and contact are optional.',
  },
  ptReportKind: { vi: 'Loại phản ánh', en: 'What you report' },
  ptKindFalse: { vi: 'Thông tin sai lệch về bình đẳng giới', en: 'False information about gender equality' },
  ptKindClause: {
    vi: 'Điều khoản hương ước, quy ước phân biệt đối xử',
    en: 'A discriminatory clause of a village convention',
  },
  ptText: { vi: 'Nội dung phản ánh', en: 'What you saw' },
  ptPlace: { vi: 'Nơi thấy (thôn, xã, trang mạng)', en: 'Where (village, commune, website)' },
  ptLink: { vi: 'Đường dẫn (nếu có)', en: 'Link (if any)' },
  ptName: { vi: 'Họ tên (không bắt buộc)', en: 'Name (optional)' },
  ptContact: { vi: 'Số điện thoại hoặc e-mail (không bắt buộc)', en: 'Phone or e-mail (optional)' },
  ptSend: { vi: 'Gửi phản ánh', en: 'Send' },
  ptSent: { vi: 'Đã nhận phản ánh số', en: 'Received: report number' },
  ptSentNext: {
    vi: 'Cơ quan thường trực sẽ xem xét và xử lý. Cảm ơn bạn.',
    en: 'The coordinating office will look into it. Thank you.',
  },
  ptError: { vi: 'Chưa gửi được', en: 'Not sent' },
  ptLoading: { vi: 'Đang tải…', en: 'Loading…' },
  ptFooter: {
    vi: 'Số liệu trên trang này lấy từ các báo cáo đã được ban hành; báo cáo đã ban hành không thay đổi, đính chính là một phiên bản mới.',
    en: 'Figures on this page come from reports made final; a final report never changes, a correction is a new version.',
  },
  'public-reports': { vi: 'Phản ánh của người dân', en: 'Reports from the public' },
  'help_public-reports': {
    vi: 'Phản ánh gửi qua cổng công khai: tiếp nhận thành vụ việc thông tin sai lệch của một đơn vị hoặc nội dung phân biệt của một hương ước, hoặc không tiếp nhận kèm lý do.',
    en: 'Reports sent through the public portal: accept one as a false-information case of a unit or a finding of a convention, or reject it with a reason.',
  },
  prReceived: { vi: 'Ngày gửi', en: 'Received' },
  prPending: { vi: 'Chờ xử lý', en: 'Pending' },
  prAccepted: { vi: 'Đã tiếp nhận', en: 'Accepted' },
  prRejected: { vi: 'Không tiếp nhận', en: 'Rejected' },
  prAccept: { vi: 'Tiếp nhận', en: 'Accept' },
  prReject: { vi: 'Không tiếp nhận', en: 'Reject' },
  prUnit: { vi: 'Đơn vị xử lý', en: 'Unit in charge' },
  prConvention: { vi: 'Hương ước, quy ước', en: 'Convention' },
  prLocation: { vi: 'Vị trí điều khoản (ví dụ "Điều 5")', en: 'Clause (e.g. "Article 5")' },
  prReason: { vi: 'Lý do không tiếp nhận', en: 'Reason for rejecting' },
  prSender: { vi: 'Người gửi', en: 'Sender' },
  prAnonymous: { vi: '(không để lại tên)', en: '(anonymous)' },
  prDone: { vi: 'Đã xử lý phản ánh', en: 'Report handled' },
  prOpenRecord: { vi: 'Mở vụ việc', en: 'Open the case' },
  prOpenConvention: { vi: 'Mở hương ước', en: 'Open the convention' },
  leaders: { vi: 'Bảng điều hành', en: "Leaders' dashboard" },
  help_leaders: {
    vi: 'Kế hoạch trong một trang cho lãnh đạo: mỗi chỉ tiêu một ô (kết quả, mục tiêu, đánh giá, xu hướng), chọn một chỉ tiêu để xem diễn biến, xếp hạng địa bàn, đơn vị chưa đạt và bản đồ. In được, tải biểu đồ thành ảnh PNG.',
    en: 'The plan on one page for leaders: a tile per indicator (value, target, status, trend); pick one for its trend, the areas ranked, the units short of it and the map. Printable; charts download as PNG.',
  },
  ldPrint: { vi: 'In trang', en: 'Print' },
  ldAreasRanked: { vi: 'Xếp hạng địa bàn', en: 'Areas ranked' },
  ldShort: { vi: 'Đơn vị chưa đạt', en: 'Units short of it' },
  ldTheirs: { vi: 'Số liệu', en: 'Figure' },
  ldCompleteness: { vi: 'Tình hình báo cáo kỳ gần nhất đã hết hạn', en: 'Reports of the last period due' },
  ldComplete: { vi: 'Tỷ lệ đầy đủ', en: 'Complete' },
  ldOnTime: { vi: 'Tỷ lệ đúng hạn', en: 'On time' },
  ldMap: { vi: 'Bản đồ', en: 'Map' },
  ldMadeUp: {
    vi: 'Ranh giới trên bản đồ là giả định (dữ liệu mẫu), không phải ranh giới thật.',
    en: 'The boundaries on this map are made up (demo data), not real ones.',
  },
  ldPng: { vi: 'Tải ảnh PNG', en: 'Download PNG' },
  boundaries: { vi: 'Ranh giới địa bàn (GeoJSON)', en: 'Area boundaries (GeoJSON)' },
  boundariesUploaded: { vi: 'Đã nạp ranh giới của', en: 'Boundaries loaded for' },
  'official-reports': { vi: 'Báo cáo kế hoạch', en: 'Plan reports' },
  orHalfYear: { vi: 'Báo cáo 6 tháng', en: 'Six-month report' },
  orYearly: { vi: 'Báo cáo năm', en: 'Yearly report' },
  orReview: { vi: 'Báo cáo sơ kết, tổng kết', en: 'Review report' },
  orNew: { vi: 'Lập báo cáo mới', en: 'Start a report' },
  orNewHelp: {
    vi: 'Số liệu lấy từ hồ sơ đã duyệt ngay lúc lập; cơ quan thường trực viết các phần nhận định rồi ban hành. Báo cáo đã ban hành không thay đổi; muốn sửa thì lập bản đính chính.',
    en: 'Figures come from the approved records when the draft is made; the office writes the assessment, then makes it final. A final report never changes; a correction is a new version.',
  },
  orKind: { vi: 'Loại báo cáo', en: 'Kind of report' },
  orArea: { vi: 'Địa bàn', en: 'Area' },
  orCreate: { vi: 'Lập bản nháp', en: 'Make a draft' },
  orTitle: { vi: 'Báo cáo', en: 'Report' },
  orWholeProvince: { vi: 'Toàn tỉnh', en: 'Whole province' },
  orVersion: { vi: 'Phiên bản', en: 'Version' },
  orFinalisedAt: { vi: 'Ngày ban hành', en: 'Made final on' },
  orFinal: { vi: 'Đã ban hành', en: 'Final' },
  orDraft: { vi: 'Bản nháp', en: 'Draft' },
  orDocx: { vi: 'Tải báo cáo (DOCX)', en: 'Download (DOCX)' },
  orAnnex: { vi: 'Phụ lục (XLSX)', en: 'Annex (XLSX)' },
  orLoadError: { vi: 'Không tải được báo cáo', en: 'The report could not be loaded' },
  orSummary: { vi: 'Đánh giá chung', en: 'Overall assessment' },
  orHighlights: { vi: 'Kết quả nổi bật', en: 'Highlights' },
  orShortcomings: { vi: 'Tồn tại, hạn chế và nguyên nhân', en: 'Shortcomings and causes' },
  orDirections: { vi: 'Phương hướng, nhiệm vụ thời gian tới', en: 'Directions for the next period' },
  orFinaliseTitle: { vi: 'Ban hành báo cáo?', en: 'Make the report final?' },
  orFinaliseText: {
    vi: 'Số liệu được kiểm tra lại với dữ liệu rồi đóng băng; tệp DOCX và phụ lục được lưu kèm mã SHA-256. Sau khi ban hành không sửa được, chỉ lập được bản đính chính.',
    en: 'The figures are checked against the data once more, then frozen; the DOCX and the annex are stored with their SHA-256. A final report cannot be edited, only corrected by a new version.',
  },
  orFinalise: { vi: 'Ban hành', en: 'Make final' },
  orFinalised: { vi: 'Đã ban hành báo cáo', en: 'The report is final' },
  orCorrect: { vi: 'Lập bản đính chính', en: 'Correct it' },
  orChangeNote: { vi: 'Nội dung đính chính (điều sửa và lý do)', en: 'What the correction changes, and why' },
  orCorrectionStarted: {
    vi: 'Đã lập bản đính chính (bản nháp phiên bản mới)',
    en: 'A correction was started (a new draft version)',
  },
  orDeleteTitle: { vi: 'Xoá bản nháp này?', en: 'Delete this draft?' },
  orDelete: { vi: 'Xoá bản nháp', en: 'Delete the draft' },
  orDeleted: { vi: 'Đã xoá bản nháp', en: 'The draft was deleted' },
  orEmpty: {
    vi: 'Trong kỳ chưa có hoạt động nào được duyệt và chưa có chỉ tiêu nào có số liệu; báo cáo sẽ ghi rõ như vậy.',
    en: 'Nothing was approved in the period and no indicator has a value; the report says so.',
  },
  orWindow: { vi: 'Hồ sơ tính từ ngày – đến ngày', en: 'Records counted from – to' },
  orFiguresSha: { vi: 'Mã kiểm tra số liệu (SHA-256)', en: 'Checksum of the figures (SHA-256)' },
  orDocxSha: { vi: 'SHA-256 của tệp DOCX', en: 'SHA-256 of the DOCX' },
  orCorrects: { vi: 'Đính chính', en: 'Corrects' },
  orChanges: { vi: 'Số liệu thay đổi so với phiên bản trước', en: 'Figures changed from the previous version' },
  orRefresh: { vi: 'Cập nhật số liệu', en: 'Update the figures' },
  orRefreshed: { vi: 'Đã cập nhật số liệu từ dữ liệu hiện tại', en: 'Figures updated from the current data' },
  orGoals: { vi: 'Kết quả các chỉ tiêu', en: 'Results by indicator' },
  orNarrative: { vi: 'Các phần nhận định (cơ quan thường trực viết)', en: 'Assessment (written by the office)' },
  orIssuer: { vi: 'Cơ quan ban hành, người ký, nơi nhận', en: 'Issuing body, signer, recipients' },
  orParent: { vi: 'Cơ quan chủ quản', en: 'Parent body' },
  orBody: { vi: 'Cơ quan ban hành', en: 'Issuing body' },
  orSymbol: { vi: 'Ký hiệu (sau số)', en: 'Symbol (after the number)' },
  orPlace: { vi: 'Địa danh', en: 'Place' },
  orSignerName: { vi: 'Người ký', en: 'Signer' },
  orSignerTitle: {
    vi: 'Thẩm quyền, chức vụ người ký (mỗi dòng một dòng)',
    en: 'Signing authority and title (one per line)',
  },
  orRecipients: { vi: 'Nơi nhận (mỗi dòng một nơi)', en: 'Recipients (one per line)' },
  'help_official-reports': {
    vi: 'Báo cáo 6 tháng, năm, sơ kết, tổng kết của kế hoạch theo thể thức Nghị định 30/2020/NĐ-CP: số liệu tính từ hồ sơ đã duyệt, phụ lục nêu đơn vị đứng sau từng số liệu.',
    en: 'Six-month, yearly and review reports of the plan in the format of Decree 30/2020: figures from the approved records, an annex naming the units behind each one.',
  },
  recordType: { vi: 'Loại hồ sơ', en: 'Record type' },
  addRecord: { vi: 'Thêm hồ sơ', en: 'Add a record' },
  editRecord: { vi: 'Sửa hồ sơ', en: 'Edit the record' },
  addItem: { vi: 'Thêm mục', en: 'Add an item' },
  removeItem: { vi: 'Xoá mục', en: 'Remove' },
  yes: { vi: 'Có', en: 'Yes' },
  no: { vi: 'Không', en: 'No' },
  period: { vi: 'Kỳ báo cáo', en: 'Reporting period' },
  window: { vi: 'Thời gian số liệu', en: 'Window' },
  due: { vi: 'Hạn nộp', en: 'Due' },
  expected: { vi: 'Phải báo cáo', en: 'Expected' },
  complete: { vi: 'Đã nộp', en: 'Sent' },
  onTime: { vi: 'Đúng hạn', en: 'On time' },
  late: { vi: 'Muộn', en: 'Late' },
  lateByDays: { vi: 'Muộn {n} ngày', en: '{n} days late' },
  daysLeft: { vi: 'Chưa nộp, còn {n} ngày', en: 'Not sent, {n} days left' },
  homeUnit: { vi: 'Việc của đơn vị', en: 'Your unit’s work' },
  homeReports: { vi: 'Báo cáo định kỳ phải nộp', en: 'Periodic reports due' },
  homeReturned: { vi: 'Bị trả lại, cần sửa', en: 'Returned, to be fixed' },
  homeDrafts: { vi: 'Nháp chưa gửi', en: 'Drafts not sent' },
  homeNothing: { vi: 'Không có', en: 'None' },
  homeOffice: { vi: 'Việc của cơ quan thường trực', en: 'The coordinating office’s work' },
  homeAwaiting: { vi: 'hồ sơ chờ duyệt', en: 'records awaiting approval' },
  homeOverdue: { vi: 'Đơn vị chưa nộp báo cáo', en: 'Units that have not reported' },
  homeAtRisk: { vi: 'Chỉ tiêu có nguy cơ hoặc chậm tiến độ', en: 'Indicators at risk or off track' },
  missing: { vi: 'Chưa nộp', en: 'Not sent' },
  exempted: { vi: 'Được miễn', en: 'Exempted' },
  exempt: { vi: 'Miễn báo cáo', en: 'Exempt' },
  unexempt: { vi: 'Bỏ miễn', en: 'Remove exemption' },
  notExpected: { vi: 'Không thuộc diện', en: 'Not expected' },
  reportStatus: { vi: 'Báo cáo', en: 'Report' },
  recordsInWindow: { vi: 'Hồ sơ trong kỳ (đã duyệt / chờ duyệt)', en: 'Records in the window (approved / awaiting)' },
  completeRate: { vi: 'Tỷ lệ đầy đủ', en: 'Completeness' },
  onTimeRate: { vi: 'Tỷ lệ đúng hạn', en: 'Timeliness' },
  writeReport: { vi: 'Lập báo cáo kỳ này', en: "Write this period's report" },
  openReport: { vi: 'Mở báo cáo', en: 'Open the report' },
  summaryOfWindow: {
    vi: 'Số liệu của đơn vị trong kỳ (tự tổng hợp khi lưu)',
    en: "The unit's figures in the window (compiled on save)",
  },
  activitiesInMonth: {
    vi: 'Hoạt động trong Tháng hành động (15/11–15/12)',
    en: 'Activities in the Action Month (15/11–15/12)',
  },
  total: { vi: 'Tổng', en: 'Total' },
  approvedCount: { vi: 'Đã duyệt', en: 'Approved' },
  screen: { vi: 'Sàng lọc văn bản', en: 'Screen a text' },
  screenHelp: {
    vi:
      'Dán hương ước, quy ước hoặc bản thảo tin bài. Công cụ chỉ ra điều, khoản có thể phân biệt đối xử ' +
      'hoặc định kiến giới để người đọc xem xét; kết quả không thay cho đánh giá của con người.',
    en:
      'Paste a convention or a draft. The screener points at clauses that may discriminate or stereotype, ' +
      'for a person to judge; it does not replace that judgement.',
  },
  screenRun: { vi: 'Sàng lọc', en: 'Screen' },
  findingsIn: { vi: 'chỗ cần xem lại trong', en: 'places to review in' },
  parts: { vi: 'điều, khoản, đoạn', en: 'parts' },
  discrimination: { vi: 'Phân biệt đối xử', en: 'Discrimination' },
  stereotype: { vi: 'Định kiến giới', en: 'Stereotype' },
  described: { vi: 'Tập tục được mô tả', en: 'Described practice' },
  possible: { vi: 'Có thể cần xem lại', en: 'Possible, to review' },
  discriminationHint: {
    vi: 'Mức cao: văn bản quy định hay áp dụng sự đối xử khác nhau theo giới',
    en: 'High: the text decrees or applies different treatment by sex',
  },
  stereotypeHint: {
    vi: 'Mức trung bình: văn bản khẳng định một định kiến giới',
    en: 'Medium: the text asserts a gender stereotype',
  },
  describedHint: {
    vi: 'Mức thấp: văn bản kể lại một tập tục, quan niệm mà không bác bỏ nó; người xem lại quyết định',
    en: 'Low: the text reports a custom or belief without rejecting it; the reviewer decides',
  },
  possibleHint: {
    vi: 'Mức thấp: không luật nào khớp; mô hình thống kê cho rằng câu này có thể cần xem lại',
    en: 'Low: no rule matched; the statistical model thinks the sentence may need review',
  },
  law: { vi: 'Căn cứ', en: 'Law' },
  suggestion: { vi: 'Gợi ý sửa', en: 'Suggested wording' },
  conventions: { vi: 'Hương ước, quy ước', en: 'Conventions' },
  addConvention: { vi: 'Đăng ký hương ước, quy ước', en: 'Register a convention' },
  village: { vi: 'Thôn, tổ dân phố', en: 'Village' },
  commune: { vi: 'Xã, phường', en: 'Commune' },
  adoptedOn: { vi: 'Ngày thông qua', en: 'Adopted on' },
  householdsAgreePct: { vi: 'Tỷ lệ hộ tán thành (%)', en: 'Households agreeing (%)' },
  decisionNumber: { vi: 'Số quyết định công nhận', en: 'Recognition decision no.' },
  decisionDate: { vi: 'Ngày quyết định', en: 'Decision date' },
  fullText: { vi: 'Toàn văn', en: 'Full text' },
  uploadText: { vi: 'Lấy nội dung từ tệp .docx / .txt', en: 'Take the text from a .docx / .txt' },
  freeOfDiscrimination: { vi: 'Không phân biệt đối xử (tính cho G6)', en: 'Free of discrimination (counts for G6)' },
  notFree: { vi: 'Còn nội dung phân biệt đối xử đã xác nhận', en: 'Confirmed discrimination unresolved' },
  openFindings: { vi: 'Chờ xem xét', en: 'To review' },
  confirm: { vi: 'Xác nhận', en: 'Confirm' },
  dismiss: { vi: 'Bỏ qua', en: 'Dismiss' },
  noteRequired: { vi: 'Nhận xét / lý do (bắt buộc)', en: 'Note / reason (required)' },
  markMissed: { vi: 'Đánh dấu đoạn bị bỏ sót', en: 'Mark a missed clause' },
  location: { vi: 'Vị trí (ví dụ: Điều 5, khoản 2)', en: 'Location (e.g. Điều 5, khoản 2)' },
  excerpt: { vi: 'Trích đoạn', en: 'Excerpt' },
  amend: { vi: 'Ghi nhận sửa đổi', en: 'Record an amendment' },
  effectiveDate: { vi: 'Ngày có hiệu lực', en: 'Effective date' },
  textVersions: { vi: 'Các phiên bản văn bản', en: 'Text versions' },
  compare: { vi: 'So sánh với bản trước', en: 'Compare with the previous' },
  findings: { vi: 'Phát hiện của công cụ và người xem xét', en: 'Findings' },
  falseAlarms: { vi: 'Luật hay báo nhầm', en: 'Rules with most false alarms' },
} satisfies Record<string, Label>;

/** The whole catalogue: this file's words and each area's own file (no key is in two of them: test/web-strings). */
export const STRINGS = { ...OWN_STRINGS, ...CODE_STRINGS, ...MEDIA_STRINGS, ...SURVEY_STRINGS };

export type StringKey = keyof typeof STRINGS;
export const hasString = (key: string): key is StringKey => Object.hasOwn(STRINGS, key);

const LangContext = createContext<{ lang: Lang; setLang: (l: Lang) => void }>({ lang: 'vi', setLang: () => {} });

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);
  const setLang = (l: Lang) => {
    localStorage.setItem('bdg.lang', l);
    shown = l;
    document.documentElement.lang = l;
    setLangState(l);
  };
  return <LangContext.Provider value={{ lang, setLang }}>{children}</LangContext.Provider>;
}

export function useLang() {
  return useContext(LangContext);
}

/** Fills `{name}` placeholders; a placeholder without a value stays visible rather than vanishing. */
export const fill = (text: string, vars: Record<string, string | number>): string =>
  text.replace(/\{(\w+)\}/gu, (whole, name: string) => (name in vars ? String(vars[name]) : whole));

/** The language chosen on this browser, for code outside React (an error made by the fetch helper). */
export const storedLang = (): Lang => (localStorage.getItem('bdg.lang') === 'en' ? 'en' : 'vi');

/** The language on screen, for formatting outside React: every page re-renders when it changes. */
let shown: Lang | null = null;
export const currentLang = (): Lang => (shown ??= storedLang());

/** A catalogue entry in the language on screen, outside React. */
export const translateNow = (key: StringKey, vars: Record<string, string | number> = {}): string =>
  fill(STRINGS[key][currentLang()], vars);

/** t('key') in the current language; label(x) for the API's {vi, en} labels. */
export function useT() {
  const { lang } = useLang();
  return {
    lang,
    t: (key: StringKey) => STRINGS[key][lang],
    /** t with its {name} placeholders filled: tf('mStorySaved', { n: 12 }) */
    tf: (key: StringKey, vars: Record<string, string | number>) => fill(STRINGS[key][lang], vars),
    /** a key made at run time (a field's or an action's name): its words when the catalogue has them, else `fallback` */
    tOr: (key: string, fallback: string) => (hasString(key) ? STRINGS[key][lang] : fallback),
    label: (l: Label | undefined, fallback = '') => (l ? l[lang] : fallback),
  };
}
