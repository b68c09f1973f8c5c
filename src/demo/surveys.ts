import { checkResponse } from '../core/surveys/answers.ts';
import { scoreResponse } from '../core/surveys/scoring.ts';
import type { Db } from '../db/engine.ts';
import { defaultInstrument } from '../modules/surveys/instrument-files.ts';
import { insertInstrument, insertResponses, insertWave, type NewResponse } from '../modules/surveys/repository.ts';

const KEY = ['dung', 'dung', 'sai', 'dung', 'sai', 'sai', 'dung', 'dung', 'dung', 'sai'];
const AGREE = ['rat_dong_y', 'dong_y', 'khong_dong_y', 'rat_khong_dong_y'];
const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

/**
 * One made-up respondent's answers to the default instrument: `informed` (0–1) is how likely the right
 * answer and the equitable view are. Demo and benchmark data only.
 */
export function demoAnswers(rnd: () => number, informed: number): Record<string, string> {
  const sex = rnd() < 0.5 ? 'female' : 'male';
  const p = informed + (sex === 'female' ? 0.05 : 0);
  const exposed = rnd() < 0.3 + informed / 2;
  return {
    sex,
    age: String(15 + Math.floor(rnd() * 65)),
    ethnicity: rnd() < 0.8 ? 'kinh' : 'minority',
    area: rnd() < 0.4 ? 'urban' : 'rural',
    target_group: pick(rnd, ['officials', 'workers', 'students', 'community']),
    exposed: exposed ? 'yes' : 'no',
    ...(exposed ? { channels: pick(rnd, ['tv', 'social', 'meeting', 'radio social', 'tv meeting']) } : {}),
    ...Object.fromEntries(
      KEY.map((k, i) => [`k${i + 1}`, rnd() < p ? k : rnd() < 0.5 ? 'khong_biet' : k === 'dung' ? 'sai' : 'dung']),
    ),
    ...Object.fromEntries(
      Array.from({ length: 8 }, (_, j) => {
        const equitable = rnd() < p ? 2 + Math.floor(rnd() * 2) : Math.floor(rnd() * 2);
        // n7 and n8 are worded the equitable way: agreeing is the equitable view
        return [`n${j + 1}`, AGREE[j >= 6 ? 3 - equitable : equitable]!];
      }),
    ),
  };
}

/**
 * The demo's awareness surveys (named as demo data): the default instrument, a baseline wave of 2025 and a
 * follow-up of 2026, 600 respondents each in 3 strata × 10 communes (clusters), weighted, raked to the
 * province's sex margins — so that the Surveys page and G5 have something to show.
 */
export async function seedDemoSurveys(db: Db, rnd: () => number): Promise<{ waves: number; responses: number }> {
  const d = defaultInstrument();
  const instrumentId = await insertInstrument(
    db,
    { formId: d.form.formId, version: d.form.version, title: d.form.title, definition: d.form, scoring: d.scoring },
    null,
  );
  const design = {
    strata: 'stratum',
    cluster: 'cluster',
    weight: 'weight',
    margins: [
      { variable: 'sex', value: 'female', total: 612_000 },
      { variable: 'sex', value: 'male', total: 588_000 },
    ],
    lonelyPsu: 'fail',
  };
  let responses = 0;
  for (const [year, informed, name] of [
    [2025, 0.5, 'Khảo sát nhận thức đầu kỳ 2025 (DỮ LIỆU MẪU)'],
    [2026, 0.53, 'Khảo sát nhận thức giữa kỳ 2026 (DỮ LIỆU MẪU)'],
  ] as const) {
    const waveId = await insertWave(
      db,
      {
        name,
        year,
        instrumentId,
        startDate: `${year}-05-01`,
        endDate: `${year}-06-30`,
        design,
        targetGroups: ['officials', 'workers', 'students', 'community'],
        areaUnitIds: [],
        note: null,
      },
      null,
    );
    const rows: NewResponse[] = [];
    for (let i = 0; i < 600; i++) {
      const stratum = ['thanh-thi', 'dong-bang', 'mien-nui'][i % 3]!;
      const checked = checkResponse(d.form, demoAnswers(rnd, informed), { today: `${year}-06-30` });
      rows.push({
        source: 'import',
        instanceId: `demo-${year}-${i}`,
        answers: checked.values,
        scores: scoreResponse(d.scoring, checked.values).scores,
        stratum,
        cluster: `${stratum}-${Math.floor(rnd() * 10)}`,
        weight: Math.round((1500 + rnd() * 1000) * 100) / 100,
      });
    }
    await insertResponses(db, waveId, rows, null);
    responses += rows.length;
  }
  return { waves: 2, responses };
}
