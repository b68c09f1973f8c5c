import type ExcelJS from 'exceljs';
import type { DrillRow } from '../../core/indicator-eval.ts';
import { groupNotes, type ReportContent, type UnitNote } from '../../core/official-report.ts';
import { STATUS_LABELS } from '../../core/status.ts';
import { UNIT_KIND_LABELS, type UnitKind } from '../../core/units.ts';
import { newWorkbook, xlsxBuffer } from '../files/sheets.ts';

export interface UnitsBehind {
  code: string;
  title: string;
  kind: string;
  rows: DrillRow[];
}

const kindLabel = (kind: string) => UNIT_KIND_LABELS[kind as UnitKind]?.vi ?? kind;

function sheet(wb: ExcelJS.Workbook, name: string, headers: string[], widths: number[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  ws.addRow(headers).font = { bold: true };
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return ws;
}

/** Shares as numbers formatted as percentages, so that the annex can be summed and charted again. */
function numberFormat(row: ExcelJS.Row, columns: number[], isShare: boolean): void {
  for (const c of columns) row.getCell(c).numFmt = isShare ? '0.0%' : '#,##0.##';
}

/**
 * The report's annex: every table of the report as a sheet, with numbers as numbers, and the units behind
 * each indicator (the drill-down of the indicator pages) so that anyone can check a figure.
 */
export async function reportAnnex(c: ReportContent, behind: UnitsBehind[], figuresSha256: string): Promise<Buffer> {
  const wb = newWorkbook();
  wb.title = c.title;
  const info = wb.addWorksheet('Thông tin');
  info.getColumn(1).width = 28;
  info.getColumn(2).width = 90;
  for (const [k, v] of [
    ['Báo cáo', c.title],
    ['Địa bàn', c.area ? `${c.area.name} (${c.area.code})` : 'Toàn tỉnh'],
    ['Hồ sơ tính từ ngày', c.from],
    ['đến ngày', c.to],
    ['Kỳ báo cáo của đơn vị', c.periods.join(', ')],
    ['Kế hoạch', `${c.planId}, phiên bản ${c.planVersion}`],
    ['Tổng hợp lúc', c.generatedAt],
    ['Số liệu tạm thời', c.provisional ? 'Có' : 'Không'],
    ['Mã kiểm tra số liệu (SHA-256)', figuresSha256],
  ])
    info.addRow([k, v]);

  const review = c.kind === 'review';
  const years = review ? (c.goals.flatMap((g) => g.indicators)[0]?.years?.map((y) => y.year) ?? []) : [];
  const goals = sheet(
    wb,
    'Chỉ tiêu',
    [
      'Mục tiêu',
      'Mã',
      'Chỉ tiêu',
      ...years.map(String),
      'Mục tiêu năm',
      'Kết quả',
      'Tử số',
      'Mẫu số',
      'Đánh giá',
      'Cách đánh giá',
    ],
    [10, 10, 60, ...years.map(() => 10), 12, 12, 10, 10, 18, 80],
  );
  for (const g of c.goals)
    for (const i of g.indicators) {
      const row = goals.addRow([
        g.code,
        i.code,
        i.title,
        ...years.map((y) => i.years?.find((p) => p.year === y)?.value ?? null),
        i.target,
        i.value,
        i.numerator,
        i.denominator,
        STATUS_LABELS[i.status].vi,
        i.reason ?? i.rule,
      ]);
      numberFormat(row, [...years.map((_, k) => 4 + k), 4 + years.length, 5 + years.length], i.isShare);
    }

  const units = sheet(
    wb,
    'Đơn vị theo chỉ tiêu',
    ['Chỉ tiêu', 'Mã đơn vị', 'Tên đơn vị', 'Loại', 'Địa bàn', 'Số liệu của đơn vị', 'Trong số', 'Đạt', 'Ghi chú'],
    [10, 14, 44, 22, 32, 14, 10, 10, 30],
  );
  for (const b of behind)
    for (const r of b.rows)
      units.addRow([
        b.code,
        r.code,
        r.name,
        kindLabel(r.kind),
        r.areaName ?? '',
        r.count,
        r.total ?? null,
        r.passes === null ? '' : r.passes ? 'Đạt' : 'Chưa đạt',
        r.note ?? '',
      ]);

  const tasks = sheet(
    wb,
    'Nhiệm vụ',
    ['Nhóm nhiệm vụ', 'Loại hoạt động', 'Số hoạt động', 'Số đơn vị', 'Lượt người tham gia', 'Trong đó nữ'],
    [10, 44, 14, 12, 18, 14],
  );
  for (const t of c.tasks)
    for (const l of t.lines) tasks.addRow([t.code, l.label, l.approved, l.units, l.participants, l.female]);

  const models = sheet(wb, 'Mô hình', ['Tên mô hình', 'Đơn vị', 'Địa bàn', 'Đánh giá gần nhất'], [50, 36, 30, 18]);
  for (const m of c.models)
    models.addRow([
      m.title,
      m.unit,
      m.area,
      m.effective === null ? 'Chưa đánh giá' : m.effective ? 'Hiệu quả' : 'Chưa hiệu quả',
    ]);

  const timely = sheet(
    wb,
    'Tiến độ báo cáo',
    ['Kỳ', 'Tên kỳ', 'Phải báo cáo', 'Đầy đủ', 'Đúng hạn'],
    [12, 30, 14, 12, 12],
  );
  for (const r of c.completeness) timely.addRow([r.period, r.label, r.expected, r.complete, r.onTime]);

  const notes = (name: string, list: UnitNote[]) => {
    const ws = sheet(wb, name, ['Loại đơn vị', 'Đơn vị', 'Nội dung'], [30, 40, 100]);
    for (const g of groupNotes(list, Object.keys(UNIT_KIND_LABELS)))
      for (const n of g.notes) ws.addRow([kindLabel(g.kind), n.unit, n.text]).alignment = { wrapText: true };
  };
  notes('Khó khăn', c.difficulties);
  notes('Đề xuất', c.proposals);
  return xlsxBuffer(wb);
}
