import fs from 'node:fs/promises';
import { REPORT_KIND_LABELS, type ReportContent, type ReportKind } from '../../core/official-report.ts';
import { AppError } from '../../core/errors.ts';
import { Dhis2MappingSchema, openFigures, toDhis2, type Dhis2Mapping } from '../../core/open-data.ts';
import { parseYamlData, validateData } from '../../core/yaml-data.ts';
import type { Ctx } from '../context.ts';
import { toCsv, type SheetColumn } from '../files/sheets.ts';
import { getReport, listReports } from '../official-reports/repository.ts';
import { figuresSha256 } from '../official-reports/service.ts';
import { listUnitsAsOf } from '../units/repository.ts';

const links = (id: number) => ({
  json: `/api/open/reports/${id}`,
  csv: `/api/open/reports/${id}/figures.csv`,
  dhis2: `/api/open/reports/${id}/dhis2.json`,
});

/** Final reports only: a draft is not published, whoever asks. */
async function finalReport(ctx: Ctx, id: number) {
  const row = await getReport(ctx.db, id);
  if (!row || row.status !== 'final') throw new AppError('NOT_FOUND', 'Không có báo cáo đã ban hành với số này');
  return { row, content: row.content as ReportContent };
}

/** Every final report, newest first, with the version that replaced it (a correction) and its addresses. */
export async function openReports(ctx: Ctx) {
  const rows = (await listReports(ctx.db)).filter((r) => r.status === 'final');
  const replacedBy = new Map(rows.filter((r) => r.previous_id !== null).map((r) => [r.previous_id!, r.id]));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    kindLabel: REPORT_KIND_LABELS[r.kind as ReportKind].vi,
    year: r.year,
    title: r.title,
    area: r.area_code ? { code: r.area_code, name: r.area_name } : null,
    version: r.version,
    replaces: r.previous_id,
    replacedBy: replacedBy.get(r.id) ?? null,
    finalisedAt: r.finalised_at ? new Date(r.finalised_at).toISOString() : null,
    links: links(r.id),
  }));
}

/** One final report's published figures: indicators (a review: every year) and the task groups' activities. */
export async function openReport(ctx: Ctx, id: number) {
  const { row, content } = await finalReport(ctx, id);
  const later = (await listReports(ctx.db)).find((r) => r.previous_id === id && r.status === 'final');
  return {
    id,
    kind: row.kind,
    kindLabel: REPORT_KIND_LABELS[row.kind as ReportKind].vi,
    year: row.year,
    title: content.title,
    area: content.area ? { code: content.area.code, name: content.area.name } : null,
    version: row.version,
    replaces: row.previous_id,
    replacedBy: later?.id ?? null,
    changeNote: row.change_note || null,
    finalisedAt: new Date(row.finalised_at!).toISOString(),
    planId: content.planId,
    planVersion: content.planVersion,
    recordsFrom: content.from,
    recordsTo: content.to,
    provisional: content.provisional,
    figuresSha256: figuresSha256(content),
    docxSha256: row.docx_sha256,
    indicators: openFigures(content),
    activities: content.tasks.flatMap((t) =>
      t.lines.map((l) => ({
        task: t.code,
        type: l.type,
        label: l.label,
        approved: l.approved,
        units: l.units,
        participants: l.participants,
        female: l.female,
      })),
    ),
    links: links(id),
  };
}

const CSV_COLUMNS: SheetColumn[] = [
  ['report_id', 'Số báo cáo'],
  ['report_version', 'Phiên bản'],
  ['kind', 'Loại báo cáo'],
  ['area_code', 'Mã địa bàn'],
  ['area_name', 'Địa bàn'],
  ['goal', 'Mục tiêu'],
  ['indicator_code', 'Mã chỉ tiêu'],
  ['indicator', 'Chỉ tiêu'],
  ['year', 'Năm'],
  ['unit', 'Đơn vị tính'],
  ['value', 'Giá trị'],
  ['numerator', 'Tử số'],
  ['denominator', 'Mẫu số'],
  ['target', 'Mục tiêu năm'],
  ['status', 'Trạng thái'],
  ['plan', 'Kế hoạch'],
  ['figures_sha256', 'Mã kiểm tra số liệu'],
].map(([code, vi]) => ({ code: code!, vi: vi!, required: false, width: 12 }));

/** The indicator figures of a final report as CSV (UTF-8, a header of codes and Vietnamese words). */
export async function openReportCsv(ctx: Ctx, id: number): Promise<Buffer> {
  const r = await openReport(ctx, id);
  return toCsv(
    CSV_COLUMNS,
    r.indicators.map((f) => [
      r.id,
      r.version,
      r.kind,
      r.area?.code ?? '',
      r.area?.name ?? '',
      f.goal,
      f.code,
      f.title,
      f.year,
      f.unit,
      f.value,
      f.numerator,
      f.denominator,
      f.target,
      f.statusLabel,
      `${r.planId} v${r.planVersion}`,
      r.figuresSha256,
    ]),
  );
}

/** The DHIS2 mapping file, checked: every problem named with its line. */
export async function loadDhis2Mapping(file: string): Promise<Dhis2Mapping> {
  const fail = (problems: string[]) =>
    new AppError('INTERNAL', `Tệp ánh xạ DHIS2 ${file} không hợp lệ: ${problems.join('; ')}`);
  const text = await fs.readFile(file, 'utf8').catch(() => {
    throw new AppError('INTERNAL', `Không đọc được tệp ánh xạ DHIS2 ${file} (BDG_DHIS2_MAPPING)`);
  });
  const { data, lineOf } = parseYamlData(text, fail);
  return validateData(Dhis2MappingSchema, data, lineOf, () => [], fail);
}

/** A final report's figures as a DHIS2 dataValueSets payload, with what was left out and why. */
export async function openReportDhis2(ctx: Ctx, id: number) {
  const { row, content } = await finalReport(ctx, id);
  const mapping = await loadDhis2Mapping(ctx.config.dhis2Mapping);
  let root = '';
  if (!content.area && !mapping.rootOrgUnit) {
    const { items } = await listUnitsAsOf(ctx.db, {
      asOf: content.to,
      parentId: null,
      kinds: ['province'],
      limit: 2,
      offset: 0,
    });
    if (items.length !== 1)
      throw new AppError(
        'VALIDATION',
        'Báo cáo toàn bộ dữ liệu có nhiều tỉnh: ghi rootOrgUnit trong tệp ánh xạ DHIS2 (BDG_DHIS2_MAPPING)',
        { rootOrgUnit: 'chưa ghi' },
      );
    root = items[0]!.code;
  }
  const ref = `BĐG Monitor: báo cáo ${id} phiên bản ${row.version}, mã kiểm tra ${figuresSha256(content).slice(0, 16)}`;
  return toDhis2(content, mapping, root, new Date(row.finalised_at!).toISOString(), ref);
}
