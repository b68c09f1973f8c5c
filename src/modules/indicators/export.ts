import ExcelJS from 'exceljs';
import { STATUS_LABELS, type Status } from '../../core/status.ts';
import { UNIT_KIND_LABELS, type UnitKind } from '../../core/units.ts';
import type { indicatorDetail } from './service.ts';

type Detail = Awaited<ReturnType<typeof indicatorDetail>>;

/** The rows behind an indicator, with the figure, its rule and the plan version, as an XLSX workbook. */
export async function drillDownWorkbook(d: Detail): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'BĐG Monitor';
  const ws = wb.addWorksheet(d.code.slice(0, 31));
  // as the pages write them: 77,4% and 1.234 (vi-VN), never 77.4%
  const fmt = (v: number | null) =>
    v === null
      ? 'Không có dữ liệu'
      : d.isShare
        ? `${(v * 100).toLocaleString('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`
        : v.toLocaleString('vi-VN');
  ws.addRow([`${d.code} — ${d.title}`]).font = { bold: true, size: 13 };
  ws.addRow([
    `Năm ${d.year}; kế hoạch ${d.planId}, phiên bản ${d.planVersion}${d.area ? `; địa bàn ${d.area.code}` : ''}`,
  ]);
  ws.addRow([
    `Giá trị: ${fmt(d.value)}${d.denominator !== null ? ` (${d.numerator}/${d.denominator})` : ''}; mục tiêu: ` +
      `${fmt(d.target)}; trạng thái: ${STATUS_LABELS[d.status as Status].vi}`,
  ]);
  ws.addRow([`Cách tính: ${d.rule.vi}`]);
  ws.addRow([
    `Cơ cấu đơn vị: ${d.view.words.vi}${d.view.kinds ? ` Chỉ tính loại đơn vị: ${d.view.kinds.join(', ')}.` : ''}`,
  ]);
  ws.addRow([]);
  // a level share's rows say the agency's level (G4)
  const notes = d.rows.some((r) => r.note);
  const header = ws.addRow([
    'Mã',
    'Tên',
    'Loại',
    'Địa bàn',
    d.kind === 'sum' ? 'Tổng' : 'Số hồ sơ',
    ...(d.kind === 'record_share' ? ['Trong số'] : []),
    'Đạt',
    ...(notes ? ['Ghi chú'] : []),
  ]);
  header.font = { bold: true };
  for (const r of d.rows) {
    ws.addRow([
      r.code,
      r.name,
      UNIT_KIND_LABELS[r.kind as UnitKind]?.vi ?? r.kind,
      r.areaName ?? '',
      r.count,
      ...(d.kind === 'record_share' ? [r.total ?? 0] : []),
      r.passes === null ? '' : r.passes ? 'Đạt' : 'Chưa đạt',
      ...(notes ? [r.note ?? ''] : []),
    ]);
  }
  ws.columns.forEach((c, i) => {
    c.width = [14, 44, 14, 32, 12, 12, 10, 24][i] ?? 12;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
