import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Every word the web client shows comes from its catalogue (web/src/i18n.tsx and web/src/strings/), in both
 * languages. The client's source is read as TypeScript: a string or JSX text that a person would read, written
 * outside a catalogue, fails here with its file and line.
 */
const ROOT = join(import.meta.dirname, '..', 'web', 'src');
/** letters only Vietnamese writes (Latin-1 accents too: no English label of ours carries one) */
const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/iu;
/** a word: two small letters in a row ("n", "×", "/100" are not; nor are names of formats: CSV, PDF, OK) */
const WORD = /\p{Ll}{2,}/u;
/** attributes and properties whose text a person reads */
const VISIBLE = new Set([
  'title',
  'label',
  'placeholder',
  'aria-label',
  'ariaLabel',
  'alt',
  'okText',
  'cancelText',
  'tooltip',
  'extra',
  'help',
  'description',
  'message',
  'emptyText',
  'content',
  'children',
]);

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : /\.tsx?$/u.test(e.name) && !e.name.endsWith('.d.ts')
        ? [join(dir, e.name)]
        : [],
  );

const parse = (file: string) =>
  ts.createSourceFile(
    file,
    readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );

/**
 * Texts written in a page on purpose, each with its reason. Keep it short: a word a person reads belongs in the
 * catalogue.
 */
const ALLOWED: { file: string; text: string; why: string }[] = [
  { file: 'records/format.tsx', text: '… đ', why: 'the đồng’s sign after an amount, the same in both languages' },
  { file: 'pages/PortalPage.tsx', text: 'Website', why: 'the hidden trap field for robots, never shown to people' },
  { file: 'pages/SurveysPage.tsx', text: 'stratum', why: 'an example of a column name in a data file' },
  { file: 'pages/SurveysPage.tsx', text: 'cluster', why: 'an example of a column name in a data file' },
  { file: 'pages/SurveysPage.tsx', text: 'weight', why: 'an example of a column name in a data file' },
  { file: 'pages/SurveysPage.tsx', text: 'sex,female,612000\nsex,male,588000', why: 'an example of margins' },
  {
    file: 'pages/SurveysPage.tsx',
    text: 'instrument: my_form\nscales:\n - code: knowledge\n …',
    why: 'an example of a scoring file (YAML keys are English in every language)',
  },
];

