import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { csvChunks, dateCell, toCsv, xlsxStream, type SheetColumn } from './sheets.ts';
import { readTabular } from './tabular.ts';

const COLUMNS: SheetColumn[] = [
  { code: 'name', vi: 'Tên', required: true, width: 20 },
  { code: 'date', vi: 'Ngày', required: true, width: 12 },
  { code: 'count', vi: 'Số người', required: false, width: 10 },
];
const rows = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => [`Buổi ${from + i}: “Bình đẳng”`, dateCell('2025-03-05'), 1000 + from + i]);

async function* pagesThenFail(pages: unknown[][][], fail: boolean) {
  for (const p of pages) yield p;
  if (fail) throw new Error('mất kết nối cơ sở dữ liệu');
}

describe('streamed exports', () => {
  it('an XLSX written page by page reads back whole, in order, dates as dates', async () => {
    const file = await buffer(
      xlsxStream('Thử', COLUMNS, { dates: [2], counts: [3] }, pagesThenFail([rows(0, 3), [], rows(3, 2)], false)),
    );
    const table = await readTabular(file);
    expect(table.rows.map((r) => r.cells.name)).toEqual([0, 1, 2, 3, 4].map((i) => `Buổi ${i}: “Bình đẳng”`));
    expect(table.rows[4]!.cells.count).toBe(1004);
    expect(table.rows[0]!.cells.date).toEqual(new Date('2025-03-05T00:00:00Z'));
  });

  it('a CSV written page by page is byte for byte the CSV written at once', async () => {
    const all = [...rows(0, 3), ...rows(3, 2)].map((r) => [r[0], '05/03/2025', r[2]]);
    const streamed = await buffer(
      Readable.from(csvChunks(COLUMNS, pagesThenFail([all.slice(0, 3), all.slice(3)], false))),
    );
    expect(streamed.equals(toCsv(COLUMNS, all))).toBe(true);
  });

  it('a download given up stops the reading of its pages', async () => {
    let read = 0;
    async function* many() {
      for (let p = 0; p < 1000; p++) {
        read++;
        await new Promise((r) => setImmediate(r));
        yield rows(p * 10, 10);
      }
    }
    for (const make of [
      () => xlsxStream('Thử', COLUMNS, { dates: [2], counts: [3] }, many()),
      () => Readable.from(csvChunks(COLUMNS, many())),
    ]) {
      read = 0;
      const stream = make();
      await new Promise<void>((resolve) => stream.once('data', () => resolve()));
      stream.destroy();
      await new Promise((r) => setTimeout(r, 50));
      const after = read;
      await new Promise((r) => setTimeout(r, 50));
      expect(read).toBe(after);
      expect(read).toBeLessThan(1000);
    }
  });

  it('a read that fails half-way ends the download with the error, never as a file that looks whole', async () => {
    await expect(
      buffer(xlsxStream('Thử', COLUMNS, { dates: [2], counts: [3] }, pagesThenFail([rows(0, 3)], true))),
    ).rejects.toThrow('mất kết nối');
    await expect(buffer(Readable.from(csvChunks(COLUMNS, pagesThenFail([rows(0, 3)], true))))).rejects.toThrow(
      'mất kết nối',
    );
  });
});
