import { isIsoDate, parseDateInput, todayInVietnam } from '../../core/dates.ts';
import { AppError, invalid, type RowError } from '../../core/errors.ts';
import { planUnitImport, restoreLeadingZeros } from '../../core/unit-import.ts';
import { writeAudit, writeAuditMany } from '../audit/repository.ts';
import type { Actor, Ctx } from '../context.ts';
import { readTabular, requireColumns, textCell } from '../files/tabular.ts';
import * as repo from './repository.ts';

export interface UnitImportResult {
  rows: number;
  created: number;
  changed: number;
  unchanged: number;
}

function importFailed(errors: RowError[]): AppError {
  const shown = errors
    .slice(0, 3)
    .map((e) => `dòng ${e.line}: ${e.reason}`)
    .join('; ');
  return new AppError(
    'IMPORT_INVALID',
    `Tệp có ${errors.length} lỗi, chưa ghi dòng nào (${shown}${errors.length > 3 ? '; …' : ''})`,
    undefined,
    errors,
  );
}

/**
 * Imports units valid over [validFrom, validTo] from a CSV/XLSX with columns code,name,level,parent_code.
 * All or nothing; re-importing the same file changes nothing.
 */
export async function importUnits(
  ctx: Ctx,
  actor: Actor,
  content: Buffer,
  validFrom: string,
  validTo: string | null,
): Promise<UnitImportResult> {
  if (!isIsoDate(validFrom)) throw invalid({ validFrom: 'ngày hiệu lực phải có dạng YYYY-MM-DD' });
  if (validTo !== null && !isIsoDate(validTo)) throw invalid({ validTo: 'ngày hết hiệu lực phải có dạng YYYY-MM-DD' });
  if (validTo !== null && validTo < validFrom)
    throw invalid({ validTo: 'ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực' });
  const table = await readTabular(content);
  requireColumns(table, ['code', 'name', 'level', 'parent_code']);
  const raw = table.rows.map((r) => ({
    line: r.line,
    code: textCell(r, 'code'),
    name: textCell(r, 'name'),
    level: textCell(r, 'level'),
    parentCode: textCell(r, 'parent_code'),
    codeWasNumber: typeof r.cells.code === 'number',
    parentWasNumber: typeof r.cells.parent_code === 'number',
  }));
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await repo.loadExistingUnits(trx);
    const rows = restoreLeadingZeros(raw, new Set(existing.keys()));
    const { errors, plan } = planUnitImport(rows, validFrom, validTo, existing);
    if (!plan) throw importFailed(errors);
    const ids = new Map([...existing.values()].map((u) => [u.code, u.id]));
    await repo.writeUnitHistories(trx, plan.changes, ids);
    const result = {
      rows: rows.length,
      created: plan.changes.filter((c) => c.isNew).length,
      changed: plan.changes.filter((c) => !c.isNew).length,
      unchanged: plan.unchanged,
    };
    if (plan.changes.length > 0) {
      // One entry per unit, with its whole history before and after, and one for the file.
      await writeAuditMany(
        trx,
        actor,
        plan.changes.map((c) => ({
          action: c.isNew ? 'create' : 'update',
          entity: 'unit',
          entityId: c.code,
          before: c.isNew ? null : { kind: c.kind, history: existing.get(c.code)!.spans },
          after: { kind: c.kind, history: c.spans },
        })),
      );
      await writeAudit(trx, actor, 'import', 'unit', `${validFrom}..${validTo ?? ''}`, null, result);
    }
    return result;
  });
}

