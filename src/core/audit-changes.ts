/**
 * What an audited change changed, field by field, for a person to read: the leaves of the record before
 * and after that differ, each with its path. Objects are followed into; a list of objects that carry a
 * `code` (or `key`, `id`) is followed by that name, so a plan's goals and indicators are named, not
 * numbered; other lists are compared whole. Bookkeeping fields (version, times, who) are left out.
 */
export interface AuditChange {
  /** path of names from the record's root, e.g. ["goals", "G1", "indicators", "G1.sessions", "targets", "2026"] */
  path: string[];
  before: unknown;
  after: unknown;
}

const BOOKKEEPING = new Set([
  'version',
  'updatedAt',
  'updated_at',
  'updatedBy',
  'updated_by',
  'createdAt',
  'created_at',
]);
const NAME_KEYS = ['code', 'key', 'id'] as const;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A list of objects each named by the same key, as a map by that name; otherwise null. */
function byName(v: unknown): Map<string, unknown> | null {
  if (!Array.isArray(v) || v.length === 0 || !v.every(isObject)) return null;
  const key = NAME_KEYS.find((k) => v.every((o) => typeof o[k] === 'string' || typeof o[k] === 'number'));
  if (!key) return null;
  const names = v.map((o) => String(o[key]));
  return new Set(names).size === names.length ? new Map(names.map((n, i) => [n, v[i]])) : null;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function walk(before: unknown, after: unknown, path: string[], out: AuditChange[]): void {
  if (same(before, after)) return;
  const [a, b] = [byName(before), byName(after)];
  if (a && b) {
    for (const name of new Set([...a.keys(), ...b.keys()])) walk(a.get(name), b.get(name), [...path, name], out);
    return;
  }
  if (isObject(before) && isObject(after)) {
    for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (path.length === 0 && BOOKKEEPING.has(k)) continue;
      walk(before[k], after[k], [...path, k], out);
    }
    return;
  }
  out.push({ path, before: before ?? null, after: after ?? null });
}

/** The changes between an audited record's before and after (null before: created; null after: deleted). */
export function auditChanges(before: unknown, after: unknown): AuditChange[] {
  const out: AuditChange[] = [];
  walk(before ?? null, after ?? null, [], out);
  return out;
}
