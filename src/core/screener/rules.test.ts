import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRules, RulesError } from './rules.ts';
import { screenText } from './screen.ts';

const text = fs.readFileSync(new URL('../../../rules/screener-vi.yaml', import.meta.url), 'utf8');
const rules = parseRules(text);

describe('the rules file', () => {
  it('is valid and every rule has examples both ways', () => {
    expect(rules.rules.length).toBeGreaterThanOrEqual(10);
  });
  for (const rule of rules.rules) {
    it(`${rule.id}: flags its positive examples and none of its negative ones`, () => {
      for (const ex of rule.examples.positive)
        expect(
          screenText(ex, rules).map((f) => f.rule),
          ex,
        ).toContain(rule.id);
      for (const ex of rule.examples.negative) expect(screenText(ex, rules), ex).toEqual([]);
    });
  }
  it('refuses a rule naming a lexicon that does not exist, and a bad category', () => {
    const bad = text.replace(
      'when: [[female, married_daughter], [forbid], [inheritance',
      'when: [[female, married_daugter], [forbid], [inheritance',
    );
    expect(() => parseRules(bad)).toThrow(/married_daugter/u);
    expect(() => parseRules(text.replace('category: stereotype', 'category: opinion'))).toThrow(RulesError);
    // each part of a guard joined by "+" must be a lexicon too
    expect(() => parseRules(text.replace('harm+forbid,', 'harm+forbidden,'))).toThrow(/forbidden/u);
    expect(() => parseRules(text.replace('harm+forbid,', 'harm+,'))).toThrow(RulesError);
  });
});
