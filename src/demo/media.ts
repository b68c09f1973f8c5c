import { readAnswers, type Answers } from '../core/media/assessment.ts';
import { FUNCTIONS, MEDIUMS, OCCUPATIONS, TOPICS, topicGroupOf, type Topic } from '../core/media/codes.ts';
import { figuresFromCounts } from '../core/media/monitoring.ts';
import type { Person, Story } from '../core/media/story.ts';
import type { RecordStatus } from '../core/workflow.ts';
import type { Db } from '../db/engine.ts';
import { agencyFigures, insertExercise, insertStories } from '../modules/media/monitoring-repository.ts';
import { insertAssessment, setAssessmentStatus } from '../modules/media/repository.ts';
import { currentSet } from '../modules/media/sets.ts';
import { intBetween, pick } from './random.ts';

/**
 * Demo media monitoring and self-assessments (made up, labelled "(mẫu)"): monitoring exercises of 2024
 * and 2025 with coded stories (one exercise partly coded twice, for intercoder agreement), and each demo
 * agency's self-assessment of 2024 and 2025 at every adoption level (none, pilot, official).
 */

const EXERCISES = [
  {
    name: 'Ngày giám sát tin tức 5/3/2024 (mẫu)',
    date: '2024-03-05',
    agencies: ['DEMO-BAO', 'DEMO-PTTH', 'DEMO-CTTDT'],
  },
  { name: 'Đợt giám sát 15/10/2024 (mẫu)', date: '2024-10-15', agencies: ['DEMO-BAO', 'DEMO-PTTH'] },
  {
    name: 'Ngày giám sát tin tức 4/3/2025 (mẫu)',
    date: '2025-03-04',
    agencies: ['DEMO-BAO', 'DEMO-PTTH', 'DEMO-CTTDT'],
  },
  { name: 'Đợt giám sát 14/10/2025 (mẫu)', date: '2025-10-14', agencies: ['DEMO-BPTTH', 'DEMO-CTTDT'] },
  { name: 'Tháng hành động 20/11/2025 (mẫu)', date: '2025-11-20', agencies: ['DEMO-BPTTH'], double: true },
];

/** Level wanted per agency and year: official, pilot or none (what the answers and exercises will give). */
const PLAN: { agency: string; year: number; level: 'official' | 'pilot' | 'none'; status: RecordStatus }[] = [
  { agency: 'DEMO-BAO', year: 2024, level: 'official', status: 'approved' },
  { agency: 'DEMO-PTTH', year: 2024, level: 'pilot', status: 'approved' },
  { agency: 'DEMO-CTTDT', year: 2024, level: 'none', status: 'approved' },
  { agency: 'DEMO-BAO', year: 2025, level: 'pilot', status: 'approved' },
  { agency: 'DEMO-PTTH', year: 2025, level: 'none', status: 'returned' },
  { agency: 'DEMO-BPTTH', year: 2025, level: 'official', status: 'submitted' },
  { agency: 'DEMO-CTTDT', year: 2025, level: 'pilot', status: 'approved' },
];

const TOPIC_CODES = Object.keys(TOPICS) as Topic[];
const MEDIUM_OF: Record<string, keyof typeof MEDIUMS> = {
  'DEMO-BAO': 'print',
  'DEMO-PTTH': 'tv',
  'DEMO-BPTTH': 'tv',
  'DEMO-CTTDT': 'online',
};

function person(rnd: () => number): Person {
  const sex = rnd() < 0.3 ? 'female' : rnd() < 0.93 ? 'male' : 'unknown';
  return {
    sex,
    ageBand: pick(rnd, ['19_34', '35_49', '50_64', 'unknown'] as const),
    occupation: pick(rnd, Object.keys(OCCUPATIONS) as (keyof typeof OCCUPATIONS)[]),
    function: pick(rnd, Object.keys(FUNCTIONS) as (keyof typeof FUNCTIONS)[]),
    familyRole: sex === 'female' ? rnd() < 0.3 : rnd() < 0.08,
    victim: rnd() < 0.05 ? 'victim' : 'no',
    quoted: rnd() < 0.6,
    photographed: rnd() < 0.4,
  };
}

export function demoStory(
  rnd: () => number,
  exerciseId: number,
  unitId: number,
  agency: string,
  date: string,
  i: number,
): Story {
  const topic =
    rnd() < 0.12
      ? pick(
          rnd,
          TOPIC_CODES.filter((t) => t.startsWith('gender_')),
        )
      : pick(rnd, TOPIC_CODES);
  const people = Array.from({ length: intBetween(rnd, 0, 4) }, () => person(rnd));
  return {
    exerciseId,
    unitId,
    medium: MEDIUM_OF[agency] ?? 'online',
    date,
    headline: `Tin bài mẫu số ${i} (${TOPICS[topic].vi.toLowerCase()})`,
    topic,
    scope: pick(rnd, ['local', 'local', 'national', 'foreign'] as const),
    reporterSex: rnd() < 0.45 ? 'female' : 'male',
    aboutWomen: people.some((p) => p.sex === 'female') && rnd() < 0.4,
    highlightsInequality: topicGroupOf(topic) === 'gender' && rnd() < 0.5,
    challengesStereotypes: rnd() < 0.08,
    stereotype: rnd() < 0.06,
    refersToLaw: topicGroupOf(topic) === 'gender' && rnd() < 0.3,
    body: null,
    people,
  };
}

