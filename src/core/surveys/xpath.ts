/**
 * The expression language of XLSForm (a subset of XPath 1.0, as ODK and KoboToolbox evaluate it) for
 * relevant, constraint, calculation, required and choice_filter: parsed into a tree and evaluated by this
 * module — never by JavaScript's eval. What it knows:
 * - `${name}` (another question's answer), `.` (the answer being checked), a bare name (in a
 *   choice_filter: a column of the choices sheet), numbers, 'strings' and "strings";
 * - `or`, `and`, `=`, `!=`, `<`, `<=`, `>`, `>=`, `+`, `-`, `*`, `div`, `mod`, unary minus, parentheses;
 * - the functions of FUNCTIONS below. Anything else (paths, `|`, other functions) is refused when the
 *   form is loaded, with the position in the expression.
 * Types follow XPath 1.0: an answer is a string (a select_multiple's is its choices separated by spaces);
 * `=` compares as booleans if either side is one, else as numbers if either side is one, else as strings;
 * `<` and the others compare as numbers; a date YYYY-MM-DD is, as a number, its days since 1970-01-01 (as
 * in ODK); an empty answer is NaN as a number, and every comparison with NaN is false.
 */
import { regexEngine, type RegexEngine } from './regex.ts';

export type BinaryOp = 'or' | 'and' | '=' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | 'div' | 'mod';

export type Expr =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'ref'; name: string }
  | { k: 'self' }
  | { k: 'column'; name: string }
  | { k: 'neg'; e: Expr }
  | { k: 'bin'; op: BinaryOp; l: Expr; r: Expr }
  | { k: 'call'; fn: string; args: Expr[] };

export type Value = number | string | boolean;

export class ExpressionError extends Error {}

type Token =
  | { t: 'num'; v: number; at: number }
  | { t: 'str'; v: string; at: number }
  | { t: 'ref'; v: string; at: number }
  | { t: 'name'; v: string; at: number }
  | { t: 'op'; v: string; at: number }
  | { t: 'end'; at: number };

const NAME_START = /[A-Za-z_\u00C0-\uFFFF]/u;
const NAME_CHAR = /[A-Za-z0-9_.\-:\u00C0-\uFFFF]/u;

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const fail = (why: string, at = i): never => {
    throw new ExpressionError(`${why} (ký tự thứ ${at + 1})`);
  };
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/u.test(c)) {
      i++;
    } else if (c === "'" || c === '"') {
      const end = src.indexOf(c, i + 1);
      if (end < 0) fail('chuỗi chưa đóng dấu nháy');
      out.push({ t: 'str', v: src.slice(i + 1, end), at: i });
      i = end + 1;
    } else if ('‘’“”'.includes(c)) {
      fail(`dấu nháy cong ${c}: dùng dấu nháy thẳng ' hoặc "`);
    } else if (c === '$' && src[i + 1] === '{') {
      const end = src.indexOf('}', i);
      if (end < 0) fail('thiếu dấu } sau ${');
      const name = src.slice(i + 2, end).trim();
      if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/u.test(name)) fail(`tên câu hỏi không hợp lệ trong \${${name}}`);
      out.push({ t: 'ref', v: name, at: i });
      i = end + 1;
    } else if (/[0-9]/u.test(c) || (c === '.' && /[0-9]/u.test(src[i + 1] ?? ''))) {
      const m = /^[0-9]*\.?[0-9]*/u.exec(src.slice(i))![0];
      out.push({ t: 'num', v: Number(m), at: i });
      i += m.length;
    } else if (c === '.' && src[i + 1] === '.') {
      fail('đường dẫn ".." chưa được hỗ trợ');
    } else if (c === '.') {
      out.push({ t: 'op', v: '.', at: i });
      i++;
    } else if (src.startsWith('!=', i) || src.startsWith('<=', i) || src.startsWith('>=', i)) {
      out.push({ t: 'op', v: src.slice(i, i + 2), at: i });
      i += 2;
    } else if ('=<>+-*(),'.includes(c)) {
      out.push({ t: 'op', v: c, at: i });
      i++;
    } else if (NAME_START.test(c)) {
      let j = i + 1;
      while (j < src.length && NAME_CHAR.test(src[j]!)) j++;
      // "a-b" inside a name is XPath's rule too; a trailing "-" belongs to the next token
      while (src[j - 1] === '-' || src[j - 1] === '.') j--;
      out.push({ t: 'name', v: src.slice(i, j), at: i });
      i = j;
    } else {
      fail(`ký tự "${c}" không được hỗ trợ`);
    }
  }
  out.push({ t: 'end', at: src.length });
  return out;
}

