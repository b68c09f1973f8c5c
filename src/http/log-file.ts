import path from 'node:path';
import { createStream, type RotatingFileStream } from 'rotating-file-stream';
import pino from 'pino';

/** Where the server's log lines go: pino writes each line with `write`; `close` writes what is left. */
export interface LogDestination {
  write(line: string): void;
  close(): Promise<void>;
}

export interface LogFileOptions {
  file: string;
  /** rotate when the file reaches this size */
  maxBytes: number;
  /** rotated files kept: file.1.gz (the newest) … file.N.gz */
  keep: number;
}

/**
 * Standard output, written asynchronously: a line is handed to the system at once when nothing is being written,
 * and lines that arrive meanwhile are written together after — so a busy server makes one system call for many
 * lines instead of one per line. pino's destination writes what is still buffered when the process ends, even
 * by an error (the test checks it).
 */
export function standardOutput(): LogDestination {
  const out = pino.destination({ dest: 1, sync: false });
  return {
    write: (line) => void out.write(line),
    close: () =>
      new Promise((resolve) => {
        out.flush(() => resolve());
      }),
  };
}

/**
 * The log in a file that rotates like logrotate: when it reaches `maxBytes` and every day, `bdg.log` becomes
 * `bdg.log.1.gz` (compressed), the older ones move up by one and the oldest beyond `keep` is deleted. Lines
 * are gathered and handed to the file once per turn of the event loop (the rotating stream costs about as much per
 * write as answering /api/health does). A failure to write (a full disk) is reported on standard error and never
 * stops the server. A crash can lose the lines of the last turn of the event loop.
 */
export function logFile({ file, maxBytes, keep }: LogFileOptions): LogDestination {
  const stream: RotatingFileStream = createStream(path.basename(file), {
    path: path.dirname(file),
    size: `${Math.max(1, Math.round(maxBytes))}B`,
    interval: '1d',
    rotate: keep,
    compress: 'gzip',
  });
  stream.on('error', (e: Error) => process.stderr.write(`Không ghi được nhật ký ${file}: ${e.message}\n`));
  stream.on('warning', (e: Error) => process.stderr.write(`Nhật ký ${file}: ${e.message}\n`));
  let lines: string[] = [];
  const flush = () => {
    if (lines.length === 0) return;
    const text = lines.join('');
    lines = [];
    stream.write(text);
  };
  return {
    write(line) {
      if (lines.push(line) === 1) setImmediate(flush);
    },
    close: () =>
      new Promise((resolve) => {
        flush();
        if (stream.writableEnded) resolve();
        else stream.end(() => resolve());
      }),
  };
}

/** The configured destination: the file when one is named, else standard output. */
export const openLog = (file: string | undefined, maxBytes: number, keep: number): LogDestination =>
  file ? logFile({ file, maxBytes, keep }) : standardOutput();
