import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of the project's package.json, found by walking up from this module: the same answer whether
 * the server runs from its TypeScript sources (src/…) or from the compiled bundle (dist/server/…), so that
 * plans, rules, indicator sets and instruments are found by one path in both.
 */
function findRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'bdg-monitor') return dir;
    if (path.dirname(dir) === dir) throw new Error(`Không tìm thấy thư mục dự án (package.json) phía trên ${start}`);
  }
}

export const PROJECT_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

/** A path inside the project: `fromRoot('plans')` → /…/bdg-monitor/plans. */
export const fromRoot = (...parts: string[]): string => path.join(PROJECT_ROOT, ...parts);
