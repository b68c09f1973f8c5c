import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';

const BIN = new URL('../bin/bdg.js', import.meta.url).pathname;
const run = (args: string[], input?: string) =>
  spawnSync(process.execPath, [BIN, 'screen', ...args], {
    input,
    encoding: 'utf8',
    timeout: 60_000,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
  });

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
});
