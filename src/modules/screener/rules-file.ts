import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRules, type CompiledRules } from '../../core/screener/rules.ts';

export const RULES_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../rules/screener-vi.yaml');

let cached: CompiledRules | null = null;

/** The screener's rules, read and checked once per process. */
export function screenerRules(): CompiledRules {
  cached ??= parseRules(fs.readFileSync(RULES_FILE, 'utf8'));
  return cached;
}
