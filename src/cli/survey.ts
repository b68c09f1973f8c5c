import fs from 'node:fs';
import { AppError } from '../core/errors.ts';
import {
  changeBetween,
  designMean,
  SurveyError,
  type Estimate,
  type LonelyPsu,
  type Respondent,
} from '../core/surveys/estimate.ts';
import { calibrated, rake, type Margin } from '../core/surveys/rake.ts';
import { parseTabular, requireColumns, textCell, type Tabular, type TabularRow } from '../modules/files/tabular.ts';

/**
 * `bdg survey estimate FILE --score COL [--weight COL] [--strata COL] [--cluster COL] [--by COL[,COL]]
 * [--rake MARGINS.csv] [--lonely-psu fail|remove|adjust] --json` and `bdg survey change BASELINE FOLLOWUP
 * --score COL …`: design-based means as R's survey package computes them (core/surveys/estimate.ts), after
 * raking each file to the same population margins when --rake is given (core/surveys/rake.ts). No database.
 */
export interface SurveyOptions {
  score?: string | undefined;
  weight?: string | undefined;
  strata?: string | undefined;
  cluster?: string | undefined;
  by?: string | undefined;
  rake?: string | undefined;
  lonelyPsu?: string | undefined;
  json: boolean;
}

interface Loaded {
  rows: TabularRow[];
  respondents: Respondent[];
  /** after raking: what the calibration explains, taken out of the influence values */
  adjust?: (z: number[]) => number[];
}

/** MARGINS.csv (variable,value,total) → margins over the rows; every variable must be a column of the data. */
async function margins(file: string, table: Tabular): Promise<Margin[]> {
  if (!fs.existsSync(file)) throw new AppError('VALIDATION', `Không tìm thấy tệp biên ${file}`);
  const m = await parseTabular(fs.readFileSync(file));
  requireColumns(m, ['variable', 'value', 'total']);
  const byVariable = new Map<string, Map<string, number>>();
  for (const r of m.rows) {
    const total = Number(textCell(r, 'total').replace(',', '.'));
    if (!Number.isFinite(total) || total <= 0)
      throw new AppError('VALIDATION', `${file}, dòng ${r.line}: tổng thể phải là số dương`);
    const v = textCell(r, 'variable').toLowerCase();
    if (!byVariable.has(v)) byVariable.set(v, new Map());
    byVariable.get(v)!.set(textCell(r, 'value'), total);
  }
  requireColumns(table, [...byVariable.keys()]);
  return [...byVariable].map(([variable, totals]) => ({
    variable,
    totals,
    categories: table.rows.map((r) => textCell(r, variable)),
  }));
}

async function load(file: string | undefined, o: SurveyOptions): Promise<Loaded> {
  if (!file) throw new AppError('VALIDATION', 'Thiếu tệp dữ liệu (CSV hoặc XLSX)');
  if (!fs.existsSync(file)) throw new AppError('VALIDATION', `Không tìm thấy tệp ${file}`);
  if (!o.score) throw new AppError('VALIDATION', 'Thiếu --score COL (cột điểm)');
  const table = await parseTabular(fs.readFileSync(file));
  const by = (o.by ?? '').split(',').filter(Boolean);
  const columns = [o.score, o.weight, o.strata, o.cluster, ...by].filter((c): c is string => Boolean(c));
  requireColumns(
    table,
    columns.map((c) => c.toLowerCase()),
  );
  const problems: string[] = [];
  const respondents = table.rows.map((r, i): Respondent => {
    const text = textCell(r, o.score!.toLowerCase());
    const y = text === '' ? null : Number(text.replace(',', '.'));
    if (y !== null && !Number.isFinite(y)) problems.push(`dòng ${r.line}, cột ${o.score}: "${text}" không phải số`);
    let w = 1;
    if (o.weight) {
      const wt = textCell(r, o.weight.toLowerCase());
      w = Number(wt.replace(',', '.'));
      if (wt === '' || !Number.isFinite(w) || w <= 0)
        problems.push(`dòng ${r.line}, cột ${o.weight}: trọng số phải là số dương (đang là "${wt}")`);
    }
    return {
      y: y !== null && Number.isFinite(y) ? y : null,
      w,
      stratum: o.strata ? textCell(r, o.strata.toLowerCase()) : '',
      cluster: o.cluster ? textCell(r, o.cluster.toLowerCase()) : `#${i}`,
    };
  });
  if (problems.length) throw new AppError('VALIDATION', problems.slice(0, 20).join('\n'));
  if (!o.rake) return { rows: table.rows, respondents };
  const ms = await margins(o.rake, table);
  try {
    const raked = rake(
      respondents.map((r) => r.w),
      ms,
    );
    return {
      rows: table.rows,
      respondents: respondents.map((r, i) => ({ ...r, w: raked.weights[i]! })),
      adjust: (z) => calibrated(z, raked, ms),
    };
  } catch (e) {
    if (e instanceof SurveyError) throw new AppError('VALIDATION', e.message);
    throw e;
  }
}

