import type { MonitoringFigures } from './assessment.ts';

/**
 * What the indicator set reads from an agency's coded stories of a year. Shares of women are over the
 * people (or reporters) whose sex is known — people of unknown sex are counted apart, never dropped —
 * and shares of stories over all its stories; in percent with one decimal; null when n is 0.
 */
export interface AgencyCounts {
  people: Record<string, number>;
  stories: Record<string, number>;
}

const pct = (k: number, n: number): number | null => (n > 0 ? Math.round((k / n) * 1000) / 10 : null);

/**
 * @example 120 people of known sex, 38 women, over 2 monitoring days → women_people { value 31.7, n 120, days 2 }
 */
export function figuresFromCounts(c: AgencyCounts): MonitoringFigures {
  const p = c.people;
  const s = c.stories;
  const days = s.days ?? 0;
  const of = (k: number, n: number) => ({ value: pct(k, n), n, days });
  const stories = s.stories ?? 0;
  return {
    women_people: of(p.women ?? 0, p.known ?? 0),
    women_quoted: of(p.women_quoted ?? 0, p.quoted ?? 0),
    women_experts: of(p.women_experts ?? 0, p.experts ?? 0),
    women_spokespersons: of(p.women_spokespersons ?? 0, p.spokespersons ?? 0),
    women_leaders: of(p.women_leaders ?? 0, p.leaders ?? 0),
    women_reporters: of(s.women_reporters ?? 0, s.reporters ?? 0),
    stories_about_women: of(s.about_women ?? 0, stories),
    stories_gbv_rights: of(s.gbv_rights ?? 0, stories),
    stories_stereotype: of(s.stereotype ?? 0, stories),
    stories_challenge: of(s.challenge ?? 0, stories),
    stories_law: of(s.law ?? 0, stories),
  };
}
