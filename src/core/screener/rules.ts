import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import '../zod-vi.ts';
import { tokenize } from './normalize.ts';

/** The rules of the screener, as data (rules/screener-vi.yaml), checked by this schema. */
const Name = z.string().regex(/^[a-z][a-z_]*$/u, 'tên từ điển gồm chữ thường không dấu và dấu gạch dưới');
/** A guard: a lexicon, or lexicons joined by "+" that must all be in the sentence ("harm+forbid": a harm forbidden). */
const Guard = z
  .string()
  .regex(/^[a-z][a-z_]*(\+[a-z][a-z_]*)*$/u, 'tên từ điển, hoặc các tên nối bằng dấu "+" (phải có đủ trong câu)');
export const RulesSchema = z.strictObject({
  version: z.number().int(),
  lexicon: z.record(Name, z.array(z.string().min(1)).min(1)),
  rules: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z][a-z0-9-]*$/u, 'mã luật gồm chữ thường không dấu, số, gạch ngang'),
        category: z.enum(['discrimination', 'stereotype']),
        message: z.string().min(10),
        law: z.string().min(5),
        suggestion: z.string().min(5),
        when: z.array(z.array(Name).min(1)).min(1),
        window: z.number().int().min(1).max(60),
        ordered: z.boolean().default(false),
        /** guards that cancel the rule: a lexicon, or "a+b" (both in the sentence) */
        unless: z.array(Guard).default([]),
        soften: z.array(Name).default([]),
        /** a general pattern, read only when no other rule fired in the sentence */
        fallback: z.boolean().default(false),
        examples: z.strictObject({
          positive: z.array(z.string().min(3)).min(1),
          negative: z.array(z.string().min(3)).min(1),
        }),
      }),
    )
    .min(1),
  /** sayings matched tolerant of small variants; their hits form the lexicon `proverb` */
  proverbs: z.array(z.strictObject({ text: z.string().min(5), theme: Name, source: z.string().url() })).default([]),
});
export type RulesFile = z.infer<typeof RulesSchema>;
export type RuleDef = RulesFile['rules'][number];
/** A rule as the screener runs it: its guards split once into the lexicons each needs ("a+b" → [a, b]). */
export type CompiledRule = RuleDef & { guards: string[][] };

export class RulesError extends Error {
  constructor(readonly problems: string[]) {
    super(`Bộ luật sàng lọc không hợp lệ:\n${problems.map((p) => `- ${p}`).join('\n')}`);
  }
}

/** A lexicon phrase as syllable keys, both with diacritics (tone-independent) and folded. */
export interface Phrase {
  lexicon: string;
  exact: string[];
  fold: string[];
}

/** A saying as syllable keys, for tolerant matching (a syllable missing or added here and there). */
export interface Proverb {
  exact: string[];
  fold: string[];
}

export interface CompiledRules {
  rules: CompiledRule[];
  /** syllable key → proverbs with that syllable among their first two (exact, and folded) */
  proverbsExact: Map<string, Proverb[]>;
  proverbsFold: Map<string, Proverb[]>;
  /** first syllable key → phrases starting with it (exact keys, and folded for plain text) */
  exact: Map<string, Phrase[]>;
  fold: Map<string, Phrase[]>;
  lexicons: Set<string>;
}

/** Validates and compiles a rules object: every lexicon a rule names must exist, ids are unique. */
export function compileRules(data: unknown): CompiledRules {
  const parsed = RulesSchema.safeParse(data);
  if (!parsed.success)
    throw new RulesError(parsed.error.issues.map((i) => `${i.path.join('.') || '(gốc)'}: ${i.message}`));
  const file = parsed.data;
  const problems: string[] = [];
  const names = new Set(Object.keys(file.lexicon));
  if (names.has('proverb')) problems.push('lexicon.proverb: tên dành cho các câu tục ngữ (mục proverbs)');
  names.add('proverb');
  const seen = new Set<string>();
  for (const r of file.rules) {
    if (seen.has(r.id)) problems.push(`rules.${r.id}: mã luật trùng`);
    seen.add(r.id);
    for (const n of [...r.when.flat(), ...r.unless.flatMap((g) => g.split('+')), ...r.soften])
      if (!names.has(n)) problems.push(`rules.${r.id}: không có từ điển "${n}"`);
  }
  if (problems.length > 0) throw new RulesError(problems);
  const exact = new Map<string, Phrase[]>();
  const fold = new Map<string, Phrase[]>();
  for (const [lexicon, entries] of Object.entries(file.lexicon)) {
    for (const entry of entries) {
      const nfc = entry.normalize('NFC');
      const phrase: Phrase = {
        lexicon,
        exact: tokenize(nfc, false).map((t) => t.key),
        fold: tokenize(nfc, true).map((t) => t.key),
      };
      if (phrase.exact.length === 0) continue;
      for (const [map, keys] of [
        [exact, phrase.exact],
        [fold, phrase.fold],
      ] as const) {
        const list = map.get(keys[0]!) ?? [];
        if (!list.some((p) => p.lexicon === lexicon && p.exact.join(' ') === phrase.exact.join(' '))) list.push(phrase);
        map.set(keys[0]!, list);
      }
    }
  }
  const proverbsExact = new Map<string, Proverb[]>();
  const proverbsFold = new Map<string, Proverb[]>();
  for (const p of file.proverbs) {
    const nfc = p.text.normalize('NFC');
    const proverb: Proverb = {
      exact: tokenize(nfc, false).map((t) => t.key),
      fold: tokenize(nfc, true).map((t) => t.key),
    };
    if (proverb.exact.length < 3) continue;
    for (const [map, keys] of [
      [proverbsExact, proverb.exact],
      [proverbsFold, proverb.fold],
    ] as const)
      for (const key of new Set(keys.slice(0, 2))) map.set(key, [...(map.get(key) ?? []), proverb]);
  }
  const rules = file.rules.map((r) => ({ ...r, guards: r.unless.map((g) => g.split('+')) }));
  return { rules, exact, fold, lexicons: names, proverbsExact, proverbsFold };
}

/** Parses and compiles rules written in YAML (or JSON). */
export function parseRules(text: string): CompiledRules {
  let data: unknown;
  try {
    data = parseYaml(text.normalize('NFC'));
  } catch (e) {
    throw new RulesError([`không đọc được YAML/JSON: ${(e as Error).message}`]);
  }
  return compileRules(data);
}
