import type { RowError } from './errors.ts';
import { dayAfter } from './dates.ts';
import { paintSpan, sameSpans, type Span } from './spans.ts';
import { cleanText, foldText } from './text.ts';
import { allowedParentKinds, isUnitKind, parentProblem, UNIT_KINDS, type UnitKind } from './units.ts';

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
  tinh: 'province',
  'thanh pho truc thuoc trung uong': 'province',
  'cap tinh': 'province',
  huyen: 'district',
  quan: 'district',
  'thi xa': 'district',
  'cap huyen': 'district',
  xa: 'commune',
  phuong: 'commune',
  'thi tran': 'commune',
  'dac khu': 'commune',
  'cap xa': 'commune',
  thon: 'village',
  'to dan pho': 'village',
  ban: 'village',
  ap: 'village',
  'khu pho': 'village',
  so: 'department',
  nganh: 'department',
  hoi: 'association',
  'doan the': 'association',
  'bao chi': 'media',
  'co quan bao chi': 'media',
  truong: 'school',
  'doanh nghiep': 'enterprise',
  khac: 'other',
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
    else if (!CODE.test(code))
      errors.push({
        line: row.line,
        column: 'code',
        reason: `mã "${code}" chỉ được gồm chữ, số, dấu chấm, gạch ngang (tối đa 40 ký tự)`,
      });
    if (!cleanText(row.name)) errors.push({ line: row.line, column: 'name', reason: 'thiếu tên đơn vị' });
    const kind = parseLevel(row.level);
    if (!kind)
      errors.push({
        line: row.line,
        column: 'level',
        reason: `cấp/loại "${row.level}" không hợp lệ (dùng một trong: ${UNIT_KINDS.join(', ')})`,
      });
    if (code && inFile.has(code)) {
      errors.push({
        line: row.line,
        column: 'code',
        reason: `mã "${code}" trùng với dòng ${inFile.get(code)!.row.line}`,
      });
      continue;
    }
    const known = existing.get(code);
    if (known && kind && known.kind !== kind) {
      errors.push({
        line: row.line,
        column: 'level',
        reason: `mã "${code}" đã có trong hệ thống là loại "${known.kind}", không thể đổi thành "${kind}"`,
      });
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
        errors.push({
          line: row.line,
          column: 'parent_code',
          reason: `không tìm thấy đơn vị cấp trên mã "${parentCode}" trong tệp hoặc trong hệ thống`,
        });
        continue;
      }
      if (!parentKind) continue; // the parent's own row is wrong and reported there
      const known = inFile.has(parentCode) ? undefined : existing.get(parentCode);
      if (known && !coversRange(known.spans, validFrom, validTo)) {
        errors.push({
          line: row.line,
          column: 'parent_code',
          reason: `đơn vị cấp trên "${parentCode}" không có hiệu lực suốt khoảng ${validFrom} – ${validTo ?? 'nay'}`,
        });
        continue;
      }
    }
    const problem = parentProblem(kind, parentKind);
    if (problem) errors.push({ line: row.line, column: 'parent_code', reason: problem });
  }
  if (errors.length > 0) return { errors: errors.sort((a, b) => a.line - b.line), plan: null };

  const plan: UnitImportPlan = { changes: [], unchanged: 0 };
  for (const [code, { row, kind }] of inFile) {
    const span: Span<UnitState> = {
      from: validFrom,
      to: validTo,
      value: { name: cleanText(row.name), parentCode: row.parentCode.trim() || null },
    };
    const known = existing.get(code);
    const before = known?.spans ?? [];
    const after = paintSpan(before, span, sameState);
    if (known && sameSpans(before, after, sameState)) plan.unchanged += 1;
    else plan.changes.push({ code, kind: kind!, isNew: !known, spans: after });
  }
  return { errors: [], plan };
}

/** True when the spans, taken together, hold on every day of [from, to] (to null = open-ended). */
function coversRange(spans: readonly Span<UnitState>[], from: string, to: string | null): boolean {
  let day = from;
  for (const s of [...spans].sort((a, b) => (a.from < b.from ? -1 : 1))) {
    if (s.from > day) break;
    if (s.to === null) return true;
    if (s.to >= day) day = dayAfter(s.to);
    if (to !== null && day > to) return true;
  }
  return false;
}

// Widths of the General Statistics Office codes: Excel turns "00004" into the number 4.
const GSO_WIDTH: Partial<Record<UnitKind, number>> = { province: 2, district: 3, commune: 5 };

/**
 * Restores the leading zeros a spreadsheet dropped from administrative codes typed as numbers: a
 * code is padded to its level's GSO width; a parent code to the width at which such a unit exists in
 * the file or the database. Rows whose cells were text are left alone.
 * @example a commune row {code: 4, parent_code: 1} under district "001" → code "00004", parent "001"
 */
export function restoreLeadingZeros(
  rows: readonly (UnitImportRow & { codeWasNumber: boolean; parentWasNumber: boolean })[],
  knownCodes: ReadonlySet<string>,
): UnitImportRow[] {
  const padded = rows.map((r) => {
    const width = GSO_WIDTH[parseLevel(r.level) ?? 'other'];
    return { ...r, code: r.codeWasNumber && width && /^\d+$/u.test(r.code) ? r.code.padStart(width, '0') : r.code };
  });
  const codes = new Set([...knownCodes, ...padded.map((r) => r.code)]);
  return padded.map(({ codeWasNumber: _c, parentWasNumber, ...r }) => {
    if (!parentWasNumber || !/^\d+$/u.test(r.parentCode) || codes.has(r.parentCode)) return r;
    const kind = parseLevel(r.level);
    const widths = kind
      ? allowedParentKinds(kind)
          .map((k) => GSO_WIDTH[k])
          .filter((w): w is number => w !== undefined)
      : [];
    const match = widths.map((w) => r.parentCode.padStart(w, '0')).find((c) => c !== r.code && codes.has(c));
    return match ? { ...r, parentCode: match } : r;
  });
}
