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
import {
  holm,
  nearCeiling,
  pValueOfChange,
  sampleSize,
  suppressed,
  verdict,
  VERDICT_TEXT,
} from '../core/surveys/inference.ts';
import { prepareDesign, type WaveDesign } from '../core/surveys/design.ts';
import { readXlsForm, XlsFormError, type Instrument } from '../core/surveys/xlsform.ts';
import {
  parseTabular,
  readWorkbook,
  requireColumns,
  textCell,
  type Tabular,
  type TabularRow,
} from '../modules/files/tabular.ts';

/**
 * `bdg survey estimate FILE --score COL [--weight COL] [--strata COL] [--cluster COL] [--by COL[,COL]]
 * [--rake MARGINS.csv] [--lonely-psu fail|remove|adjust] --json`, `bdg survey change BASELINE FOLLOWUP
 * --score COL [--by COL] [--target 0.10 [--stretch 0.15]] …` and `bdg survey sample-size --mean M --sd S
 * --change C [--deff D] [--power P] [--alpha A]`: design-based means as R's survey package computes them
 * (core/surveys/estimate.ts), after raking each file to the same population margins when --rake is given
 * (core/surveys/rake.ts); what a change allows one to say (core/surveys/inference.ts). No database.
 */
export interface SurveyOptions {
  score?: string | undefined;
  weight?: string | undefined;
  strata?: string | undefined;
  cluster?: string | undefined;
  by?: string | undefined;
  rake?: string | undefined;
  lonelyPsu?: string | undefined;
  target?: string | undefined;
  stretch?: string | undefined;
  mean?: string | undefined;
  sd?: string | undefined;
  change?: string | undefined;
  deff?: string | undefined;
  power?: string | undefined;
  alpha?: string | undefined;
  json: boolean;
}

interface Loaded {
  rows: TabularRow[];
  respondents: Respondent[];
  /** after raking: what the calibration explains, taken out of the influence values */
  adjust?: (z: number[]) => number[];
}