/** The object literals that are catalogues: `const X_STRINGS = { … }` (with or without `satisfies`). */
function catalogues(sf: ts.SourceFile): { name: string; object: ts.ObjectLiteralExpression }[] {
  const found: { name: string; object: ts.ObjectLiteralExpression }[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && /STRINGS$/u.test(n.name.text) && n.initializer) {
      let init: ts.Expression = n.initializer;
      while (ts.isSatisfiesExpression(init) || ts.isAsExpression(init)) init = init.expression;
      if (ts.isObjectLiteralExpression(init)) found.push({ name: n.name.text, object: init });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

const keyOf = (p: ts.ObjectLiteralElementLike): string | null =>
  ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : null;

/** The catalogue's keys: a literal that names one (label: 'orSummary', then t(label)) is not a stray text. */
let keys: Set<string> | undefined;
/** a key that does not read as a word ('orSummary', 'help_dashboard'): 'rule' is a key and a word people read */
const isKey = (text: string) => (keys ??= new Set(entries().map((e) => e.key))).has(text) && /[A-Z_-]/u.test(text);

const oneLine = (text: string) => text.trim().replace(/[ \t]+/gu, ' ');

/** Calls whose text argument is shown: message.success('…'), setError('…'), Modal.confirm(…). */
const SHOWING_CALL = /(^|\.)(success|error|warning|info|setError|confirm|alert)$/u;

/** The texts a file shows that are not the catalogue's, each with its line. */
function strays(sf: ts.SourceFile): string[] {
  const file = sf.fileName;
  const skip = new Set<ts.Node>(catalogues(sf).map((c) => c.object));
  const found: string[] = [];
  const name = relative(ROOT, file);
  const at = (n: ts.Node, text: string, why: string) => {
    if (isKey(text) || ALLOWED.some((a) => a.file === name && a.text === oneLine(text))) return;
    found.push(`${name}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1} ${why}: ${oneLine(text)}`);
  };
  const literalText = (n: ts.Node): string | null =>
    ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)
      ? n.text
      : ts.isTemplateExpression(n)
        ? [n.head.text, ...n.templateSpans.map((s) => s.literal.text)].join(' … ')
        : null;
  /** the name an attribute or a property gives its value: title="…", { label: '…' } */
  const nameOf = (n: ts.Node): string | null => {
    const p = n.parent;
    if (ts.isJsxAttribute(p)) return p.name.getText(sf);
    if (ts.isJsxExpression(p) && ts.isJsxAttribute(p.parent)) return p.parent.name.getText(sf);
    if (ts.isPropertyAssignment(p) && p.initializer === n) return p.name.getText(sf);
    if (ts.isCallExpression(p) && p.arguments.includes(n as ts.Expression)) {
      const callee = p.expression.getText(sf);
      return SHOWING_CALL.test(callee) ? `${callee}()` : null;
    }
    return null;
  };
  const visit = (n: ts.Node): void => {
    if (skip.has(n)) return;
    if (ts.isJsxText(n)) {
      if (WORD.test(n.text)) at(n, n.text, 'text in JSX');
      return;
    }
    // imports, module names and the code's own comparisons are not shown
    if (ts.isImportDeclaration(n) || ts.isExportDeclaration(n) || (ts.isCallExpression(n) && isImportCall(n))) return;
    const text = literalText(n);
    if (text !== null) {
      if (VIETNAMESE.test(text)) at(n, text, 'Vietnamese outside the catalogue');
      else {
        const name = nameOf(n);
        const shown = name !== null && (VISIBLE.has(name) || name.endsWith('()'));
        if (shown && WORD.test(text)) at(n, text, `${name} outside the catalogue`);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

const isImportCall = (n: ts.CallExpression) => n.expression.kind === ts.SyntaxKind.ImportKeyword;

/** Every catalogue entry of every file: key, file, and its two texts. */
function entries(): { key: string; file: string; vi: string; en: string }[] {
  return sources(ROOT).flatMap((file) =>
    catalogues(parse(file)).flatMap(({ object }) =>
      object.properties.flatMap((p) => {
        const key = keyOf(p);
        if (!key || !ts.isPropertyAssignment(p) || !ts.isObjectLiteralExpression(p.initializer)) return [];
        const texts = p.initializer.properties;
        const text = (lang: string) => {
          const v = texts.find((q) => keyOf(q) === lang);
          return v && ts.isPropertyAssignment(v) ? (evaluate(v.initializer) ?? '') : '';
        };
        return [{ key, file: relative(ROOT, file), vi: text('vi'), en: text('en') }];
      }),
    ),
  );
}

/** A string literal or a sum of them ('a' + 'b'), as the catalogue writes its long entries. */
function evaluate(e: ts.Expression): string | null {
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
  if (ts.isParenthesizedExpression(e)) return evaluate(e.expression);
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const [a, b] = [evaluate(e.left), evaluate(e.right)];
    return a === null || b === null ? null : a + b;
  }
  return null;
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/gu)].map((m) => m[1]).sort();

/**
 * English entries that keep Vietnamese words on purpose: a language's own name, terms of art that the glossary
 * keeps in Vietnamese, examples of Vietnamese text. Anything else in English with a Vietnamese letter is a slip.
 */
const KEPT_IN_ENGLISH = new Set([
  'appName',
  'language',
  'langNameVi',
  'cvKind_huong_uoc',
  'cvKind_quy_uoc',
  'location',
]);

describe('the web client’s words', () => {
  it('come from the catalogue: no text a person reads is written in a page', () => {
    const found = sources(ROOT).flatMap((file) => strays(parse(file)));
    expect(found).toEqual([]);
  });

  it('the check itself finds labels, JSX text, messages and Vietnamese written in a page, and nothing else', () => {
    const probe = ts.createSourceFile(
      join(ROOT, 'pages', 'Probe.tsx'),
      [
        'const a = <Button title="Save the record">Lưu</Button>;',
        "const b = [{ title: 'Ngày', dataIndex: 'date' }];",
        "const c = () => message.success('Done and dusted');",
        'const d = <p>{t("ok")} and more words</p>;',
        "const e = { key: 'date', render: (v: string) => v.replace('.', ',') };",
        'const f = <Tag color="green" data-testid="ok-tag">{t(\'ok\')} ×</Tag>;',
        'const g = <Input placeholder={`Tìm ${n}`} />;',
        "const OTHER_STRINGS = { ok: { vi: 'Được', en: 'Fine' } };",
        "const h = [{ title: 'rule', key: 'rule' }];",
      ].join('\n'),
      ts.ScriptTarget.Latest,
      true,
      ts.ScriptKind.TSX,
    );
    const found = strays(probe).map((s) => s.replace(/^\S+ /u, ''));
    expect(found).toEqual([
      'title outside the catalogue: Save the record',
      'text in JSX: Lưu',
      'Vietnamese outside the catalogue: Ngày',
      'message.success() outside the catalogue: Done and dusted',
      'text in JSX: and more words',
      'Vietnamese outside the catalogue: Tìm …',
      'title outside the catalogue: rule',
    ]);
  });

  it('every entry has both languages, the same placeholders, no stray spaces, in NFC', () => {
    const all = entries();
    expect(all.length).toBeGreaterThan(500);
    const bad = all.flatMap(({ key, vi, en }) => {
      const problems: string[] = [];
      if (!vi.trim() || !en.trim()) problems.push('a language is empty');
      if (vi !== vi.trim() || en !== en.trim()) problems.push('spaces at an end');
      if (vi.normalize('NFC') !== vi || en.normalize('NFC') !== en) problems.push('not NFC');
      if (placeholders(vi).join() !== placeholders(en).join()) problems.push('placeholders differ');
      if (VIETNAMESE.test(en) && !KEPT_IN_ENGLISH.has(key)) problems.push(`Vietnamese in English: ${en}`);
      return problems.map((p) => `${key}: ${p}`);
    });
    expect(bad).toEqual([]);
    // and the list of exceptions holds no more than it needs
    const byKey = new Map(all.map((e) => [e.key, e]));
    expect([...KEPT_IN_ENGLISH].filter((k) => !VIETNAMESE.test(byKey.get(k)?.en ?? ''))).toEqual([]);
  });

  it('no key is in two catalogues (a later one would silently replace the earlier)', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const { key, file } of entries()) {
      if (seen.has(key)) twice.push(`${key}: ${seen.get(key)} and ${file}`);
      seen.set(key, file);
    }
    expect(twice).toEqual([]);
  });
});
