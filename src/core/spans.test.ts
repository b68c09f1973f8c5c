import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayAfter } from './dates.ts';
import { paintSpan, sameSpans, spanCovers, type Span } from './spans.ts';

const eq = (a: string, b: string) => a === b;

describe('paintSpan', () => {
  it('cuts an open span at a reform date', () => {
    expect(
      paintSpan([{ from: '2020-01-01', to: null, value: 'A' }], { from: '2025-07-01', to: null, value: 'B' }, eq),
    ).toEqual([
      { from: '2020-01-01', to: '2025-06-30', value: 'A' },
      { from: '2025-07-01', to: null, value: 'B' },
    ]);
  });
  it('merges an adjacent equal span (the same unit imported from two lists)', () => {
    expect(
      paintSpan(
        [{ from: '2020-01-01', to: '2025-06-30', value: 'A' }],
        { from: '2025-07-01', to: null, value: 'A' },
        eq,
      ),
    ).toEqual([{ from: '2020-01-01', to: null, value: 'A' }]);
  });
  it('splits a span around a painted middle', () => {
    expect(
      paintSpan(
        [{ from: '2020-01-01', to: null, value: 'A' }],
        { from: '2022-01-01', to: '2022-12-31', value: 'B' },
        eq,
      ),
    ).toEqual([
      { from: '2020-01-01', to: '2021-12-31', value: 'A' },
      { from: '2022-01-01', to: '2022-12-31', value: 'B' },
      { from: '2023-01-01', to: null, value: 'A' },
    ]);
  });
  it('is idempotent', () => {
    const once = paintSpan([], { from: '2020-01-01', to: '2025-06-30', value: 'A' }, eq);
    expect(sameSpans(once, paintSpan(once, { from: '2020-01-01', to: '2025-06-30', value: 'A' }, eq), eq)).toBe(true);
  });

  const day = fc
    .integer({ min: 0, max: 3000 })
    .map((n) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
  const span = fc
    .tuple(day, fc.option(day, { nil: null }), fc.constantFrom('A', 'B', 'C'))
    .map(([a, b, v]): Span<string> =>
      b === null
        ? { from: a, to: null, value: v }
        : a <= b
          ? { from: a, to: b, value: v }
          : { from: b, to: a, value: v },
    );

  it(
    'property: after any sequence of paints, spans are sorted, ' + 'disjoint, and the last paint holds on its range',
    () => {
      fc.assert(
        fc.property(fc.array(span, { minLength: 1, maxLength: 8 }), day, (paints, probe) => {
          let spans: Span<string>[] = [];
          for (const p of paints) spans = paintSpan(spans, p, eq);
          for (let i = 1; i < spans.length; i++) {
            const prev = spans[i - 1]!;
            expect(prev.to).not.toBeNull();
            expect(prev.to! < spans[i]!.from).toBe(true);
          }
          const last = paints[paints.length - 1]!;
          if (spanCovers(last, probe)) expect(spans.find((s) => spanCovers(s, probe))?.value).toBe(last.value);
          // a day covered by any paint is covered by exactly one span
          const covered = paints.some((p) => spanCovers(p, probe));
          expect(spans.filter((s) => spanCovers(s, probe)).length).toBe(covered ? 1 : 0);
        }),
      );
    },
  );
  it('dayAfter crosses month and leap-year ends', () => {
    expect(dayAfter('2024-02-28')).toBe('2024-02-29');
    expect(dayAfter('2025-12-31')).toBe('2026-01-01');
  });
});
