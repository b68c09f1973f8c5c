import mammoth from 'mammoth';
import { AppError } from '../../core/errors.ts';

/** The text of a .docx, paragraphs as lines (NFC). Runs in the parse worker (see parse-pool.ts). */
export async function docxText(content: Buffer): Promise<string> {
  try {
    const r = await mammoth.extractRawText({ buffer: content });
    return r.value
      .normalize('NFC')
      .replace(/\n{2,}/gu, '\n')
      .replace(/\n+$/u, '');
  } catch {
    throw new AppError('FILE_TYPE', 'Không đọc được tệp Word (.docx); hãy lưu lại dạng .docx hoặc dán nội dung');
  }
}
