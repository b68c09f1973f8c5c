import type { CodeList } from '../records/codes.ts';

/**
 * Code lists of content monitoring, after the Global Media Monitoring Project's coding scheme (topics
 * in 8 groups, functions of people in the news, …), in Vietnamese. A code is stored; the label is shown
 * and accepted on import (with or without diacritics).
 */

export const MEDIUMS = {
  print: { vi: 'Báo in', en: 'Print' },
  radio: { vi: 'Phát thanh', en: 'Radio' },
  tv: { vi: 'Truyền hình', en: 'Television' },
  online: { vi: 'Báo điện tử, trang tin', en: 'News website' },
  social: { vi: 'Mạng xã hội của cơ quan', en: 'Agency social media' },
} as const satisfies CodeList;

export const SCOPES = {
  local: { vi: 'Địa phương', en: 'Local' },
  national: { vi: 'Trong nước', en: 'National' },
  regional: { vi: 'Khu vực', en: 'Regional' },
  foreign: { vi: 'Quốc tế', en: 'Foreign' },
} as const satisfies CodeList;

export const SEXES = {
  female: { vi: 'Nữ', en: 'Female' },
  male: { vi: 'Nam', en: 'Male' },
  other: { vi: 'Giới tính khác', en: 'Other' },
  unknown: { vi: 'Không rõ', en: 'Unknown' },
} as const satisfies CodeList;
export type Sex = keyof typeof SEXES;

export const AGE_BANDS = {
  under13: { vi: 'Dưới 13', en: 'Under 13' },
  '13_18': { vi: '13–18', en: '13–18' },
  '19_34': { vi: '19–34', en: '19–34' },
  '35_49': { vi: '35–49', en: '35–49' },
  '50_64': { vi: '50–64', en: '50–64' },
  '65plus': { vi: 'Từ 65', en: '65 and over' },
  unknown: { vi: 'Không rõ tuổi', en: 'Unknown age' },
} as const satisfies CodeList;

export const OCCUPATIONS = {
  leader: { vi: 'Lãnh đạo, quản lý nhà nước, đảng, đoàn thể', en: 'Government or party leader' },
  politician: { vi: 'Đại biểu dân cử, chính trị gia', en: 'Politician, elected representative' },
  official: { vi: 'Cán bộ, công chức, viên chức', en: 'Civil servant' },
  police_military: { vi: 'Công an, quân đội', en: 'Police, military' },
  business_owner: { vi: 'Doanh nhân, chủ doanh nghiệp', en: 'Business owner, executive' },
  expert: { vi: 'Nhà khoa học, chuyên gia, giảng viên', en: 'Academic, expert' },
  health: { vi: 'Bác sĩ, nhân viên y tế', en: 'Doctor, health worker' },
  teacher: { vi: 'Giáo viên', en: 'Teacher' },
  legal: { vi: 'Luật sư, thẩm phán, kiểm sát viên', en: 'Lawyer, judge' },
  office_worker: { vi: 'Nhân viên văn phòng, dịch vụ', en: 'Office or service worker' },
  worker: { vi: 'Công nhân, thợ thủ công', en: 'Manual worker, craftsperson' },
  farmer: { vi: 'Nông dân, ngư dân', en: 'Farmer, fisher' },
  trader: { vi: 'Tiểu thương, buôn bán nhỏ', en: 'Small trader' },
  student: { vi: 'Học sinh, sinh viên', en: 'Student' },
  homemaker: { vi: 'Nội trợ, cha mẹ', en: 'Homemaker, parent' },
  child: { vi: 'Trẻ em', en: 'Child' },
  religious: { vi: 'Chức sắc tôn giáo', en: 'Religious figure' },
  activist: { vi: 'Tổ chức xã hội, hội, đoàn thể', en: 'Activist, NGO, association' },
  media: { vi: 'Người làm báo, truyền thông', en: 'Media professional' },
  artist: { vi: 'Nghệ sĩ, người nổi tiếng', en: 'Artist, celebrity' },
  sport: { vi: 'Vận động viên, huấn luyện viên', en: 'Sportsperson' },
  retired: { vi: 'Người nghỉ hưu', en: 'Retired' },
  unemployed: { vi: 'Người không có việc làm', en: 'Unemployed' },
  other: { vi: 'Nghề khác', en: 'Other occupation' },
  unknown: { vi: 'Không rõ nghề', en: 'Occupation unknown' },
} as const satisfies CodeList;

