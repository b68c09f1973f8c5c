import { dayAfter, dayBefore } from './dates.ts';

/**
 * A value that holds over an inclusive range of dates; `to: null` means "still in force".
 * Unit names and parents are kept as spans so that a 2023 figure is read on the 2023 structure.
 */
export interface Span<T> {
  from: string;
  to: string | null;
  value: T;
}

const endOf = (to: string | null): string => to ?? '9999-12-31';

/** True when a span holds on date `d`. */
export function spanCovers(span: Pick<Span<unknown>, 'from' | 'to'>, d: string): boolean {
  return span.from <= d && d <= endOf(span.to);
}

/** True when two inclusive ranges share at least one day. */
export function rangesOverlap(a: Pick<Span<unknown>, 'from' | 'to'>, b: Pick<Span<unknown>, 'from' | 'to'>): boolean {
  return a.from <= endOf(b.to) && b.from <= endOf(a.to);
}

/**
 * Paints `next` over a sorted list of non-overlapping spans: the new value wins on its range, older
 * spans are cut around it, and neighbours with equal values are merged. Painting a span that is
 * already there returns an equal list, which makes imports idempotent.
 * @example paintSpan([{from:'2020-01-01',to:null,value:'A'}], {from:'2025-07-01',to:null,value:'B'}, eq)
 *   → [{from:'2020-01-01',to:'2025-06-30',value:'A'}, {from:'2025-07-01',to:null,value:'B'}]
 */
export function paintSpan<T>(spans: readonly Span<T>[], next: Span<T>, equal: (a: T, b: T) => boolean): Span<T>[] {
  const out: Span<T>[] = [];
  for (const s of spans) {
    if (!rangesOverlap(s, next)) {
      out.push(s);
      continue;
    }
    if (s.from < next.from) out.push({ ...s, to: dayBefore(next.from) });
    if (next.to !== null && endOf(s.to) > next.to) out.push({ ...s, from: dayAfter(next.to) });
  }
  out.push(next);
  out.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const merged: Span<T>[] = [];
  for (const s of out) {
    const last = merged[merged.length - 1];
    if (last && last.to !== null && dayAfter(last.to) === s.from && equal(last.value, s.value)) {
      merged[merged.length - 1] = { ...last, to: s.to };
    } else {
      merged.push(s);
    }
  }
  return merged;
}

/** True when two span lists say the same thing. */
export function sameSpans<T>(a: readonly Span<T>[], b: readonly Span<T>[], equal: (x: T, y: T) => boolean): boolean {
  return (
    a.length === b.length &&
    a.every((s, i) => s.from === b[i]!.from && s.to === b[i]!.to && equal(s.value, b[i]!.value))
  );
}
