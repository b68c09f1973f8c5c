/**
 * A value built once per key for the life of the process, for things that depend only on the code (an import
 * template depends on the code lists and the record type, both fixed when the process starts). Keys are compared
 * as a Map compares them (objects by identity). Concurrent callers of a key share one build; a build that fails is
 * forgotten, so the next caller tries again instead of getting the old error for ever.
 */
export function builtOnce<K, T>(build: (key: K) => Promise<T>): (key: K) => Promise<T> {
  const built = new Map<K, Promise<T>>();
  return (key) => {
    const known = built.get(key);
    if (known) return known;
    const fresh = build(key);
    built.set(key, fresh);
    fresh.catch(() => {
      if (built.get(key) === fresh) built.delete(key);
    });
    return fresh;
  };
}
