import { createContext, useContext, useState, type ReactNode } from 'react';
import type { Label } from './api.ts';

export type Lang = 'vi' | 'en';

const STRINGS = {
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

export type StringKey = keyof typeof STRINGS;
export const hasString = (key: string): key is StringKey => Object.hasOwn(STRINGS, key);

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
    /** a key made at run time (a field's or an action's name): its words when the catalogue has them, else `fallback` */
    tOr: (key: string, fallback: string) => (hasString(key) ? STRINGS[key][lang] : fallback),
    label: (l: Label | undefined, fallback = '') => (l ? l[lang] : fallback),
  };
}
