import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  changeBetween,
  designMean,
  designMeanFromSums,
  SurveyError,
  type ClusterSums,
  type Respondent,
} from './estimate.ts';
import { calibrated, rake, type Margin } from './rake.ts';

// Made by test/reference/survey.R with R's survey package (svydesign + svymean / svyby / svycontrast).
const REFERENCE = JSON.parse(
  fs.readFileSync(new URL('../../../test/fixtures/survey-reference.json', import.meta.url), 'utf8'),
) as Record<string, number | string>[];
const ref = (c: string) => REFERENCE.find((r) => r.case === c)! as Record<string, number>;

function wave(year: string) {
  const [head, ...lines] = fs
    .readFileSync(new URL(`../../../test/fixtures/survey-wave-${year}.csv`, import.meta.url), 'utf8')
    .trim()
    .split('\n');
  const cols = head!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i]!, v])) as Record<string, string>);
}
const design = (rows: Record<string, string>[], opts: { strata?: boolean; clusters?: boolean; weights?: boolean }) =>
  rows.map((r, i): Respondent => ({
    y: r.score === '' ? null : Number(r.score),
    w: opts.weights === false ? 1 : Number(r.weight),
    stratum: opts.strata === false ? '' : r.stratum!,
    cluster: opts.clusters === false ? String(i) : r.cluster!,
  }));
const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(1e-6);

describe('survey estimates agree with R survey to 1e-6', () => {
  for (const year of ['2025', '2030']) {
    const rows = wave(year);
    const full = design(rows, {});
    it(`${year}: strata, clusters and weights; domains by sex and by sex × age on the full design`, () => {
      const all = designMean(full);
      close(all.mean, ref(`design-${year}`).mean!);
      close(all.se, ref(`design-${year}`).se!);
      for (const sex of ['female', 'male']) {
        const e = designMean(full, (i) => rows[i]!.sex === sex);
        close(e.mean, ref(`design-${year}-sex-${sex}`).mean!);
        close(e.se, ref(`design-${year}-sex-${sex}`).se!);
        for (const age of ['18-34', '35-54', '55+']) {
          const d = designMean(full, (i) => rows[i]!.sex === sex && rows[i]!.age_group === age);
          close(d.mean, ref(`design-${year}-sexage-${sex}.${age}`).mean!);
          close(d.se, ref(`design-${year}-sexage-${sex}.${age}`).se!);
        }
      }
      expect(all.n).toBe(rows.filter((r) => r.score !== '').length);
      expect(all.ciLow).toBeCloseTo(all.mean - 1.959964 * all.se, 5);
    });
    it(`${year}: weights only, and simple random sampling`, () => {
      const w = designMean(design(rows, { strata: false, clusters: false }));
      close(w.mean, ref(`weights-${year}`).mean!);
      close(w.se, ref(`weights-${year}`).se!);
      const srs = designMean(design(rows, { strata: false, clusters: false, weights: false }));
      close(srs.mean, ref(`srs-${year}`).mean!);
      close(srs.se, ref(`srs-${year}`).se!);
    });
  }

  it('change 2025 → 2030: delta method on the log ratio (svycontrast) and Fieller', () => {
    const c = changeBetween(designMean(design(wave('2025'), {})), designMean(design(wave('2030'), {})));
    const r = ref('change');
    close(c.change, r.change!);
    close(c.ciLow, r.ciLow!);
    close(c.ciHigh, r.ciHigh!);
    close(c.fieller!.low, r.fiellerLow!);
    close(c.fieller!.high, r.fiellerHigh!);
  });

  it('a stratum with one cluster: an error naming it by default, or R\'s "remove" and "adjust"', () => {
    const rows = wave('2025').filter((r) => r.stratum !== 'mountain' || r.cluster === 'mountain-1');
    const lone = design(rows, {});
    expect(() => designMean(lone)).toThrow(SurveyError);
    expect(() => designMean(lone)).toThrow(/Tầng "mountain" chỉ có một cụm/u);
    for (const rule of ['remove', 'adjust'] as const) {
      const e = designMean(lone, () => true, rule);
      close(e.mean, ref(`lonely-${rule}`).mean!);
      close(e.se, ref(`lonely-${rule}`).se!);
    }
  });
});

