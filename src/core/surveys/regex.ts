/**
 * The engine behind XLSForm's regex(): RE2 (re2js), which matches in time linear in the text whatever the
 * pattern, so no answer can stall the server. It is installed by importing ./re2.ts — the server does so
 * through xlsform.ts; the public form's browser loads it only for a form that uses regex(), since it weighs
 * more than the rest of the form's code together.
 */
export interface RegexEngine {
  /** Throws with the reason when the pattern is not valid RE2. */
  compile(pattern: string): { find(text: string): boolean };
}

let engine: RegexEngine | null = null;

export function installRegexEngine(e: RegexEngine): void {
  engine = e;
}

export function regexEngine(): RegexEngine {
  if (!engine) throw new Error('regex(): chưa nạp bộ máy RE2 (import src/core/surveys/re2.ts)');
  return engine;
}

/**
 * Whether any expression of a form (relevant, constraint, calculation, choice filter) calls regex(): the
 * form carries its expressions parsed (xpath.ts's trees), where a call is `{"k":"call","fn":"regex",…}`.
 */
export const usesRegex = (form: unknown): boolean => /"fn":"regex"/u.test(JSON.stringify(form));
