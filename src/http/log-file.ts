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
 * are gathered and handed to the file in one write at the next turn of the event loop, or, while a write is under
 * way, when it ends (the rotating stream costs about as much per write as answering /api/health does; under load at
 * 50 connections this made 7 thousand writes for 304 thousand lines, where one write per turn made 37 thousand for
 * 277 thousand: issue 15, by hand). A failure to write (a full disk) is reported on standard error and never stops
 * the server. A crash can lose the lines gathered since the last write began.
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
  // the rotating stream makes one write of its own for each chunk it is handed, however many wait: one chunk at a time
  let lines: string[] = [];
  let writing = false;
  const flush = () => {
    if (writing || lines.length === 0) return;
    const text = lines.join('');
    lines = [];
    writing = true;
    stream.write(text, () => {
      writing = false;
      if (lines.length > 0) setImmediate(flush);
    });
  };
  return {
    write(line) {
      if (lines.push(line) === 1 && !writing) setImmediate(flush);
    },
    close: () =>
      new Promise((resolve) => {
        if (lines.length > 0) stream.write(lines.join(''));
        lines = [];
        if (stream.writableEnded) resolve();
        else stream.end(() => resolve());
      }),
  };
}

/** The configured destination: the file when one is named, else standard output. */
export const openLog = (file: string | undefined, maxBytes: number, keep: number): LogDestination =>
  file ? logFile({ file, maxBytes, keep }) : standardOutput();