describe('raking to population margins agrees with R rake() + svymean to 1e-6', () => {
  const margins = fs
    .readFileSync(new URL('../../../test/fixtures/survey-margins.csv', import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));
  for (const year of ['2025', '2030']) {
    it(`${year}: means and SEs after raking by sex and by age group, overall and by sex`, () => {
      const rows = wave(year);
      const marginsOf = ['sex', 'age_group'].map((v): Margin => ({
        variable: v,
        categories: rows.map((r) => r[v]!),
        totals: new Map(margins.filter((m) => m[0] === v).map((m) => [m[1]!, Number(m[2])])),
      }));
      const r = rake(
        rows.map((x) => Number(x.weight)),
        marginsOf,
      );
      expect(r.converged).toBe(true);
      // every margin met
      for (const m of marginsOf)
        for (const [c, total] of m.totals)
          expect(r.weights.reduce((s, w, i) => s + (m.categories[i] === c ? w : 0), 0)).toBeCloseTo(total, 0);
      const respondents = design(rows, {}).map((x, i) => ({ ...x, w: r.weights[i]! }));
      const adjust = (z: number[]) => calibrated(z, r, marginsOf);
      const all = designMean(respondents, () => true, 'fail', adjust);
      close(all.mean, ref(`raked-${year}`).mean!);
      close(all.se, ref(`raked-${year}`).se!);
      for (const sex of ['female', 'male']) {
        const e = designMean(respondents, (i) => rows[i]!.sex === sex, 'fail', adjust);
        close(e.mean, ref(`raked-${year}-sex-${sex}`).mean!);
        close(e.se, ref(`raked-${year}-sex-${sex}`).se!);
      }
    });
  }
});

describe('survey estimate properties', () => {
  it('weights scaled by a constant change neither the mean nor its standard error', () => {
    const rows = design(wave('2025'), {});
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 1000, noNaN: true }), (k) => {
        const a = designMean(rows);
        const b = designMean(rows.map((r) => ({ ...r, w: r.w * k })));
        return Math.abs(a.mean - b.mean) < 1e-9 && Math.abs(a.se - b.se) < 1e-9;
      }),
      { numRuns: 50 },
    );
  });
});

describe('designMeanFromSums', () => {
  it('gives designMean’s figures from sums per cluster, for every domain', () => {
    let seed = 3;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const rows = Array.from({ length: 400 }, (_, i) => ({
      y: rnd() < 0.05 ? null : Math.round(rnd() * 1000) / 10,
      w: 50 + rnd() * 150,
      stratum: `s${i % 3}`,
      cluster: `c${Math.floor(rnd() * 12)}`,
      group: rnd() < 0.45 ? 'a' : 'b',
    }));
    const cells = new Map<string, ClusterSums>();
    for (const r of rows) {
      const k = `${r.group}|${r.stratum}|${r.cluster}`;
      const c = cells.get(k) ?? {
        stratum: r.stratum,
        cluster: r.cluster,
        inDomain: false,
        n: 0,
        sw: 0,
        swy: 0,
        swyy: 0,
      };
      if (r.y !== null) {
        c.n += 1;
        c.sw += r.w;
        c.swy += r.w * r.y;
        c.swyy += r.w * r.y * r.y;
      }
      cells.set(k, c);
    }
    for (const group of ['a', 'b']) {
      const fromRows = designMean(rows, (i) => rows[i]!.group === group);
      const fromSums = designMeanFromSums([...cells].map(([k, c]) => ({ ...c, inDomain: k.startsWith(`${group}|`) })));
      for (const key of ['n', 'mean', 'se', 'deff'] as const)
        expect(Math.abs(fromSums[key] - fromRows[key])).toBeLessThan(1e-9);
    }
  });
});
