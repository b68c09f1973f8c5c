import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { planBatch } from './batch.ts';
import { feedbackBatch, feedbackYaml, sentenceAround, type ReviewedFinding } from './feedback.ts';

const finding = (over: Partial<ReviewedFinding>): ReviewedFinding => ({
  conventionId: 7,
  title: 'Hương ước thôn Đông',
  villageName: 'Thôn Đông',
  communeName: 'Xã Yên Lạc',
  status: 'confirmed',
  category: 'discrimination',
  rule: 'female-excluded',
  excerpt: 'Con gái đã lấy chồng không được chia đất hương hỏa.',
  text: null,
  start: null,
  end: null,
  ...over,
});

const CORPUS = `- url: "https://example.org/a"
  title: "Một trang đã có trong kho"
  part: ${'dev'}
  rows:
    - { label: neutral, theme: general, text: "Câu đã có trong kho câu, không liên quan." }
`;

describe('reviewers’ decisions as a candidate corpus batch', () => {
  const findings = [
    finding({}),
    finding({
      status: 'dismissed',
      rule: 'dowry-required',
      excerpt: 'Nhà trai, nhà gái cùng góp tiền xây nhà văn hóa.',
    }),
    finding({ category: 'stereotype', rule: null, excerpt: 'Phụ nữ phải\n  giữ gìn nếp nhà.' }),
    finding({ status: 'resolved', category: 'described', excerpt: 'Ở thôn có lệ con gái không được vào từ đường.' }),
    finding({ status: 'open', excerpt: 'Một khoản chưa ai xem xét.' }),
    finding({ category: 'possible', rule: 'model', excerpt: 'Một khoản ý kiến thống kê đã được xác nhận.' }),
    finding({ conventionId: 9, title: 'Quy ước tổ 3', villageName: null, communeName: 'Phường An' }),
    finding({ conventionId: 9, title: 'Quy ước tổ 3', excerpt: ' ' }),
  ];

  it('labels each decision, groups by convention, and says what it left out', () => {
    const batch = feedbackBatch(findings, 'https://bdg.example.gov.vn/');
    expect(batch.sources.map((s) => [s.url, s.title])).toEqual([
      [
        'https://bdg.example.gov.vn/#/conventions/7',
        'Hương ước thôn Đông — Thôn Đông, Xã Yên Lạc (sổ hương ước, quy ước)',
      ],
    ]);
    expect(batch.sources[0]!.rows).toEqual([
      {
        label: 'discriminatory',
        form: 'decreed',
        theme: 'general',
        text: 'Con gái đã lấy chồng không được chia đất hương hỏa.',
      },
      { label: 'neutral', theme: 'general', text: 'Nhà trai, nhà gái cùng góp tiền xây nhà văn hóa.' },
      { label: 'stereotype', theme: 'general', text: 'Phụ nữ phải giữ gìn nếp nhà.' },
      {
        label: 'discriminatory',
        form: 'described',
        theme: 'general',
        text: 'Ở thôn có lệ con gái không được vào từ đường.',
      },
    ]);
    // the second convention's clause repeats the first's, its other one is empty: it brings no row
    expect(batch.skipped).toEqual({ open: 1, kindUnknown: 1, repeated: 1, tooShort: 1 });
  });

  it('quotes the whole sentence around the words a rule matched, not only those words', () => {
    const text = [
      'Điều 4. Thừa kế',
      '1. Con gái đã lấy chồng không được chia đất hương hỏa.',
      'Hộ có 2.5 sào thì con trai được chia; con gái không được chia. Điều này áp dụng từ năm 2024',
    ].join('\n');
    const at = (words: string) => [text.indexOf(words), text.indexOf(words) + words.length] as const;
    expect(sentenceAround(text, ...at('Con gái đã lấy chồng không được chia')).trim()).toBe(
      'Con gái đã lấy chồng không được chia đất hương hỏa.',
    );
    // a decimal point is no sentence's end; a semicolon is
    expect(sentenceAround(text, ...at('con trai được chia')).trim()).toBe('Hộ có 2.5 sào thì con trai được chia;');
    expect(sentenceAround(text, ...at('con gái không')).trim()).toBe('con gái không được chia.');
    expect(sentenceAround(text, ...at('áp dụng')).trim()).toBe('Điều này áp dụng từ năm 2024');
    const [start, end] = at('Con gái đã lấy chồng không được chia');
    const rows = feedbackBatch([finding({ excerpt: 'Con gái đã lấy chồng không được chia', text, start, end })], 'x:')
      .sources[0]!.rows;
    expect(rows.map((r) => r.text)).toEqual(['Con gái đã lấy chồng không được chia đất hương hỏa.']);
  });

  it('writes a file that bdg screener-batch accepts, NFC, with a header to check the labels', () => {
    const decomposed = 'Con gái đã lấy chồng không được chia đất hương hỏa.'.normalize('NFD');
    const yaml = feedbackYaml(feedbackBatch([finding({ excerpt: decomposed })], 'http://localhost:3000'), '2026-12-07');
    expect(yaml).toMatch(/^# Lô câu ứng viên từ sổ hương ước, quy ước \(2026-12-07\): 1 câu từ 1 văn bản\./u);
    expect(yaml).toContain('docs/screener.md');
    const planned = planBatch(CORPUS, yaml);
    expect(planned.rows.map((r) => [r.label, r.text])).toEqual([
      ['discriminatory', 'Con gái đã lấy chồng không được chia đất hương hỏa.'.normalize('NFC')],
    ]);
    expect(['dev', 'test']).toContain(planned.rows[0]!.part);
    // nothing reviewed yet: an empty list, still YAML
    expect(parseYaml(feedbackYaml(feedbackBatch([], 'http://localhost'), '2026-12-07'))).toEqual([]);
  });
});
