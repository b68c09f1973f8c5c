// V8's settings for the server process, set by `bdg` before any of the server's code is loaded.
//
// A property read or write in JavaScript is compiled with a cache of the object shapes ("maps") it has met. Past four
// shapes (V8's default) the site turns megamorphic and looks every shape up in one table shared by the whole process.
// The request path that every answer crosses (Fastify's reply, Node's headers and streams) meets many shapes in a
// process that has served the app's hundred-odd routes, and the shared table then misses. In processes that had
// answered a deadline's load, an /api/health answer took 29.9–31.0 µs of processor time, 27.4–27.5 µs with up to 64
// shapes kept per site, and a signed-in read 36.6 against 31.4 µs (by hand, 7 December 2026; see
// docs/performance-history.md). Nothing else changes: the flag only moves the point at which a site gives up its own
// cache.

/** The environment variable that sets how many shapes a site keeps (V8's own default is 4). */
export const POLYMORPHIC_MAPS_VARIABLE = 'BDG_V8_MAX_POLYMORPHIC_MAPS';
export const DEFAULT_POLYMORPHIC_MAPS = 64;

/** The V8 flags for `env`; throws, naming the variable, when its value is not a whole number from 1 to 1024. */
export function v8TuningFlags(env) {
  const given = env[POLYMORPHIC_MAPS_VARIABLE];
  const text = given?.trim() ?? '';
  // digits only: Number() would also take "0x40" or "1e2"
  const value = text === '' ? DEFAULT_POLYMORPHIC_MAPS : /^\d+$/u.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(value) || value < 1 || value > 1024) {
    throw new Error(`${POLYMORPHIC_MAPS_VARIABLE} phải là số nguyên từ 1 đến 1024 (đang là "${given}")`);
  }
  return [`--max-valid-polymorphic-map-count=${value}`];
}
