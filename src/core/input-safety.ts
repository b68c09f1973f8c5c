/**
 * What no text field may carry, whatever the route: characters that PostgreSQL cannot store (NUL), that
 * are not text (other C0 control characters, lone UTF-16 surrogates), or that can make a title read
 * differently from what it is (bidirectional overrides, embeddings and isolates — "Trojan Source").
 * Tab, line feed and carriage return are text.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uD800-\uDFFF\u202A-\u202E\u2066-\u2069]/u;

/** The largest value of PostgreSQL's `integer`, the type of every id in the database. */
export const INT4_MAX = 2_147_483_647;

/** A whole number that can be a database id (1 … 2^31 − 1). */
export const isDbId = (n: unknown): n is number =>
  typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= INT4_MAX;

/**
 * Why a string may not be stored, in Vietnamese, or null when it may.
 * @example unsafeTextProblem('Hội nghị\u0000') === 'chứa ký tự NUL (mã 0), không được phép'
 */
export function unsafeTextProblem(text: string): string | null {
  const m = UNSAFE.exec(text);
  if (!m) return null;
  const code = m[0].charCodeAt(0);
  if (code === 0) return 'chứa ký tự NUL (mã 0), không được phép';
  if (code >= 0xd800 && code <= 0xdfff) return 'chứa ký tự Unicode không hợp lệ (nửa cặp UTF-16)';
  if (code >= 0x202a) return `chứa ký tự điều khiển hướng chữ (U+${code.toString(16).toUpperCase()}), không được phép`;
  return `chứa ký tự điều khiển (mã ${code}), không được phép`;
}

/**
 * Walks a parsed request part (body, query, params) and returns the problem of each unsafe string, by its
 * path ("participants.0.name") into `out`; keys are checked too. Depth and breadth are bounded by the body
 * limit.
 */
export function unsafeTextFields(value: unknown, path = '', out: Record<string, string> = {}): Record<string, string> {
  visit(value, path, 0, out);
  return out;
}

// a module-level walk (no closure made per request: this runs on every request)
function visit(v: unknown, p: string, depth: number, out: Record<string, string>): void {
  if (depth > 64) {
    out[p || 'body'] = 'lồng nhau quá sâu';
    return;
  }
  if (typeof v === 'string') {
    const problem = unsafeTextProblem(v);
    if (problem) out[p || 'body'] = problem;
  } else if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) visit(v[i], p ? `${p}.${i}` : String(i), depth + 1, out);
  } else if (v !== null && typeof v === 'object') {
    for (const k in v) {
      if (!Object.hasOwn(v, k)) continue;
      const keyPath = p ? `${p}.${k}` : k;
      const keyProblem = unsafeTextProblem(k);
      if (keyProblem) out[keyPath] = `tên trường ${keyProblem}`;
      else visit((v as Record<string, unknown>)[k], keyPath, depth + 1, out);
    }
  }
}
