import fs from 'node:fs';
import { AppError } from '../core/errors.ts';
import { agreement, type Coding } from '../core/media/agreement.ts';
import { parseTabular, requireColumns, textCell } from '../modules/files/tabular.ts';

/**
 * `bdg agreement FILE [--json]`: intercoder agreement per variable from a long table (CSV or XLSX) with
 * columns unit, coder, variable, value — one row per coded value; an empty value is a missing one. No
 * database. --json prints [{ variable, units, coders, cohenKappa, krippendorffAlpha }].
 */
export async function agreementCommand(file: string | undefined, opts: { json: boolean }): Promise<void> {
  if (!file) throw new AppError('VALIDATION', 'Dùng: bdg agreement FILE.csv [--json] (cột unit,coder,variable,value)');
  if (!fs.existsSync(file)) throw new AppError('VALIDATION', `Không tìm thấy tệp ${file}`);
  const table = await parseTabular(fs.readFileSync(file));
  requireColumns(table, ['unit', 'coder', 'variable', 'value']);
  const codings: Coding[] = [];
  const problems: string[] = [];
  for (const r of table.rows) {
    const [unit, coder, variable, value] = [
      textCell(r, 'unit'),
      textCell(r, 'coder'),
      textCell(r, 'variable'),
      textCell(r, 'value'),
    ];
    if (!unit || !coder || !variable) problems.push(`dòng ${r.line}: thiếu unit, coder hoặc variable`);
    else if (value !== '') codings.push({ unit, coder, variable, value });
  }
  if (problems.length) throw new AppError('VALIDATION', problems.slice(0, 20).join('\n'));
  const results = agreement(codings);
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(results)}\n`);
    return;
  }
  const fmt = (x: number | null) => (x === null ? 'không xác định' : x.toFixed(3));
  for (const a of results)
    console.log(
      `${a.variable}: ${a.units} đơn vị, ${a.coders} người mã hoá; kappa ${fmt(a.cohenKappa)}; alpha ` +
        `${fmt(a.krippendorffAlpha)}`,
    );
}