/** Occupations counted as leadership positions (indicator B1.5, by social position). */
export const LEADER_OCCUPATIONS = ['leader', 'politician', 'business_owner'] as const;

export const FUNCTIONS = {
  subject: { vi: 'Nhân vật của tin', en: 'Subject' },
  spokesperson: { vi: 'Người phát ngôn', en: 'Spokesperson' },
  expert: { vi: 'Chuyên gia, bình luận viên', en: 'Expert or commentator' },
  personal_experience: { vi: 'Kể trải nghiệm cá nhân', en: 'Personal experience' },
  eyewitness: { vi: 'Nhân chứng', en: 'Eyewitness' },
  popular_opinion: { vi: 'Ý kiến người dân', en: 'Popular opinion' },
  other: { vi: 'Vai trò khác', en: 'Other' },
} as const satisfies CodeList;

export const VICTIM = {
  no: { vi: 'Không', en: 'No' },
  victim: { vi: 'Nạn nhân', en: 'Victim' },
  survivor: { vi: 'Người vượt qua (survivor)', en: 'Survivor' },
} as const satisfies CodeList;

export const TOPIC_GROUPS = {
  politics: { vi: 'Chính trị, nhà nước', en: 'Politics and government' },
  economy: { vi: 'Kinh tế', en: 'Economy' },
  science_health: { vi: 'Khoa học, y tế, môi trường', en: 'Science, health, environment' },
  social_legal: { vi: 'Xã hội, pháp luật', en: 'Social and legal' },
  crime_violence: { vi: 'Tội phạm, bạo lực', en: 'Crime and violence' },
  gender: { vi: 'Giới, bình đẳng giới', en: 'Gender and gender equality' },
  culture: { vi: 'Văn hoá, thể thao, giải trí', en: 'Culture, sport, entertainment' },
  other: { vi: 'Khác', en: 'Other' },
} as const satisfies CodeList;
export type TopicGroup = keyof typeof TOPIC_GROUPS;

const t = (group: TopicGroup, vi: string, en: string) => ({ group, vi, en });