/** MARGINS.csv (variable,value,total) → a design's margins; every variable must be a column of the data. */
async function margins(file: string, table: Tabular): Promise<NonNullable<WaveDesign['margins']>> {
  if (!fs.existsSync(file)) throw new AppError('VALIDATION', `Không tìm thấy tệp biên ${file}`);
  const m = await parseTabular(fs.readFileSync(file));
  requireColumns(m, ['variable', 'value', 'total']);
  const out = m.rows.map((r) => {
    const total = Number(textCell(r, 'total').replace(',', '.'));
    if (!Number.isFinite(total) || total <= 0)
      throw new AppError('VALIDATION', `${file}, dòng ${r.line}: tổng thể phải là số dương`);
    return { variable: textCell(r, 'variable').toLowerCase(), value: textCell(r, 'value'), total };
  });
  requireColumns(table, [...new Set(out.map((x) => x.variable))]);
  return out;
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
  const design = { margins: await margins(o.rake, table), lonelyPsu: 'fail' as const };
  try {
    return { rows: table.rows, ...prepareDesign(respondents, design, (i, v) => textCell(table.rows[i]!, v)) };
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

// every figure unrounded; `suppressed`: fewer than 30 respondents, not to be published (the product shows n only)
const mean = (e: Estimate) => ({
  n: e.n,
  mean: e.mean,
  se: e.se,
  ciLow: e.ciLow,
  ciHigh: e.ciHigh,
  deff: e.deff,
  suppressed: suppressed(e),
});

/** A number option, or undefined when absent; a clear error naming the option otherwise. */
function numberOption(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v.replace(',', '.'));
  if (v.trim() === '' || !Number.isFinite(x))
    throw new AppError('VALIDATION', `--${name} phải là một số (đang là "${v}")`);
  return x;
}

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

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/**
 * Baseline against followup, overall or by group (--by): the change with its delta and Fieller intervals,
 * the verdict against --target (and --stretch), the ceiling warning; by group, the p-value of "no change"
 * and Holm's adjustment over the groups compared.
 */
async function change(files: string[], o: SurveyOptions) {
  const target = numberOption('target', o.target);
  const stretch = numberOption('stretch', o.stretch);
  if (stretch !== undefined && target === undefined) throw new AppError('VALIDATION', '--stretch cần --target');
  const [base, follow] = [await load(files[0], o), await load(files[1], o)];
  const b = estimate(base, o);
  const f = estimate(follow, o);
  const rows = b.flatMap((be) => {
    const fe = f.find((x) => JSON.stringify(x.group) === JSON.stringify(be.group));
    return fe && be.n > 1 && fe.n > 1 ? [changeRow(be, fe, target, stretch)] : [];
  });
  const adjusted = holm(rows.map((r) => r.p));
  const out = rows.map((r, i) => ({ ...r, pHolm: adjusted[i]! }));
  if (o.by) return out;
  if (!out[0]) throw new AppError('VALIDATION', 'Mỗi đợt cần ít nhất 2 người trả lời có điểm');
  const { group: _overall, ...overall } = out[0];
  return overall;
}

type Group = { group: Record<string, string> };

function changeRow(be: Estimate & Group, fe: Estimate & Group, target?: number, stretch?: number) {
  const c = changeBetween(be, fe);
  // the keys of issue 11's specification first, in its order; what this product adds after them
  return {
    baseline: { n: be.n, mean: be.mean, se: be.se, deff: be.deff },
    followup: { n: fe.n, mean: fe.mean, se: fe.se, deff: fe.deff },
    change: c.change,
    ciLow: c.ciLow,
    ciHigh: c.ciHigh,
    fieller: c.fieller,
    p: pValueOfChange(c),
    nearCeiling: nearCeiling(be),
    suppressed: suppressed(be) || suppressed(fe),
    ...(target !== undefined ? { verdict: verdict(c, target, stretch) } : {}),
    group: be.group,
  };
}

function changeText(
  r: Omit<ReturnType<typeof changeRow>, 'group'> & { pHolm: number; group?: Record<string, string> },
): string {
  const group =
    Object.entries(r.group ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(', ') || 'chung';
  if (r.suppressed) return `${group}: n ${r.baseline.n} → ${r.followup.n}, dưới 30 người trả lời: không công bố`;
  const fieller = r.fieller ? `${pct(r.fieller.low)} – ${pct(r.fieller.high)}` : 'không giới hạn';
  const lines = [
    `${group}: thay đổi ${pct(r.change)} (KTC 95% ${pct(r.ciLow)} – ${pct(r.ciHigh)}; Fieller ${fieller}; ` +
      `p ${r.p.toPrecision(2)}, Holm ${r.pHolm.toPrecision(2)})`,
  ];
  if (r.verdict) lines.push(`  ${VERDICT_TEXT[r.verdict]}`);
  if (r.nearCeiling) lines.push(`  Cảnh báo: điểm đầu kỳ ${r.baseline.mean.toFixed(1)} > 85, còn ít chỗ để tăng`);
  return lines.join('\n');
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
            }: n ${r.n}, ${
              r.suppressed
                ? 'dưới 30 người trả lời: không công bố'
                : `trung bình ${r.mean.toFixed(2)}, sai số chuẩn ${r.se.toFixed(3)}, ` +
                  `KTC 95% ${r.ciLow.toFixed(2)}–${r.ciHigh.toFixed(2)}, hiệu ứng thiết kế ${r.deff.toFixed(2)}`
            }`,
        )
        .join('\n'),
    );
    return;
  }
  if (sub === 'change') {
    const r = await change(files, o);
    print(o.json, r, () => (Array.isArray(r) ? r.map(changeText).join('\n') : changeText(r)));
    return;
  }
  if (sub === 'form') {
    const file = files[0];
    if (!file || !fs.existsSync(file)) throw new AppError('VALIDATION', `Không tìm thấy tệp biểu mẫu ${file ?? ''}`);
    let form: Instrument;
    try {
      form = readXlsForm(await readWorkbook(fs.readFileSync(file)));
    } catch (e) {
      if (e instanceof XlsFormError) throw new AppError('VALIDATION', `Biểu mẫu không dùng được:\n${e.message}`);
      throw e;
    }
    const types: Record<string, number> = {};
    for (const q of form.questions) types[q.type] = (types[q.type] ?? 0) + 1;
    const summary = {
      formId: form.formId,
      title: form.title,
      version: form.version,
      languages: form.languages,
      questions: form.questions.length,
      types,
      lists: Object.keys(form.choices).length,
    };
    print(o.json, summary, () =>
      [
        `${summary.title} (${summary.formId}${summary.version ? `, phiên bản ${summary.version}` : ''})`,
        `ngôn ngữ: ${summary.languages.join(', ')}; ${summary.questions} dòng, ${summary.lists} danh sách lựa chọn`,
        ...Object.entries(types).map(([t, n]) => `  ${t}: ${n}`),
      ].join('\n'),
    );
    return;
  }
  if (sub === 'default-form') {
    const file = files[0];
    if (!file) throw new AppError('VALIDATION', 'Dùng: bdg survey default-form FILE.xlsx');
    const { defaultInstrument, xlsformWorkbook } = await import('../modules/surveys/instrument-files.ts');
    const d = defaultInstrument();
    fs.writeFileSync(file, await xlsformWorkbook(d.sheets));
    print(o.json, { file, formId: d.form.formId, version: d.form.version }, () => {
      const scales = d.scoring.scales.map((x) => `${x.name} (${x.items.length} câu)`).join('; ');
      return `Đã ghi ${file}: ${d.form.title}, phiên bản ${d.form.version}. Thang điểm: ${scales}`;
    });
    return;
  }
  if (sub === 'sample-size') {
    const input = {
      mean: numberOption('mean', o.mean) ?? NaN,
      sd: numberOption('sd', o.sd) ?? NaN,
      change: numberOption('change', o.change) ?? NaN,
      deff: numberOption('deff', o.deff),
      power: numberOption('power', o.power),
      alpha: numberOption('alpha', o.alpha),
    };
    let r: ReturnType<typeof sampleSize>;
    try {
      r = sampleSize(input);
    } catch {
      throw new AppError(
        'VALIDATION',
        'Cần --mean và --sd dương, --change khác 0 (0.10 là +10%), --deff ≥ 1, ' +
          '--power trong (0, 1), --alpha trong (0, 1)',
      );
    }
    print(o.json, r, () => `${r.perWave} người trả lời mỗi đợt (${r.formula})`);
    return;
  }
  throw new AppError(
    'VALIDATION',
    'Dùng: bdg survey estimate FILE --score COL … | bdg survey change BASELINE FOLLOWUP --score COL … | ' +
      'bdg survey sample-size --mean M --sd S --change C | bdg survey form FORM.xlsx',
  );
}
