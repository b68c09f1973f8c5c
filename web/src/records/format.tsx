import dayjs from 'dayjs';
import type { FieldInfo, Label, UnitRecord } from '../api.ts';
import { fmtDecimal, numberLocale } from '../format.ts';

/** A field's value as a reader sees it: labels for codes, names for units and links, dates DD/MM/YYYY. */
export function showValue(
  f: FieldInfo,
  value: unknown,
  r: UnitRecord | null,
  label: (l: Label | undefined, fallback?: string) => string,
  yesNo: [string, string],
): string {
  if (value === null || value === undefined || value === '') return '—';
  switch (f.kind) {
    case 'date':
      return dayjs(String(value)).format('DD/MM/YYYY');
    case 'money':
      return `${Number(value).toLocaleString(numberLocale())} đ`;
    case 'int':
      return f.year ? String(value) : Number(value).toLocaleString(numberLocale());
    case 'score':
      return fmtDecimal(Number(value));
    case 'bool':
      return value ? yesNo[0] : yesNo[1];
    case 'code':
      return label(f.list?.[String(value)], String(value));
    case 'codes':
      return (value as string[]).map((c) => label(f.list?.[c], c)).join('; ') || '—';
    case 'unit':
    case 'record':
      return r?.refs[f.name]?.name ?? `#${String(value)}`;
    case 'group': {
      const items = value as Record<string, unknown>[];
      if (items.length === 0) return '—';
      // the last evaluation's verdict tells most; otherwise the number of items
      const last = items[items.length - 1]!;
      return 'effective' in last ? `${items.length} · ${last.effective ? yesNo[0] : yesNo[1]}` : String(items.length);
    }
    default:
      return String(value);
  }
}

/** Server paths ("evaluations[2].date") as antd form names (['evaluations', 1, 'date']). */
export function formPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.split('.')) {
    const m = /^(\w+)\[(\d+)\]$/u.exec(part);
    if (m) out.push(m[1]!, Number(m[2]) - 1);
    else out.push(part);
  }
  return out;
}

/** Record data ↔ form values: dates become dayjs objects in the form and ISO strings again on save. */
export function toFormValues(fields: FieldInfo[], data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = data[f.name];
    if (f.kind === 'date') out[f.name] = typeof v === 'string' ? dayjs(v) : undefined;
    else if (f.kind === 'group')
      out[f.name] = ((v as Record<string, unknown>[] | undefined) ?? []).map((item) =>
        toFormValues(f.fields ?? [], item),
      );
    else out[f.name] = v ?? (f.kind === 'codes' ? [] : undefined);
  }
  return out;
}

export function fromFormValues(fields: FieldInfo[], values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values[f.name];
    if (f.kind === 'date')
      out[f.name] =
        v && typeof (v as dayjs.Dayjs).format === 'function' ? (v as dayjs.Dayjs).format('YYYY-MM-DD') : null;
    else if (f.kind === 'group')
      out[f.name] = ((v as Record<string, unknown>[] | undefined) ?? []).map((item) =>
        fromFormValues(f.fields ?? [], item ?? {}),
      );
    else out[f.name] = v === undefined ? null : v;
  }
  return out;
}
