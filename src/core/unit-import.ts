import type { RowError } from './errors.ts';
import { paintSpan, sameSpans, type Span } from './spans.ts';
import { cleanText, foldText } from './text.ts';
import { isUnitKind, parentProblem, UNIT_KINDS, type UnitKind } from './units.ts';

export interface UnitImportRow {
  line: number;
  code: string;
  name: string;
  level: string;
  parentCode: string;
}

/** What a unit says over a span of time: its name and where it sits. */
export interface UnitState {
  name: string;
  parentCode: string | null;
}

export interface ExistingUnit {
  code: string;
  kind: UnitKind;
  spans: Span<UnitState>[];
}

export interface UnitImportPlan {
  /** Units whose history changes (new ones included), with their complete new history. */
  changes: { code: string; kind: UnitKind; isNew: boolean; spans: Span<UnitState>[] }[];
  unchanged: number;
}

const sameState = (a: UnitState, b: UnitState): boolean => a.name === b.name && a.parentCode === b.parentCode;

// Level names as found in real files, folded: English kinds, Vietnamese words.
const LEVEL_ALIASES: Record<string, UnitKind> = {
  tinh: 'province', 'thanh pho truc thuoc trung uong': 'province', 'cap tinh': 'province',
  huyen: 'district', quan: 'district', 'thi xa': 'district', 'cap huyen': 'district',
  xa: 'commune', phuong: 'commune', 'thi tran': 'commune', 'dac khu': 'commune', 'cap xa': 'commune',
  thon: 'village', 'to dan pho': 'village', ban: 'village', ap: 'village', 'khu pho': 'village',
  so: 'department', nganh: 'department', hoi: 'association', 'doan the': 'association',
  'bao chi': 'media', 'co quan bao chi': 'media', truong: 'school', 'doanh nghiep': 'enterprise', khac: 'other',
};

/** Reads a level cell: a kind code (province, commune…) or its Vietnamese name, with or without diacritics. */
export function parseLevel(value: string): UnitKind | null {
  const v = foldText(value);
  if (isUnitKind(v)) return v;
  return LEVEL_ALIASES[v] ?? null;
}

const CODE = /^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$/u;

/**
 * Plans an import of units valid over [validFrom, validTo] (validTo null = open). Every row is checked
 * first; with any error nothing is planned and every error is returned with its line. Units already
 * known by code keep their identity: their name/parent history is painted over the range, so a
 * commune that keeps its code through the 2025 reform stays one unit with two versions.
 */
export function planUnitImport(
  rows: readonly UnitImportRow[],
  validFrom: string,
  validTo: string | null,
  existing: ReadonlyMap<string, ExistingUnit>,
): { errors: RowError[]; plan: UnitImportPlan | null } {
  const errors: RowError[] = [];
  const inFile = new Map<string, { row: UnitImportRow; kind: UnitKind | null }>();
  for (const row of rows) {
    const code = row.code.trim();
    if (!code) errors.push({ line: row.line, column: 'code', reason: 'thiếu mã đơn vị' });
    else if (!CODE.test(code)) errors.push({ line: row.line, column: 'code', reason: `mã "${code}" chỉ được gồm chữ, số, dấu chấm, gạch ngang (tối đa 40 ký tự)` });
    if (!cleanText(row.name)) errors.push({ line: row.line, column: 'name', reason: 'thiếu tên đơn vị' });
    const kind = parseLevel(row.level);
    if (!kind) errors.push({ line: row.line, column: 'level', reason: `cấp/loại "${row.level}" không hợp lệ (dùng một trong: ${UNIT_KINDS.join(', ')})` });
    if (code && inFile.has(code)) {
      errors.push({ line: row.line, column: 'code', reason: `mã "${code}" trùng với dòng ${inFile.get(code)!.row.line}` });
      continue;
    }
    const known = existing.get(code);
    if (known && kind && known.kind !== kind) {
      errors.push({ line: row.line, column: 'level', reason: `mã "${code}" đã có trong hệ thống là loại "${known.kind}", không thể đổi thành "${kind}"` });
    }
    if (code) inFile.set(code, { row, kind });
  }
  for (const { row, kind } of inFile.values()) {
    if (!kind) continue;
    const parentCode = row.parentCode.trim();
    if (parentCode === row.code.trim() && parentCode) {
      errors.push({ line: row.line, column: 'parent_code', reason: 'đơn vị không thể trực thuộc chính nó' });
      continue;
    }
    let parentKind: UnitKind | null = null;
    if (parentCode) {
      parentKind = inFile.get(parentCode)?.kind ?? existing.get(parentCode)?.kind ?? null;
      if (!inFile.has(parentCode) && !existing.has(parentCode)) {
        errors.push({ line: row.line, column: 'parent_code', reason: `không tìm thấy đơn vị cấp trên mã "${parentCode}" trong tệp hoặc trong hệ thống` });
        continue;
      }
      if (!parentKind) continue; // the parent's own row is wrong and reported there
    }
    const problem = parentProblem(kind, parentKind);
    if (problem) errors.push({ line: row.line, column: 'parent_code', reason: problem });
  }
  if (errors.length > 0) return { errors: errors.sort((a, b) => a.line - b.line), plan: null };

  const plan: UnitImportPlan = { changes: [], unchanged: 0 };
  for (const [code, { row, kind }] of inFile) {
    const span: Span<UnitState> = { from: validFrom, to: validTo, value: { name: cleanText(row.name), parentCode: row.parentCode.trim() || null } };
    const known = existing.get(code);
    const before = known?.spans ?? [];
    const after = paintSpan(before, span, sameState);
    if (known && sameSpans(before, after, sameState)) plan.unchanged += 1;
    else plan.changes.push({ code, kind: kind!, isNew: !known, spans: after });
  }
  return { errors: [], plan };
}

/** Search and sort columns for a unit version. */
export function versionTextColumns(name: string, code: string): { search_text: string } {
  return { search_text: `${foldText(name)} ${code.toLowerCase()}` };
}
