import { isPlain, tokenize, type Token } from './normalize.ts';
import { featuresOfKeys, scorerOf, type ScreenerModel } from './model.ts';
import type { CompiledRules, Proverb, RuleDef } from './rules.ts';

/**
 * discrimination and stereotype: the text decrees or asserts it; described: it reports a custom, belief or
 * practice ("theo tục lệ…", "người ta cho rằng…") without rejecting it — a reviewer decides; possible: no rule
 * fired but the statistical second opinion finds the sentence likely to discriminate or stereotype.
 */
export type Category = 'discrimination' | 'stereotype' | 'described' | 'possible';
export const SEVERITY = { discrimination: 'high', stereotype: 'medium', described: 'low', possible: 'low' } as const;

/** What the second opinion's finding cites: the Law on Gender Equality's definitions of a gender stereotype and of
 * gender discrimination (Art. 5, clauses 4 and 5). */
export const SECOND_OPINION_LAW = 'Luật Bình đẳng giới 2006, Điều 5 khoản 4 và khoản 5';

export interface Finding {
  rule: string;
  category: Category;
  severity: (typeof SEVERITY)[Category];
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

const FRAGMENT = 3;

// a sentence ends at . ! ? … followed by a space or the end, or at a line break
const SENTENCE_END = /[.!?…]+(?=\s|$)|\n+/gu;
const CONTINUES = /^\s*[\p{Ll}\-–,;]/u;

/**
 * Sentences, by offsets. A full stop inside a curly quotation (“Dạy con từ thuở ấu thơ. Dạy vợ…”) or followed
 * by a lower-case word or a dash does not end the sentence; a line break always does. Linear in the text.
 */
function sentenceRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  let from = 0;
  let depth = 0;
  let scanned = 0;
  for (const m of text.matchAll(SENTENCE_END)) {
    for (; scanned < m.index; scanned++) {
      const ch = text[scanned];
      if (ch === '“') depth++;
      else if (ch === '”' && depth > 0) depth--;
    }
    const end = m.index + m[0].length;
    if (m[0][0] !== '\n' && (depth > 0 || CONTINUES.test(text.slice(end, end + 3)))) continue;
    if (m[0][0] === '\n') depth = 0;
    out.push([from, end]);
    from = end;
  }
  if (from < text.length) out.push([from, text.length]);
  return out;
}

/**
 * Every lexicon phrase found in the tokens (longest and all overlapping), less those hidden in a neutral phrase,
 * and less a `title` word's other readings where it stands before a capitalised name or initial: "bà T.", "mẹ
 * Dũng" are one person, not women as a class.
 */
function findHits(text: string, tokens: Token[], rules: CompiledRules, plain: boolean): Hit[] {
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
  findProverbs(tokens, rules, plain, hits);
  const named = hits.filter((h) => h.lexicon === 'title' && h.j < tokens.length && nameFollows(text, tokens, h.j));
  const visible =
    named.length === 0
      ? hits
      : hits.filter((h) => h.lexicon === 'title' || !named.some((n) => n.i === h.i && n.j === h.j));
  const neutral = visible.filter((h) => h.lexicon === 'neutral');
  if (neutral.length === 0) return visible;
  return visible.filter(
    (h) => h.lexicon === 'neutral' || !neutral.some((n) => n.i <= h.i && h.j <= n.j && n.j - n.i > h.j - h.i),
  );
}

/** The token at `j` is a name or an initial: capitalised, and separated from the one before by a space alone. */
function nameFollows(text: string, tokens: Token[], j: number): boolean {
  const c = text[tokens[j]!.start]!;
  return c !== c.toLowerCase() && text.slice(tokens[j - 1]!.end, tokens[j]!.start) === ' ';
}

/**
 * Sayings, tolerant of small variants: starting at one of a saying's first two syllables, its syllables must
 * follow in order, each at most one extra syllable after the last; for a saying of n syllables at most
 * ⌊n/6⌋ may be missing (none below 6). The hit spans the syllables found.
 */