const BINARY: Record<string, [number, BinaryOp]> = {
  or: [1, 'or'],
  and: [2, 'and'],
  '=': [3, '='],
  '!=': [3, '!='],
  '<': [4, '<'],
  '<=': [4, '<='],
  '>': [4, '>'],
  '>=': [4, '>='],
  '+': [5, '+'],
  '-': [5, '-'],
  '*': [6, '*'],
  div: [6, 'div'],
  mod: [6, 'mod'],
};

/** Parses an expression; throws ExpressionError with the position of the first problem. */
export function parseExpression(src: string): Expr {
  const tokens = tokenize(src);
  let p = 0;
  const peek = () => tokens[p]!;
  const fail = (why: string, tok = peek()): never => {
    throw new ExpressionError(`${why} (ký tự thứ ${tok.at + 1})`);
  };
  const expect = (v: string) => {
    const tok = peek();
    if (tok.t !== 'op' || tok.v !== v) fail(`cần "${v}"`);
    p++;
  };
  const binaryOf = (tok: Token): [number, BinaryOp] | undefined =>
    tok.t === 'op' || tok.t === 'name' ? BINARY[tok.v] : undefined;

  function primary(): Expr {
    const tok = peek();
    p++;
    switch (tok.t) {
      case 'num':
        return { k: 'num', v: tok.v };
      case 'str':
        return { k: 'str', v: tok.v };
      case 'ref':
        return { k: 'ref', name: tok.v };
      case 'name': {
        const next = peek();
        if (next.t === 'op' && next.v === '(') {
          p++;
          const args: Expr[] = [];
          if (!(peek().t === 'op' && (peek() as { v: string }).v === ')')) {
            for (;;) {
              args.push(expr(0));
              if (peek().t === 'op' && (peek() as { v: string }).v === ',') p++;
              else break;
            }
          }
          expect(')');
          return { k: 'call', fn: tok.v, args };
        }
        return { k: 'column', name: tok.v };
      }
      case 'op':
        if (tok.v === '.') return { k: 'self' };
        if (tok.v === '(') {
          const e = expr(0);
          expect(')');
          return e;
        }
        if (tok.v === '-') return { k: 'neg', e: expr(7) };
        return fail(`không mong đợi "${tok.v}"`, tok);
      case 'end':
        return fail('biểu thức chưa hết', tok);
    }
  }

  function expr(minPrec: number): Expr {
    let left = primary();
    for (;;) {
      const b = binaryOf(peek());
      if (!b || b[0] <= minPrec) return left;
      p++;
      left = { k: 'bin', op: b[1], l: left, r: expr(b[0]) };
    }
  }

  if (src.trim() === '') throw new ExpressionError('biểu thức trống');
  const e = expr(0);
  if (peek().t !== 'end') fail(`thừa "${(peek() as { v: unknown }).v}" sau biểu thức`);
  return e;
}

interface FunctionSpec {
  min: number;
  max: number;
}

