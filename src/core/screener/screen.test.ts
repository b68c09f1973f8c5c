import { describe, expect, it } from 'vitest';
import type { ScreenerModel } from './model.ts';
import { parseRules } from './rules.ts';
import { rulesFiring, screenText } from './screen.ts';

/** A small rules file that exercises each mechanism on its own. */
const rules = parseRules(`
version: 1
lexicon:
  neutral: [bà con]
  female: [con gái, phụ nữ, nữ, bà]
  forbid: [không được]
  domain: [chia đất, vào đình]
  hiring: [tuyển]
  reported: [theo tục lệ, người ta cho rằng]
  ban: [định kiến]
  harm: [ép]
  son: [con trai]
  title: [bà]
  contrast: [nhưng]
proverbs:
  - { text: "Con gái là con người ta", theme: outsider, source: "https://example.org/tuc-ngu" }
rules:
  - id: excluded
    category: discrimination
    message: Loại trừ phụ nữ khỏi một quyền.
    law: Luật Bình đẳng giới 2006
    suggestion: Quy định như nhau.
    when: [[female], [forbid], [domain]]
    window: 8
    ordered: true
    unless: [ban]
    soften: [reported]
    examples: { positive: [Con gái không được chia đất.], negative: [Định kiến con gái không được chia đất.] }
  - id: hiring
    category: discrimination
    message: Tuyển theo giới tính.
    law: Bộ luật Lao động 2019
    suggestion: Nêu yêu cầu công việc.
    when: [[hiring], [female]]
    window: 6
    examples: { positive: [Chỉ tuyển nữ.], negative: [Tuyển người làm.] }
  - id: general
    category: stereotype
    message: Một quy tắc chung hơn.
    law: Luật Bình đẳng giới 2006
    suggestion: Viết cho mọi người.
    when: [[female], [forbid]]
    window: 3
    unless: [ban]
    fallback: true
    examples: { positive: [Phụ nữ không được cãi.], negative: [Ai cũng được nói.] }
  - id: son-wanted
    category: discrimination
    message: Ép sinh con trai.
    law: Luật Bình đẳng giới 2006
    suggestion: Không phân biệt con trai, con gái.
    when: [[female], [son]]
    window: 8
    unless: [ban, harm+forbid]
    examples:
      positive: [Nhà chồng ép phụ nữ phải sinh con trai.]
      negative: [Ép phụ nữ sinh con trai là không được.]
  - id: proverb
    category: stereotype
    message: Tục ngữ gán vai trò theo giới.
    law: Luật Bình đẳng giới 2006
    suggestion: Không dùng như chuẩn mực.
    when: [[proverb]]
    window: 1
    unless: [ban]
    examples: { positive: [Con gái là con người ta.], negative: [Câu nói ấy là định kiến.] }
`);

const ids = (text: string, model?: ScreenerModel) =>
  screenText(text, rules, model).map((f) => `${f.rule}:${f.category}`);