function findProverbs(tokens: Token[], rules: CompiledRules, plain: boolean, hits: Hit[]): void {
  const index = plain ? rules.proverbsFold : rules.proverbsExact;
  if (index.size === 0) return;
  const done = new Set<Proverb>();
  for (let i = 0; i < tokens.length; i++) {
    for (const p of index.get(tokens[i]!.key) ?? []) {
      if (done.has(p)) continue;
      const keys = plain ? p.fold : p.exact;
      const allowedMissing = Math.floor(keys.length / 6);
      let k = keys[0] === tokens[i]!.key ? 1 : keys[1] === tokens[i]!.key ? 2 : -1;
      if (k < 0) continue;
      let missing = k - 1;
      let t = i + 1;
      let last = i;
      while (k < keys.length && missing <= allowedMissing) {
        if (t < tokens.length && tokens[t]!.key === keys[k]) {
          last = t++;
          k++;
        } else if (t + 1 < tokens.length && t === last + 1 && tokens[t + 1]!.key === keys[k]) {
          last = t + 1;
          t += 2;
          k++;
        } else {
          missing++;
          k++;
        }
      }
      if (missing <= allowedMissing && last - i + 1 >= keys.length - allowedMissing) {
        hits.push({ lexicon: 'proverb', i, j: last + 1 });
        done.add(p);
      }
    }
  }
}

