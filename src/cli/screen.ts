import fs from 'node:fs';
import { AppError } from '../core/errors.ts';
import type { Category } from '../core/screener/screen.ts';
import { screenDocument, screenLines, textOfUpload } from '../modules/screener/service.ts';

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
  console.log(
    `${model.rows} câu (phần phát triển), ${Object.keys(model.weights).length} đặc trưng, ngưỡng ${model.threshold}; ` +
      `kiểm định chéo: phát hiện ${(model.crossValidated.recall * 100).toFixed(1)}%, báo nhầm ` +
      `${(model.crossValidated.falseAlarms * 100).toFixed(1)}% → ${out ?? MODEL_FILE}`,
  );
}

/**
 * `bdg screener-dev [--misses] [--json]`: the rules on the development part of the real corpus — figures, each
 * rule's finds and false alarms, and (--misses) every sentence missed or wrongly flagged, to write rules from.
 * The test part is dropped before anything is read from it: no test sentence or figure is ever printed here
 * (the corpus test prints the test figures).
 */
export async function screenerDevelopment(opts: { misses: boolean; json: boolean }): Promise<void> {
  const { CORPUS_FILE, screenerRules } = await import('../modules/screener/rules-file.ts');
  const { isPositive, parseCorpus, ruleStats, score } = await import('../core/screener/evaluate.ts');
  const { screenText } = await import('../core/screener/screen.ts');
  const rules = screenerRules();
  const dev = parseCorpus(fs.readFileSync(CORPUS_FILE, 'utf8')).filter((r) => r.part === 'dev');
  const fired = new Map(dev.map((r) => [r.text, [...new Set(screenText(r.text, rules).map((f) => f.rule))]]));
  const rulesOf = (text: string) => fired.get(text) ?? [];
  const figures = score(dev, (t) => rulesOf(t).length > 0);
  const stats = ruleStats(dev, rulesOf);
  const misses = dev.filter((r) => isPositive(r.label) && rulesOf(r.text).length === 0);
  const falseAlarms = dev.filter((r) => !isPositive(r.label) && rulesOf(r.text).length > 0);
  if (opts.json) {
    const row = (r: (typeof dev)[number]) => ({ label: r.label, theme: r.theme, text: r.text, url: r.url });
    const out = {
      rows: dev.length,
      figures,
      rules: stats,
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
  const pct = (x: { hit: number; of: number; rate: number }) =>
    `${(x.rate * 100).toFixed(1).replace('.', ',')}% (${x.hit}/${x.of})`;
  console.log(
    `Phần phát triển: ${dev.length} câu (phần kiểm tra không được đọc). Phát hiện: phân biệt đối xử ` +
      `${pct(figures.discriminatory)}, định kiến ${pct(figures.stereotype)}; báo nhầm ${pct(figures.falseAlarms)}.`,
  );
  for (const s of stats)
    console.log(`  ${s.rule.padEnd(30)} tìm ${s.found} (riêng ${s.alone}), báo nhầm ${s.falseAlarms}`);
  if (!opts.misses) return;
  for (const r of misses) console.log(`BỎ SÓT [${r.label}/${r.theme}] ${r.text}`);
  for (const r of falseAlarms) console.log(`BÁO NHẦM ${rulesOf(r.text).join(',')} [${r.label}/${r.theme}] ${r.text}`);
}