export const TOPICS = {
  politics_elections: t('politics', 'Bầu cử, hoạt động của Quốc hội, Hội đồng nhân dân', 'Elections, parliament'),
  politics_government: t('politics', 'Hoạt động của chính quyền, chính sách công', 'Government, public policy'),
  politics_foreign: t('politics', 'Quan hệ quốc tế, ngoại giao', 'Foreign affairs'),
  politics_defence: t('politics', 'Quốc phòng, an ninh', 'Defence, security'),
  politics_corruption: t('politics', 'Phòng, chống tham nhũng', 'Corruption'),
  politics_reform: t('politics', 'Sắp xếp bộ máy, cải cách hành chính', 'Administrative reform'),
  politics_other: t('politics', 'Chính trị khác', 'Other politics'),
  economy_policy: t('economy', 'Kinh tế vĩ mô, ngân sách, thuế', 'Economic policy, budget'),
  economy_business: t('economy', 'Doanh nghiệp, đầu tư, thương mại', 'Business, investment, trade'),
  economy_labour: t('economy', 'Việc làm, lao động, tiền lương', 'Employment, labour, wages'),
  economy_agriculture: t('economy', 'Nông nghiệp, nông thôn', 'Agriculture, rural life'),
  economy_poverty: t('economy', 'Giảm nghèo, an sinh xã hội', 'Poverty, social protection'),
  economy_infrastructure: t('economy', 'Giao thông, hạ tầng, đô thị', 'Transport, infrastructure'),
  economy_consumer: t('economy', 'Tiêu dùng, giá cả', 'Consumers, prices'),
  economy_other: t('economy', 'Kinh tế khác', 'Other economy'),
  health_care: t('science_health', 'Y tế, chăm sóc sức khoẻ', 'Health care'),
  health_reproductive: t('science_health', 'Sức khoẻ sinh sản, bà mẹ và trẻ em', 'Reproductive, maternal health'),
  health_epidemic: t('science_health', 'Dịch bệnh', 'Epidemics'),
  science_technology: t('science_health', 'Khoa học, công nghệ, chuyển đổi số', 'Science, technology'),
  environment: t('science_health', 'Môi trường, biến đổi khí hậu, thiên tai', 'Environment, climate, disasters'),
  science_other: t('science_health', 'Khoa học, y tế khác', 'Other science or health'),
  social_education: t('social_legal', 'Giáo dục, đào tạo', 'Education'),
  social_family: t('social_legal', 'Gia đình, hôn nhân', 'Family, marriage'),
  social_ethnic: t('social_legal', 'Dân tộc thiểu số, tôn giáo', 'Ethnic minorities, religion'),
  social_migration: t('social_legal', 'Di cư, lao động ở nước ngoài', 'Migration'),
  social_law: t('social_legal', 'Pháp luật, tư pháp, quyền con người', 'Law, justice, human rights'),
  social_vulnerable: t('social_legal', 'Người khuyết tật, người cao tuổi', 'Disability, older people'),
  social_children: t('social_legal', 'Trẻ em, thanh niên', 'Children, youth'),
  social_other: t('social_legal', 'Xã hội khác', 'Other social'),
  crime_ordinary: t('crime_violence', 'Tội phạm, trật tự xã hội', 'Crime, public order'),
  crime_drugs: t('crime_violence', 'Ma tuý', 'Drugs'),
  crime_trafficking: t('crime_violence', 'Mua bán người', 'Human trafficking'),
  crime_accidents: t('crime_violence', 'Tai nạn', 'Accidents'),
  crime_other: t('crime_violence', 'Tội phạm, bạo lực khác', 'Other crime or violence'),
  gender_violence: t('gender', 'Bạo lực trên cơ sở giới, bạo lực gia đình', 'Gender-based and domestic violence'),
  gender_inequality: t('gender', 'Bất bình đẳng giới, phân biệt đối xử vì giới', 'Gender inequality, discrimination'),
  gender_women_rights: t('gender', 'Quyền, thành tựu của phụ nữ', 'Women’s rights and achievements'),
  gender_sex_selection: t('gender', 'Lựa chọn giới tính thai nhi, mất cân bằng giới tính khi sinh', 'Sex selection'),
  gender_harassment: t('gender', 'Quấy rối tình dục', 'Sexual harassment'),
  gender_lgbt: t('gender', 'Người đồng tính, song tính, chuyển giới', 'LGBT people'),
  gender_policy: t('gender', 'Luật, chính sách bình đẳng giới', 'Gender-equality law and policy'),
  culture_arts: t('culture', 'Văn hoá, nghệ thuật', 'Arts and culture'),
  culture_celebrity: t('culture', 'Người nổi tiếng, giải trí', 'Celebrity, entertainment'),
  culture_sport: t('culture', 'Thể thao', 'Sport'),
  culture_media: t('culture', 'Báo chí, truyền thông', 'Media'),
  culture_tourism: t('culture', 'Du lịch, lễ hội', 'Tourism, festivals'),
  misinformation: t('other', 'Tin giả, thông tin sai lệch', 'False information'),
  other: t('other', 'Chủ đề khác', 'Other topic'),
} as const satisfies Record<string, { group: TopicGroup; vi: string; en: string }>;
export type Topic = keyof typeof TOPICS;
export const topicGroupOf = (topic: string): TopicGroup | null => TOPICS[topic as Topic]?.group ?? null;
