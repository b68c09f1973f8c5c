import fs from 'node:fs';
import { expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/modules/context.ts';
import { insertResponses } from '../../src/modules/surveys/repository.ts';
import {
  compareWaves,
  createWave,
  registerDefaultInstrument,
  waveEstimates,
} from '../../src/modules/surveys/service.ts';
import { parseTabular } from '../../src/modules/files/tabular.ts';
import { describeEachEngine } from '../helpers/db.ts';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;
// made by test/reference/survey.R with R's survey package
const REFERENCE = JSON.parse(fs.readFileSync(fixture('survey-reference.json'), 'utf8')) as Record<string, number>[];
const ref = (c: string) => REFERENCE.find((r) => (r as unknown as { case: string }).case === c)!;

/** The R fixture waves stored as responses (their score as the overall score), through the database path. */
describeEachEngine('survey estimates through the database agree with R', (ctx) => {
  it('means, standard errors by sex, raking and the change: the figures of R to 1e-6', async () => {
    const { id: instrumentId } = await registerDefaultInstrument(ctx(), SYSTEM_ACTOR);
    const margins = (await parseTabular(fs.readFileSync(fixture('survey-margins.csv')))).rows.map((r) => ({
      variable: String(r.cells.variable),
      value: String(r.cells.value),
      total: Number(r.cells.total),
    }));
    const waves: Record<string, { plain: number; raked: number }> = {};
    for (const year of ['2025', '2030']) {
      const table = await parseTabular(fs.readFileSync(fixture(`survey-wave-${year}.csv`)));
      const rows = table.rows.map((r) => {
        const score = String(r.cells.score ?? '');
        return {
          source: 'import' as const,
          instanceId: String(r.cells.id),
          answers: { sex: String(r.cells.sex), age_group: String(r.cells.age_group) },
          scores: { overall: score === '' ? null : Number(score) },
          stratum: String(r.cells.stratum),
          cluster: String(r.cells.cluster),
          weight: Number(r.cells.weight),
        };
      });
      const wave = async (name: string, design: object) => {
        const { id } = await createWave(ctx(), SYSTEM_ACTOR, {
          name,
          year: Number(year) + (name.includes('raked') ? 1 : 0),
          instrumentId,
          startDate: `${year}-05-01`,
          endDate: `${year}-06-30`,
          design,
        });
        await insertResponses(ctx().db, id, rows, null);
        return id;
      };
      const design = { strata: 'stratum', cluster: 'cluster', weight: 'weight' };
      waves[year] = {
        plain: await wave(`R ${year}`, design),
        raked: await wave(`R ${year} raked`, { ...design, margins }),
      };
    }
    const close = (a: number | null, b: number) => expect(Math.abs(a! - b)).toBeLessThan(1e-6);
    const all = await waveEstimates(ctx(), waves['2025']!.plain, 'overall', []);
    close(all.rows[0]!.mean, ref('design-2025').mean!);
    close(all.rows[0]!.se, ref('design-2025').se!);
    close(all.rows[0]!.deff, ref('deff-2025').deff!);
    const bySex = await waveEstimates(ctx(), waves['2025']!.plain, 'overall', ['sex']);
    for (const r of bySex.rows) {
      close(r.mean, ref(`design-2025-sex-${r.group.sex}`).mean!);
      close(r.se, ref(`design-2025-sex-${r.group.sex}`).se!);
    }
    const raked = await waveEstimates(ctx(), waves['2030']!.raked, 'overall', ['sex']);
    for (const r of raked.rows) {
      close(r.mean, ref(`raked-2030-sex-${r.group.sex}`).mean!);
      close(r.se, ref(`raked-2030-sex-${r.group.sex}`).se!);
    }
    const change = await compareWaves(ctx(), waves['2025']!.plain, waves['2030']!.plain, 'overall', []);
    close(change.rows[0]!.change, ref('change').change!);
    close(change.rows[0]!.ciLow, ref('change').ciLow!);
    close(change.rows[0]!.fieller!.high, ref('change').fiellerHigh!);
    const changeBySex = await compareWaves(ctx(), waves['2025']!.plain, waves['2030']!.plain, 'overall', ['sex']);
    for (const r of changeBySex.rows) {
      close(r.change, ref(`change-sex-${r.group.sex}`).change!);
      // p-values as small as 3e-5: compared relatively
      expect(Math.abs(r.pHolm! / ref(`holm-sex-${r.group.sex}`).p! - 1)).toBeLessThan(1e-6);
    }
  });
});