/** True when each of the rule's groups has a lexicon among the sentence's hits (a cheap test before `match`). */
function allGroupsPresent(groups: string[][], byLexicon: Map<string, Hit[]>): boolean {
  for (const g of groups) {
    let found = false;
    for (const name of g) {
      if (byLexicon.has(name)) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

/** True when one of the guards has every lexicon it needs among the sentence's hits (those from syllable `from` on). */
function guarded(guards: string[][], byLexicon: Map<string, Hit[]>, from = 0): boolean {
  for (const g of guards) {
    let all = true;
    for (const name of g) {
      const hits = byLexicon.get(name);
      if (!hits || (from > 0 && !hits.some((h) => h.i >= from))) {
        all = false;
        break;
      }
    }
    if (all) return true;
  }
  return false;
}

/**
 * Where a guard may start to count against a match that starts at syllable `start`: after the last `contrast` hit
 * ("nhưng", "song", "tuy nhiên") that ends before it, or 0. In "A, nhưng B" B is what the sentence asserts: "trân
 * trọng phụ nữ nhưng vẫn cho rằng phụ nữ kém cỏi hơn" is not cancelled by the respect conceded before it. A guard
 * after the contrast, or after the match ("…, nhưng đó là định kiến"), still cancels.
 */
function afterConcession(contrasts: Hit[] | undefined, start: number): number {
  let bound = 0;
  for (const c of contrasts ?? []) if (c.j <= start && c.j > bound) bound = c.j;
  return bound;
}

/** The hits of a group's lexicons, in the order of the sentence. */
function groupHits(names: string[], byLexicon: Map<string, Hit[]>): Hit[] {
  const out: Hit[] = [];
  for (const name of names) {
    const hits = byLexicon.get(name);
    if (hits) for (const h of hits) out.push(h);
  }
  return names.length > 1 ? out.sort((a, b) => a.i - b.i) : out;
}

/** The hits that satisfy a rule (one per group), or null; every group has a hit (`allGroupsPresent`). */
function match(rule: RuleDef, byLexicon: Map<string, Hit[]>): Hit[] | null {
  const groups = rule.when.map((g) => groupHits(g, byLexicon));
  for (const first of groups[0]!) {
    const chosen: Hit[] = [first];
    let ok = true;
    for (let g = 1; g < groups.length; g++) {
      const prev = chosen[chosen.length - 1]!;
      const next = groups[g]!.find(
        (h) =>
          Math.abs(h.i - first.i) <= rule.window &&
          (!rule.ordered || h.i >= prev.j) &&
          // a phrase fills one slot: "nam tính" is not also the man of [male, toughness]
          !chosen.some((c) => h.i < c.j && c.i < h.j),
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
export function screenText(text: string, rules: CompiledRules, model?: ScreenerModel): Finding[] {
  const nfc = text.normalize('NFC');
  const plain = isPlain(nfc);
  const tokens = tokenize(nfc, plain);
  const findings: Finding[] = [];
  let t = 0;
  // token ranges of the sentences; a fragment of at most three syllables ("Giới tính: Nữ.", "Nữ giới.") is read
  // with the sentence after it, as advertisements and forms write them
  const ranges: [number, number][] = [];
  for (const [, to] of sentenceRanges(nfc)) {
    const startT = t;
    while (t < tokens.length && tokens[t]!.start < to) t++;
    if (t === startT) continue;
    const prev = ranges[ranges.length - 1];
    if (prev && prev[1] - prev[0] <= FRAGMENT) prev[1] = t;
    else ranges.push([startT, t]);
  }
  for (const [from, to] of ranges) {
    const sentence = tokens.slice(from, to);
    const before = findings.length;
    const lexicons = screenSentence(nfc, sentence, rules, plain, findings);
    if (model && !plain && findings.length === before) {
      const p = scorerOf(model)(
        sentence.map((tk) => tk.key),
        lexicons,
      );
      if (p >= model.threshold) {
        const start = sentence[0]!.start;
        const end = sentence[sentence.length - 1]!.end;
        findings.push({
          rule: 'statistical',
          category: 'possible',
          severity: SEVERITY.possible,
          start,
          end,
          text: nfc.slice(start, end),
          message:
            'Không luật nào khớp, nhưng mô hình thống kê cho rằng câu này có thể mang định kiến hoặc phân biệt đối ' +
            `xử theo giới (xác suất ${p.toFixed(2).replace('.', ',')}); cần người xem lại.`,
          law: SECOND_OPINION_LAW,
          suggestion: 'Đọc lại câu; nếu đúng là định kiến hoặc phân biệt đối xử, viết lại cho mọi người như nhau.',
        });
      }
    }
  }
  return findings;
}

/** The ids of the rules that fire on a text, each once, in the order of their first finding (no second opinion). */
export function rulesFiring(text: string, rules: CompiledRules): string[] {
  return [...new Set(screenText(text, rules).map((f) => f.rule))];
}

/** The rules' findings in one sentence (at most one per rule). */
function screenSentence(
  nfc: string,
  sentence: Token[],
  rules: CompiledRules,
  plain: boolean,
  findings: Finding[],
): Iterable<string> {
  const hits = findHits(nfc, sentence, rules, plain);
  if (hits.length === 0) return [];
  const byLexicon = new Map<string, Hit[]>();
  for (const h of hits) {
    const list = byLexicon.get(h.lexicon);
    if (list) list.push(h);
    else byLexicon.set(h.lexicon, [h]);
  }
  const before = findings.length;
  const contrasts = byLexicon.get('contrast');
  for (const rule of rules.rules) {
    if (rule.fallback && findings.length > before) continue;
    if (!allGroupsPresent(rule.when, byLexicon)) continue;
    const anyGuard = guarded(rule.guards, byLexicon);
    if (anyGuard && !contrasts) continue;
    const chosen = match(rule, byLexicon);
    if (!chosen) continue;
    const first = Math.min(...chosen.map((h) => h.i));
    if (anyGuard && guarded(rule.guards, byLexicon, afterConcession(contrasts, first))) continue;
    const described = rule.soften.some((g) => byLexicon.has(g));
    const category: Category = described ? 'described' : rule.category;
    const start = sentence[first]!.start;
    const end = sentence[Math.max(...chosen.map((h) => h.j)) - 1]!.end;
    findings.push({
      rule: rule.id,
      category,
      severity: SEVERITY[category],
      start,
      end,
      text: nfc.slice(start, end),
      message: described ? `Mô tả tập tục, quan niệm: ${rule.message}` : rule.message,
      law: rule.law,
      suggestion: rule.suggestion,
    });
  }
  return byLexicon.keys();
}

/** The statistical model's features of a text read as one sentence (for training; text with diacritics). */
export function sentenceFeatures(text: string, rules: CompiledRules): string[] {
  const nfc = text.normalize('NFC');
  if (isPlain(nfc)) return [];
  const tokens = tokenize(nfc, false);
  const lexicons = new Set(findHits(nfc, tokens, rules, false).map((h) => h.lexicon));
  return featuresOfKeys(
    tokens.map((t) => t.key),
    lexicons,
  );
}
