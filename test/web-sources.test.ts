// Which files make the web client stale (src/cli/serve.ts): a rebuild empties web/dist, so a second test run (its
// global setup) or an `npm start` must not rebuild it, under a server that is serving it, because a test was edited.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newestSource } from '../src/cli/serve.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bdg-web-sources-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the sources the web client is built from', () => {
  it('are the newest file under a folder and its subfolders, tests left out', () => {
    const at = (file: string, seconds: number) => {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), '');
      fs.utimesSync(path.join(dir, file), seconds, seconds);
    };
    at('a.ts', 1_000);
    at('deep/b.tsx', 2_000);
    at('deep/b.test.tsx', 9_000);
    at('c.test.ts', 8_000);
    expect(newestSource(dir)).toBe(2_000_000);
    // a source file edited later counts
    at('deep/deeper/d.ts', 3_000);
    expect(newestSource(dir)).toBe(3_000_000);
  });
});