/** A second coder's reading of a story: mostly the same, now and then another choice. */
export function recodeStory(rnd: () => number, s: Story): Story {
  const flip = (b: boolean) => (rnd() < 0.1 ? !b : b);
  return {
    ...s,
    topic: rnd() < 0.1 ? pick(rnd, TOPIC_CODES) : s.topic,
    aboutWomen: flip(s.aboutWomen),
    stereotype: flip(s.stereotype),
    challengesStereotypes: flip(s.challengesStereotypes),
    people: s.people.map((p) => ({
      ...p,
      function: rnd() < 0.15 ? pick(rnd, Object.keys(FUNCTIONS) as (keyof typeof FUNCTIONS)[]) : p.function,
      occupation: rnd() < 0.15 ? pick(rnd, Object.keys(OCCUPATIONS) as (keyof typeof OCCUPATIONS)[]) : p.occupation,
    })),
  };
}

/** Answers that reach `level` with the agency's monitoring figures (B computed, A typed in). */
function answersFor(
  set: Awaited<ReturnType<typeof currentSet>>['set'],
  level: 'official' | 'pilot' | 'none',
  figures: ReturnType<typeof figuresFromCounts>,
  rnd: () => number,
): Answers {
  const raw: Record<string, { value: unknown; note?: string }> = {};
  const a = set.indicators.filter((i) => !i.monitoring);
  const count = level === 'official' ? a.length : level === 'pilot' ? 10 : 3;
  for (const ind of a.slice(0, count)) {
    const value =
      ind.measure === 'yes_partly_no'
        ? ind.code === 'A4.1'
          ? level === 'official'
            ? 'yes'
            : 'partly'
          : pick(rnd, ['yes', 'yes', 'partly', 'no'])
        : ind.measure === 'number'
          ? intBetween(rnd, 2, 15)
          : intBetween(rnd, 20, 55);
    raw[ind.code] = { value, note: 'Số liệu mẫu' };
  }
  // an agency applying the set officially answers what monitoring could not compute (no expert coded, …)
  if (level === 'official')
    for (const ind of set.indicators.filter((i) => i.monitoring && figures[i.monitoring]?.value == null))
      raw[ind.code] = { value: intBetween(rnd, 20, 45), note: 'Số liệu mẫu, từ báo cáo nội bộ' };
  // agencies with no plan to apply the set leave the computed figures out as well
  const used = level === 'none' ? {} : figures;
  return readAnswers(set, raw, used).answers;
}

export async function seedDemoMedia(
  db: Db,
  rnd: () => number,
  ids: Map<string, number>,
  coders: { first: number; second: number },
): Promise<{ exercises: number; stories: number; assessments: number }> {
  let stories = 0;
  let n = 0;
  for (const e of EXERCISES) {
    const exerciseId = await insertExercise(
      db,
      {
        name: e.name,
        startDate: e.date,
        endDate: e.date,
        media: [],
        note: 'Dữ liệu mẫu, không phải kết quả giám sát thật',
      },
      null,
    );
    for (const agency of e.agencies) {
      const unitId = ids.get(agency)!;
      const made = Array.from({ length: intBetween(rnd, 10, 16) }, () =>
        demoStory(rnd, exerciseId, unitId, agency, e.date, ++n),
      );
      const firstIds = await insertStories(
        db,
        made.map((s) => ({
          story: s,
          topicGroup: topicGroupOf(s.topic)!,
          coderId: coders.first,
          checkOf: null,
          suggestion: null,
        })),
      );
      stories += made.length;
      if (e.double) {
        await insertStories(
          db,
          made.map((s, i) => {
            const again = recodeStory(rnd, s);
            return {
              story: again,
              topicGroup: topicGroupOf(again.topic)!,
              coderId: coders.second,
              checkOf: firstIds[i]!,
              suggestion: null,
            };
          }),
        );
      }
    }
  }
  const { set, version } = await currentSet(db);
  for (const p of PLAN) {
    const unitId = ids.get(p.agency)!;
    const figures = figuresFromCounts(await agencyFigures(db, unitId, p.year));
    const answers = answersFor(set, p.level, figures, rnd);
    const id = await insertAssessment(
      db,
      { unitId, year: p.year, set, setVersion: version, answers, note: 'Bản tự đánh giá mẫu' },
      null,
    );
    const steps: RecordStatus[] =
      p.status === 'approved'
        ? ['submitted', 'approved']
        : p.status === 'returned'
          ? ['submitted', 'returned']
          : p.status === 'submitted'
            ? ['submitted']
            : [];
    for (const [i, s] of steps.entries()) await setAssessmentStatus(db, id, i + 1, s, null);
  }
  return { exercises: EXERCISES.length, stories, assessments: PLAN.length };
}
