import zlib from 'node:zlib';
import { AppError } from '../../core/errors.ts';

/**
 * Limits for the ZIP archives behind .xlsx and .docx, checked before ExcelJS or mammoth open them: a
 * real workbook of 100,000 rows has a few dozen parts and expands to well under 300 MB, while a "zip
 * bomb" of a few hundred kilobytes expands to gigabytes.
 */
export interface ArchiveLimits {
  maxEntries: number;
  maxTotalBytes: number;
  /**
   * expansion allowed for one part (uncompressed / compressed), for parts larger than 10 MB (small parts
   * of real files can be very repetitive)
   */
  maxRatio: number;
}

export const ARCHIVE_LIMITS: ArchiveLimits = { maxEntries: 2_000, maxTotalBytes: 300 * 1024 * 1024, maxRatio: 200 };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const tooComplex = (why: string) => new AppError('FILE_TOO_COMPLEX', `Tệp quá phức tạp để đọc an toàn: ${why}`);

interface Entry {
  name: string;
  method: number;
  compressed: number;
  uncompressed: number;
  localOffset: number;
}

function centralDirectory(buf: Buffer): Entry[] {
  const from = Math.max(0, buf.length - 22 - 65_535);
  let eocd = -1;
  for (let i = buf.length - 22; i >= from; i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new AppError('FILE_TYPE', 'Tệp không phải tệp Office (.xlsx, .docx) hợp lệ');
  const count = buf.readUInt16LE(eocd + 10);
  const size = buf.readUInt32LE(eocd + 12);
  const offset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) throw tooComplex('định dạng ZIP64 không được hỗ trợ');
  if (offset + size > buf.length) throw new AppError('FILE_TYPE', 'Tệp bị hỏng (mục lục ZIP vượt quá tệp)');
  const entries: Entry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw new AppError('FILE_TYPE', 'Tệp bị hỏng');
    const nameLength = buf.readUInt16LE(p + 28);
    entries.push({
      method: buf.readUInt16LE(p + 10),
      compressed: buf.readUInt32LE(p + 20),
      uncompressed: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', p + 46, p + 46 + nameLength),
    });
    p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return entries;
}

/**
 * Checks an Office archive against `limits` from its central directory, then inflates every part with
 * the output capped at its declared size, so that a part lying about its size is caught too. Throws
 * FILE_TOO_COMPLEX (or FILE_TYPE for a broken file); returns the number of bytes the parts expand to.
 * @example checkArchive(fs.readFileSync('mau.xlsx')) // → 48213 (bytes of XML inside)
 */
export function checkArchive(buf: Buffer, limits: ArchiveLimits = ARCHIVE_LIMITS): number {
  const entries = centralDirectory(buf);
  if (entries.length > limits.maxEntries) throw tooComplex(`${entries.length} phần (tối đa ${limits.maxEntries})`);
  let total = 0;
  for (const e of entries) {
    total += e.uncompressed;
    if (total > limits.maxTotalBytes) {
      throw tooComplex(`giải nén ra hơn ${Math.round(limits.maxTotalBytes / 1024 / 1024)} MB`);
    }
    if (e.uncompressed > 10 * 1024 * 1024 && e.uncompressed > limits.maxRatio * Math.max(e.compressed, 1)) {
      throw tooComplex(`phần "${e.name}" nén quá mức (${Math.round(e.uncompressed / Math.max(e.compressed, 1))} lần)`);
    }
    if (e.method !== 0 && e.method !== 8) throw tooComplex(`phần "${e.name}" dùng kiểu nén không hỗ trợ`);
  }
  for (const e of entries) {
    const p = e.localOffset;
    if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOCAL) throw new AppError('FILE_TYPE', 'Tệp bị hỏng');
    const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
    const data = buf.subarray(start, start + e.compressed);
    if (e.method === 0) {
      if (data.length !== e.uncompressed) throw new AppError('FILE_TYPE', 'Tệp bị hỏng');
      continue;
    }
    let out: Buffer;
    try {
      out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(e.uncompressed, 1) });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw tooComplex(`phần "${e.name}" lớn hơn kích thước nó khai báo`);
      }
      throw new AppError('FILE_TYPE', 'Tệp bị hỏng (không giải nén được)');
    }
    if (out.length !== e.uncompressed) throw tooComplex(`phần "${e.name}" khác kích thước nó khai báo`);
  }
  return total;
}
