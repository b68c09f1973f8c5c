import { describe, expect, it } from 'vitest';
import { checkExpression, evaluate, parseExpression, references, type Env } from './xpath.ts';
import './re2.ts';

const env = (answers: Record<string, string>, extra: Partial<Env> = {}): Env => ({
  answer: (n) => answers[n] ?? '',
  today: '2026-11-30',
  ...extra,
});
const run = (src: string, answers: Record<string, string> = {}, extra: Partial<Env> = {}) =>
  evaluate(parseExpression(src), env(answers, extra));

describe('XLSForm expressions', () => {
  it('follows XPath precedence and types', () => {
    expect(run('1 + 2 * 3')).toBe(7);
    expect(run('(1 + 2) * 3')).toBe(9);
    expect(run('7 div 2')).toBe(3.5);
    expect(run('7 mod 3')).toBe(1);
    expect(run('-2 + 5')).toBe(3);
    expect(run('1 < 2 and 2 < 3 or 0')).toBe(true);
    expect(run('${a} > 17', { a: '18' })).toBe(true);
    // an answer is a string; compared with a number it is a number, with a string a string
    expect(run("${a} = '018'", { a: '18' })).toBe(false);
    expect(run('${a} = 18.0', { a: '018' })).toBe(true);
    // an empty answer is NaN: every comparison is false
    expect([run('${a} < 5'), run('${a} >= 5'), run('${a} = 0')]).toEqual([false, false, false]);
    expect(run("${a} = ''")).toBe(true);
  });

  it('knows the functions of real forms: selected, count-selected, if, not, regex, string-length', () => {
    const a = { m: 'tv radio', s: 'yes', t: 'abc@ví.vn' };
    expect(run("selected(${m}, 'radio')", a)).toBe(true);
    expect(run("selected(${m}, 'web')", a)).toBe(false);
    expect(run('count-selected(${m})', a)).toBe(2);
    expect(run("if(${s} = 'yes', 10, 20)", a)).toBe(10);
    expect(run("not(selected(., 'yes') and selected (., 'no'))", {}, { self: 'yes no' })).toBe(false);
    expect(run("regex(., '^[0-9]{10}$')", {}, { self: '0912345678' })).toBe(true);
    expect(run("regex(${t}, '[A-Za-z0-9._%+-]+@')", a)).toBe(true);
    expect(run('string-length(.)', {}, { self: 'Bình đẳng' })).toBe(9);
    expect(run("concat(${s}, '-', 3)", a)).toBe('yes-3');
    expect(run('round(2.345, 2)')).toBe(2.35);
    expect(run("coalesce(${x}, 'none')")).toBe('none');
    expect(run('true() and not(false())')).toBe(true);
  });

  it('compares dates as days, as ODK does', () => {
    expect(run('. <= today()', {}, { self: '2026-11-29' })).toBe(true);
    expect(run('. <= today()', {}, { self: '2026-12-01' })).toBe(false);
    expect(run("${d} > '2025-02-28'", { d: '2025-03-01' })).toBe(true);
    // a date that does not exist is not a date
    expect(run("${d} > '2025-01-01'", { d: '2025-02-30' })).toBe(false);
  });

  it('filters choices by a column of the choices sheet', () => {
    expect(run('cf = ${state}', { state: 'hn' }, { column: (c) => (c === 'cf' ? 'hn' : '') })).toBe(true);
  });

  it('refuses what it does not know, saying where', () => {
    const names = new Set(['a', 'b']);
    const check = (src: string, self = false, columns?: Set<string>) =>
      checkExpression(parseExpression(src), { names, self, ...(columns ? { columns } : {}) });
    expect(check('${a} + ${b}')).toEqual([]);
    expect(check('${c} > 1')).toEqual(['${c} không phải câu hỏi của biểu mẫu']);
    expect(check('sqrt(${a})')).toEqual(['hàm "sqrt()" chưa được hỗ trợ']);
    expect(check('if(${a}, 1)')).toEqual(['hàm "if()" cần 3 đối số (đang có 2)']);
    expect(check('. > 1')).toEqual(['"." chỉ dùng được trong constraint']);
    expect(check('region = ${a}')[0]).toMatch(/"region" không được hiểu/u);
    expect(check('region = ${a}', false, new Set(['cf']))).toEqual(['trang choices không có cột "region"']);
    expect(check("regex(., '(a)\\1')", true)[0]).toMatch(/mẫu regex không hợp lệ/u);
    expect(() => parseExpression('${a} = ‘other’')).toThrow(/dấu nháy cong/u);
    expect(() => parseExpression('${a} = ')).toThrow(/biểu thức chưa hết \(ký tự thứ 8\)/u);
    expect(() => parseExpression('(${a} = 1')).toThrow(/cần "\)"/u);
    expect(() => parseExpression('${a} | ${b}')).toThrow(/ký tự "\|" không được hỗ trợ/u);
    expect(() => parseExpression('../a')).toThrow(/".." chưa được hỗ trợ/u);
    expect(() => parseExpression('1 2')).toThrow(/thừa "2" sau biểu thức/u);
  });

  it('lists the questions an expression reads', () => {
    expect([...references(parseExpression("if(${a} > 1, ${b}, concat(${c}, 'x'))"))]).toEqual(['a', 'b', 'c']);
  });

  it('is never JavaScript: code in a string stays a string', () => {
    expect(run("'process.exit(1)'")).toBe('process.exit(1)');
    expect(() => parseExpression('process.exit(1)')).not.toThrow();
    expect(checkExpression(parseExpression('process.exit(1)'), { names: new Set(), self: false })).toEqual([
      'hàm "process.exit()" chưa được hỗ trợ',
    ]);
  });
});
