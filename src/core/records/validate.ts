import { isDbId } from '../input-safety.ts';
import { todayInVietnam } from '../dates.ts';
import { readField, type FieldValue, type Problems } from './fields.ts';
import type { RecordTypeDef, RecordValue } from './types.ts';

/** What a caller sends: the unit, then every field by name (date and title included). */
export interface RecordInputRaw {
  unitId?: unknown;
  data?: Record<string, unknown>;
}

/**
 * Checks a record of type `def` and returns it clean, or every problem by field (Vietnamese, naming the
 * field). Field rules first, then the type's rules across fields (only when each field is fine alone).
 * @example a training course with 30 women and 25 men out of 50 → { participantsTotal: 'Tổng số người tham gia: tổng
 * (50) phải ≥ tổng các phần (55)' }
 */
export function validateRecord(
  def: RecordTypeDef,
  raw: RecordInputRaw,
  today: string = todayInVietnam(),
): { value: RecordValue | null; problems: Problems } {
  const problems: Problems = {};
  const unitId = isDbId(raw.unitId) ? raw.unitId : null;
  if (unitId === null) problems.unitId = 'Đơn vị: chưa chọn đơn vị';
  const input = raw.data && typeof raw.data === 'object' ? raw.data : {};
  const data: Record<string, FieldValue> = {};
  for (const f of def.fields) data[f.name] = readField(f, input[f.name], f.name, problems, today);
  if (Object.keys(problems).length > 0) return { value: null, problems };
  const { date, title, ...rest } = data;
  const value: RecordValue = { unitId: unitId!, date: date as string, title: title as string, data: rest };
  Object.assign(problems, def.rules?.(value) ?? {});
  return Object.keys(problems).length > 0 ? { value: null, problems } : { value, problems };
}

/** The ids of units a record refers to in its fields (area, inspected unit), for existence checks. */
export function unitRefs(def: RecordTypeDef, v: RecordValue): { field: string; id: number }[] {
  return def.fields
    .filter((f) => f.kind === 'unit' && typeof v.data[f.name] === 'number')
    .map((f) => ({ field: f.name, id: v.data[f.name] as number }));
}
