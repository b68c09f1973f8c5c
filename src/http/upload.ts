import busboyModule from '@fastify/busboy';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../core/errors.ts';

/**
 * multipart/form-data bodies are left unread by the body parser: only `readUpload` reads them, inside the
 * route, once the role has been checked. (Registered by hand rather than through @fastify/multipart, whose
 * two hooks for files saved to disk — which this application never does — ran on every request.)
 */
export function acceptMultipart(app: FastifyInstance): void {
  app.addContentTypeParser('multipart/form-data', (_request, _payload, done) => done(null));
}

// a CommonJS package: its function is the module itself at run time, and also its `default`
const Busboy = busboyModule.default;

/**
 * The single file of a multipart request, read into memory — only once `allowed` says the signed-in
 * role may send it (checked before a byte of the file is read). The size limit is exact: the stream is
 * read up to one byte past BDG_MAX_UPLOAD_MB, and a file that reaches it is 413, never stored or imported
 * cut short. A second file is 413 too; text fields sent alongside are ignored.
 */
export async function readUpload(
  request: FastifyRequest,
  maxBytes: number,
  allowed: boolean,
): Promise<{ content: Buffer; filename: string }> {
  if (!allowed) throw new AppError('FORBIDDEN');
  const type = request.headers['content-type'];
  if (!type?.toLowerCase().startsWith('multipart/form-data'))
    throw new AppError('VALIDATION', 'Cần gửi tệp dạng multipart/form-data (trường "file")', { file: 'thiếu tệp' });
  let parser: ReturnType<typeof Busboy>;
  try {
    parser = Busboy({
      headers: { ...request.headers, 'content-type': type },
      limits: { fileSize: maxBytes + 1, files: 1, fields: 10, parts: 12 },
    });
  } catch (e) {
    throw new AppError('VALIDATION', `Không đọc được tệp tải lên: ${(e as Error).message}`, { file: 'không đọc được' });
  }
  return new Promise((resolve, reject) => {
    let found: { content: Buffer; filename: string } | null = null;
    let settled = false;
    const fail = (e: AppError) => {
      if (settled) return;
      settled = true;
      request.raw.unpipe(parser);
      request.raw.resume();
      reject(e);
    };
    parser.on('file', (_field, file, filename) => {
      const chunks: Buffer[] = [];
      let size = 0;
      file.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          file.resume();
          fail(new AppError('FILE_TOO_LARGE'));
        } else chunks.push(chunk);
      });
      file.on('end', () => {
        if (settled || file.truncated) return;
        found = { content: Buffer.concat(chunks), filename: filename.normalize('NFC') };
      });
    });
    parser.on('filesLimit', () => fail(new AppError('FILE_TOO_LARGE')));
    parser.on('partsLimit', () => fail(new AppError('FILE_TOO_LARGE')));
    parser.on('error', (e: unknown) =>
      fail(
        new AppError('VALIDATION', `Không đọc được tệp tải lên: ${(e as Error).message}`, { file: 'không đọc được' }),
      ),
    );
    parser.on('finish', () => {
      if (settled) return;
      settled = true;
      if (found) resolve(found);
      else reject(new AppError('VALIDATION', 'Thiếu tệp', { file: 'thiếu tệp' }));
    });
    request.raw.on('error', () =>
      fail(new AppError('VALIDATION', 'Tệp tải lên bị ngắt giữa chừng', { file: 'thiếu' })),
    );
    request.raw.pipe(parser);
  });
}
