/**
 * Official reports of the plan (issue 12): what a six-month, yearly or review report covers, how its
 * header reads in the format of Decree 30/2020/NĐ-CP, and what changed between two versions. Pure: the
 * figures come from the indicator engine and the records, gathered by modules/official-reports.
 */
import type { Period } from './periods.ts';
import { STATUS_LABELS, type Status } from './status.ts';

export const REPORT_KINDS = ['half_year', 'yearly', 'review'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const REPORT_KIND_LABELS: Record<ReportKind, { vi: string; en: string }> = {
  half_year: { vi: 'Báo cáo 6 tháng', en: 'Six-month report' },
  yearly: { vi: 'Báo cáo năm', en: 'Yearly report' },
  review: { vi: 'Báo cáo sơ kết, tổng kết', en: 'Review report' },
};

/** The lines of the issuing body, the number, place, signer and recipients: what the office types once. */
export interface Issuer {
  /** the body above the issuer, upper case on the page ("UBND TỈNH AN HÒA"); may be empty */
  parent: string;
  /** the issuing body ("SỞ Y TẾ") */
  body: string;
  /** the symbol after the number ("BC-SYT"): "Số: …/BC-SYT" until the clerk numbers it */
  symbol: string;
  place: string;
  /** "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC": one line per row of the signature block */
  signerTitle: string;
  signerName: string;
  recipients: string[];
}

/** The sections the office writes in the browser; the figures around them come from the data. */
export interface Narrative {
  summary: string;
  highlights: string;
  difficulties: string;
  directions: string;
}

export const NARRATIVE_FIELDS: { key: keyof Narrative; vi: string; en: string }[] = [
  { key: 'summary', vi: 'Đánh giá chung', en: 'Overall assessment' },
  { key: 'highlights', vi: 'Kết quả nổi bật', en: 'Highlights' },
  { key: 'difficulties', vi: 'Tồn tại, hạn chế và nguyên nhân', en: 'Shortcomings and causes' },
  { key: 'directions', vi: 'Phương hướng, nhiệm vụ thời gian tới', en: 'Directions for the next period' },
];

export interface IndicatorLine {
  code: string;
  title: string;
  isShare: boolean;
  value: number | null;
  target: number | null;
  numerator: number | null;
  denominator: number | null;
  status: Status;
  /** the rule that decided the status, in words */
  rule: string;
  /** why there is no value, when there is none */
  reason: string | null;
  /** for a review report: the value of every year of the span */
  years?: { year: number; value: number | null }[];
}

export interface TaskLine {
  type: string;
  label: string;
  approved: number;
  participants: number;
  female: number;
  units: number;
}

export interface UnitNote {
  unit: string;
  kind: string;
  text: string;
}

/** Everything a report shows, frozen when it is made final. */
export interface ReportContent {
  kind: ReportKind;
  year: number;
  /** the window of records counted (the plan's reporting periods, e.g. 15/12 of the year before to 14/12) */
  from: string;
  to: string;
  /** the reporting periods whose unit reports are read (completeness, difficulties, proposals) */
  periods: string[];
  title: string;
  area: { id: number; code: string; name: string } | null;
  planId: string;
  planVersion: number;
  generatedAt: string;
  /** the year is not over, or the figures count records not yet approved */
  provisional: boolean;
  goals: { code: string; title: string; indicators: IndicatorLine[] }[];
  tasks: { code: string; title: string; lines: TaskLine[] }[];
  actionMonth: { year: number; plans: number; implemented: number; activitiesPlanned: number } | null;
  models: { title: string; unit: string; area: string; effective: boolean | null }[];
  completeness: {
    period: string;
    label: string;
    expected: number;
    /** units whose report is complete (sent, and accepted) */
    complete: number;
    onTime: number;
  }[];
  difficulties: UnitNote[];
  proposals: UnitNote[];
  /** no approved record in the window and no indicator with a value: the report says so */
  empty: boolean;
}

/**
 * The periods a report covers: the six-month period of its year, the yearly one, or every yearly period
 * from the plan's first year to its year (a review: "sơ kết 2021–2025"). The half-year period is the
 * plan's shortest, the yearly one its longest.
 * @example reportPeriods('review', 2023, 2021, defs) → [2021-CN, 2022-CN, 2023-CN]
 */
export function reportPeriods(
  kind: ReportKind,
  year: number,
  firstYear: number,
  periodOf: (code: string, year: number) => Period | null,
  codes: { half: string | null; year: string },
): Period[] {
  const of = (code: string, y: number): Period => {
    const p = periodOf(code, y);
    if (!p) throw new Error(`period ${y}-${code} is not in the plan`);
    return p;
  };
  if (kind === 'half_year') {
    if (!codes.half) throw new Error('the plan has no six-month period');
    return [of(codes.half, year)];
  }
  if (kind === 'yearly') return [of(codes.year, year)];
  const out: Period[] = [];
  for (let y = firstYear; y <= year; y++) out.push(of(codes.year, y));
  return out;
}

/** The title under "BÁO CÁO", in the words such reports use: a review of the plan's last year is the final one. */
export function reportTitle(kind: ReportKind, year: number, plan: { from: number; to: number; title: string }): string {
  const firstYear = plan.from;
  const planTitle = plan.title;
  const name = planTitle.charAt(0).toLowerCase() + planTitle.slice(1);
  if (kind === 'half_year') return `Kết quả thực hiện ${name} 6 tháng đầu năm ${year}`;
  if (kind === 'yearly') return `Kết quả thực hiện ${name} năm ${year}`;
  const years = year - firstYear + 1;
  return `${year >= plan.to ? 'Tổng kết' : 'Sơ kết'} ${years} năm thực hiện ${name} (${firstYear}–${year})`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Place and date as Decree 30/2020 writes them: a day below 10 and the months 1 and 2 take a leading zero.
 * @example placeAndDate('An Hòa', '2026-01-05') → 'An Hòa, ngày 05 tháng 01 năm 2026'
 * @example placeAndDate('An Hòa', '2026-12-20') → 'An Hòa, ngày 20 tháng 12 năm 2026'
 */
export function placeAndDate(place: string, iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const month = m <= 2 ? pad(m) : String(m);
  return `${place}, ngày ${pad(d)} tháng ${month} năm ${y}`;
}

/**
 * A figure as the report writes it: shares with one decimal and a comma, counts with dots between thousands.
 * @example figure(0.774, true) → '77,4%'; figure(12345, false) → '12.345'; figure(null, false) → '—'
 */
export function figure(v: number | null, isShare: boolean): string {
  if (v === null) return '—';
  if (isShare) return `${(v * 100).toLocaleString('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
  return v.toLocaleString('vi-VN', { maximumFractionDigits: 2 });
}

/** "…/BC-SYT": the number is left blank for the clerk who registers the outgoing document. */
export const numberLine = (symbol: string): string => `Số: ${symbol ? `     /${symbol}` : '     /BC'}`;

/** Notes of units, grouped by kind of unit in the order given, each group sorted by unit name (Vietnamese). */
export function groupNotes(notes: UnitNote[], kindOrder: readonly string[]): { kind: string; notes: UnitNote[] }[] {
  const collator = new Intl.Collator('vi');
  const kinds = [...new Set(notes.map((n) => n.kind))].sort(
    (a, b) => (kindOrder.indexOf(a) + 1 || 99) - (kindOrder.indexOf(b) + 1 || 99),
  );
  return kinds.map((kind) => ({
    kind,
    notes: notes.filter((n) => n.kind === kind).sort((a, b) => collator.compare(a.unit, b.unit)),
  }));
}

export interface FigureChange {
  code: string;
  title: string;
  before: string;
  after: string;
}

/**
 * What a correction changed: every indicator whose value, target or status differs between two versions,
 * written as the report writes them, and the sections of text that were rewritten.
 */
export function figureChanges(
  before: ReportContent,
  after: ReportContent,
  narrative: { before: Narrative; after: Narrative },
): { figures: FigureChange[]; sections: string[] } {
  const old = new Map(before.goals.flatMap((g) => g.indicators).map((i) => [i.code, i]));
  const figures: FigureChange[] = [];
  const words = (i: IndicatorLine) =>
    `${figure(i.value, i.isShare)} (mục tiêu ${figure(i.target, i.isShare)}, ${STATUS_LABELS[i.status].vi})`;
  for (const i of after.goals.flatMap((g) => g.indicators)) {
    const o = old.get(i.code);
    if (!o) figures.push({ code: i.code, title: i.title, before: '(không có)', after: words(i) });
    else if (words(o) !== words(i)) figures.push({ code: i.code, title: i.title, before: words(o), after: words(i) });
    old.delete(i.code);
  }
  for (const o of old.values()) figures.push({ code: o.code, title: o.title, before: words(o), after: '(bỏ)' });
  const sections = NARRATIVE_FIELDS.filter((f) => narrative.before[f.key] !== narrative.after[f.key]).map((f) => f.vi);
  return { figures, sections };
}

/** A report of a period with nothing in it still says what it covers, and that there is no data. */
export function isEmptyReport(c: Pick<ReportContent, 'goals' | 'tasks'>): boolean {
  return (
    c.tasks.every((t) => t.lines.every((l) => l.approved === 0)) &&
    c.goals.every((g) => g.indicators.every((i) => i.value === null || i.value === 0))
  );
}

/**
 * JSON with object keys sorted at every level, so that the same figures hash the same whatever order a
 * database returns the keys of a stored document in.
 * @example canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] }) → '{"a":[{"c":3,"d":2}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}
