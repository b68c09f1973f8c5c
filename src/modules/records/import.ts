import { AppError, type RowError } from '../../core/errors.ts';
import { canWriteRecord, isOffice } from '../../core/permissions.ts';
import type { RecordInputRaw } from '../../core/records/validate.ts';
import { foldText } from '../../core/text.ts';
import type { RecordStatus } from '../../core/workflow.ts';
import { writeAuditMany } from '../audit/repository.ts';
import type { Actor, Ctx } from '../context.ts';
import { codeVariants, readTabular, requireColumns, textCell, type TabularRow } from '../files/tabular.ts';
import { unitIdsByCodes } from '../units/repository.ts';
import { insertEvents } from '../workflow/repository.ts';
import * as repo from './repository.ts';
import { checked, RECORD_ENTITY, typeDef } from './service.ts';
import { readGroupCell, recordColumns } from './spreadsheet.ts';

/**
 * Imports records of one type from CSV/XLSX (the columns of its template; headers may be the codes or
 * the Vietnamese headers of the template). Every row goes through the same checks as the form; rows are
 * written in order (so a later row sees an earlier one's Action Month year or model name) inside one
 * transaction that is rolled back if any row is wrong: all or nothing, every problem with its line and
 * column. A unit's file awaits approval; the office's own import is taken as approved.
 */
export async function importRecords(
  ctx: Ctx,
  actor: Actor,
  type: string,
  content: Buffer,
): Promise<{ rows: number; created: number }> {
  const def = typeDef(type);
  const columns = recordColumns(def);
  const table = await readTabular(content);
  requireColumns(
    table,
    columns.filter((c) => c.required).map((c) => c.code),
  );
  const status: RecordStatus = isOffice(actor) ? 'approved' : 'submitted';
  return ctx.db.transaction().execute(async (trx) => {
    const unitColumns = ['unit_code', ...columns.filter((c) => c.field?.kind === 'unit').map((c) => c.code)];
    const units = await unitIdsByCodes(trx, [
      ...new Set(table.rows.flatMap((r) => unitColumns.flatMap((c) => codeVariants(r, c)))),
    ]);
    const resolve = (r: TabularRow, column: string) => {
      const code = codeVariants(r, column).find((c) => units.has(c)) ?? textCell(r, column);
      return { code, unit: units.get(code) };
    };
    const titles = new Map<string, number[]>();
    const linkTypes = [...new Set(def.fields.filter((f) => f.kind === 'record').map((f) => f.recordType!))];
    for (const t of linkTypes)
      for (const r of await repo.idsByTitle(trx, t))
        titles.set(foldText(r.title), [...(titles.get(foldText(r.title)) ?? []), r.id]);
    const errors: RowError[] = [];
    const created: { id: number; after: unknown }[] = [];
    for (const r of table.rows) {
      const rowErrors: RowError[] = [];
      const fail = (column: string, reason: string) => rowErrors.push({ line: r.line, column, reason });
      const { code: unitCode, unit } = resolve(r, 'unit_code');
      if (unitCode === 'VI-DU') fail('unit_code', 'đây là dòng ví dụ của tệp mẫu: hãy xoá dòng này');
      else if (!unit) fail('unit_code', unitCode ? `không tìm thấy đơn vị mã "${unitCode}"` : 'thiếu mã đơn vị');
      else if (!canWriteRecord(actor, type, unit.id)) fail('unit_code', 'bạn không có quyền ghi hồ sơ cho đơn vị này');
      const data: Record<string, unknown> = {};
      for (const c of columns) {
        const f = c.field;
        if (!f) continue;
        const text = textCell(r, c.code);
        if (f.kind === 'unit') {
          if (!text) continue;
          const ref = resolve(r, c.code);
          if (ref.unit) data[f.name] = ref.unit.id;
          else fail(c.code, `không tìm thấy đơn vị, địa bàn mã "${ref.code}"`);
        } else if (f.kind === 'record') {
          if (!text) continue;
          const ids = titles.get(foldText(text)) ?? [];
          if (ids.length === 1) data[f.name] = ids[0];
          else
            fail(
              c.code,
              ids.length === 0
                ? `không tìm thấy "${text}" (ghi đúng tên đã có)`
                : `có ${ids.length} bản ghi cùng tên "${text}"; hãy sửa trên giao diện`,
            );
        } else if (f.kind === 'group') data[f.name] = readGroupCell(f, text);
        else
          data[f.name] =
            r.cells[c.code] instanceof Date || typeof r.cells[c.code] === 'number' ? r.cells[c.code] : text;
      }
      if (rowErrors.length === 0) {
        try {
          const row = await checked(trx, ctx, def, { unitId: unit!.id, data } as RecordInputRaw, [], null);
          const [id] = await repo.insertRecords(trx, [row], actor.id, status);
          created.push({ id: id!, after: { ...row, status, source: 'import' } });
          if (linkTypes.includes(type))
            titles.set(foldText(row.title), [...(titles.get(foldText(row.title)) ?? []), id!]);
        } catch (e) {
          if (!(e instanceof AppError) || !e.fields) throw e;
          for (const [path, reason] of Object.entries(e.fields)) {
            const m = /^(\w+)\[(\d+)\]\./u.exec(path);
            const name = m ? m[1]! : path;
            const column =
              name === 'unitId' ? 'unit_code' : (columns.find((c) => c.field?.name === name)?.code ?? name);
            fail(column, m ? `mục ${m[2]} — ${reason}` : reason);
          }
        }
      }
      errors.push(...rowErrors);
    }
    if (errors.length > 0) {
      throw new AppError(
        'IMPORT_INVALID',
        `Tệp có ${errors.length} lỗi ở ${new Set(errors.map((e) => e.line)).size} dòng; chưa ghi dòng nào`,
        undefined,
        errors,
      );
    }
    await insertEvents(
      trx,
      actor,
      RECORD_ENTITY,
      created.map((c) => ({ id: c.id, action: 'import', from: null, to: status })),
    );
    await writeAuditMany(
      trx,
      actor,
      created.map((c) => ({ action: 'create', entity: type, entityId: c.id, before: null, after: c.after })),
    );
    return { rows: table.rows.length, created: created.length };
  });
}
