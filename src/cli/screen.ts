import fs from 'node:fs';
import { AppError } from '../core/errors.ts';
import type { Rate, Scores } from '../core/screener/evaluate.ts';
import type { Category } from '../core/screener/screen.ts';
import { screenDocument, screenLines, textOfUpload } from '../modules/screener/service.ts';

/** A share in Vietnamese: "71,2%". */
const percent = (x: number) => `${(x * 100).toFixed(1).replace('.', ',')}%`;

/** A rate in Vietnamese: "71,2% (89/125)". */
const pct = (x: Rate) => `${percent(x.rate)} (${x.hit}/${x.of})`;

/** Recall and false alarms in Vietnamese, as `bdg screener-dev` and `bdg screener-batch` print them. */
const viScores = (s: Scores) =>
  `phân biệt đối xử ${pct(s.discriminatory)}, định kiến ${pct(s.stereotype)}; báo nhầm ${pct(s.falseAlarms)}`;

/** A finding's kind in words, for the text output. */
const KIND: Record<Category, string> = {
  discrimination: 'phân biệt đối xử',
  stereotype: 'định kiến giới',
  described: 'tập tục được mô tả',
  possible: 'có thể cần xem lại',
};

/**
 * `bdg screen [FILE|-] [--lines] [--json]`: screens a file (.txt or .docx) or standard input. No database.
 * --lines: every line on its own → [{ line, flagged, findings: [{ rule, category, severity, start, end, message,
 * law }] }].
 * Otherwise the text is split into articles and clauses and findings carry their location.
 */
