import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../../core/errors.ts';

/** What a parse worker is asked to do: a spreadsheet into rows, or a .docx into its text. */
export interface ParseJob {
  kind: 'tabular' | 'tabular-plain' | 'workbook' | 'docx';
  content: Uint8Array;
}

export type ParseOutcome = { ok: true; value: unknown } | { ok: false; code: ErrorCode; message: string };

export interface ParseLimits {
  timeoutMs: number;
  heapMb: number;
}

/**
 * Untrusted files are parsed off the event loop, one worker thread each, so that the server keeps
 * answering (health checks included) while a hostile file is refused: the worker is stopped after
 * `timeoutMs` or when its heap passes `heapMb`, and its memory goes back with it. A real 20 MB workbook
 * of 100,000 rows reads in a few seconds with a few hundred MB.
 */
export const PARSE_LIMITS: Record<ParseJob['kind'], ParseLimits> = {
  tabular: { timeoutMs: 60_000, heapMb: 1536 },
  'tabular-plain': { timeoutMs: 60_000, heapMb: 1536 },
  workbook: { timeoutMs: 30_000, heapMb: 768 },
  docx: { timeoutMs: 20_000, heapMb: 512 },
};

/** Parses at once on this 2-core kind of machine; more wait their turn (up to MAX_WAITING, then 503). */
const MAX_PARALLEL = 2;
const MAX_WAITING = 20;
let running = 0;
const waiting: (() => void)[] = [];

async function slot(): Promise<() => void> {
  if (running >= MAX_PARALLEL) {
    if (waiting.length >= MAX_WAITING) {
      throw new AppError('UNAVAILABLE', 'Máy chủ đang đọc nhiều tệp cùng lúc; vui lòng thử lại sau ít phút');
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

const tooComplex = (why: string) => new AppError('FILE_TOO_COMPLEX', `Tệp quá phức tạp để đọc an toàn: ${why}`);

/** Runs one parse job in a fresh worker within `limits`; resolves with its value or rejects with an AppError. */
export async function parseInWorker<T>(
  kind: ParseJob['kind'],
  content: Buffer,
  limits: ParseLimits = PARSE_LIMITS[kind],
): Promise<T> {
  const release = await slot();
  try {
    return await new Promise<T>((resolve, reject) => {
      const job: ParseJob = { kind, content: new Uint8Array(content.buffer, content.byteOffset, content.length) };
      const worker = new Worker(new URL('./parse-worker.mjs', import.meta.url), {
        workerData: job,
        resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: 64 },
      });
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn();
        void worker.terminate();
      };
      const timer = setTimeout(
        () => settle(() => reject(tooComplex(`đọc quá ${Math.round(limits.timeoutMs / 1000)} giây`))),
        limits.timeoutMs,
      );
      worker.on('message', (outcome: ParseOutcome) =>
        settle(() => (outcome.ok ? resolve(outcome.value as T) : reject(new AppError(outcome.code, outcome.message)))),
      );
      worker.on('error', (e: NodeJS.ErrnoException) =>
        settle(() =>
          reject(
            e.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? tooComplex(`cần hơn ${limits.heapMb} MB bộ nhớ`)
              : new AppError('FILE_TYPE', `Không đọc được tệp: ${e.message}`),
          ),
        ),
      );
      worker.on('exit', (code) => settle(() => reject(tooComplex(`bộ đọc tệp dừng (mã ${code})`))));
    });
  } finally {
    release();
  }
}
