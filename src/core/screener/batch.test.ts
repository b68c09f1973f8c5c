import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { pageKey, planBatch } from './batch.ts';
import { parseCorpus } from './evaluate.ts';

// example.org/bai-0 and bai-1 fall in the development part by their address, bai-2 in the test part
const CORPUS = `- url: "https://example.org/bai-0"
  title: "Trang đã có"
  part: dev
  rows:
    - { label: neutral, theme: work, text: "Câu đã có trong kho." }
`;

const batch = (rows: string, url = 'https://example.org/bai-1', extra = '') =>
  `- url: ${url}\n  title: Trang mới${extra}\n  rows:\n${rows}`;

const refusal = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
};

describe('a batch of new corpus sentences', () => {
  it('gives each source its part by its address and appends the batch to the corpus text', () => {
    const text =
      batch('    - { label: stereotype, theme: general, text: "Câu mới một." }\n') +
      batch(
        '    - { label: discriminatory, form: described, theme: work, text: "Câu mới hai." }\n',
        'https://example.org/bai-2',
      );
    const planned = planBatch(CORPUS, text);
    expect(planned.rows.map((r) => [r.part, r.label, r.form, r.text])).toEqual([
      ['dev', 'stereotype', undefined, 'Câu mới một.'],
      ['test', 'discriminatory', 'described', 'Câu mới hai.'],
    ]);
    const all = parseCorpus(planned.appended);
    expect(all.map((r) => r.text)).toEqual(['Câu đã có trong kho.', 'Câu mới một.', 'Câu mới hai.']);
    expect(planned.appended.startsWith(CORPUS)).toBe(true);
  });

  it('refuses, together and by name, a source already in the corpus and a row with a bad label', () => {
    const decomposed = 'Câu mới ba.'.normalize('NFD');
    const text =
      batch('    - { label: neutral, theme: work, text: "Câu mới." }\n', 'https://example.org/bai-0') +
      batch(
        '    - { label: neutral, theme: work, text: "Câu đã có trong kho." }\n' +
          '    - { label: sai, theme: work, text: "Câu mới bốn." }\n' +
          `    - { label: neutral, theme: work, text: "${decomposed}" }\n`,
      );
    const e = refusal(() => planBatch(CORPUS, text));
    expect(e.code).toBe('VALIDATION');
    const reasons = (e.rows ?? []).map((r) => `${r.column}: ${r.reason}`).join('\n');
    expect(reasons).toContain('địa chỉ (url): https://example.org/bai-0 đã có trong kho câu');
    expect(reasons).toContain('nhãn (label): nguồn 2, câu 2');
  });

  it('refuses a page the rules took a saying from, whichever part it would fall in', () => {
    const row = (n: number) => `    - { label: stereotype, theme: proverb, text: "Câu tục ngữ số ${n}." }\n`;
    const text = batch(row(1), 'https://example.org/bai-2') + batch(row(2), 'https://example.org/bai-3');
    const reasons = (refusal(() => planBatch(CORPUS, text, ['http://www.example.org/bai-2/'])).rows ?? []).map(
      (r) => `${r.line} ${r.reason}`,
    );
    expect(reasons).toEqual([
      '1 https://example.org/bai-2: bộ luật đã lấy câu nói từ trang này (rules/screener-vi.yaml, proverbs); ' +
        'không dùng để đo',
    ]);
    expect(planBatch(CORPUS, text, ['https://example.org/bai-4']).rows).toHaveLength(2);
  });

  it('refuses a page already in the corpus or in the batch under another form of its address', () => {
    const row = (n: number) => `    - { label: neutral, theme: work, text: "Câu mới số ${n}." }\n`;
    const text =
      batch(row(1), 'https://example.org/bai-0/') +
      batch(row(2), 'http://www.Example.org/bai-0') +
      batch(row(3), 'https://m.example.org/bai-9') +
      batch(row(4), 'https://example.org/bai-9/');
    const reasons = (refusal(() => planBatch(CORPUS, text)).rows ?? []).map((r) => `${r.line} ${r.reason}`);
    expect(reasons).toEqual([
      '1 https://example.org/bai-0/: trang này đã có trong kho câu với địa chỉ https://example.org/bai-0',
      '2 http://www.Example.org/bai-0: trang này đã có trong kho câu với địa chỉ https://example.org/bai-0',
      '2 http://www.Example.org/bai-0 có hai lần trong lô',
      '4 https://example.org/bai-9/ có hai lần trong lô',
    ]);
    // different pages stay different: another path, another case in the path, another host
    expect(pageKey('https://example.org/Bai-0')).not.toBe(pageKey('https://example.org/bai-0'));
    expect(pageKey('https://example.com/bai-0')).not.toBe(pageKey('https://example.org/bai-0'));
    expect(pageKey('https://amp.Example.org/a/b/?x=1')).toBe('example.org/a/b/?x=1');
  });

  it('refuses a known sentence, one quoted twice, text not NFC, and a part that contradicts the split', () => {
    const text =
      batch(
        '    - { label: neutral, theme: work, text: "Câu đã có trong kho." }\n' +
          '    - { label: neutral, theme: work, text: "Câu lặp." }\n' +
          '    - { label: neutral, theme: work, text: "Câu lặp." }\n',
        'https://example.org/bai-1',
        '\n  part: test',
      ) +
      batch(
        `    - { label: neutral, theme: work, text: "${'Câu mới ba.'.normalize('NFD')}" }\n`,
        'https://example.org/bai-3',
      );
    const reasons = (refusal(() => planBatch(CORPUS, text)).rows ?? []).map((r) => r.reason);
    expect(reasons).toEqual([
      'https://example.org/bai-1: ghi test, phép chia cho dev',
      'nguồn 1, câu 1: đã có trong kho câu',
      'nguồn 1, câu 3: trích hai lần trong lô',
      'nguồn 2, câu 1: chưa ở dạng NFC',
    ]);
  });

  it('refuses a sentence another source quotes in full or cut short, not a short saying quoted inside one', () => {
    const article =
      'Người sử dụng lao động không được sa thải người lao động vì lý do kết hôn, mang thai, nghỉ thai sản.';
    const corpus =
      CORPUS +
      `- url: "https://example.org/luat"\n  title: "Luật"\n  part: dev\n  rows:\n` +
      `    - { label: protective, theme: work, text: "${article}" }\n` +
      `    - { label: stereotype, theme: general, text: "Đàn ông không được khóc." }\n`;
    const text =
      batch(
        // cut short, with other punctuation and case
        '    - { label: protective, theme: work, text: "người sử dụng lao động không được sa thải người lao động vì ' +
          'lý do kết hôn" }\n' +
          // a saying of the corpus quoted inside a longer sentence that rejects it: allowed
          '    - { label: protective, theme: general, text: "Câu “đàn ông không được khóc” là một định kiến." }\n',
      ) +
      batch(
        '    - { label: neutral, theme: work, text: "Trong lô này, một câu đủ dài để được coi là một trích dẫn ' +
          'thật sự của trang." }\n',
        'https://example.org/bai-2',
      ) +
      batch(
        '    - { label: neutral, theme: work, text: "Trang khác viết: trong lô này, một câu đủ dài để được coi là ' +
          'một trích dẫn thật sự của trang." }\n',
        'https://example.org/bai-3',
      );
    const reasons = (refusal(() => planBatch(corpus, text)).rows ?? []).map((r) => r.reason);
    expect(reasons).toEqual([
      'nguồn 1, câu 1: nằm trọn trong một câu của nguồn https://example.org/luat (trích lại)',
      'nguồn 3, câu 1: chứa trọn một câu của nguồn https://example.org/bai-2 (trích lại)',
    ]);
    // the same rows from the source that holds the article are not copies of it
    const sameSource = batch(
      '    - { label: neutral, theme: general, text: "Câu “đàn ông không được khóc” là một định kiến." }\n',
    );
    expect(planBatch(corpus, sameSource).rows).toHaveLength(1);
  });

  it('refuses a file that is not a YAML list of sources', () => {
    expect(refusal(() => planBatch(CORPUS, 'url: https://example.org/bai-1')).message).toContain('danh sách nguồn');
    expect(refusal(() => planBatch(CORPUS, '- [')).message).toContain('YAML');
  });
});
