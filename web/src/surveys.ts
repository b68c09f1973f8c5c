/** What the surveys API answers (src/modules/surveys/service.ts). */
import type { Instrument } from '../../src/core/surveys/xlsform.ts';

export type { Instrument };

export interface InstrumentItem {
  id: number;
  formId: string;
  version: string;
  title: string;
  waves: number;
}

export interface WaveItem {
  id: number;
  name: string;
  year: number;
  startDate: string;
  endDate: string;
  instrument: { id: number; formId: string; version: string; title: string };
  responses: number;
  publicToken: string | null;
}

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

export interface ChangeRow {
  group: Record<string, string>;
  labels: Record<string, string>;
  baseline: { n: number; mean: number | null };
  followup: { n: number; mean: number | null };
  change: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  p: number | null;
  pHolm: number | null;
  verdict: 'stretch_met' | 'met' | 'not_shown' | 'declined' | null;
  nearCeiling: boolean;
  suppressed: boolean;
}

export interface ImportAnswer {
  created: number;
  skipped: number;
  report: {
    matched: { column: string; question: string; how: string }[];
    tool: string[];
    notMatched: string[];
    missing: string[];
    design: string[];
  };
}

export const VERDICTS: Record<NonNullable<ChangeRow['verdict']>, { vi: string; color: string }> = {
  stretch_met: { vi: 'Đạt mức phấn đấu', color: 'green' },
  met: { vi: 'Đạt', color: 'green' },
  not_shown: { vi: 'Chưa chứng minh được', color: 'gold' },
  declined: { vi: 'Giảm', color: 'red' },
};

/** The public link of a wave's web form. */
export const publicLink = (token: string): string => `${window.location.origin}/#/khao-sat/${token}`;
