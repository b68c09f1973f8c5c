import { AppError } from '../../core/errors.ts';
import { checkArchive } from './archive.ts';
import type { ParseJob, ParseOutcome } from './parse-pool.ts';
import { isZip, parseTabular, parseWorkbook } from './tabular.ts';
import { docxText } from './docx-text.ts';

/** Runs one parse job (see parse-pool.ts) and posts its outcome; errors travel as { code, message }. */
async function run(job: ParseJob): Promise<ParseOutcome> {
  const content = Buffer.from(job.content);
  if (isZip(content)) checkArchive(content);
  if (job.kind === 'tabular') return { ok: true, value: await parseTabular(content) };
  if (job.kind === 'tabular-plain') return { ok: true, value: await parseTabular(content, { plainHeaders: true }) };
  if (job.kind === 'workbook') return { ok: true, value: await parseWorkbook(content) };
  return { ok: true, value: await docxText(content) };
}

// one job from the parent, one answer back, then the process ends (the parent kills it if it does not)
process.once('message', (job: ParseJob) => {
  const answer = (outcome: ParseOutcome) => process.send!(outcome, () => process.disconnect());
  run(job).then(answer, (e: unknown) =>
    answer(
      e instanceof AppError
        ? { ok: false, code: e.code, message: e.message }
        : { ok: false, code: 'FILE_TYPE', message: `Không đọc được tệp: ${(e as Error).message}` },
    ),
  );
});
