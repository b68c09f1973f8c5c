/**
 * Code lists of the record types (issue 4). A code is stored; the Vietnamese label is shown, accepted on
 * import (with or without diacritics) and written into the spreadsheet drop-downs.
 */
export type CodeList = Record<string, { vi: string; en: string }>;

export const MEDIA_KINDS = {
  video: { vi: 'Video, phóng sự', en: 'Video' },
  infographic: { vi: 'Infographic, ảnh đồ hoạ', en: 'Infographic' },
  podcast: { vi: 'Podcast, chương trình âm thanh', en: 'Podcast' },
  article: { vi: 'Bài viết, tin bài', en: 'Article' },
  social_post: { vi: 'Bài đăng mạng xã hội', en: 'Social-media post' },
  publication: { vi: 'Ấn phẩm (tờ rơi, sổ tay, áp phích)', en: 'Publication (leaflet, handbook, poster)' },
  loudspeaker: { vi: 'Tin, bài trên loa truyền thanh', en: 'Loudspeaker item' },
  radio_tv: { vi: 'Chương trình phát thanh, truyền hình', en: 'Radio or TV programme' },
  other: { vi: 'Loại khác', en: 'Other' },
} as const satisfies CodeList;

export const LANGUAGES = {
  vi: { vi: 'Tiếng Việt', en: 'Vietnamese' },
  tay: { vi: 'Tiếng Tày', en: 'Tày' },
  thai: { vi: 'Tiếng Thái', en: 'Thái' },
  muong: { vi: 'Tiếng Mường', en: 'Mường' },
  khmer: { vi: 'Tiếng Khmer', en: 'Khmer' },
  hmong: { vi: "Tiếng H'Mông", en: 'Hmong' },
  nung: { vi: 'Tiếng Nùng', en: 'Nùng' },
  dao: { vi: 'Tiếng Dao', en: 'Dao' },
  jrai: { vi: 'Tiếng Gia Rai', en: 'Jrai' },
  ede: { vi: 'Tiếng Ê Đê', en: 'Ê Đê' },
  bahnar: { vi: 'Tiếng Ba Na', en: 'Bahnar' },
  cham: { vi: 'Tiếng Chăm', en: 'Cham' },
  other: { vi: 'Tiếng dân tộc thiểu số khác', en: 'Other minority language' },
} as const satisfies CodeList;

export const TRAINING_AUDIENCES = {
  rapporteurs: { vi: 'Báo cáo viên', en: 'Rapporteurs' },
  communicators: { vi: 'Truyền thông viên', en: 'Communicators' },
  reporters: { vi: 'Phóng viên', en: 'Reporters' },
  editors: { vi: 'Biên tập viên', en: 'Editors' },
  collaborators: { vi: 'Cộng tác viên', en: 'Collaborators' },
  respected_people: { vi: 'Già làng, trưởng bản, người có uy tín', en: 'Village elders and respected people' },
  officials: { vi: 'Cán bộ làm công tác bình đẳng giới', en: 'Gender-equality officers' },
  other: { vi: 'Đối tượng khác', en: 'Other' },
} as const satisfies CodeList;

export const CONTRIBUTOR_KINDS = {
  enterprise: { vi: 'Doanh nghiệp', en: 'Enterprise' },
  organisation: { vi: 'Tổ chức', en: 'Organisation' },
  person: { vi: 'Cá nhân', en: 'Person' },
  leader: { vi: 'Lãnh đạo', en: 'Leader' },
} as const satisfies CodeList;

export const RESOURCE_KINDS = {
  money: { vi: 'Tiền', en: 'Money' },
  in_kind: { vi: 'Hiện vật', en: 'In kind' },
  media_time: { vi: 'Thời lượng phát sóng, đăng tải', en: 'Media time' },
  venue: { vi: 'Địa điểm', en: 'Venue' },
} as const satisfies CodeList;

export const EDUCATION_SETTINGS = {
  family: { vi: 'Gia đình', en: 'Family' },
  school: { vi: 'Nhà trường', en: 'School' },
  community: { vi: 'Cộng đồng', en: 'Community' },
} as const satisfies CodeList;

export const EDUCATION_ACTIVITIES = {
  club: { vi: 'Câu lạc bộ', en: 'Club' },
  contest: { vi: 'Hội thi, cuộc thi', en: 'Contest' },
  lesson: { vi: 'Bài học, tiết học lồng ghép', en: 'Lesson' },
  children_forum: { vi: 'Diễn đàn trẻ em', en: 'Forum for children' },
  extracurricular: { vi: 'Hoạt động ngoại khoá', en: 'Extracurricular activity' },
  other: { vi: 'Hoạt động khác', en: 'Other' },
} as const satisfies CodeList;

export const FALSE_INFO_STATUSES = {
  detected: { vi: 'Mới phát hiện', en: 'Detected' },
  responding: { vi: 'Đang xử lý', en: 'Being handled' },
  refuted: { vi: 'Đã phản bác', en: 'Refuted' },
  closed: { vi: 'Đã kết thúc', en: 'Closed' },
} as const satisfies CodeList;

export const RECOMMENDATION_STATUSES = {
  open: { vi: 'Chưa thực hiện', en: 'Not started' },
  in_progress: { vi: 'Đang thực hiện', en: 'In progress' },
  done: { vi: 'Đã thực hiện', en: 'Done' },
  dropped: { vi: 'Không thực hiện (có lý do)', en: 'Not done (with reason)' },
} as const satisfies CodeList;

/**
 * What a communication model is scored on at each evaluation (0–10 each). The province's own criteria
 * replace these by editing this list; an evaluation decides "effective" (it is not computed from scores).
 */
export const MODEL_CRITERIA = {
  regular_activity: { vi: 'Hoạt động thường xuyên', en: 'Regular activity' },
  participants: { vi: 'Số người tham gia', en: 'Participants' },
  measured_change: { vi: 'Thay đổi đo được', en: 'Measured change' },
  sustainability: { vi: 'Tính bền vững', en: 'Sustainability' },
} as const satisfies CodeList;
