import { stringify } from 'yaml';
import type { Label } from './evaluate.ts';

/**
 * Reviewers' decisions in the register of conventions as a candidate batch for the real-text corpus (issue 14).
 * Once the public pages the project could find are used up, the clauses communes and the office have reviewed are the
 * text nobody here wrote: a finding confirmed (or later resolved by an amendment) is a clause that discriminates or
 * stereotypes, a finding dismissed one that does not, a clause marked as missed one the screener should have found.
 * The batch is written in the form `bdg screener-batch` reads; its labels are the reviewers' and its themes are all
 * "general", so a person checks each row against the labelling guideline (docs/screener.md) before it is appended.
 */
export interface ReviewedFinding {
  conventionId: number;
  title: string;
  villageName: string | null;
  communeName: string | null;
  /** open, confirmed, dismissed or resolved */
  status: string;
  /** discrimination, stereotype, described or possible (the second opinion) */
  category: string;
  /** the rule that raised it; null for a clause a reviewer marked as missed */
  rule: string | null;
  /** what the finding quotes: the words a rule matched, or the clause a reviewer marked */
  excerpt: string;
  /** the text of the convention the finding was raised on, and where in it (null for a clause marked as missed) */
  text: string | null;
  start: number | null;
  end: number | null;
}

interface BatchRow {
  label: Label;
  form?: 'decreed' | 'described';
  theme: string;
  text: string;
}

export interface FeedbackBatch {
  sources: { url: string; title: string; rows: BatchRow[] }[];
  /** findings left out, by reason */
  skipped: { open: number; kindUnknown: number; repeated: number; tooShort: number };
}

const ENDS = /[.!?;…]/u;

/**
 * The sentence of `text` around [start, end): from the line's start or the end of the sentence before (a full stop,
 * question or exclamation mark, semicolon or ellipsis followed by a space — a clause's number "1. " is one) to the end
 * of its own. A rule's finding quotes only the words it matched ("Con gái đã lấy chồng không được chia"); the corpus
 * holds sentences.
 */
export function sentenceAround(text: string, start: number, end: number): string {
  // an end mark counts when a space, a line break or the end of the text follows it ("82.5" is a number)
  const endsAt = (i: number) => ENDS.test(text[i] ?? '') && (i + 1 >= text.length || /\s/u.test(text[i + 1]!));
  let from = Math.max(0, Math.min(start, text.length));
  while (from > 0 && text[from - 1] !== '\n' && !endsAt(from - 1)) from--;
  let to = Math.max(from, Math.min(end, text.length));
  while (to < text.length && text[to] !== '\n' && !endsAt(to)) to++;
  if (endsAt(to)) to++;
  return text.slice(from, to);
}

/** What a reviewed finding says of its clause: a label (and form), or why it says nothing yet. */
function labelOf(f: ReviewedFinding): Pick<BatchRow, 'label' | 'form'> | 'open' | 'kindUnknown' {
  if (f.status === 'dismissed') return { label: 'neutral' };
  if (f.status !== 'confirmed' && f.status !== 'resolved') return 'open';
  // a convention's clause is a rule of the village: decreed, unless the screener read it as a practice described
  if (f.category === 'discrimination') return { label: 'discriminatory', form: 'decreed' };
  if (f.category === 'described') return { label: 'discriminatory', form: 'described' };
  if (f.category === 'stereotype') return { label: 'stereotype' };
  // a second-opinion finding confirmed: the reviewer said it is a problem, not which kind
  return 'kindUnknown';
}

/**
 * The reviewed findings grouped by convention, each convention a source addressed by its page in the web client at
 * `origin` (the deployment's own address: the same convention id in another province's register is another page).
 * Sources and rows come in the order given (the repository's: by convention, then by finding).
 */
export function feedbackBatch(findings: ReviewedFinding[], origin: string): FeedbackBatch {
  const skipped = { open: 0, kindUnknown: 0, repeated: 0, tooShort: 0 };
  const byConvention = new Map<number, FeedbackBatch['sources'][number]>();
  const seen = new Set<string>();
  for (const f of findings) {
    const verdict = labelOf(f);
    if (verdict === 'open' || verdict === 'kindUnknown') {
      skipped[verdict]++;
      continue;
    }
    const quoted =
      f.text !== null && f.start !== null && f.end !== null ? sentenceAround(f.text, f.start, f.end) : f.excerpt;
    const text = quoted.normalize('NFC').replace(/\s+/gu, ' ').trim();
    if (text.length < 3) {
      skipped.tooShort++;
      continue;
    }
    // the same clause reviewed again in a later text of the convention, or in another convention, is one row
    if (seen.has(text)) {
      skipped.repeated++;
      continue;
    }
    seen.add(text);
    let source = byConvention.get(f.conventionId);
    if (!source) {
      const place = [f.villageName, f.communeName].filter(Boolean).join(', ');
      source = {
        url: `${origin.replace(/\/+$/u, '')}/#/conventions/${f.conventionId}`,
        title: `${f.title}${place ? ` — ${place}` : ''} (sổ hương ước, quy ước)`.normalize('NFC'),
        rows: [],
      };
      byConvention.set(f.conventionId, source);
    }
    source.rows.push({ ...verdict, theme: 'general', text });
  }
  return { sources: [...byConvention.values()], skipped };
}

/** The batch as the YAML file `bdg screener-batch` reads, with a header saying where it came from and what to check. */
export function feedbackYaml(batch: FeedbackBatch, generatedOn: string, since: string | null = null): string {
  const rows = batch.sources.reduce((n, s) => n + s.rows.length, 0);
  const { open, kindUnknown, repeated, tooShort } = batch.skipped;
  const header = [
    `# Lô câu ứng viên từ sổ hương ước, quy ước (${generatedOn}${since ? `; quyết định từ ngày ${since}` : ''}): ` +
      `${rows} câu từ ${batch.sources.length} văn bản.`,
    '# Nhãn là quyết định của người xem xét: phát hiện được xác nhận → discriminatory hoặc stereotype, bị bỏ qua →',
    '# neutral. Trước khi ghi vào kho câu (bdg screener-batch FILE, rồi --append), đối chiếu từng câu với',
    '# hướng dẫn gán nhãn trong docs/screener.md (một câu bác bỏ định kiến là protective) và đặt chủ đề',
    '# (theme, mặc định general).',
    `# Bỏ qua: ${open} chưa xem xét, ${kindUnknown} ý kiến thống kê được xác nhận (chưa rõ loại), ` +
      `${repeated} câu trùng, ${tooShort} câu quá ngắn.`,
  ].join('\n');
  return `${header}\n${batch.sources.length === 0 ? '[]\n' : stringify(batch.sources, { lineWidth: 0 })}`;
}
