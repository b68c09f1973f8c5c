/**
 * Open data (issue 12): the figures of final official reports as plain rows, and as a DHIS2 `dataValueSets`
 * payload so that a national DHIS2 (or any system speaking its import format) can take them in. Pure: the
 * report's frozen content and a mapping of codes in, rows out.
 */
import { z } from 'zod';
import type { ReportContent, ReportKind } from './official-report.ts';
import { STATUS_LABELS } from './status.ts';

/** One published figure: an indicator of a report, for one year. */
export interface OpenFigure {
  goal: string;
  code: string;
  title: string;
  year: number;
  /** "percent" (0–100, one decimal) for shares, "number" otherwise */
  unit: 'percent' | 'number';
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  target: number | null;
  status: string;
  statusLabel: string;
}

const asPercent = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

/**
 * The indicator figures of a report: the report's year, and for a review every earlier year too (those rows
 * carry the value only: targets and statuses were judged for the report's year).
 * @example a share of 0.3333 is published as 33.3 with unit "percent"
 */
export function openFigures(c: ReportContent): OpenFigure[] {
  const out: OpenFigure[] = [];
  for (const g of c.goals)
    for (const i of g.indicators) {
      const scale = (v: number | null) => (i.isShare ? asPercent(v) : v);
      for (const y of i.years ?? [])
        if (y.year !== c.year)
          out.push({
            goal: g.code,
            code: i.code,
            title: i.title,
            year: y.year,
            unit: i.isShare ? 'percent' : 'number',
            value: scale(y.value),
            numerator: null,
            denominator: null,
            target: null,
            status: '',
            statusLabel: '',
          });
      out.push({
        goal: g.code,
        code: i.code,
        title: i.title,
        year: c.year,
        unit: i.isShare ? 'percent' : 'number',
        value: scale(i.value),
        numerator: i.numerator,
        denominator: i.denominator,
        target: scale(i.target),
        status: i.status,
        statusLabel: STATUS_LABELS[i.status].vi,
      });
    }
  // a review's years run from the plan's first to the report's: each indicator's rows are in year order
  return out;
}

/** How the plan's figures are named in a DHIS2 instance (`dhis2/mapping.yaml`). */
export const Dhis2MappingSchema = z.strictObject({
  /** the data set the values belong to (its code), when the DHIS2 instance groups them in one */
  dataSet: z.string().min(1).optional(),
  /** the DHIS2 org unit of a report of the whole database (no area), when it is not the province's own code */
  rootOrgUnit: z.string().min(1).optional(),
  /** indicator code of the plan → DHIS2 data element code; indicators not listed are not sent */
  dataElements: z.record(z.string().min(1), z.string().min(1)),
  /** unit code of BĐG Monitor → DHIS2 org unit code; units not listed are sent under their own code */
  orgUnits: z.record(z.string().min(1), z.string().min(1)).default({}),
});
export type Dhis2Mapping = z.infer<typeof Dhis2MappingSchema>;

/**
 * The DHIS2 period of a figure: the year ("2025"), or the first half ("2025S1", DHIS2's SixMonthly) for a
 * six-month report's own year.
 */
export const dhis2Period = (kind: ReportKind, year: number, reportYear: number): string =>
  kind === 'half_year' && year === reportYear ? `${year}S1` : String(year);

export interface Dhis2DataValueSet {
  dataSet?: string;
  completeDate: string;
  orgUnit: string;
  dataValues: { dataElement: string; period: string; orgUnit: string; value: string; comment: string }[];
}

/**
 * A report's figures as a DHIS2 `dataValueSets` payload, codes as the id scheme (import with
 * `dataElementIdScheme=CODE&orgUnitIdScheme=CODE`). Values are strings as DHIS2 writes them; figures without
 * a value and indicators without a data element are left out (listed in `skipped`).
 * @example G1 = 0.3333 for 2025 → { dataElement: "BDG_G1", period: "2025", orgUnit: "01", value: "33.3" }
 */
export function toDhis2(
  c: ReportContent,
  mapping: Dhis2Mapping,
  rootCode: string,
  finalisedAt: string,
  reportRef: string,
): { payload: Dhis2DataValueSet; skipped: { code: string; year: number; reason: string }[] } {
  const own = c.area?.code ?? rootCode;
  const orgUnit = c.area ? (mapping.orgUnits[own] ?? own) : (mapping.rootOrgUnit ?? mapping.orgUnits[own] ?? own);
  const skipped: { code: string; year: number; reason: string }[] = [];
  const dataValues: Dhis2DataValueSet['dataValues'] = [];
  for (const f of openFigures(c)) {
    const dataElement = mapping.dataElements[f.code];
    if (!dataElement) skipped.push({ code: f.code, year: f.year, reason: 'no data element in the mapping' });
    else if (f.value === null) skipped.push({ code: f.code, year: f.year, reason: 'no value' });
    else
      dataValues.push({
        dataElement,
        period: dhis2Period(c.kind, f.year, c.year),
        orgUnit,
        value: String(f.value),
        comment: reportRef,
      });
  }
  return {
    payload: {
      ...(mapping.dataSet ? { dataSet: mapping.dataSet } : {}),
      completeDate: finalisedAt.slice(0, 10),
      orgUnit,
      dataValues,
    },
    skipped,
  };
}