/** The functions this product evaluates, with their number of arguments. */
export const FUNCTIONS: Record<string, FunctionSpec> = {
  selected: { min: 2, max: 2 },
  'count-selected': { min: 1, max: 1 },
  if: { min: 3, max: 3 },
  not: { min: 1, max: 1 },
  true: { min: 0, max: 0 },
  false: { min: 0, max: 0 },
  'string-length': { min: 0, max: 1 },
  regex: { min: 2, max: 2 },
  concat: { min: 1, max: 50 },
  coalesce: { min: 2, max: 2 },
  number: { min: 1, max: 1 },
  int: { min: 1, max: 1 },
  round: { min: 1, max: 2 },
  string: { min: 1, max: 1 },
  today: { min: 0, max: 0 },
};

export interface CheckContext {
  /** the names of the form's questions */
  names: ReadonlySet<string>;
  /** `.` is allowed (constraint) */
  self: boolean;
  /** the columns of the choices sheet a choice_filter may name; undefined: bare names are refused */
  columns?: ReadonlySet<string>;
}

/** Every problem of a parsed expression against the form: unknown questions, functions, arguments. */
export function checkExpression(e: Expr, c: CheckContext): string[] {
  const problems: string[] = [];
  const walk = (x: Expr): void => {
    switch (x.k) {
      case 'ref':
        if (!c.names.has(x.name)) problems.push(`\${${x.name}} không phải câu hỏi của biểu mẫu`);
        return;
      case 'self':
        if (!c.self) problems.push('"." chỉ dùng được trong constraint');
        return;
      case 'column':
        if (!c.columns) problems.push(`"${x.name}" không được hiểu (câu hỏi khác viết \${${x.name}})`);
        else if (!c.columns.has(x.name.toLowerCase())) problems.push(`trang choices không có cột "${x.name}"`);
        return;
      case 'neg':
        return walk(x.e);
      case 'bin':
        walk(x.l);
        return walk(x.r);
      case 'call': {
        const spec = FUNCTIONS[x.fn];
        if (!spec) problems.push(`hàm "${x.fn}()" chưa được hỗ trợ`);
        else if (x.args.length < spec.min || x.args.length > spec.max) {
          const wanted = spec.min === spec.max ? `${spec.min}` : `${spec.min}–${spec.max}`;
          problems.push(`hàm "${x.fn}()" cần ${wanted} đối số (đang có ${x.args.length})`);
        }
        if (x.fn === 'regex' && x.args[1]) {
          if (x.args[1].k !== 'str') problems.push('mẫu của regex() phải là một chuỗi cố định');
          else {
            try {
              regexEngine().compile(x.args[1].v);
            } catch (e) {
              problems.push(`mẫu regex không hợp lệ: ${(e as Error).message}`);
            }
          }
        }
        x.args.forEach(walk);
        return;
      }
      default:
        return;
    }
  };
  walk(e);
  return problems;
}

/** The names of the questions an expression reads. */
export function references(e: Expr, into = new Set<string>()): Set<string> {
  if (e.k === 'ref') into.add(e.name);
  else if (e.k === 'neg') references(e.e, into);
  else if (e.k === 'bin') {
    references(e.l, into);
    references(e.r, into);
  } else if (e.k === 'call') e.args.forEach((a) => references(a, into));
  return into;
}

export interface Env {
  /** the answer to a question, '' when none (a select_multiple's choices separated by spaces) */
  answer(name: string): string;
  /** the answer being checked (constraint) */
  self?: string;
  /** a column of the choice being filtered (choice_filter) */
  column?(name: string): string;
  /** today's date, YYYY-MM-DD */
  today: string;
}

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/u;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/u;

export function toNumber(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const s = v.trim();
  if (NUMBER.test(s)) return Number(s);
  const d = DATE.exec(s);
  if (d) {
    const t = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]));
    const back = new Date(t).toISOString().slice(0, 10);
    return back === s ? t / DAY_MS : NaN;
  }
  return NaN;
}

export function toBoolean(v: Value): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0 && !Number.isNaN(v);
  return v.length > 0;
}

export function toText(v: Value): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Number.isNaN(v)) return 'NaN';
  if (Number.isInteger(v)) return String(v);
  return String(Math.round(v * 1e10) / 1e10);
}

