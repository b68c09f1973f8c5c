import type { FastifyRequest } from 'fastify';
import { AppError } from '../core/errors.ts';

/** The single file of a multipart request, read into memory (bounded by BDG_MAX_UPLOAD_MB). */
export async function readUpload(request: FastifyRequest): Promise<{ content: Buffer; filename: string }> {
  if (!request.isMultipart())
    throw new AppError('VALIDATION', 'Cần gửi tệp dạng multipart/form-data (trường "file")', { file: 'thiếu tệp' });
  try {
    const part = await request.file();
    if (!part) throw new AppError('VALIDATION', 'Thiếu tệp', { file: 'thiếu tệp' });
    const content = await part.toBuffer();
    return { content, filename: part.filename.normalize('NFC') };
  } catch (e) {
    if (e instanceof AppError) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('FILE_TOO_LARGE');
    throw new AppError('VALIDATION', `Không đọc được tệp tải lên: ${(e as Error).message}`, { file: 'không đọc được' });
  }
}
