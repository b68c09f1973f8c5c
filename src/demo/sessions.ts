import {
  SESSION_FORMS,
  SESSION_TOPICS,
  TARGET_GROUPS,
  type SessionForm,
  type SessionInput,
  type SessionTopic,
  type TargetGroup,
} from '../core/sessions.ts';
import { intBetween, pick } from './random.ts';

const TITLES: Record<SessionForm, string[]> = {
  conference: [
    'Hội nghị phổ biến Luật Bình đẳng giới',
    'Tọa đàm "Bình đẳng giới trong gia đình"',
    'Hội nghị triển khai Tháng hành động vì bình đẳng giới',
  ],
  training: ['Tập huấn kỹ năng truyền thông về bình đẳng giới', 'Bồi dưỡng kiến thức lồng ghép giới cho cán bộ'],
  broadcast: [
    'Chuyên mục "Vì bình đẳng giới" trên sóng phát thanh',
    'Phóng sự truyền hình về phòng, chống bạo lực gia đình',
  ],
  article: ['Bài viết về phụ nữ tham gia lãnh đạo, quản lý', 'Tin bài về mô hình phòng, chống bạo lực gia đình'],
  social_post: ['Chuỗi bài đăng về xóa bỏ định kiến giới', 'Infographic về Luật Phòng, chống bạo lực gia đình'],
  loudspeaker: [
    'Tuyên truyền trên loa truyền thanh về bình đẳng giới',
    'Phát bản tin phòng, chống bạo lực gia đình trên loa xã',
  ],
  contest: ['Hội thi "Tìm hiểu pháp luật về bình đẳng giới"', 'Cuộc thi sân khấu hóa phòng, chống bạo lực gia đình'],
  integrated: [
    'Lồng ghép nội dung bình đẳng giới trong sinh hoạt chi hội',
    'Lồng ghép phổ biến pháp luật trong họp thôn',
  ],
  other: ['Hoạt động truyền thông khác về bình đẳng giới'],
};

const FORMS = Object.keys(SESSION_FORMS) as SessionForm[];
const TOPICS = (Object.keys(SESSION_TOPICS) as SessionTopic[]).filter((t) => t !== 'other');
const GROUPS = (Object.keys(TARGET_GROUPS) as TargetGroup[]).filter((g) => g !== 'other');

/** A plausible session of a unit on a date (demo data). */
export function demoSession(rnd: () => number, unitId: number, date: string): SessionInput {
  const form = pick(rnd, FORMS);
  const topics = [...new Set([pick(rnd, TOPICS), pick(rnd, TOPICS)])];
  const groups = [...new Set([pick(rnd, GROUPS), pick(rnd, GROUPS)])];
  const counted = form !== 'article' && form !== 'social_post' && form !== 'broadcast' && form !== 'loudspeaker';
  const total = counted ? intBetween(rnd, 20, 250) : null;
  const female = total === null ? null : Math.round(total * (0.35 + rnd() * 0.35));
  const male = total === null || female === null ? null : total - female - (rnd() < 0.2 ? intBetween(rnd, 0, 3) : 0);
  return {
    unitId,
    date,
    title: pick(rnd, TITLES[form]),
    form,
    topics,
    targetGroups: groups,
    participantsTotal: total,
    participantsFemale: female,
    participantsMale: male === null ? null : Math.max(0, male),
    placeUnitId: null,
    notes: null,
  };
}

/** A random date of `year` within [from, to] (inclusive ISO dates); null when the range misses the year. */
export function randomDateIn(rnd: () => number, year: number, from: string, to: string): string | null {
  const lo = Math.max(Date.parse(`${year}-01-01`), Date.parse(from));
  const hi = Math.min(Date.parse(`${year}-12-31`), Date.parse(to));
  if (hi < lo) return null;
  const day = lo + Math.floor(rnd() * ((hi - lo) / 86_400_000 + 1)) * 86_400_000;
  return new Date(day).toISOString().slice(0, 10);
}