const choicesOf = (v: Value): string[] => toText(v).split(/\s+/u).filter(Boolean);

function equal(a: Value, b: Value): boolean {
  if (typeof a === 'boolean' || typeof b === 'boolean') return toBoolean(a) === toBoolean(b);
  if (typeof a === 'number' || typeof b === 'number') return toNumber(a) === toNumber(b);
  return a === b;
}

// compiled regular expressions, by pattern: RE2 matches in linear time, whatever a respondent types
const patterns = new Map<string, ReturnType<RegexEngine['compile']>>();
function regexMatch(text: string, pattern: string): boolean {
  let re = patterns.get(pattern);
  if (!re) {
    re = regexEngine().compile(pattern);
    if (patterns.size > 1000) patterns.clear();
    patterns.set(pattern, re);
  }
  return re.find(text);
}

/** Evaluates a parsed (and checked) expression. */
export function evaluate(e: Expr, env: Env): Value {
  switch (e.k) {
    case 'num':
      return e.v;
    case 'str':
      return e.v;
    case 'ref':
      return env.answer(e.name);
    case 'self':
      return env.self ?? '';
    case 'column':
      return env.column ? env.column(e.name) : '';
    case 'neg':
      return -toNumber(evaluate(e.e, env));
    case 'bin': {
      if (e.op === 'or') return toBoolean(evaluate(e.l, env)) || toBoolean(evaluate(e.r, env));
      if (e.op === 'and') return toBoolean(evaluate(e.l, env)) && toBoolean(evaluate(e.r, env));
      const l = evaluate(e.l, env);
      const r = evaluate(e.r, env);
      switch (e.op) {
        case '=':
          return equal(l, r);
        case '!=':
          return !equal(l, r);
        case '<':
          return toNumber(l) < toNumber(r);
        case '<=':
          return toNumber(l) <= toNumber(r);
        case '>':
          return toNumber(l) > toNumber(r);
        case '>=':
          return toNumber(l) >= toNumber(r);
        case '+':
          return toNumber(l) + toNumber(r);
        case '-':
          return toNumber(l) - toNumber(r);
        case '*':
          return toNumber(l) * toNumber(r);
        case 'div':
          return toNumber(l) / toNumber(r);
        case 'mod':
          return toNumber(l) % toNumber(r);
      }
      return NaN;
    }
    case 'call':
      return call(e.fn, e.args, env);
  }
}

function call(fn: string, args: Expr[], env: Env): Value {
  const arg = (i: number) => evaluate(args[i]!, env);
  switch (fn) {
    case 'selected':
      return choicesOf(arg(0)).includes(toText(arg(1)).trim());
    case 'count-selected':
      return choicesOf(arg(0)).length;
    case 'if':
      return toBoolean(arg(0)) ? arg(1) : arg(2);
    case 'not':
      return !toBoolean(arg(0));
    case 'true':
      return true;
    case 'false':
      return false;
    case 'string-length':
      return [...toText(args.length ? arg(0) : (env.self ?? ''))].length;
    case 'regex':
      return regexMatch(toText(arg(0)), toText(arg(1)));
    case 'concat':
      return args.map((_, i) => toText(arg(i))).join('');
    case 'coalesce': {
      const a = toText(arg(0));
      return a !== '' ? a : toText(arg(1));
    }
    case 'number':
      return toNumber(arg(0));
    case 'int':
      return Math.trunc(toNumber(arg(0)));
    case 'round': {
      const x = toNumber(arg(0));
      const digits = args.length > 1 ? toNumber(arg(1)) : 0;
      const f = 10 ** digits;
      return Math.round(x * f) / f;
    }
    case 'string':
      return toText(arg(0));
    case 'today':
      return env.today;
    default:
      throw new ExpressionError(`hàm "${fn}()" chưa được hỗ trợ`);
  }
}