/** Imports successor links (from_code,to_code,date): merges and splits. All or nothing, idempotent. */
export async function importSuccessors(
  ctx: Ctx,
  actor: Actor,
  content: Buffer,
): Promise<{ rows: number; added: number }> {
  const table = await readTabular(content);
  requireColumns(table, ['from_code', 'to_code', 'date']);
  return ctx.db.transaction().execute(async (trx) => {
    const codes = [
      ...new Set(table.rows.flatMap((r) => [textCell(r, 'from_code'), textCell(r, 'to_code')]).filter(Boolean)),
    ];
    const units = await repo.unitIdsByCodes(trx, codes);
    const errors: RowError[] = [];
    const links: { from: number; to: number; date: string }[] = [];
    for (const r of table.rows) {
      const from = units.get(textCell(r, 'from_code'));
      const to = units.get(textCell(r, 'to_code'));
      const date = parseDateInput(r.cells.date);
      if (!from)
        errors.push({
          line: r.line,
          column: 'from_code',
          reason: `không tìm thấy đơn vị mã "${textCell(r, 'from_code')}"`,
        });
      if (!to)
        errors.push({
          line: r.line,
          column: 'to_code',
          reason: `không tìm thấy đơn vị mã "${textCell(r, 'to_code')}"`,
        });
      if (!date) errors.push({ line: r.line, column: 'date', reason: 'ngày phải có dạng YYYY-MM-DD hoặc DD/MM/YYYY' });
      if (from && to && from.id === to.id)
        errors.push({ line: r.line, column: 'to_code', reason: 'đơn vị kế thừa trùng đơn vị cũ' });
      if (from && to && date) {
        if (from.valid_from >= date)
          errors.push({
            line: r.line,
            column: 'date',
            reason: `đơn vị "${textCell(r, 'from_code')}" chưa tồn tại trước ngày ${date}`,
          });
        if (to.valid_to !== null && to.valid_to < date)
          errors.push({
            line: r.line,
            column: 'date',
            reason: `đơn vị "${textCell(r, 'to_code')}" đã hết hiệu lực trước ngày ${date}`,
          });
        links.push({ from: from.id, to: to.id, date });
      }
    }
    if (errors.length > 0) throw importFailed(errors);
    const added = await repo.insertSuccessors(trx, links);
    if (added.length > 0) {
      await writeAuditMany(
        trx,
        actor,
        added.map((l) => ({
          action: 'create',
          entity: 'unit_successor',
          entityId: `${l.from}>${l.to}@${l.date}`,
          before: null,
          after: l,
        })),
      );
    }
    return { rows: table.rows.length, added: added.length };
  });
}

export async function listUnits(ctx: Ctx, q: Omit<repo.UnitListQuery, 'asOf'> & { asOf?: string | undefined }) {
  return repo.listUnitsAsOf(ctx.db, { ...q, asOf: q.asOf ?? todayInVietnam() });
}

/** One unit: its state on a date, its ancestors then, its whole history and its successor links. */
export async function getUnit(ctx: Ctx, id: number, asOf: string = todayInVietnam()) {
  const unit = await repo.getUnitRow(ctx.db, id);
  if (!unit) throw new AppError('NOT_FOUND', 'Không tìm thấy đơn vị');
  const [history, links, ancestors] = await Promise.all([
    repo.unitHistory(ctx.db, id),
    repo.unitLinks(ctx.db, id),
    repo.ancestorsAsOf(ctx.db, id, asOf),
  ]);
  const current = ancestors[0];
  return {
    id: unit.id,
    code: unit.code,
    kind: unit.kind,
    validFrom: unit.valid_from,
    validTo: unit.valid_to,
    asOf,
    existsOnDate: current !== undefined,
    name: current?.name ?? history[history.length - 1]?.name ?? unit.code,
    ancestors: ancestors.slice(1).map((a) => ({ id: a.unit_id, code: a.code, kind: a.kind, name: a.name })),
    history: history.map((h) => ({
      name: h.name,
      parentId: h.parent_id,
      parentCode: h.parent_code,
      parentName: h.parent_name,
      validFrom: h.valid_from,
      validTo: h.valid_to,
    })),
    successors: links
      .filter((l) => l.direction === 'to')
      .map((l) => ({ id: l.unit_id, code: l.code, name: l.name, date: l.date })),
    predecessors: links
      .filter((l) => l.direction === 'from')
      .map((l) => ({ id: l.unit_id, code: l.code, name: l.name, date: l.date })),
  };
}
