import type { Label } from '../api.ts';

/**
 * The words of the pages anyone may open without signing in (the public survey form and the portal) and of the
 * fetch helper they share: the only catalogue those pages load, so that a phone on a slow connection does not
 * download the staff client's words. The staff client reads them too (web/src/i18n.tsx).
 */
export const PUBLIC_STRINGS = {
  fixAnswers: { vi: 'Vui lòng xem lại các câu được đánh dấu', en: 'Please check the marked questions' },
  invitationUsed: {
    vi: 'Thư mời này đã được dùng để trả lời. Cảm ơn anh/chị đã tham gia!',
    en: 'This invitation has already been answered. Thank you for taking part!',
  },
  languageGroup: { vi: 'Ngôn ngữ', en: 'Language' },
  noPosition: { vi: 'Không lấy được vị trí: hãy nhập tay', en: 'No position available: type it in' },
  requiredMark: { vi: 'bắt buộc', en: 'required' },
  sending: { vi: 'Đang gửi…', en: 'Sending…' },
  submitAnswers: { vi: 'Gửi câu trả lời', en: 'Send my answers' },
  surveyAnonymous: { vi: 'không cần đăng nhập, không ghi tên', en: 'no sign-in, no name asked' },
  surveyInvited: {
    vi: 'thư mời riêng của anh/chị, trả lời một lần',
    en: 'your own invitation, answered once',
  },
  surveyKept: {
    vi: 'Câu trả lời được giữ trên máy này cho đến khi gửi xong.',
    en: 'Your answers are kept on this device until they are sent.',
  },
  surveyLoading: { vi: 'Đang tải biểu mẫu…', en: 'Loading the form…' },
  surveyMissing: { vi: 'Biểu mẫu không tồn tại hoặc đã đóng', en: 'The form does not exist or is closed' },
  surveyNoFiles: {
    vi: 'Biểu mẫu trên web không nhận tệp (ảnh, âm thanh): bỏ qua câu này.',
    en: 'The web form takes no files (photos, sound): skip this question.',
  },
  surveyNotSent: {
    vi: 'Chưa gửi được (mất kết nối?). Câu trả lời vẫn được giữ: bấm gửi lại khi có mạng.',
    en: 'Not sent (connection lost?). Your answers are kept: send again when online.',
  },
  surveyOffline: {
    vi: 'Chưa tải được biểu mẫu: kiểm tra kết nối mạng rồi thử lại.',
    en: 'The form could not be loaded: check the connection and try again.',
  },
  thanks: { vi: 'Cảm ơn anh/chị đã trả lời!', en: 'Thank you for your answers!' },
  tryAgain: { vi: 'Thử lại', en: 'Try again' },
  until: { vi: 'đến', en: 'until' },
  useMyLocation: { vi: 'Dùng vị trí hiện tại', en: 'Use my location' },
  // each language named in itself, whatever the page's language
  langNameVi: { vi: 'Tiếng Việt', en: 'Tiếng Việt' },
  langNameEn: { vi: 'English', en: 'English' },
  httpError: { vi: 'Lỗi {status}', en: 'Error {status}' },
  language: { vi: 'English', en: 'Tiếng Việt' },
  ptAll: { vi: 'Tất cả', en: 'All' },
  ptContact: { vi: 'Số điện thoại hoặc e-mail (không bắt buộc)', en: 'Phone or e-mail (optional)' },
  ptDemo: {
    vi: 'ĐÂY LÀ DỮ LIỆU MẪU (demo): tên đơn vị và số liệu là giả định, không phải số liệu thật.',
    en: 'DEMO DATA: unit names and figures are made up, not real data.',
  },
  ptError: { vi: 'Chưa gửi được', en: 'Not sent' },
  ptFinalised: { vi: 'ban hành ngày', en: 'made final on' },
  ptFooter: {
    vi:
      'Số liệu trên trang này lấy từ các báo cáo đã được ban hành; báo cáo đã ban hành không thay đổi, ' +
      'đính chính là một phiên bản mới.',
    en:
      'Figures on this page come from reports made final; a final report never changes, a correction is a ' +
      'new version.',
  },
  ptFound: { vi: 'tài liệu', en: 'materials' },
  ptFrom: { vi: 'Theo báo cáo', en: 'From the report' },
  ptGroup: { vi: 'Nhóm đối tượng', en: 'Target group' },
  ptIndicator: { vi: 'Chỉ tiêu', en: 'Indicator' },
  ptKind: { vi: 'Loại tài liệu', en: 'Kind' },
  ptKindClause: {
    vi: 'Điều khoản hương ước, quy ước phân biệt đối xử',
    en: 'A discriminatory clause of a village convention',
  },
  ptKindFalse: { vi: 'Thông tin sai lệch về bình đẳng giới', en: 'False information about gender equality' },
  ptLibrary: { vi: 'Tài liệu truyền thông', en: 'Communication materials' },
  ptLink: { vi: 'Đường dẫn (nếu có)', en: 'Link (if any)' },
  ptLoading: { vi: 'Đang tải…', en: 'Loading…' },
  ptName: { vi: 'Họ tên (không bắt buộc)', en: 'Name (optional)' },
  ptNext: { vi: 'Trang sau', en: 'Next page' },
  ptNoFile: { vi: 'Chưa có tệp đính kèm', en: 'No file attached' },
  ptNoReport: {
    vi: 'Chưa có báo cáo nào được ban hành; số liệu sẽ hiện ở đây khi cơ quan thường trực ban hành báo cáo.',
    en: 'No report has been made final yet; figures appear here once the office publishes one.',
  },
  ptNoSurvey: { vi: 'Hiện không có khảo sát nào đang mở.', en: 'No survey is open now.' },
  ptOpenData: { vi: 'Dữ liệu mở của báo cáo này:', en: 'Open data of this report:' },
  ptOtherReports: { vi: 'Các báo cáo đã ban hành', en: 'Reports made final' },
  ptPage: { vi: 'Trang', en: 'Page' },
  ptPlace: { vi: 'Nơi thấy (thôn, xã, trang mạng)', en: 'Where (village, commune, website)' },
  ptPrev: { vi: 'Trang trước', en: 'Previous page' },
  ptProgress: { vi: 'Tiến độ kế hoạch', en: 'Progress of the plan' },
  ptReport: { vi: 'Phản ánh', en: 'Report a problem' },
  ptReportIntro: {
    vi:
      'Bạn thấy thông tin sai lệch về bình đẳng giới, hoặc một điều khoản hương ước, quy ước có thể phân ' +
      'biệt đối xử theo giới? Hãy cho chúng tôi biết. Họ tên và cách liên hệ không bắt buộc.',
    en:
      'Seen false information about gender equality, or a clause of a village convention that may ' +
      'discriminate by gender? Tell us. Your name and contact are optional.',
  },
  ptReportKind: { vi: 'Loại phản ánh', en: 'What you report' },
  ptSearch: { vi: 'Tìm tài liệu (có hoặc không dấu)', en: 'Search materials (with or without diacritics)' },
  ptSearchButton: { vi: 'Tìm', en: 'Search' },
  ptSend: { vi: 'Gửi phản ánh', en: 'Send' },
  ptSent: { vi: 'Đã nhận phản ánh số', en: 'Received: report number' },
  ptSentNext: {
    vi: 'Cơ quan thường trực sẽ xem xét và xử lý. Cảm ơn bạn.',
    en: 'The coordinating office will look into it. Thank you.',
  },
  ptShow: { vi: 'Xem', en: 'Show' },
  ptStaff: { vi: 'Cán bộ đăng nhập', en: 'Staff sign-in' },
  ptStatus: { vi: 'Đánh giá', en: 'Assessment' },
  ptSurveys: { vi: 'Khảo sát đang mở', en: 'Open surveys' },
  ptTarget: { vi: 'Mục tiêu', en: 'Target' },
  ptText: { vi: 'Nội dung phản ánh', en: 'What you saw' },
  ptTitle: { vi: 'Bình đẳng giới: tiến độ công khai', en: 'Gender equality: public progress' },
  ptTopic: { vi: 'Chủ đề', en: 'Topic' },
  ptUntil: { vi: 'đến hết ngày', en: 'until' },
  ptValue: { vi: 'Kết quả', en: 'Result' },
  ptVersion: { vi: 'phiên bản', en: 'version' },
} satisfies Record<string, Label>;
