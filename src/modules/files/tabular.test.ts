import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.ts';
import { readTabular, textCell } from './tabular.ts';

describe('readTabular', () => {
  it('reads UTF-8 CSV with a BOM, decomposed names and semicolons', async () => {
    const t = await readTabular(Buffer.from(`\uFEFFcode;Name;level\n01;${'Hà Nội'.normalize('NFD')};province\n\n`));
    expect(t.headers).toEqual(['code', 'name', 'level']);
    expect(t.rows).toHaveLength(1);
    expect(textCell(t.rows[0]!, 'name')).toBe('Hà Nội'.normalize('NFC'));
  });
  it('reads UTF-16 tab-separated text ("Unicode text" from Excel)', async () => {
    const body = Buffer.from('code\tname\n02\tHà Giang\n', 'utf16le');
    const t = await readTabular(Buffer.concat([Buffer.from([0xff, 0xfe]), body]));
    expect(textCell(t.rows[0]!, 'name')).toBe('Hà Giang');
    expect(t.rows[0]!.line).toBe(2);
  });
  it('refuses a legacy-encoded CSV with a message that says how to fix it', async () => {
    const windows1258 = Buffer.from([0x63, 0x6f, 0x64, 0x65, 0x0a, 0x48, 0xe0, 0x20, 0x4e, 0xf4, 0x6b, 0x69, 0x0a]);
    const err = await readTabular(windows1258).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toContain('UTF-8');
  });
  it('reads the first sheet of an XLSX, keeping line numbers across empty rows', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('a');
    ws.addRow(['Code', 'Name']);
    ws.addRow(['1', 'Một']);
    ws.addRow([]);
    ws.addRow(['3', { richText: [{ text: 'Ba ' }, { text: 'Đình' }] }]);
    const t = await readTabular(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(t.rows.map((r) => [r.line, textCell(r, 'name')])).toEqual([
      [2, 'Một'],
      [4, 'Ba Đình'],
    ]);
  });
});
