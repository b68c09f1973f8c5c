import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  adoptionLevel,
  exercisesNeeded,
  levelWithExercises,
  missingEvidence,
  readAnswers,
  scoreAssessment,
  scoreIndicator,
  type Answers,
} from './assessment.ts';
import { pick, seededRandom } from '../../demo/random.ts';
import { IndicatorSetError, parseIndicatorSet, type IndicatorSet } from './indicator-set.ts';

const FILE = new URL('../../../indicator-sets/media-gender-vi-2025.yaml', import.meta.url);
const set: IndicatorSet = parseIndicatorSet(fs.readFileSync(FILE, 'utf8'));
const ind = (code: string) => set.indicators.find((i) => i.code === code)!;

const manual = (value: Answers[string]['value']): Answers[string] => ({
  value,
  note: null,
  from: 'manual',
  reason: null,
  n: null,
  days: null,
});

/** Answers every indicator: A percentages 40, questions yes, numbers 10, B computed shares 30. */
function full(overrides: Record<string, Answers[string]['value']> = {}): Answers {
  const out: Answers = {};
  for (const i of set.indicators) {
    const v =
      i.measure === 'yes_partly_no' ? 'yes' : i.measure === 'number' ? 10 : i.measure === 'percentage' ? 40 : 30;
    out[i.code] = manual(i.code in overrides ? overrides[i.code]! : v);
  }
  return out;
}

describe('the indicator set file', () => {
  it('loads: 26 indicators in 9 groups, both levels with criteria', () => {
    expect(set.indicators).toHaveLength(26);
    expect(set.groups.map((g) => g.code)).toEqual(['A1', 'A2', 'A3', 'A4', 'A5', 'B1', 'B2', 'B3', 'B4']);
    expect(set.indicators.filter((i) => i.measure === 'monitoring')).toHaveLength(11);
  });

  it('names the line of a problem', () => {
    const text = fs.readFileSync(FILE, 'utf8').replace('measure: yes_partly_no', 'measure: maybe');
    const line = text.split('\n').findIndex((l) => l.includes('measure: maybe')) + 1;
    try {
      parseIndicatorSet(text);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(IndicatorSetError);
      expect((e as IndicatorSetError).problems[0]).toMatch(
        new RegExp(`^dòng ${line}, indicators\\.\\d+\\.measure`, 'u'),
      );
    }
    const dup = fs.readFileSync(FILE, 'utf8').replace('code: A1.2', 'code: A1.1');
    expect(() => parseIndicatorSet(dup)).toThrow(/mã chỉ số "A1.1" trùng/u);
    expect(() => parseIndicatorSet('id: [')).toThrow(/dòng 1/u);
  });
});

describe('scores', () => {
  it('scores each rule as its formula says', () => {
    expect(scoreIndicator(ind('A1.1'), 35)).toBeCloseTo(0.7, 10); // parity: min(35, 65) / 50
    expect(scoreIndicator(ind('A1.1'), 80)).toBeCloseTo(0.4, 10);
    expect(scoreIndicator(ind('B2.1'), 5)).toBeCloseTo(0.25, 10); // higher, target 20
    expect(scoreIndicator(ind('B2.1'), 50)).toBe(1);
    expect(scoreIndicator(ind('B3.1'), 5)).toBeCloseTo(0.75, 10); // lower, limit 20
    expect(scoreIndicator(ind('B3.1'), 40)).toBe(0);
    expect(scoreIndicator(ind('A1.3'), 'partly')).toBe(0.5);
    expect(scoreIndicator(ind('A1.3'), null)).toBeNull();
  });

  it('averages answered indicators per group, groups per category, categories overall', () => {
    // A1: 40 % (0.8) and partly (0.5), A1.2 unanswered → 65.0
    const answers: Answers = { 'A1.1': manual(40), 'A1.3': manual('partly'), 'B3.1': manual(10) };
    const s = scoreAssessment(set, answers);
    expect(s.groups.find((g) => g.code === 'A1')).toEqual({ code: 'A1', score: 65, answered: 2, total: 3 });
    expect(s.groups.find((g) => g.code === 'A2')!.score).toBeNull();
    expect(s.groups.find((g) => g.code === 'B3')!.score).toBe(50); // 1 − 10/20
    expect(s.categories).toEqual([
      { code: 'A', score: 65, answered: 2, total: 14 },
      { code: 'B', score: 50, answered: 1, total: 12 },
    ]);
    expect(s.overall).toBe(57.5);
    expect(s.formula).toMatch(/min\(p, 100 − p\) \/ 50/u);
  });
});

