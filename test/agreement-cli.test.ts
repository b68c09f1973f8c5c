import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import fc from 'fast-check';
import { alpha as referenceAlpha } from 'krippendorff';
import { describe, expect, it } from 'vitest';
import { agreementOf, krippendorffAlpha } from '../src/core/media/agreement.ts';

const BIN = new URL('../bin/bdg.js', import.meta.url).pathname;
const SAMPLE = new URL('./fixtures/agreement-sample.csv', import.meta.url).pathname;
// made by test/reference/agreement.R with R's psych package (an independent implementation)
const R_REFERENCE = JSON.parse(
  fs.readFileSync(new URL('./fixtures/agreement-reference.json', import.meta.url), 'utf8'),
) as {
  variable: string;
  units: number;
  cohenKappa: number;
}[];

describe('bdg agreement FILE --json', () => {
  it("prints kappa as R's psych computes it and alpha as an independent implementation does", () => {
    const r = spawnSync(process.execPath, [BIN, 'agreement', SAMPLE, '--json'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      variable: string;
      units: number;
      coders: number;
      cohenKappa: number;
      krippendorffAlpha: number;
    }[];
    expect(out.map((a) => a.variable)).toEqual(['sex', 'function', 'stereotype']);
    const rows = fs
      .readFileSync(SAMPLE, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    for (const a of out) {
      const ref = R_REFERENCE.find((x) => x.variable === a.variable)!;
      expect(a.units).toBe(ref.units);
      expect(a.coders).toBe(2);
      expect(a.cohenKappa).toBeCloseTo(ref.cohenKappa, 9);
      const byCoder = ['lan', 'minh'].map((c) =>
        rows.filter((x) => x[1] === c && x[2] === a.variable).map((x) => x[3]!),
      );
      expect(a.krippendorffAlpha).toBeCloseTo(referenceAlpha(byCoder), 9);
    }
  });

  it('says what is wrong with a file, without a stack trace', () => {
    const bad = `${fs.mkdtempSync('/tmp/bdg-agreement-')}/bad.csv`;
    fs.writeFileSync(bad, 'unit,coder,value\ns1,lan,1\n');
    const r = spawnSync(process.execPath, [BIN, 'agreement', bad], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Tệp thiếu cột: variable/u);
    expect(r.stderr).not.toMatch(/\n\s+at /u);
  });
});

describe("Krippendorff's alpha against an independent implementation", () => {
  it('agrees on random reliability data with missing values (3–4 coders, 2–4 categories)', () => {
    const matrix = fc.integer({ min: 3, max: 4 }).chain((coders) =>
      fc.integer({ min: 2, max: 30 }).chain((units) =>
        fc.array(
          fc.array(fc.option(fc.constantFrom<string>('a', 'b', 'c', 'd'), { nil: undefined, freq: 4 }), {
            minLength: units,
            maxLength: units,
          }),
          {
            minLength: coders,
            maxLength: coders,
          },
        ),
      ),
    );
    fc.assert(
      fc.property(matrix, (m) => {
        const units = m[0]!.map((_, u) => m.map((row) => row[u]).filter((v): v is string => v !== undefined));
        const ours = krippendorffAlpha(units);
        // the streaming tally the server uses, fed the same units with their coders
        const tallied = agreementOf(
          'x',
          m[0]!.map((_, u) => {
            const coded = m.flatMap((row, c) => (row[u] === undefined ? [] : [[`c${c}`, row[u]!]]));
            return { coders: coded.map((x) => x[0]!), values: coded.map((x) => x[1]!) };
          }),
        ).krippendorffAlpha;
        const theirs = referenceAlpha(m);
        // theirs is 0/0 (NaN) where ours says "not defined"
        if (ours === null) return Number.isNaN(theirs) && tallied === null;
        return Math.abs(ours - theirs) < 1e-9 && tallied !== null && Math.abs(tallied - theirs) < 1e-9;
      }),
      { numRuns: 300 },
    );
  });
});
