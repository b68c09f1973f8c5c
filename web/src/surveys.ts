/** What the surveys API answers (src/modules/surveys/service.ts). */
import type { ChangeRow, GroupEstimate } from '../../src/core/surveys/results.ts';
import type { Instrument } from '../../src/core/surveys/xlsform.ts';

export type { ChangeRow, GroupEstimate, Instrument };

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
  invitations: { invited: number; answered: number };
  targetGroups: string[];
  areaUnitIds: number[];
  design: { strata?: string; cluster?: string; weight?: string };
  publicToken: string | null;
}

export interface InvitationItem {
  id: number;
  label: string;
  stratum: string;
  cluster: string;
  weight: number;
  answeredAt: string | null;
}

/** Invitations just made: the only time their links' tokens are known. */
export interface MadeInvitations {
  created: number;
  invitations: { id: number; label: string; token: string }[];
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

/** A verdict's tag colour (its words are the catalogue's svVerdict_…). */
export const VERDICTS: Record<NonNullable<ChangeRow['verdict']>, string> = {
  stretch_met: 'green',
  met: 'green',
  not_shown: 'gold',
  declined: 'red',
};

/** The public link of a wave's web form. */
export const publicLink = (token: string): string => `${window.location.origin}/#/khao-sat/${token}`;

const Z = 1.959963984540054;

/**
 * Means of both waves by group as bars, each with its 95% interval as a whisker (groups under 30 left
 * out): the chart of issue 11.
 */
/** `words`: the chart's own words in the page's language (the whole sample's name, the axis's). */
export function changeChart(rows: ChangeRow[], names: [string, string], words: { overall: string; score: string }) {
  const shown = rows.filter((r) => !r.suppressed);
  const categories = shown.map((r) => Object.values(r.labels).join(', ') || words.overall);
  const whiskers = (pick: (r: ChangeRow) => ChangeRow['baseline'], shift: number) => ({
    type: 'custom',
    name: `${shift < 0 ? names[0] : names[1]} (KTC 95%)`,
    data: shown.map((r, i) => {
      const w = pick(r);
      return [i, w.mean! - Z * w.se!, w.mean! + Z * w.se!];
    }),
    renderItem: (
      _: unknown,
      api: {
        value: (i: number) => number;
        coord: (p: number[]) => number[];
        size: (p: number[]) => number[];
        style: () => object;
      },
    ) => {
      const band = api.size([1, 0])[0]!;
      const [x, low] = api.coord([api.value(0), api.value(1)]);
      const high = api.coord([api.value(0), api.value(2)])[1]!;
      const cx = x! + shift * band;
      const cap = band * 0.06;
      const line = (x1: number, y1: number, x2: number, y2: number) => ({
        type: 'line',
        shape: { x1, y1, x2, y2 },
        style: { stroke: '#333', lineWidth: 1.5 },
      });
      return {
        type: 'group',
        children: [
          line(cx, low!, cx, high),
          line(cx - cap, low!, cx + cap, low!),
          line(cx - cap, high, cx + cap, high),
        ],
      };
    },
    z: 10,
  });
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: names, top: 0 },
    grid: { left: 10, right: 10, top: 50, bottom: 10, containLabel: true },
    xAxis: { type: 'category', data: categories },
    yAxis: { type: 'value', min: 0, max: 100, name: words.score },
    series: [
      { type: 'bar', name: names[0], data: shown.map((r) => r.baseline.mean), barGap: '20%', barCategoryGap: '30%' },
      { type: 'bar', name: names[1], data: shown.map((r) => r.followup.mean) },
      whiskers((r) => r.baseline, -0.19),
      whiskers((r) => r.followup, 0.19),
    ],
  };
}