describe('screening mechanisms', () => {
  it('a reported custom is flagged as a described practice with a lower severity, never hidden', () => {
    const [f] = screenText('Theo tục lệ, con gái không được chia đất.', rules);
    expect(f).toMatchObject({ rule: 'excluded', category: 'described', severity: 'low' });
    expect(f!.message).toMatch(/^Mô tả tập tục, quan niệm: /u);
    expect(screenText('Con gái không được chia đất.', rules)[0]).toMatchObject({
      category: 'discrimination',
      severity: 'high',
    });
    expect(ids('Định kiến cho rằng con gái không được chia đất.')).toEqual([]);
  });

  it('names each rule that fires once, whatever the number of its findings', () => {
    const text = 'Con gái không được chia đất. Phụ nữ không được vào đình.';
    expect(screenText(text, rules).filter((f) => f.rule === 'excluded')).toHaveLength(2);
    expect(rulesFiring(text, rules)).toEqual(['excluded']);
    expect(rulesFiring('Bà con họp thôn.', rules)).toEqual([]);
  });

  it('a guard joined by "+" cancels only when all its lexicons are in the sentence', () => {
    // a harm reported alone is the discrimination itself; the same harm forbidden is a protection
    expect(ids('Nhà chồng ép phụ nữ phải sinh con trai.')).toEqual(['son-wanted:discrimination']);
    expect(ids('Ép phụ nữ sinh con trai là không được.')).toEqual([]);
  });

  it('a guard conceded before "nhưng" does not cancel what the sentence asserts after it', () => {
    expect(ids('Ai cũng phản đối định kiến, nhưng con gái không được chia đất.')).toEqual(['excluded:discrimination']);
    // a guard after the contrast, or a rejection that follows the claim, still cancels
    expect(ids('Ai cũng biết, nhưng định kiến cho rằng con gái không được chia đất.')).toEqual([]);
    expect(ids('Con gái không được chia đất, nhưng đó là định kiến.')).toEqual([]);
    // without a contrast the guard covers the whole sentence, as before
    expect(ids('Ai cũng phản đối định kiến, con gái không được chia đất.')).toEqual([]);
  });

  it('a title before a name or an initial is one person, not women as a class', () => {
    expect(ids('Bà không được vào đình.')).toEqual(['excluded:discrimination']);
    expect(ids('Bà Lan không được vào đình.')).toEqual([]);
    expect(ids('Công ty không cho bà T. vào đình, bà không được vào đình.')).toEqual(['excluded:discrimination']);
    // a capital after punctuation starts a quotation, not a name
    expect(ids('Ông nói với bà: Không được vào đình.')).toEqual(['excluded:discrimination']);
  });

  it('a general (fallback) rule is read only when no specific rule fired in the sentence', () => {
    expect(ids('Con gái không được chia đất.')).toEqual(['excluded:discrimination']);
    expect(ids('Phụ nữ không được cãi.')).toEqual(['general:stereotype']);
  });

  it('reads a fragment of three syllables or fewer with the sentence after it, as advertisements write them', () => {
    expect(ids('Giới tính: nữ. Tuyển gấp.')).toEqual(['hiring:discrimination']);
    expect(ids('Tuyển người làm vườn. Hỏi chị Lan, bà con trong xóm.')).toEqual([]);
  });

  it('does not end a sentence inside a curly quotation or before a lower-case continuation', () => {
    expect(ids('Ông nói: “Con gái. Không được chia đất.”')).toEqual(['excluded:discrimination']);
    expect(ids('Con gái... không được chia đất.')).toEqual(['excluded:discrimination']);
    expect(ids('Con gái ở nhà. Không được chia đất là việc khác.')).toEqual([]);
  });

  it('matches a proverb tolerant of a missing or an added syllable, and not when it is rejected', () => {
    expect(ids('Người ta vẫn nói con gái là con nhà người ta.')).toEqual(['proverb:stereotype']);
    expect(ids('Con gái là con người ta.')).toEqual(['proverb:stereotype']);
    expect(ids('Con gái là con của mẹ.')).toEqual([]);
    expect(ids('“Con gái là con người ta” là định kiến.')).toEqual([]);
  });

  it('the statistical model adds a possible finding only where no rule fired, and never on plain text', () => {
    const model: ScreenerModel = {
      version: 1,
      trainedOn: 'test',
      rows: 1,
      threshold: 0.5,
      crossValidated: { recall: 1, falseAlarms: 0 },
      bias: -2,
      weights: { 'bêp1 nuc1': 5 },
    };
    expect(ids('Chị ấy lo bếp núc.', model)).toEqual(['statistical:possible']);
    expect(ids('Con gái không được chia đất, phải lo bếp núc.', model)).toEqual(['excluded:discrimination']);
    expect(ids('Chi ay lo bep nuc.', model)).toEqual([]);
    expect(screenText('Chị ấy lo bếp núc.', rules, model)[0]).toMatchObject({
      severity: 'low',
      text: 'Chị ấy lo bếp núc',
    });
  });
});
