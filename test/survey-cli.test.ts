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
    // the keys of the specification first, in its order; this product's additions after them
    expect(Object.keys(out).slice(0, 6)).toEqual(['baseline', 'followup', 'change', 'ciLow', 'ciHigh', 'fieller']);
    for (const k of ['change', 'ciLow', 'ciHigh'] as const) expect(Math.abs(out[k] - c[k]!)).toBeLessThan(1e-6);
    expect(Math.abs(out.fieller.low - c.fiellerLow!)).toBeLessThan(1e-6);
    expect(Math.abs(out.baseline.mean - ref('design-2025').mean!)).toBeLessThan(1e-6);
  });

  it('estimate: the design effect of R (deff = "replace"), overall and by group', () => {
    for (const wave of ['2025', '2030']) {
      const all = JSON.parse(bdg('survey', 'estimate', fixture(`survey-wave-${wave}.csv`), ...DESIGN, '--json').stdout);
      expect(Math.abs(all[0].deff - ref(`deff-${wave}`).deff!)).toBeLessThan(1e-6);
      const r = bdg('survey', 'estimate', fixture(`survey-wave-${wave}.csv`), ...DESIGN, '--by', 'sex', '--json');
      for (const g of JSON.parse(r.stdout) as { group: { sex: string }; deff: number; suppressed: boolean }[]) {
        expect(Math.abs(g.deff - ref(`deff-${wave}-sex-${g.group.sex}`).deff!)).toBeLessThan(1e-6);
        expect(g.suppressed).toBe(false);
      }
    }
  });

  it('change --by sex --target: each group as R computes it, Holm over the groups, the verdict', () => {
    const args = [fixture('survey-wave-2025.csv'), fixture('survey-wave-2030.csv'), ...DESIGN, '--by', 'sex'];
    const r = bdg('survey', 'change', ...args, '--target', '0.10', '--stretch', '0.15', '--json');
    expect(r.stderr).toBe('');
    type Row = { group: { sex: string }; change: number; ciLow: number; ciHigh: number; p: number; pHolm: number };
    const rows = JSON.parse(r.stdout) as (Row & { verdict: string; nearCeiling: boolean })[];
    expect(rows.map((x) => x.group.sex)).toEqual(['female', 'male']);
    for (const x of rows) {
      const c = ref(`change-sex-${x.group.sex}`);
      for (const k of ['change', 'ciLow', 'ciHigh'] as const) expect(Math.abs(x[k] - c[k]!)).toBeLessThan(1e-6);
      expect(Math.abs(x.p - c.p!) / c.p!).toBeLessThan(1e-6);
      expect(Math.abs(x.pHolm - ref(`holm-sex-${x.group.sex}`).p!) / x.pHolm).toBeLessThan(1e-6);
      expect(x.nearCeiling).toBe(false);
    }
    // men rose 12.7% but the lower bound (6.8%) is below the 10% target: not shown yet, never "met"
    expect(rows.map((x) => x.verdict)).toEqual(['not_shown', 'not_shown']);
    const low = JSON.parse(bdg('survey', 'change', ...args, '--target', '0.05', '--json').stdout) as {
      verdict: string;
    }[];
    expect(low.map((x) => x.verdict)).toEqual(['not_shown', 'met']);
    const text = bdg('survey', 'change', ...args, '--target', '0.05');
    expect(text.stdout).toMatch(/sex=male: thay đổi 12\.7% \(KTC 95% 6\.8% – 18\.9%/u);
    expect(text.stdout).toMatch(/Đạt chỉ tiêu/u);
  });

  it('sample-size: the figures of R for the normal approximation, beside its t-test power calculation', () => {
    for (const [mean, sd, change, deff] of [
      [60, 20, 0.1, 1],
      [60, 20, 0.1, 2],
      [45, 15, 0.15, 1.5],
      [80, 12, 0.05, 1],
    ] as const) {
      const args = ['--mean', `${mean}`, '--sd', `${sd}`, '--change', `${change}`, '--deff', `${deff}`, '--json'];
      const out = JSON.parse(bdg('survey', 'sample-size', ...args).stdout) as { perWave: number };
      const r = ref(`sample-${mean}-${sd}-${change}-${deff}`);
      expect(out.perWave).toBe(r.n);
      // Student's t needs a little more than the normal approximation, never less, never much more
      expect(r.tTest! - out.perWave).toBeGreaterThanOrEqual(0);
      expect(r.tTest! - out.perWave).toBeLessThanOrEqual(2);
    }
    const bad = bdg('survey', 'sample-size', '--mean', '60', '--sd', '0', '--change', '0.1');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/--sd dương/u);
    expect(bdg('survey', 'sample-size', '--mean', 'sáu mươi').stderr).toMatch(/--mean phải là một số/u);
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
