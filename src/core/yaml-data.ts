import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import './zod-vi.ts';

/**
 * Data files written by people in YAML (or JSON): the indicator set in media, survey scoring
 * specifications. Every problem names its line and path ("dòng 12, scales.0.items.3.key: …").
 */
export type LineOf = (path: PropertyKey[]) => number | null;

/** The line (1-based) of the deepest node of `path` that exists in the YAML document. */
function lineFinder(text: string) {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  return {
    doc,
    lineOf: (path: PropertyKey[]): number | null => {
      let node: unknown = doc.contents;
      let found: YamlNode | null = (node as YamlNode) ?? null;
      for (const key of path) {
        if (isMap(node)) node = node.get(key as string, true);
        else if (isSeq(node)) node = node.get(Number(key), true);
        else break;
        if (!node) break;
        found = node as YamlNode;
      }
      const offset = found?.range?.[0];
      return offset === undefined ? null : lines.linePos(offset).line;
    },
  };
}

/** "dòng N, a.b.0: message" (no line when the path is not in the file). */
export const sayAt = (lineOf: LineOf, path: PropertyKey[], message: string): string => {
  const line = lineOf(path);
  return `${line ? `dòng ${line}, ` : ''}${path.map(String).join('.') || '(gốc)'}: ${message}`;
};

/**
 * Checks `data` against `schema`, then `crossCheck` (problems between parts that a schema cannot say);
 * throws `fail(problems)` with every problem placed by `lineOf`.
 */
export function validateData<S extends z.ZodType>(
  schema: S,
  data: unknown,
  lineOf: LineOf,
  crossCheck: (value: z.infer<S>) => { path: PropertyKey[]; message: string }[],
  fail: (problems: string[]) => Error,
): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw fail(parsed.error.issues.map((i) => sayAt(lineOf, i.path, i.message)));
  const problems = crossCheck(parsed.data);
  if (problems.length) throw fail(problems.map((p) => sayAt(lineOf, p.path, p.message)));
  return parsed.data;
}

/** Parses YAML text (NFC) into plain data and the line finder of its paths; syntax errors name their line. */
export function parseYamlData(text: string, fail: (problems: string[]) => Error): { data: unknown; lineOf: LineOf } {
  const { doc, lineOf } = lineFinder(text.normalize('NFC'));
  if (doc.errors.length) throw fail(doc.errors.map((e) => `dòng ${e.linePos?.[0]?.line ?? '?'}: ${e.message}`));
  return { data: doc.toJS(), lineOf };
}
