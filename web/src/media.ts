import { useQuery } from '@tanstack/react-query';
import { api, type Label, type RecordStatus } from './api.ts';
import { fmtPercent } from './format.ts';

/** What the media pages read from /api/media (src/modules/media). */
export type Choice = 'yes' | 'partly' | 'no';
export type Level = 'none' | 'pilot' | 'official';

export interface SetIndicator {
  code: string;
  vi: string;
  en: string;
  objective: string;
  measure: 'number' | 'percentage' | 'yes_partly_no' | 'monitoring';
  monitoring?: string;
  scoring: { rule: string; target?: number; limit?: number };
  verification: string;
  evidenceRequired: boolean;
}

export interface IndicatorSet {
  id: string;
  name: Label;
  edition: string;
  sources: string[];
  groups: { code: string; vi: string; en: string }[];
  indicators: SetIndicator[];
  levels: Record<'pilot' | 'official', { vi: string }>;
}

export interface Answer {
  value: number | Choice | null;
  note: string | null;
  from: 'monitoring' | 'manual';
  reason: string | null;
  n: number | null;
  days: number | null;
}

export interface GroupScore {
  code: string;
  score: number | null;
  answered: number;
  total: number;
}

export interface Assessment {
  id: number;
  unitId: number;
  unitCode: string;
  unitName: string;
  year: number;
  setId: string;
  setVersion: number;
  answers: Record<string, Answer>;
  note: string | null;
  status: RecordStatus;
  version: number;
  evidence: { indicator: string; sha256: string; name: string; size: number; mime: string }[];
  scores: { groups: GroupScore[]; categories: GroupScore[]; overall: number | null; formula: string };
  level: {
    code: Level;
    vi: string;
    en: string;
    criteria: Record<'pilot' | 'official', { met: boolean; text: string }[]>;
  };
  monitoring: {
    figures: Record<string, { value: number | null; n: number; days: number }>;
    exercises: number;
    stories: number;
    days: number;
  };
  set?: IndicatorSet;
}

export interface Exercise {
  id: number;
  name: string;
  startDate: string;
  endDate: string;
  media: string[];
  note: string | null;
  stories: number;
  checks: number;
}

export interface Wilson {
  k: number;
  n: number;
  share: number | null;
  low: number | null;
  high: number | null;
  small: boolean;
}

export interface Analysis {
  by: { dimension: string; label: string }[];
  reference: { share: number; label: string; en: string };
  overall: Wilson & { unknown: number };
  stories: { stories: number; womenReporters: Wilson; challenge: Wilson; stereotype: Wilson; aboutWomen: Wilson };
  rows: (Wilson & { unknown: number; keys: { dimension: string; code: string; label: string; en: string }[] })[];
}

export interface MediaCodes {
  MEDIUMS: Record<string, Label>;
  SCOPES: Record<string, Label>;
  SEXES: Record<string, Label>;
  AGE_BANDS: Record<string, Label>;
  OCCUPATIONS: Record<string, Label>;
  FUNCTIONS: Record<string, Label>;
  VICTIM: Record<string, Label>;
  TOPIC_GROUPS: Record<string, Label>;
  TOPICS: Record<string, Label & { group: string }>;
  /** name, Vietnamese, English */
  storyFlags: [string, string, string][];
  personFlags: [string, string, string][];
}

export function useMediaCodes() {
  return useQuery({
    queryKey: ['media-codes'],
    queryFn: () => api.get<MediaCodes>('/api/media/codes'),
    staleTime: Infinity,
  });
}

export function useExercises() {
  return useQuery({ queryKey: ['media-exercises'], queryFn: () => api.get<Exercise[]>('/api/media/exercises') });
}

export const LEVEL_COLORS: Record<Level, string> = { none: 'default', pilot: 'blue', official: 'green' };

/** Folds Vietnamese for search: "Bạo lực" and "bao luc" match. */
export const fold = (s: string): string =>
  s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gu, 'd').replace(/Đ/gu, 'D').toLowerCase();

/** one argument only: it is also a table column's render, which passes the row as a second */
export const pct = (x: number | null): string => fmtPercent(x);
