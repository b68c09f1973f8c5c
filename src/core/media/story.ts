import { isIsoDate, parseDateInput } from '../dates.ts';
import { isDbId } from '../input-safety.ts';
import type { CodeList } from '../records/codes.ts';
import type { Problems } from '../records/fields.ts';
import { codeFrom } from '../sessions.ts';
import { cleanText } from '../text.ts';
import { AGE_BANDS, FUNCTIONS, MEDIUMS, OCCUPATIONS, SCOPES, SEXES, TOPICS, VICTIM, type Topic } from './codes.ts';

/** A coded story of content monitoring (GMMP method) with the people in it. */
export interface Person {
  sex: keyof typeof SEXES;
  ageBand: keyof typeof AGE_BANDS;
  occupation: keyof typeof OCCUPATIONS;
  function: keyof typeof FUNCTIONS;
  familyRole: boolean;
  victim: keyof typeof VICTIM;
  quoted: boolean;
  photographed: boolean;
}

export interface Story {
  exerciseId: number;
  unitId: number;
  medium: keyof typeof MEDIUMS;
  date: string;
  headline: string;
  topic: Topic;
  scope: keyof typeof SCOPES;
  reporterSex: keyof typeof SEXES;
  aboutWomen: boolean;
  highlightsInequality: boolean;
  challengesStereotypes: boolean;
  stereotype: boolean;
  refersToLaw: boolean;
  body: string | null;
  people: Person[];
}

/** The story's yes/no variables, in the order of the coding form and the coding sheet. */
/** The yes/no questions of a story and of a person in it: name, Vietnamese, English (the coding form shows both). */
export const STORY_FLAGS = [
  ['aboutWomen', 'Tập trung vào phụ nữ', 'Focused on women'],
  ['highlightsInequality', 'Nêu bật bất bình đẳng giới', 'Highlights gender inequality'],
  ['challengesStereotypes', 'Thách thức định kiến giới', 'Challenges gender stereotypes'],
  ['stereotype', 'Có định kiến, khuôn mẫu giới', 'Contains gender stereotypes'],
  ['refersToLaw', 'Nhắc tới luật, chính sách bình đẳng giới', 'Refers to gender-equality law or policy'],
] as const;

export const PERSON_FLAGS = [
  ['familyRole', 'Nêu vai trò trong gia đình', 'Family role mentioned'],
  ['quoted', 'Được trích dẫn trực tiếp', 'Quoted directly'],
  ['photographed', 'Có ảnh, hình', 'Photographed'],
] as const;

export const MAX_PEOPLE = 50;

function yesNo(v: unknown, say: (m: string) => void): boolean {
  if (v === undefined || v === null || v === '') return false;
  if (typeof v === 'boolean') return v;
  const t = String(v).trim().toLowerCase();
  if (['có', 'co', 'x', '1', 'true', 'yes'].includes(t)) return true;
  if (['không', 'khong', '0', 'false', 'no'].includes(t)) return false;
  say('phải là "Có" hoặc "Không"');
  return false;
}

/** A code of `list` from a code or a label (with or without diacritics); the list is named when it is not one. */
function code<T extends string>(
  list: CodeList,
  v: unknown,
  label: string,
  problems: Problems,
  path: string,
  fallback?: T,
): T {
  if ((v === undefined || v === null || v === '') && fallback !== undefined) return fallback;
  const found = v === undefined || v === null || v === '' ? null : codeFrom(list, String(v));
  if (!found) {
    const names = Object.values(list).map((x) => x.vi);
    problems[path] =
      v === undefined || v === null || v === ''
        ? `${label}: chưa nhập (bắt buộc)`
        : `${label}: "${String(v)}" không có trong danh mục (${names.slice(0, 60).join('; ')})`;
  }
  return (found ?? fallback ?? '') as T;
}

/**
 * Checks a story and its people; returns it clean or the problems by field, in Vietnamese. A person
 * without a sex is "unknown" (counted apart, never dropped); a story with no people is valid.
 * @example { medium: 'Báo điện tử', topic: 'bao luc tren co so gioi, bao luc gia dinh', … } → topic gender_violence
 */
