import { describe, expect, it } from 'vitest';
import { scoreResponse, ScoringError, parseScoring } from './scoring.ts';
import { readXlsForm, type Sheet } from './xlsform.ts';

const sheet = (headers: string[], ...rows: string[][]): Sheet => ({
  headers,
  rows: rows.map((r, i) => ({ line: i + 2, cells: Object.fromEntries(headers.map((h, j) => [h, r[j] ?? ''])) })),
});

const form = readXlsForm({
  survey: sheet(
    ['type', 'name', 'label'],
    ...['k1', 'k2', 'k3', 'k4', 'k5'].map((n) => ['select_one tf', n, n]),
    ...['a1', 'a2', 'a3', 'a4'].map((n) => ['select_one agree', n, n]),
    ['text', 'note_text', 'free text'],
  ),
  choices: sheet(
    ['list_name', 'name', 'label'],
    ['tf', 'true', 'Đúng'],
    ['tf', 'false', 'Sai'],
    ['tf', 'dk', 'Không biết'],
    ['agree', 'agree', 'Đồng ý'],
    ['agree', 'partly', 'Một phần'],
    ['agree', 'disagree', 'Không đồng ý'],
    ['agree', 'refused', 'Không trả lời'],
  ),
  settings: sheet(['form_id'], ['f']),
});

const SPEC = `
instrument: f
scales:
  - code: knowledge
    name: Hiểu biết
    kind: knowledge
    items:
      - { question: k1, key: 'true' }
      - { question: k2, key: 'false' }
      - { question: k3, key: 'true' }
      - { question: k4, key: ['true', 'false'] }
      - { question: k5, key: 'true' }
  - code: attitude
    name: Quan niệm
    kind: rating
    values: { agree: 1, partly: 2, disagree: 3 }
    notAnswered: [refused]
    items:
      - { question: a1 }
      - { question: a2 }
      - { question: a3 }
      - { question: a4, reverse: true }
overall: { name: Chung, scales: [knowledge, attitude] }
`;

describe('scoring', () => {
  const spec = parseScoring(SPEC, form);

  it('scores knowledge by the key ("don’t know" is wrong) and ratings on 0–100, reversed items turned', () => {
    const r = scoreResponse(spec, {
      k1: 'true',
      k2: 'false',
      k3: 'dk',
      k4: 'false',
      k5: 'false',
      a1: 'disagree',
      a2: 'partly',
      a3: 'agree',
      a4: 'agree',
    });
    expect(r.scores.knowledge).toBe(60);
    // items: 100, 50, 0 and the reversed "agree" 100 → 62.5
    expect(r.scores.attitude).toBe(62.5);
    expect(r.scores.overall).toBe(61.25);
  });

  it('gives no score with fewer than 80% of a scale’s items answered, and then no overall score', () => {
    // 4 of 5 knowledge items (80%) is enough; 3 of 4 attitude items (75%, "refused" is no answer) is not
    const r = scoreResponse(spec, {
      k1: 'true',
      k2: 'true',
      k3: 'true',
      k4: 'true',
      a1: 'agree',
      a2: 'agree',
      a3: 'refused',
      a4: 'agree',
    });
    expect(r.scores.knowledge).toBe(75);
    expect(r.answered.attitude).toEqual({ answered: 3, items: 4 });
    expect(r.scores.attitude).toBeNull();
    expect(r.scores.overall).toBeNull();
  });

  it('refuses a specification that does not fit its form, naming the line', () => {
    const bad = SPEC.replace("{ question: k2, key: 'false' }", "{ question: k2, key: 'sai' }")
      .replace('{ question: a4, reverse: true }', '{ question: note_text }')
      .replace('values: { agree: 1, partly: 2, disagree: 3 }', 'values: { agree: 1, partly: 2 }');
    let problems: string[] = [];
    try {
      parseScoring(bad, form);
    } catch (e) {
      if (!(e instanceof ScoringError)) throw e;
      problems = e.problems;
    }
    expect(problems).toEqual([
      'dòng 9, scales.0.items.1.key: danh sách "tf" không có lựa chọn "sai"',
      'dòng 19, scales.1.items.0.question: lựa chọn chưa có điểm (values) hay notAnswered: disagree',
      'dòng 20, scales.1.items.1.question: lựa chọn chưa có điểm (values) hay notAnswered: disagree',
      'dòng 21, scales.1.items.2.question: lựa chọn chưa có điểm (values) hay notAnswered: disagree',
      'dòng 22, scales.1.items.3.question: "note_text" không phải câu chọn một của biểu mẫu',
    ]);
    expect(() => parseScoring(SPEC.replace('kind: knowledge', 'kind: quiz'), form)).toThrow(/dòng 6, scales\.0\.kind/u);
    expect(() => parseScoring(SPEC.replace('instrument: f', 'instrument: g'), form)).toThrow(/biểu mẫu là "f"/u);
  });
});
