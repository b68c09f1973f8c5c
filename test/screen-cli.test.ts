import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { MODEL_FALSE_ALARM_SHARE, parseCorpus } from '../src/core/screener/evaluate.ts';

const BIN = new URL('../bin/bdg.js', import.meta.url).pathname;
/** `bdg COMMAND ARGS…` in a child process; the corpus is large, so the output buffer is too. */
const bdg = (command: string, args: string[], input?: string) =>
  spawnSync(process.execPath, [BIN, command, ...args], {
    input,
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
  });
const run = (args: string[], input?: string) => bdg('screen', args, input);
const screenerDev = (args: string[]) => bdg('screener-dev', args);

describe('bdg screen', () => {
  it('--lines --json: one object per input line, in order, with the span of each finding', () => {
    const lines = [
      'Con gái đã lấy chồng không được chia đất hương hoả.',
      'Vợ chồng cùng bàn bạc việc nhà.',
      '',
      'phu nu khong duoc vao dinh',
    ];
    const r = run(['-', '--lines', '--json'], `${lines.join('\n')}\n`);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      line: number;
      flagged: boolean;
      findings: { rule: string; category: string; start: number; end: number; message: string; law: string }[];
    }[];
    expect(out.map((o) => [o.line, o.flagged])).toEqual([
      [1, true],
      [2, false],
      [3, false],
      [4, true],
    ]);
    const f = out[0]!.findings[0]!;
    expect(Object.keys(f).sort()).toEqual(['category', 'end', 'law', 'message', 'rule', 'severity', 'start']);
    expect(f.category).toBe('discrimination');
    expect(lines[0]!.slice(f.start, f.end)).toBe('Con gái đã lấy chồng không được chia');
  }, 60_000);

  it('reads a .docx and points at the article and clause', async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            'HƯƠNG ƯỚC THÔN MẪU',
            'Điều 7. Thờ cúng',
            '1. Con cháu giữ gìn nhà thờ họ.',
            '2. Phụ nữ không được vào nhà thờ họ trong ngày giỗ tổ.',
            '3. Theo tục lệ của làng, con gái không được vào đình trong ngày tế lễ.',
          ].map((t) => new Paragraph(t)),
        },
      ],
    });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bdg-screen-')), 'huong-uoc.docx');
    fs.writeFileSync(file, await Packer.toBuffer(doc));
    const r = run([file, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.findings).toHaveLength(2);
    expect(out.findings[0]).toMatchObject({ location: 'Điều 7, khoản 2', rule: 'female-excluded' });
    // a custom the text reports is its own, lower kind
    expect(out.findings[1]).toMatchObject({ location: 'Điều 7, khoản 3', category: 'described', severity: 'low' });
    const human = run([file]);
    expect(human.stdout).toContain('- Điều 7, khoản 2: "Phụ nữ không được vào nhà" — [phân biệt đối xử]');
    expect(human.stdout).toMatch(/- Điều 7, khoản 3: "[^"]+" — \[tập tục được mô tả\]/u);
  }, 60_000);

  it('screener-dev: the development part only — figures, rules, misses — and never a test sentence', () => {
    const r = screenerDev(['--misses', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const corpus = parseCorpus(fs.readFileSync(new URL('fixtures/screener-corpus.yaml', import.meta.url), 'utf8'));
    const dev = new Set(corpus.filter((row) => row.part === 'dev').map((row) => row.text));
    const out = JSON.parse(r.stdout) as {
      rows: number;
      figures: { discriminatory: { hit: number; of: number }; stereotype: { hit: number; of: number } };
      rules: { rule: string; found: number; falseAlarms: number }[];
      misses: { text: string }[];
      falseAlarms: { text: string; rules: string[] }[];
    };
    expect(out.rows).toBe(dev.size);
    const { discriminatory: d, stereotype: s } = out.figures;
    expect(out.misses).toHaveLength(d.of - d.hit + s.of - s.hit);
    expect(out.rules.length).toBeGreaterThan(10);
    for (const m of [...out.misses, ...out.falseAlarms]) expect(dev.has(m.text)).toBe(true);
    for (const f of out.falseAlarms) expect(f.rules.length).toBeGreaterThan(0);
    for (const row of corpus.filter((x) => x.part === 'test')) expect(r.stdout.includes(row.text)).toBe(false);
  }, 60_000);

  it('screener-dev --compare: an earlier rules file beside the current one, every row whose verdict changes', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bdg-compare-'));
    const today = parseYaml(fs.readFileSync(new URL('../rules/screener-vi.yaml', import.meta.url), 'utf8')) as {
      rules: { id: string }[];
    };
    // the earlier version: today's rules without one rule, so the rows it alone flags are the only changes
    const earlier = path.join(dir, 'earlier.yaml');
    fs.writeFileSync(earlier, stringifyYaml({ ...today, rules: today.rules.filter((x) => x.id !== 'despite-sex') }));
    const r = screenerDev(['--compare', earlier, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const corpus = parseCorpus(fs.readFileSync(new URL('fixtures/screener-corpus.yaml', import.meta.url), 'utf8'));
    const devTexts = new Set(corpus.filter((row) => row.part === 'dev').map((row) => row.text));
    type Rate = { hit: number; of: number; rate: number };
    const out = JSON.parse(r.stdout) as {
      figures: { falseAlarms: Rate; stereotype: Rate };
      budget: { modelShare: number; rulesInSample: number };
      compare: {
        before: { stereotype: Rate };
        after: unknown;
        changes: { text: string; label: string; before: string[]; after: string[]; better: boolean }[];
      };
    };
    expect(out.compare.after).toEqual(out.figures);
    expect(out.compare.changes.length).toBeGreaterThan(0);
    for (const c of out.compare.changes) {
      expect(devTexts.has(c.text)).toBe(true);
      expect(c.before).toEqual([]);
      expect(c.after).toContain('despite-sex');
      expect(c.better).toBe(c.label === 'discriminatory' || c.label === 'stereotype');
    }
    const gained = out.compare.changes.filter((c) => c.label === 'stereotype').length;
    expect(out.figures.stereotype.hit - out.compare.before.stereotype.hit).toBe(gained);
    // the model's fixed share beside the rules' own false alarms on the sentences they were written from
    expect(out.budget.rulesInSample).toBeCloseTo(out.figures.falseAlarms.rate, 12);
    expect(out.budget.modelShare).toBe(MODEL_FALSE_ALARM_SHARE);
    const missing = screenerDev(['--compare', path.join(dir, 'nowhere.yaml')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('(--compare)');
  }, 60_000);

  it('screener-dev --grep: development rows only, with or without diacritics; a bad pattern is named', () => {
    const corpus = parseCorpus(fs.readFileSync(new URL('fixtures/screener-corpus.yaml', import.meta.url), 'utf8'));
    const withWord = (part: string) =>
      corpus.filter((row) => row.part === part && row.text.toLowerCase().includes('con gái')).map((row) => row.text);
    // the word is in both parts, so a search that read the test part would show it
    expect(withWord('test').length).toBeGreaterThan(0);
    type Found = { grep: { found: { text: string; label: string; rules: string[] }[] } };
    const r = screenerDev(['--grep', 'con gái', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const found = (JSON.parse(r.stdout) as Found).grep.found;
    expect(found.map((f) => f.text).sort()).toEqual(withWord('dev').sort());
    const plain = screenerDev(['--grep', 'CON GAI', '--json']);
    expect(plain.status, plain.stderr).toBe(0);
    const foundPlain = (JSON.parse(plain.stdout) as Found).grep.found.map((f) => f.text);
    // typed without diacritics: the same rows at least (folded, "còn gái" would match as well), none of the test part
    expect(foundPlain).toEqual(expect.arrayContaining(withWord('dev')));
    const test = new Set(withWord('test'));
    expect(foundPlain.filter((t) => test.has(t))).toEqual([]);
    const bad = screenerDev(['--grep', '(']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('(--grep)');
  }, 60_000);

  it('screener-batch: measures the new development rows, only counts the test rows, appends all or nothing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bdg-batch-'));
    const corpusFile = path.join(dir, 'corpus.yaml');
    fs.copyFileSync(new URL('fixtures/screener-corpus.yaml', import.meta.url), corpusFile);
    const before = fs.readFileSync(corpusFile, 'utf8');
    // example.org/bai-1 falls in the development part by its address, bai-2 in the test part
    const testSentence = 'Câu kiểm tra riêng của lô này, không được in ra.';
    const batchFile = path.join(dir, 'batch.yaml');
    fs.writeFileSync(
      batchFile,
      [
        '- url: https://example.org/bai-1',
        '  title: Trang mới',
        '  rows:',
        '    - { label: discriminatory, form: decreed, theme: inheritance,',
        '        text: "Con gái đã lấy chồng không được chia đất hương hoả." }',
        '    - { label: neutral, theme: work, text: "Chị làm kế toán ở một công ty xây dựng." }',
        '- url: https://example.org/bai-2',
        '  title: Trang mới khác',
        '  rows:',
        `    - { label: stereotype, theme: general, text: "${testSentence}" }`,
        '',
      ].join('\n'),
    );
    const batch = (...extra: string[]) => bdg('screener-batch', [batchFile, '--corpus', corpusFile, ...extra]);
    try {
      const measured = batch('--json');
      expect(measured.status, measured.stderr).toBe(0);
      const out = JSON.parse(measured.stdout) as {
        dev: Record<string, number>;
        test: Record<string, number>;
        figures: { rules: { discriminatory: { hit: number; of: number }; falseAlarms: { hit: number; of: number } } };
        appended: boolean;
      };
      expect(out.dev).toEqual({ discriminatory: 1, stereotype: 0, neutral: 1, protective: 0 });
      expect(out.test).toEqual({ discriminatory: 0, stereotype: 1, neutral: 0, protective: 0 });
      expect(out.figures.rules.discriminatory).toMatchObject({ hit: 1, of: 1 });
      expect(out.figures.rules.falseAlarms).toMatchObject({ hit: 0, of: 1 });
      expect(out.appended).toBe(false);
      expect(measured.stdout).not.toContain(testSentence);
      expect(fs.readFileSync(corpusFile, 'utf8')).toBe(before);

      const appended = batch('--append');
      expect(appended.status, appended.stderr).toBe(0);
      expect(appended.stdout).toContain('Đã ghi 3 câu');
      expect(appended.stdout).not.toContain(testSentence);
      const rows = parseCorpus(fs.readFileSync(corpusFile, 'utf8'));
      expect(rows.find((r) => r.text === testSentence)?.part).toBe('test');
      expect(rows.length).toBe(parseCorpus(before).length + 3);

      const again = batch('--append');
      expect(again.status).not.toBe(0);
      expect(again.stderr).toContain('https://example.org/bai-1 đã có trong kho câu');
      expect(parseCorpus(fs.readFileSync(corpusFile, 'utf8')).length).toBe(rows.length);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('a reader that stops early: the command ends quietly with status 0 (no EPIPE trace)', () => {
    // 1.4 MB of JSON, far more than a pipe holds: most of it is written after the reader has gone
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bdg-epipe-'));
    const file = path.join(dir, 'many.txt');
    fs.writeFileSync(
      file,
      Array.from({ length: 3000 }, (_, i) => `Con gái không được chia đất, dòng ${i}.`).join('\n'),
    );
    const r = spawnSync(
      'bash',
      ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" screen "${file}" --lines --json | head -c 100`],
      { encoding: 'utf8', timeout: 60_000, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } },
    );
    fs.rmSync(dir, { recursive: true, force: true });
    expect(r.stdout).toHaveLength(100);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 60_000);
});
