import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { AppError, type RowError } from '../errors.ts';
import { CorpusSourceSchema, parseCorpus, partOf, type CorpusRow } from './evaluate.ts';
import { tokenize } from './normalize.ts';

/**
 * A batch of new real sentences for the corpus (issue 14): sources with their rows, as in the corpus, but without
 * `part` — the split gives each source its part by its address. The batch is checked against the corpus before
 * anything is written: a source already in it, a sentence quoted twice, a sentence that another source's sentence
 * contains (a copy cut short or quoted inside a longer one), a row that breaks the corpus's schema or is not NFC are
 * refused together, each named. The point of a batch is the honest estimate: its development rows are
 * text no rule was read off yet, so the rules' figures on them say how the rules do on unseen text.
 */
const BatchSource = CorpusSourceSchema.extend({ part: z.enum(['dev', 'test']).optional() });

const FIELD: Record<string, string> = {
  url: 'địa chỉ (url)',
  title: 'tên trang (title)',
  part: 'phần (part)',
  rows: 'các câu (rows)',
  label: 'nhãn (label)',
  form: 'dạng (form)',
  theme: 'chủ đề (theme)',
  text: 'câu (text)',
};

export interface PlannedBatch {
  /** the batch's rows, each with its source's address and part */
  rows: CorpusRow[];
  /** the corpus file's text with the batch appended (checked by parseCorpus) */
  appended: string;
}

/**
 * A sentence as the screener reads it — its syllables' keys (case and tone-mark placement set aside), one space apart,
 * punctuation dropped: the form in which two quotations of one sentence agree.
 */
const bare = (text: string) =>
  tokenize(text.normalize('NFC'), false)
    .map((t) => t.key)
    .join(' ');

/**
 * Shorter than this (characters of the keys and spaces), a sentence may well recur inside another that quotes it to
 * reject it (a saying of five syllables does in the corpus); from this length on, one sentence inside another from a
 * different source is the same text quoted twice (a Labour Code article, once cut short, did on 5 December).
 */
export const NEAR_DUPLICATE_MIN = 40;

/**
 * A page's address without what names the same page twice: the scheme, a leading www., m., amp. or mobile., the
 * host's case and a final slash (a trailing-slash copy of a development page was nearly added on 6 December; the
 * part is computed from the address as written, so the same page under two addresses could fall in both parts).
 */
