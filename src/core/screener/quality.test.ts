import fs from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseRules } from './rules.ts';
import { screenText } from './screen.ts';

const rules = parseRules(fs.readFileSync(new URL('../../../rules/screener-vi.yaml', import.meta.url), 'utf8'));
const set = parse(
  fs.readFileSync(new URL('../../../test/fixtures/screener-labelled.yaml', import.meta.url), 'utf8'),
) as { flagged: boolean; theme: string; text: string }[];

describe('screener quality on the labelled set', () => {
  it('has at least 150 clauses, as many neutral or protective as flagged, every theme', () => {
    expect(set.length).toBeGreaterThanOrEqual(150);
    expect(set.filter((c) => !c.flagged).length).toBeGreaterThanOrEqual(set.filter((c) => c.flagged).length);
    const themes = new Set(set.map((c) => c.theme));
    for (const t of [
      'inheritance',
      'land',
      'rites',
      'meetings',
      'leadership',
      'marriage',
      'brideprice',
      'housework',
      'education',
      'work',
      'penalty',
      'son_preference',
      'obedience',
      'equality',
      'ban',
      'maternity',
      'counter',
      'reported',
    ])
      expect(themes, t).toContain(t);
  });

  it('keeps precision ≥ 0.90 and recall ≥ 0.85', () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const wrong: string[] = [];
    for (const c of set) {
      const found = screenText(c.text, rules);
      const flagged = found.length > 0;
      if (flagged && c.flagged) tp++;
      else if (flagged && !c.flagged) {
        fp++;
        wrong.push(`false alarm (${found.map((f) => f.rule).join(',')}): ${c.text}`);
      } else if (!flagged && c.flagged) {
        fn++;
        wrong.push(`missed [${c.theme}]: ${c.text}`);
      }
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    console.log(
      `[screener] ${set.length} clauses: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (tp ` +
        `${tp}, fp ${fp}, fn ${fn})${wrong.length ? `\n  ${wrong.join('\n  ')}` : ''}`,
    );
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.85);
  });
});
