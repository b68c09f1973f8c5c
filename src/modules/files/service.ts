import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { AppError, ERRORS } from '../../core/errors.ts';
import type { Actor, Ctx } from '../context.ts';
import * as repo from './repository.ts';

/** Evidence kinds accepted, told from the bytes: documents, images, audio and video. */
const ALLOWED = new Set([
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/heic',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/zip',
  'application/x-cfb',
  'audio/mpeg',
  'audio/mp4',
  'video/mp4',
  'video/quicktime',
  'video/webm',
]);

export const filePath = (dataDir: string, sha256: string): string =>
  path.join(dataDir, 'files', sha256.slice(0, 2), sha256);

/**
 * Stores an evidence file once, addressed by its SHA-256. The type comes from the content (magic
 * numbers); plain text is accepted when it is valid UTF-8.
 */
export async function storeFile(
  ctx: Ctx,
  actor: Actor,
  content: Buffer,
): Promise<{ sha256: string; size: number; mime: string }> {
  if (content.length === 0) throw new AppError('VALIDATION', 'Tệp rỗng', { file: 'tệp rỗng' });
  if (content.length > ctx.config.maxUploadBytes) throw new AppError('FILE_TOO_LARGE');
  const detected = await fileTypeFromBuffer(content);
  let mime = detected?.mime as string | undefined;
  if (!mime && isUtf8Text(content)) mime = 'text/plain';
  if (!mime || !(ALLOWED.has(mime) || mime === 'text/plain')) {
    throw new AppError(
      'FILE_TYPE',
      `Loại tệp không được chấp nhận${mime ? ` (${mime})` : ''}: dùng PDF, ảnh, Word, Excel, PowerPoint, âm thanh ` +
        `hoặc video`,
    );
  }
  const sha256 = createHash('sha256').update(content).digest('hex');
  const target = filePath(ctx.config.dataDir, sha256);
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    await fs.mkdir(path.dirname(target), { recursive: true });
    const exists = await fs.stat(target).then(
      () => true,
      () => false,
    );
    if (!exists) {
      await fs.writeFile(tmp, content);
      await fs.rename(tmp, target);
    }
  } catch (e) {
    // the file is not on disk, so nothing is recorded of it
    await fs.rm(tmp, { force: true }).catch(() => {});
    throw new AppError('STORAGE', `${ERRORS.STORAGE.message} (${(e as NodeJS.ErrnoException).code ?? 'lỗi ghi'})`);
  }
  await repo.upsertFile(ctx.db, { sha256, size: content.length, mime, createdBy: actor.id });
  return { sha256, size: content.length, mime };
}

function isUtf8Text(b: Buffer): boolean {
  const sample = b.subarray(0, 65536);
  if (sample.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(
      sample.length < b.length ? sample.subarray(0, sample.lastIndexOf(0x0a) + 1 || sample.length) : sample,
    );
    return true;
  } catch {
    return false;
  }
}

/**
 * A stored file, for an actor who may read it (see fileReadable); others are told it does not exist.
 * Files are never deleted with a record: another record may use the same bytes.
 */
export async function readFile(
  ctx: Ctx,
  actor: Actor,
  sha256: string,
): Promise<{ content: Buffer; mime: string; size: number }> {
  if (!/^[0-9a-f]{64}$/u.test(sha256)) throw new AppError('NOT_FOUND', 'Không tìm thấy tệp');
  const row = await repo.getFile(ctx.db, sha256);
  if (!row || !(await repo.fileReadable(ctx.db, sha256, actor.id)))
    throw new AppError('NOT_FOUND', 'Không tìm thấy tệp');
  const content = await fs.readFile(filePath(ctx.config.dataDir, sha256)).catch(() => {
    throw new AppError('NOT_FOUND', 'Tệp đã được ghi nhận nhưng không còn trên đĩa; báo quản trị viên');
  });
  return { content, mime: row.mime, size: Number(row.size) };
}
