import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = new URL('../bin/bdg.js', import.meta.url).pathname;
const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;
// made by test/reference/survey.R with R's survey package
const REFERENCE = JSON.parse(fs.readFileSync(fixture('survey-reference.json'), 'utf8')) as Record<string, number>[];
const ref = (c: string) => REFERENCE.find((r) => (r as unknown as { case: string }).case === c)!;
const DESIGN = ['--score', 'score', '--weight', 'weight', '--strata', 'stratum', '--cluster', 'cluster'];
const bdg = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });

describe('bdg survey (no database)', () => {
  it('estimate --by sex --json: the figures of R survey, unrounded', () => {
    const r = bdg('survey', 'estimate', fixture('survey-wave-2025.csv'), ...DESIGN, '--by', 'sex', '--json');
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { group: Record<string, string>; n: number; mean: number; se: number }[];
    expect(out.map((g) => g.group)).toEqual([{ sex: 'female' }, { sex: 'male' }]);
    for (const g of out) {
      expect(Math.abs(g.mean - ref(`design-2025-sex-${g.group.sex}`).mean!)).toBeLessThan(1e-6);
      expect(Math.abs(g.se - ref(`design-2025-sex-${g.group.sex}`).se!)).toBeLessThan(1e-6);
    }
  });

  it('estimate --rake MARGINS.csv: raked to the population margins, the figures of R rake() + svymean', () => {
    const r = bdg(
      'survey',
      'estimate',
      fixture('survey-wave-2030.csv'),
      ...DESIGN,
      '--rake',
      fixture('survey-margins.csv'),
      '--by',
      'sex',
      '--json',
    );
    expect(r.stderr).toBe('');
    for (const g of JSON.parse(r.stdout) as { group: { sex: string }; mean: number; se: number }[]) {
      expect(Math.abs(g.mean - ref(`raked-2030-sex-${g.group.sex}`).mean!)).toBeLessThan(1e-6);
      expect(Math.abs(g.se - ref(`raked-2030-sex-${g.group.sex}`).se!)).toBeLessThan(1e-6);
    }
  });

  it('change BASELINE FOLLOWUP --json: relative change, delta-method and Fieller intervals of R', () => {
    const r = bdg(
      'survey',
      'change',
      fixture('survey-wave-2025.csv'),
      fixture('survey-wave-2030.csv'),
      ...DESIGN,
      '--json',
    );
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    const c = ref('change');
    expect(Object.keys(out)).toEqual(['baseline', 'followup', 'change', 'ciLow', 'ciHigh', 'fieller']);
    for (const k of ['change', 'ciLow', 'ciHigh'] as const) expect(Math.abs(out[k] - c[k]!)).toBeLessThan(1e-6);
    expect(Math.abs(out.fieller.low - c.fiellerLow!)).toBeLessThan(1e-6);
    expect(Math.abs(out.baseline.mean - ref('design-2025').mean!)).toBeLessThan(1e-6);
  });

  it('bad input is a clear error, never a silent number or a stack trace', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bdg-survey-'));
    const write = (name: string, lines: string[]) => {
      fs.writeFileSync(path.join(dir, name), `${lines.join('\n')}\n`);
      return path.join(dir, name);
    };
    const cases: [string[], RegExp][] = [
      [
        ['survey', 'estimate', write('a.csv', ['score', '50']), '--score', 'score', '--weight', 'w'],
        /Tệp thiếu cột: w/u,
      ],
      [
        ['survey', 'estimate', write('b.csv', ['score,w', '50,1', '60,0']), '--score', 'score', '--weight', 'w'],
        /dòng 3, cột w: trọng số phải là số dương/u,
      ],
      [
        ['survey', 'estimate', write('c.csv', ['score', 'năm mươi']), '--score', 'score'],
        /dòng 2, cột score: "năm mươi" không phải số/u,
      ],
      [
        [
          'survey',
          'estimate',
          write('d.csv', ['score,s,c', '50,a,1', '60,a,2', '70,b,3']),
          '--score',
          'score',
          '--strata',
          's',
          '--cluster',
          'c',
        ],
        /Tầng "b" chỉ có một cụm/u,
      ],
      [
        [
          'survey',
          'estimate',
          fixture('survey-wave-2025.csv'),
          '--score',
          'score',
          '--rake',
          write('m.csv', ['variable,value,total', 'sex,female,10']),
        ],
        /Biên "sex": nhóm "male" có trong dữ liệu nhưng không có tổng thể/u,
      ],
    ];
    for (const [args, message] of cases) {
      const r = bdg(...args);
      expect(r.status, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /u);
    }
  });
});
