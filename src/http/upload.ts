import type { FastifyRequest } from 'fastify';
import { AppError } from '../core/errors.ts';

/**
 * The single file of a multipart request, read into memory — only once `allowed` says the signed-in
 * role may send it (checked before a byte of the file is read). The size limit is exact: the stream is
 * read up to one byte past BDG_MAX_UPLOAD_MB, and a file that reaches it is 413, never stored or imported
 * cut short (the plugin's own "truncated" flag can be set after the last chunk is handed over).
 */
export async function readUpload(
  request: FastifyRequest,
  maxBytes: number,
  allowed: boolean,
): Promise<{ content: Buffer; filename: string }> {
  if (!allowed) throw new AppError('FORBIDDEN');
  if (!request.isMultipart())
    throw new AppError('VALIDATION', 'Cần gửi tệp dạng multipart/form-data (trường "file")', { file: 'thiếu tệp' });
  try {
    const part = await request.file({ limits: { fileSize: maxBytes + 1, files: 1, fields: 10 } });
    if (!part) throw new AppError('VALIDATION', 'Thiếu tệp', { file: 'thiếu tệp' });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of part.file as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) {
        part.file.resume();
        throw new AppError('FILE_TOO_LARGE');
      }
      chunks.push(chunk);
    }
    if (part.file.truncated) throw new AppError('FILE_TOO_LARGE');
    return { content: Buffer.concat(chunks), filename: part.filename.normalize('NFC') };
  } catch (e) {
    if (e instanceof AppError) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT') throw new AppError('FILE_TOO_LARGE');
    throw new AppError('VALIDATION', `Không đọc được tệp tải lên: ${(e as Error).message}`, { file: 'không đọc được' });
  }
}
