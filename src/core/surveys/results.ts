/**
 * The shapes of the survey figures the API answers (modules/surveys/service.ts) and the web client shows:
 * one definition for both.
 */
import type { Verdict } from './inference.ts';

/** A group's estimate; the figures are null when the group has fewer than 30 respondents (n is shown). */
export interface GroupEstimate {
  group: Record<string, string>;
  labels: Record<string, string>;
  n: number;
  mean: number | null;
  se: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  deff: number | null;
}

/** A group's change between a baseline and a follow-up wave (null figures: suppressed). */
export interface ChangeRow {
  group: Record<string, string>;
  labels: Record<string, string>;
  baseline: { n: number; mean: number | null; se: number | null };
  followup: { n: number; mean: number | null; se: number | null };
  change: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  fieller: { low: number; high: number } | null;
  p: number | null;
  pHolm: number | null;
  verdict: Verdict | null;
  nearCeiling: boolean;
  suppressed: boolean;
}