export function pageKey(url: string): string {
  const bareUrl = url.trim().replace(/^https?:\/\//iu, '');
  const slash = bareUrl.indexOf('/');
  const host = (slash < 0 ? bareUrl : bareUrl.slice(0, slash)).toLowerCase().replace(/^(?:www|m|amp|mobile)\./u, '');
  return `${host}${slash < 0 ? '' : bareUrl.slice(slash)}`.replace(/\/+$/u, '');
}

export interface Quoted {
  url: string;
  bare: string;
}

export const quotation = (url: string, text: string): Quoted => ({ url, bare: bare(text) });

/** The first sentence of another source that contains this one or is contained in it, if any. */
export function nearDuplicate(text: Quoted, others: Iterable<Quoted>): Quoted | undefined {
  for (const o of others) {
    if (o.url === text.url) continue;
    const [short, long] = o.bare.length <= text.bare.length ? [o.bare, text.bare] : [text.bare, o.bare];
    if (short.length >= NEAR_DUPLICATE_MIN && long.includes(short)) return o;
  }
  return undefined;
}

/** One source of the corpus file, written as the file writes it (JSON strings are valid YAML strings). */
function sourceYaml(s: z.infer<typeof BatchSource>, part: 'dev' | 'test'): string {
  const rows = s.rows.map(
    (r) =>
      `    - { label: ${r.label}, ${r.form ? `form: ${r.form}, ` : ''}theme: ${r.theme}, ` +
      `text: ${JSON.stringify(r.text)} }\n`,
  );
  const head = `- url: ${JSON.stringify(s.url)}\n  title: ${JSON.stringify(s.title)}\n  part: ${part}\n`;
  return `${head}  rows:\n${rows.join('')}`;
}

/**
 * Checks a batch against the corpus and returns its rows and the corpus text with it appended. `rulePages`: the pages
 * the rules' sayings were taken from (rules/screener-vi.yaml, `proverbs`) — a page the rules were written from cannot
 * also measure them, in either part (a collection already used for four sayings was nearly added on 7 December).
 */
export function planBatch(corpusYaml: string, batchYaml: string, rulePages: Iterable<string> = []): PlannedBatch {
  let raw: unknown;
  try {
    raw = parseYaml(batchYaml);
  } catch (e) {
    throw new AppError('VALIDATION', `Tệp lô câu không đọc được như YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!Array.isArray(raw) || raw.length === 0)
    throw new AppError('VALIDATION', 'Tệp lô câu phải là một danh sách nguồn (- url: …, title: …, rows: […])');
  const corpus = parseCorpus(corpusYaml);
  const knownPages = new Map(corpus.map((r) => [pageKey(r.url), r.url]));
  const knownTexts = new Set(corpus.map((r) => r.text));
  const usedByRules = new Set([...rulePages].map(pageKey));
  const quoted = corpus.map((r) => quotation(r.url, r.text));
  const problems: RowError[] = [];
  const seen = new Set<string>();
  const batchPages = new Set<string>();
  const sources: { source: z.infer<typeof BatchSource>; part: 'dev' | 'test' }[] = [];
  raw.forEach((item: unknown, i) => {
    const line = i + 1;
    const parsed = BatchSource.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.filter((p) => typeof p === 'string').at(-1) ?? '';
        const row = issue.path[0] === 'rows' && typeof issue.path[1] === 'number' ? `, câu ${issue.path[1] + 1}` : '';
        problems.push({ line, column: FIELD[field] ?? field, reason: `nguồn ${line}${row}: ${issue.message}` });
      }
      return;
    }
    const s = parsed.data;
    const part = partOf(s.url);
    if (s.part && s.part !== part)
      problems.push({ line, column: FIELD.part, reason: `${s.url}: ghi ${s.part}, phép chia cho ${part}` });
    const page = pageKey(s.url);
    const known = knownPages.get(page);
    if (known === s.url) problems.push({ line, column: FIELD.url, reason: `${s.url} đã có trong kho câu` });
    else if (known)
      problems.push({
        line,
        column: FIELD.url,
        reason: `${s.url}: trang này đã có trong kho câu với địa chỉ ${known}`,
      });
    if (usedByRules.has(page))
      problems.push({
        line,
        column: FIELD.url,
        reason: `${s.url}: bộ luật đã lấy câu nói từ trang này (rules/screener-vi.yaml, proverbs); không dùng để đo`,
      });
    if (batchPages.has(page)) problems.push({ line, column: FIELD.url, reason: `${s.url} có hai lần trong lô` });
    batchPages.add(page);
    s.rows.forEach((r, j) => {
      const where = `nguồn ${line}, câu ${j + 1}`;
      if (r.text !== r.text.normalize('NFC'))
        problems.push({ line, column: FIELD.text, reason: `${where}: chưa ở dạng NFC` });
      const mine = quotation(s.url, r.text);
      const near = nearDuplicate(mine, quoted);
      if (knownTexts.has(r.text)) problems.push({ line, column: FIELD.text, reason: `${where}: đã có trong kho câu` });
      else if (seen.has(r.text))
        problems.push({ line, column: FIELD.text, reason: `${where}: trích hai lần trong lô` });
      else if (near) {
        const how = near.bare.length < mine.bare.length ? 'chứa trọn một câu' : 'nằm trọn trong một câu';
        problems.push({ line, column: FIELD.text, reason: `${where}: ${how} của nguồn ${near.url} (trích lại)` });
      }
      seen.add(r.text);
      quoted.push(mine);
    });
    sources.push({ source: s, part });
  });
  if (problems.length > 0)
    throw new AppError('VALIDATION', `Lô câu có ${problems.length} chỗ không hợp lệ; chưa ghi gì`, undefined, problems);
  const appended = corpusYaml.replace(/\n*$/u, '\n') + sources.map((x) => sourceYaml(x.source, x.part)).join('');
  parseCorpus(appended);
  const rows = sources.flatMap(({ source, part }) => source.rows.map((r) => ({ ...r, url: source.url, part })));
  return { rows, appended };
}