export function validateStory(raw: unknown, today: string): { value: Story | null; problems: Problems } {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const problems: Problems = {};
  const exerciseId = isDbId(r.exerciseId) ? r.exerciseId : null;
  if (exerciseId === null) problems.exerciseId = 'Đợt giám sát: chưa chọn';
  const unitId = isDbId(r.unitId) ? r.unitId : null;
  if (unitId === null) problems.unitId = 'Cơ quan báo chí: chưa chọn';
  const date = r.date instanceof Date || typeof r.date === 'string' ? parseDateInput(r.date) : null;
  if (!date || !isIsoDate(date)) problems.date = 'Ngày đăng, phát: phải có dạng DD/MM/YYYY hoặc YYYY-MM-DD';
  else if (date > today) problems.date = 'Ngày đăng, phát: không được ở tương lai';
  const headline =
    typeof r.headline === 'string' || typeof r.headline === 'number' ? cleanText(String(r.headline)) : '';
  if (!headline) problems.headline = 'Tiêu đề: chưa nhập (bắt buộc)';
  else if (headline.length > 500) problems.headline = 'Tiêu đề: dài quá 500 ký tự';
  const body = typeof r.body === 'string' ? r.body.normalize('NFC').trim() : '';
  if (body.length > 20_000) problems.body = 'Nội dung: dài quá 20.000 ký tự';
  const story = {
    medium: code<Story['medium']>(MEDIUMS, r.medium, 'Loại hình', problems, 'medium'),
    topic: code<Topic>(TOPICS, r.topic, 'Chủ đề', problems, 'topic'),
    scope: code<Story['scope']>(SCOPES, r.scope, 'Phạm vi', problems, 'scope', 'local'),
    reporterSex: code<Story['reporterSex']>(
      SEXES,
      r.reporterSex,
      'Giới tính phóng viên',
      problems,
      'reporterSex',
      'unknown',
    ),
  };
  const flags = Object.fromEntries(
    STORY_FLAGS.map(([name, label]) => [name, yesNo(r[name], (m) => (problems[name] = `${label}: ${m}`))]),
  ) as Record<(typeof STORY_FLAGS)[number][0], boolean>;
  const peopleRaw = Array.isArray(r.people) ? r.people : r.people === undefined || r.people === null ? [] : null;
  if (peopleRaw === null) problems.people = 'Người trong tin: phải là danh sách';
  if ((peopleRaw?.length ?? 0) > MAX_PEOPLE) problems.people = `Người trong tin: tối đa ${MAX_PEOPLE} người`;
  const people: Person[] = (peopleRaw ?? []).slice(0, MAX_PEOPLE).map((p, i) => {
    const x = (p && typeof p === 'object' ? p : {}) as Record<string, unknown>;
    const at = `people[${i + 1}]`;
    const label = (name: string) => `Người thứ ${i + 1}, ${name}`;
    const pf = Object.fromEntries(
      PERSON_FLAGS.map(([name, l]) => [name, yesNo(x[name], (m) => (problems[`${at}.${name}`] = `${label(l)}: ${m}`))]),
    ) as Record<(typeof PERSON_FLAGS)[number][0], boolean>;
    return {
      sex: code<Person['sex']>(SEXES, x.sex, label('giới tính'), problems, `${at}.sex`, 'unknown'),
      ageBand: code<Person['ageBand']>(AGE_BANDS, x.ageBand, label('độ tuổi'), problems, `${at}.ageBand`, 'unknown'),
      occupation: code<Person['occupation']>(
        OCCUPATIONS,
        x.occupation,
        label('nghề'),
        problems,
        `${at}.occupation`,
        'unknown',
      ),
      function: code<Person['function']>(FUNCTIONS, x.function, label('vai trò trong tin'), problems, `${at}.function`),
      victim: code<Person['victim']>(VICTIM, x.victim, label('nạn nhân'), problems, `${at}.victim`, 'no'),
      ...pf,
    };
  });
  if (Object.keys(problems).length) return { value: null, problems };
  return {
    value: {
      exerciseId: exerciseId!,
      unitId: unitId!,
      date: date!,
      headline,
      body: body || null,
      ...story,
      ...flags,
      people,
    },
    problems,
  };
}