function lonely(o: SurveyOptions): LonelyPsu {
  const v = o.lonelyPsu ?? 'fail';
  if (v !== 'fail' && v !== 'remove' && v !== 'adjust')
    throw new AppError('VALIDATION', '--lonely-psu phải là fail, remove hoặc adjust');
  return v;
}

const mean = (e: Estimate) => ({ n: e.n, mean: e.mean, se: e.se, ciLow: e.ciLow, ciHigh: e.ciHigh });

function estimate(l: Loaded, o: SurveyOptions) {
  const by = (o.by ?? '').split(',').filter(Boolean);
  try {
    if (!by.length) return [{ group: {}, ...mean(designMean(l.respondents, () => true, lonely(o), l.adjust)) }];
    const key = (r: TabularRow) => by.map((c) => textCell(r, c.toLowerCase()));
    const groups = new Map<string, string[]>();
    for (const r of l.rows) groups.set(JSON.stringify(key(r)), key(r));
    return [...groups.values()]
      .sort((a, b) => a.join('\u0000').localeCompare(b.join('\u0000'), 'vi'))
      .map((values) => {
        const id = JSON.stringify(values);
        const e = designMean(l.respondents, (i) => JSON.stringify(key(l.rows[i]!)) === id, lonely(o), l.adjust);
        return { group: Object.fromEntries(by.map((c, j) => [c, values[j]!])), ...mean(e) };
      });
  } catch (e) {
    if (e instanceof SurveyError) throw new AppError('VALIDATION', e.message);
    throw e;
  }
}

const print = (json: boolean, value: unknown, text: () => string) =>
  process.stdout.write(json ? `${JSON.stringify(value)}\n` : `${text()}\n`);

export async function surveyCommand(sub: string | undefined, files: string[], o: SurveyOptions): Promise<void> {
  if (sub === 'estimate') {
    const rows = estimate(await load(files[0], o), o);
    print(o.json, rows, () =>
      rows
        .map(
          (r) =>
            `${
              Object.entries(r.group)
                .map(([k, v]) => `${k}=${v}`)
                .join(', ') || 'chung'
            }: n ${r.n}, trung bình ${r.mean.toFixed(2)}, sai số chuẩn ${r.se.toFixed(3)}, KTC 95% ${r.ciLow.toFixed(2)}–${r.ciHigh.toFixed(2)}`,
        )
        .join('\n'),
    );
    return;
  }
  if (sub === 'change') {
    if (o.by) throw new AppError('VALIDATION', '--by: so sánh theo nhóm chưa có cho lệnh change');
    const [base, follow] = [await load(files[0], o), await load(files[1], o)];
    const [b, f] = [estimate(base, o)[0]!, estimate(follow, o)[0]!];
    const c = changeBetween(b, f);
    const out = {
      baseline: { n: b.n, mean: b.mean, se: b.se },
      followup: { n: f.n, mean: f.mean, se: f.se },
      change: c.change,
      ciLow: c.ciLow,
      ciHigh: c.ciHigh,
      fieller: c.fieller,
    };
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    print(
      o.json,
      out,
      () =>
        `thay đổi ${pct(c.change)} (KTC 95% ${pct(c.ciLow)} – ${pct(c.ciHigh)}; Fieller ${c.fieller ? `${pct(c.fieller.low)} – ${pct(c.fieller.high)}` : 'không giới hạn'})`,
    );
    return;
  }
  throw new AppError(
    'VALIDATION',
    'Dùng: bdg survey estimate FILE --score COL … | bdg survey change BASELINE FOLLOWUP --score COL …',
  );
}
