import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { AppError } from '../../core/errors.ts';

const run = promisify(execFile);

export const PDF_INSTALL_HINT =
  'Cài LibreOffice trên máy chủ để xuất PDF: sudo apt-get install libreoffice-writer-nogui (Debian, Ubuntu), rồi ' +
  'tải lại trang.';

let found: Promise<string | null> | null = null;

/**
 * The LibreOffice command: BDG_SOFFICE when it names one ("off": no PDFs), else soffice or libreoffice on
 * the PATH (looked up once).
 */
export function findSoffice(setting: string | undefined): Promise<string | null> {
  if (setting === 'off') return Promise.resolve(null);
  if (setting)
    return fs.access(setting, fs.constants.X_OK).then(
      () => setting,
      () => null,
    );
  found ??= run('/bin/sh', ['-c', 'command -v soffice || command -v libreoffice'], { timeout: 5000 }).then(
    (r) => r.stdout.trim() || null,
    () => null,
  );
  return found;
}

/** Conversions run one after another: LibreOffice takes a core and hundreds of MB each, and readers may click twice. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Converts a DOCX to PDF with LibreOffice, headless, in a folder and profile of its own (two conversions at
 * once would otherwise share a profile and one would fail), stopped after two minutes; one at a time.
 */
export function docxToPdf(docx: Buffer, setting: string | undefined): Promise<Buffer> {
  const turn = queue.then(() => convert(docx, setting));
  queue = turn.catch(() => undefined);
  return turn;
}

async function convert(docx: Buffer, setting: string | undefined): Promise<Buffer> {
  const soffice = await findSoffice(setting);
  if (!soffice) throw new AppError('PDF_UNAVAILABLE', PDF_INSTALL_HINT);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bdg-pdf-'));
  try {
    const input = path.join(dir, 'bao-cao.docx');
    await fs.writeFile(input, docx);
    await run(
      soffice,
      [
        `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
        '--headless',
        '--norestore',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        input,
      ],
      { timeout: 120_000, killSignal: 'SIGKILL' },
    );
    return await fs.readFile(path.join(dir, 'bao-cao.pdf'));
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError(
      'PDF_UNAVAILABLE',
      `LibreOffice không chuyển được báo cáo sang PDF: ${(e as Error).message.slice(0, 200)}`,
    );
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