export async function screen(file: string | undefined, opts: { lines: boolean; json: boolean }): Promise<void> {
  let content: Buffer;
  if (!file || file === '-') content = fs.readFileSync(0);
  else if (!fs.existsSync(file)) throw new AppError('VALIDATION', `Không tìm thấy tệp ${file}`);
  else content = fs.readFileSync(file);
  const text = await textOfUpload(content);
  if (opts.lines) {
    const results = screenLines(text);
    if (opts.json) process.stdout.write(`${JSON.stringify(results)}\n`);
    else
      for (const r of results)
        if (r.flagged) console.log(`dòng ${r.line}: ${r.findings.map((f) => `[${f.rule}] ${f.message}`).join(' | ')}`);
    return;
  }
  const doc = screenDocument(text);
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(doc)}\n`);
    return;
  }
  console.log(`${doc.units} đoạn, ${doc.findings.length} chỗ cần xem lại.`);
  for (const f of doc.findings)
    console.log(`- ${f.location}: "${f.text}" — [${KIND[f.category]}] ${f.message} (${f.law}). Gợi ý: ${f.suggestion}`);
}

/**
 * `bdg screener-model [--out FILE]`: trains the statistical second opinion on the development part of the
 * real corpus only (the test part is never read here), choosing the threshold by cross-validation over
 * sources, and writes rules/screener-model.json (or FILE).
 */
export async function trainScreenerModel(out: string | undefined): Promise<void> {
  const { buildModel, CORPUS_FILE, MODEL_FILE } = await import('../modules/screener/rules-file.ts');
  const model = buildModel(fs.readFileSync(CORPUS_FILE, 'utf8'));
  fs.writeFileSync(out ?? MODEL_FILE, `${JSON.stringify(model, null, 1)}\n`);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const u = model.unseenEstimate;
  console.log(
    `${model.rows} câu (phần phát triển), ${Object.keys(model.weights).length} đặc trưng, ngưỡng ${model.threshold}; ` +
      `kiểm định chéo: phát hiện ${pct(model.crossValidated.recall)}, báo nhầm ` +
      `${pct(model.crossValidated.falseAlarms)} → ${out ?? MODEL_FILE}`,
  );
  console.log(
    u
      ? `Ước lượng trên câu luật chưa thấy (${u.rows} câu): luật và mô hình phát hiện ${pct(u.recall)}, báo nhầm ` +
          `${pct(u.falseAlarms)}; luật riêng ${pct(u.rulesAlone.recall)}, ${pct(u.rulesAlone.falseAlarms)}.`
      : 'Chưa có rules/screener-unseen-verdicts.json (npm run bench:screener-unseen): ' +
          'không ước lượng trên câu luật chưa thấy.',
  );
}

/**
 * `bdg screener-dev [--misses] [--compare RULES.yaml] [--json]`: the rules on the development part of the real
 * corpus — figures, each rule's finds and false alarms, the second opinion's fixed share of false alarms beside the
 * rules' own (in-sample) false alarms, and (--misses) every sentence missed or wrongly flagged, to write rules from;
 * --compare: an earlier version of the rules beside today's, with every row whose verdict changes.
 * The test part is dropped before anything is read from it: no test sentence or figure is ever printed here
 * (the corpus test prints the test figures).
 */
export async function screenerDevelopment(opts: {
  misses: boolean;
  json: boolean;
  compare?: string;
  grep?: string;
}): Promise<void> {
  const { CORPUS_FILE, screenerRules } = await import('../modules/screener/rules-file.ts');
  const { compareRules, isPositive, MODEL_FALSE_ALARM_SHARE, parseCorpus, ruleStats, rowsMatching, score } =
    await import('../core/screener/evaluate.ts');
  const { rulesFiring } = await import('../core/screener/screen.ts');
  const rules = screenerRules();
  const earlier = opts.compare === undefined ? undefined : await readRulesToCompare(opts.compare);
  const pattern = opts.grep === undefined ? undefined : grepPattern(opts.grep);
  const dev = parseCorpus(fs.readFileSync(CORPUS_FILE, 'utf8')).filter((r) => r.part === 'dev');
  if (pattern) {
    const found = rowsMatching(dev, pattern).map((r) => ({
      label: r.label,
      theme: r.theme,
      text: r.text,
      url: r.url,
      rules: rulesFiring(r.text, rules),
    }));
    if (opts.json) {
      process.stdout.write(`${JSON.stringify({ rows: dev.length, grep: { pattern: opts.grep, found } })}\n`);
      return;
    }
    console.log(
      `Phần phát triển: ${found.length}/${dev.length} câu khớp «${opts.grep}» (phần kiểm tra không được đọc).`,
    );
    for (const r of found) console.log(`[${r.label}/${r.theme}] ${r.rules.join(',') || '—'}: ${r.text}`);
    return;
  }
  const firedBy = (set: typeof rules) => new Map(dev.map((r) => [r.text, rulesFiring(r.text, set)]));
  const fired = firedBy(rules);
  const rulesOf = (text: string) => fired.get(text) ?? [];
  const figures = score(dev, (t) => rulesOf(t).length > 0);
  const stats = ruleStats(dev, rulesOf);
  const misses = dev.filter((r) => isPositive(r.label) && rulesOf(r.text).length === 0);
  const falseAlarms = dev.filter((r) => !isPositive(r.label) && rulesOf(r.text).length > 0);
  // the model may add a fixed share of false alarms to the rules' own on text they had not seen; a change of the
  // rules moves the rules' in-sample false alarms below, never the model's threshold
  const budget = { modelShare: MODEL_FALSE_ALARM_SHARE, rulesInSample: figures.falseAlarms.rate };
  const firedEarlier = earlier && firedBy(earlier);
  const compared = firedEarlier && compareRules(dev, (t) => firedEarlier.get(t) ?? [], rulesOf);
  const row = (r: (typeof dev)[number]) => ({ label: r.label, theme: r.theme, text: r.text, url: r.url });
  if (opts.json) {
    const out = {
      rows: dev.length,
      figures,
      rules: stats,
      budget,
      ...(compared && {
        compare: {
          file: opts.compare,
          before: compared.before,
          after: compared.after,
          changes: compared.changes.map((c) => ({ ...row(c.row), before: c.before, after: c.after, better: c.better })),
        },
      }),
      ...(opts.misses
        ? {
            misses: misses.map(row),
            falseAlarms: falseAlarms.map((r) => ({ ...row(r), rules: rulesOf(r.text) })),
          }
        : {}),
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
    return;
  }
  console.log(`Phần phát triển: ${dev.length} câu (phần kiểm tra không được đọc). Phát hiện: ${viScores(figures)}.`);
  console.log(
    `Ý kiến thống kê được báo nhầm thêm tối đa ${percent(budget.modelShare)} số câu sạch so với luật trên văn bản ` +
      `luật chưa thấy (kiểm định chéo); bộ luật tự báo nhầm ${percent(budget.rulesInSample)} trên chính các câu ` +
      'chúng được viết từ — sửa luật không làm đổi ngưỡng của mô hình (docs/screener.md, "To improve the screener").',
  );
  for (const s of stats)
    console.log(`  ${s.rule.padEnd(30)} tìm ${s.found} (riêng ${s.alone}), báo nhầm ${s.falseAlarms}`);
  if (compared) {
    console.log(`So với ${opts.compare}: trước ${viScores(compared.before)}; sau ${viScores(compared.after)}.`);
    for (const c of compared.changes)
      console.log(
        `${c.better ? 'TỐT HƠN' : 'KÉM HƠN'} [${c.row.label}/${c.row.theme}] ` +
          `${c.before.join(',') || '—'} → ${c.after.join(',') || '—'}: ${c.row.text}`,
      );
  }
  if (!opts.misses) return;
  for (const r of misses) console.log(`BỎ SÓT [${r.label}/${r.theme}] ${r.text}`);
  for (const r of falseAlarms) console.log(`BÁO NHẦM ${rulesOf(r.text).join(',')} [${r.label}/${r.theme}] ${r.text}`);
}

/** The pattern of `screener-dev --grep`: a regular expression, case-insensitive, with a Vietnamese error. */
function grepPattern(source: string): RegExp {
  if (source.trim() === '') throw new AppError('VALIDATION', 'Mẫu tìm (--grep) trống');
  try {
    return new RegExp(source.normalize('NFC'), 'iu');
  } catch (e) {
    throw new AppError('VALIDATION', `Mẫu tìm (--grep) không phải biểu thức chính quy hợp lệ: ${(e as Error).message}`);
  }
}

/** An earlier rules file for `screener-dev --compare`, with a Vietnamese error naming the option. */
async function readRulesToCompare(file: string) {
  const { parseRules, RulesError } = await import('../core/screener/rules.ts');
  if (!fs.existsSync(file)) throw new AppError('VALIDATION', `Không tìm thấy tệp luật để so sánh (--compare): ${file}`);
  try {
    return parseRules(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    if (!(e instanceof RulesError)) throw e;
    throw new AppError('VALIDATION', `Tệp luật để so sánh (--compare) không hợp lệ: ${e.message}`);
  }
}

/**
 * `bdg screener-batch FILE [--append] [--corpus FILE] [--json]`: checks a batch of new real sentences against the
 * corpus and measures the current rules and second opinion on the batch's development rows — text no rule was read
 * off yet, so the honest estimate of how they do on unseen text. The test rows are only counted: no test sentence or
 * figure is printed (that would be a look at the test part). --append writes the batch into the corpus (all or
 * nothing); retrain the model afterwards.
 */
export async function screenerBatch(
  file: string | undefined,
  opts: { append: boolean; corpus: string | undefined; json: boolean },
): Promise<void> {
  const { CORPUS_FILE, proverbSources, screenerModel, screenerRules } =
    await import('../modules/screener/rules-file.ts');
  const { planBatch } = await import('../core/screener/batch.ts');
  const { isPositive, ruleStats, score } = await import('../core/screener/evaluate.ts');
  const { rulesFiring, screenText } = await import('../core/screener/screen.ts');
  if (!file) throw new AppError('VALIDATION', 'Thiếu tệp lô câu (YAML: - url, title, rows)');
  if (!fs.existsSync(file)) throw new AppError('VALIDATION', `Không tìm thấy tệp ${file}`);
  const corpusFile = opts.corpus ?? CORPUS_FILE;
  if (!fs.existsSync(corpusFile)) throw new AppError('VALIDATION', `Không tìm thấy kho câu ${corpusFile}`);
  const planned = planBatch(fs.readFileSync(corpusFile, 'utf8'), fs.readFileSync(file, 'utf8'), proverbSources());
  const rules = screenerRules();
  const model = screenerModel();
  const dev = planned.rows.filter((r) => r.part === 'dev');
  const count = (part: 'dev' | 'test') =>
    Object.fromEntries(
      (['discriminatory', 'stereotype', 'neutral', 'protective'] as const).map((l) => [
        l,
        planned.rows.filter((r) => r.part === part && r.label === l).length,
      ]),
    );
  const fired = new Map(dev.map((r) => [r.text, rulesFiring(r.text, rules)]));
  const rulesOf = (t: string) => fired.get(t) ?? [];
  const withModel = new Set(dev.filter((r) => screenText(r.text, rules, model).length > 0).map((r) => r.text));
  const figures = {
    rules: score(dev, (t) => rulesOf(t).length > 0),
    rulesAndModel: score(dev, (t) => withModel.has(t)),
  };
  const wrong = dev
    .filter((r) => isPositive(r.label) !== rulesOf(r.text).length > 0)
    .map((r) => ({ label: r.label, theme: r.theme, text: r.text, rules: rulesOf(r.text) }));
  if (opts.append) {
    const tmp = `${corpusFile}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, planned.appended);
    fs.renameSync(tmp, corpusFile);
  }
  if (opts.json) {
    const out = { dev: count('dev'), test: count('test'), figures, rules: ruleStats(dev, rulesOf), wrong };
    process.stdout.write(`${JSON.stringify({ ...out, appended: opts.append })}\n`);
    return;
  }
  const n = (c: Record<string, number>) =>
    `${c.discriminatory} phân biệt đối xử, ${c.stereotype} định kiến, ` +
    `${c.neutral! + c.protective!} trung tính hoặc bảo vệ`;
  console.log(
    `Lô câu: phần phát triển ${dev.length} (${n(count('dev'))}); phần kiểm tra ` +
      `${planned.rows.length - dev.length} (${n(count('test'))}) — chỉ đếm, không đo.`,
  );
  console.log(`Trên các câu phát triển mới (chưa luật nào được viết từ chúng), bộ luật: ${viScores(figures.rules)}.`);
  console.log(`Bộ luật và ý kiến thống kê: ${viScores(figures.rulesAndModel)}.`);
  for (const w of wrong)
    console.log(
      `${isPositive(w.label) ? 'BỎ SÓT' : `BÁO NHẦM ${w.rules.join(',')}`} [${w.label}/${w.theme}] ${w.text}`,
    );
  if (opts.append)
    console.log(`Đã ghi ${planned.rows.length} câu vào ${corpusFile}. Huấn luyện lại: bdg screener-model.`);
}
