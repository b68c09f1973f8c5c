import type { FastifyRequest } from 'fastify';
import { AppError } from '../core/errors.ts';

/** The single file of a multipart request, read into memory (bounded by BDG_MAX_UPLOAD_MB). */
export async function readUpload(request: FastifyRequest): Promise<{ content: Buffer; filename: string }> {
  if (!request.isMultipart()) throw new AppError('VALIDATION', 'Cần gửi tệp dạng multipart/form-data (trường "file")', { file: 'thiếu tệp' });
  const part = await request.file();
  if (!part) throw new AppError('VALIDATION', 'Thiếu tệp', { file: 'thiếu tệp' });
  const content = await part.toBuffer();
  return { content, filename: part.filename.normalize('NFC') };
}
