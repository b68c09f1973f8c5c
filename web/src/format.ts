import { currentLang } from './lang.tsx';

/**
 * Numbers as the language on screen writes them: "1.234,5" and "77,4%" in Vietnamese, "1,234.5" and "77.4%" in
 * English. Years are not numbers here: they are printed as they are, never with a thousands separator.
 */
export const numberLocale = (): string => (currentLang() === 'en' ? 'en-GB' : 'vi-VN');

/** A count or an amount; `digits` fixes the decimals, otherwise up to three as the value has them. */
export const fmtNumber = (v: number, digits?: number): string =>
  v.toLocaleString(
    numberLocale(),
    digits === undefined
      ? { maximumFractionDigits: 3 }
      : { minimumFractionDigits: digits, maximumFractionDigits: digits },
  );

/** A score or a measure as it was given (72.5 → "72,5"), without grouping. */
export const fmtDecimal = (v: number | string): string =>
  Number(v).toLocaleString(numberLocale(), { maximumFractionDigits: 10, useGrouping: false });

/** A share (0–1) as a percentage with one decimal; a missing share is a dash. */
export const fmtPercent = (share: number | null, digits = 1): string =>
  share === null ? '—' : `${fmtNumber(share * 100, digits)}%`;

/** The decimal sign an input takes from the keyboard, as the language on screen writes it. */
export const decimalSign = (): string => (currentLang() === 'en' ? '.' : ',');

/** A changed value as a person reads it (history, audit): text as it is, nothing as a dash, else as JSON. */
export const shownValue = (v: unknown): string =>
  v === null || v === undefined || v === '' ? '—' : typeof v === 'string' ? v : JSON.stringify(v);
