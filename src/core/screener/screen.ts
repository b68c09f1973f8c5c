import { isPlain, tokenize, type Token } from './normalize.ts';
import type { CompiledRules, RuleDef } from './rules.ts';

export interface Finding {
  rule: string;
  category: 'discrimination' | 'stereotype';
  /** offsets of the span in the NFC text */
  start: number;
  end: number;
  text: string;
  message: string;
  law: string;
  suggestion: string;
}

interface Hit {
  lexicon: string;
  /** token index of the first syllable, and one past the last */
  i: number;
  j: number;
}

// a sentence ends at . ! ? … followed by a space or the end, or at a line break
const SENTENCE_END = /[.!?…]+(?=\s|$)|\n+/gu;

function sentenceRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  let from = 0;
  for (const m of text.matchAll(SENTENCE_END)) {
    out.push([from, m.index + m[0].length]);
    from = m.index + m[0].length;
  }
  if (from < text.length) out.push([from, text.length]);
  return out;
}

/** Every lexicon phrase found in the tokens (longest and all overlapping), less those hidden in a neutral phrase. */
function findHits(tokens: Token[], rules: CompiledRules, plain: boolean): Hit[] {
  const index = plain ? rules.fold : rules.exact;
  const hits: Hit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const candidates = index.get(tokens[i]!.key);
    if (!candidates) continue;
    for (const p of candidates) {
      const keys = plain ? p.fold : p.exact;
      if (i + keys.length > tokens.length) continue;
      let ok = true;
      for (let k = 1; k < keys.length; k++) {
        if (tokens[i + k]!.key !== keys[k]) {
          ok = false;
          break;
        }
      }
      if (ok) hits.push({ lexicon: p.lexicon, i, j: i + keys.length });
    }
  }
  const neutral = hits.filter((h) => h.lexicon === 'neutral');
  if (neutral.length === 0) return hits;
  return hits.filter(
    (h) => h.lexicon === 'neutral' || !neutral.some((n) => n.i <= h.i && h.j <= n.j && n.j - n.i > h.j - h.i),
  );
}

/** The hits that satisfy a rule (one per group), or null. */
function match(rule: RuleDef, byLexicon: Map<string, Hit[]>): Hit[] | null {
  const groups = rule.when.map((g) => g.flatMap((name) => byLexicon.get(name) ?? []).sort((a, b) => a.i - b.i));
  if (groups.some((g) => g.length === 0)) return null;
  for (const first of groups[0]!) {
    const chosen: Hit[] = [first];
    let ok = true;
    for (let g = 1; g < groups.length; g++) {
      const prev = chosen[chosen.length - 1]!;
      const next = groups[g]!.find(
        (h) =>
          Math.abs(h.i - first.i) <= rule.window &&
          (!rule.ordered || h.i >= prev.j) &&
          !chosen.some((c) => c.i === h.i && c.j === h.j),
      );
      if (!next) {
        ok = false;
        break;
      }
      chosen.push(next);
    }
    if (ok) return chosen;
  }
  return null;
}

/**
 * Screens a text: each sentence on its own; a rule fires when its groups are found within its window
 * and none of its guards is in the sentence. One finding per rule and sentence. Linear in the length of
 * the text (no regular expression over rules; each syllable looks up the phrases that start with it).
 */
export function screenText(text: string, rules: CompiledRules): Finding[] {
  const nfc = text.normalize('NFC');
  const plain = isPlain(nfc);
  const tokens = tokenize(nfc, plain);
  const findings: Finding[] = [];
  let t = 0;
  for (const [, to] of sentenceRanges(nfc)) {
    const startT = t;
    while (t < tokens.length && tokens[t]!.start < to) t++;
    if (t === startT) continue;
    const sentence = tokens.slice(startT, t);
    const hits = findHits(sentence, rules, plain);
    if (hits.length === 0) continue;
    const byLexicon = new Map<string, Hit[]>();
    for (const h of hits) byLexicon.set(h.lexicon, [...(byLexicon.get(h.lexicon) ?? []), h]);
    for (const rule of rules.rules) {
      if (rule.unless.some((g) => byLexicon.has(g))) continue;
      const chosen = match(rule, byLexicon);
      if (!chosen) continue;
      const start = sentence[Math.min(...chosen.map((h) => h.i))]!.start;
      const end = sentence[Math.max(...chosen.map((h) => h.j)) - 1]!.end;
      findings.push({
        rule: rule.id,
        category: rule.category,
        start,
        end,
        text: nfc.slice(start, end),
        message: rule.message,
        law: rule.law,
        suggestion: rule.suggestion,
      });
    }
  }
  return findings;
}
