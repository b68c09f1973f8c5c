import { fork } from 'node:child_process';
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
 * Untrusted files are parsed off the event loop, one child process each, so that the server keeps
 * answering (health checks included) while a hostile file is refused: the process is killed after
 * `timeoutMs`, or dies when its heap passes `heapMb`, and its memory goes back with it. A process, not a
 * worker thread: Node 20 aborts the whole process when a worker is stopped while V8 still compiles for it
 * (`Assertion failed ... NodePlatform::ForIsolate`, seen once in CI and reproduced by stopping workers in a
 * loop), which would take the server down with a hostile file. A real 20 MB workbook of 100,000 rows reads
 * in a few seconds with a few hundred MB.
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
      const child = fork(new URL('./parse-worker.mjs', import.meta.url), [], {
        execArgv: [`--max-old-space-size=${limits.heapMb}`],
        serialization: 'advanced',
        stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      });
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn();
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      };
      const timer = setTimeout(
        () => settle(() => reject(tooComplex(`đọc quá ${Math.round(limits.timeoutMs / 1000)} giây`))),
        limits.timeoutMs,
      );
      child.on('message', (outcome: ParseOutcome) =>
        settle(() => (outcome.ok ? resolve(outcome.value as T) : reject(new AppError(outcome.code, outcome.message)))),
      );
      child.on('error', (e) => settle(() => reject(new AppError('FILE_TYPE', `Không đọc được tệp: ${e.message}`))));
      // out of heap, V8 aborts the process (SIGABRT)
      child.on('exit', (code, signal) =>
        settle(() =>
          reject(
            tooComplex(
              signal === 'SIGABRT' ? `cần hơn ${limits.heapMb} MB bộ nhớ` : `bộ đọc tệp dừng (mã ${code ?? signal})`,
            ),
          ),
        ),
      );
      child.send(job);
    });
  } finally {
    release();
  }
}