describe('adoption levels', () => {
  it('official: everything answered, a written policy, two exercises', () => {
    const r = adoptionLevel(set, full(), 2);
    expect(r.level).toBe('official');
    expect([...r.criteria.pilot, ...r.criteria.official].every((c) => c.met)).toBe(true);
  });

  it('pilot when the policy is only partly there, and the screen says which criterion is not met', () => {
    const r = adoptionLevel(set, full({ 'A4.1': 'partly' }), 2);
    expect(r.level).toBe('pilot');
    expect(r.criteria.official.filter((c) => !c.met).map((c) => c.text)).toEqual([
      'A4.1 Có chính sách bằng văn bản về bình đẳng giới trong nội dung (đã ban hành): Có (hiện: Một phần)',
    ]);
  });

  it('one exercise is pilot; none is none even with every answer', () => {
    expect(adoptionLevel(set, full(), 1).level).toBe('pilot');
    const r = adoptionLevel(set, full(), 0);
    expect(r.level).toBe('none');
    expect(r.criteria.pilot.find((c) => !c.met)!.text).toBe('Giám sát nội dung ít nhất 1 đợt trong năm (đã có 0)');
  });

  it('twelve answers all in category A are not enough: each category needs four', () => {
    const answers: Answers = {};
    for (const i of set.indicators.filter((x) => x.code.startsWith('A')).slice(0, 12)) answers[i.code] = manual(40);
    const r = adoptionLevel(set, answers, 3);
    expect(r.level).toBe('none');
    expect(r.criteria.pilot.filter((c) => !c.met).map((c) => c.text)).toEqual([
      'Mỗi loại A, B có ít nhất 4 chỉ số được đánh giá (A: 12, B: 0)',
    ]);
  });
});

describe('the exercises a level needs, kept with each assessment (G4 counts from them)', () => {
  it('gives the level adoptionLevel gives, for 2,000 random answer sets and 0 to 4 exercises', () => {
    const next = seededRandom(20251203);
    const seen = new Set<string>();
    for (let n = 0; n < 2000; n++) {
      const answers: Answers = {};
      const answered = next();
      for (const i of set.indicators) {
        if (next() > answered) continue;
        const choice = pick(next, ['yes', 'partly', 'no'] as const);
        answers[i.code] = manual(i.measure === 'yes_partly_no' ? choice : Math.round(next() * 100));
      }
      const needed = exercisesNeeded(set, answers);
      for (let exercises = 0; exercises <= 4; exercises++) {
        const level = adoptionLevel(set, answers, exercises).level;
        expect(levelWithExercises(needed, exercises)).toBe(level);
        seen.add(level);
      }
    }
    // the draw reaches every level, so the comparison could fail on each
    expect([...seen].sort()).toEqual(['none', 'official', 'pilot']);
  });

  it('official needs the pilot criteria too, and the larger of the two exercise counts', () => {
    expect(exercisesNeeded(set, full())).toEqual({ pilot: 1, official: 2 });
    expect(exercisesNeeded(set, full({ 'A4.1': 'partly' }))).toEqual({ pilot: 1, official: null });
    const stricter = structuredClone(set);
    stricter.levels.pilot.criteria = [{ kind: 'monitoring_exercises_at_least', count: 3 }];
    expect(exercisesNeeded(stricter, full())).toEqual({ pilot: 3, official: 3 });
    expect(adoptionLevel(stricter, full(), 2).level).toBe('none');
    expect(levelWithExercises(exercisesNeeded(stricter, full()), 3)).toBe('official');
    expect(adoptionLevel(stricter, full(), 3).level).toBe('official');
  });
});

describe('reading answers', () => {
  const monitoring = { women_people: { value: 31.5, n: 120, days: 2 } };

  it('fills computed indicators from monitoring, and a change needs a reason', () => {
    const kept = readAnswers(set, { 'A1.1': { value: '42,5' }, 'B1.1': {} }, monitoring);
    expect(kept.problems).toEqual({});
    expect(kept.answers['A1.1']).toMatchObject({ value: 42.5, from: 'manual' });
    expect(kept.answers['B1.1']).toEqual({
      value: 31.5,
      note: null,
      from: 'monitoring',
      reason: null,
      n: 120,
      days: 2,
    });
    const changed = readAnswers(set, { 'B1.1': { value: 40 } }, monitoring);
    expect(changed.problems['answers.B1.1.reason']).toMatch(/31.5% \(n = 120\)/u);
    const withReason = readAnswers(
      set,
      { 'B1.1': { value: 40, reason: 'Đợt giám sát bỏ sót chuyên mục' } },
      monitoring,
    );
    expect(withReason.problems).toEqual({});
    expect(withReason.answers['B1.1']).toMatchObject({ value: 40, from: 'manual', n: 120 });
  });

  it('refuses values that do not fit, naming the indicator', () => {
    const r = readAnswers(
      set,
      { 'A1.1': { value: 140 }, 'A1.3': { value: 'maybe' }, 'A5.2': { value: 2.5 }, Z9: { value: 1 } },
      {},
    );
    expect(Object.keys(r.problems).sort()).toEqual(['answers.A1.1', 'answers.A1.3', 'answers.A5.2', 'answers.Z9']);
    expect(r.problems['answers.A1.3']).toMatch(/^A1.3 .*: chọn Có, Một phần hoặc Không$/u);
    expect(readAnswers(set, { 'A1.3': { value: 'Một phần' } }, {}).answers['A1.3']!.value).toBe('partly');
  });

  it('names answered indicators that need evidence and have none', () => {
    expect(missingEvidence(set, full(), new Set(['A1.1', 'A2.2']))).toEqual(['A2.3', 'A4.1', 'A5.2']);
  });
});
