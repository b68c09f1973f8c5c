import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../src/cli/serve.ts';
import { loadConfig } from '../src/config.ts';
import { pgliteFolder } from './helpers/templates.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bdg-logfile-'));
pgliteFolder(path.join(dir, 'data'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('BDG_LOG_FILE: the server log in a file that rotates', () => {
  it('rotates by size, gzips rotated files, keeps BDG_LOG_KEEP of them, loses no recent line', async () => {
    const logDir = path.join(dir, 'logs');
    const config = loadConfig({
      BDG_DATA_DIR: path.join(dir, 'data'),
      BDG_DEMO: 'off',
      HOST: '127.0.0.1',
      PORT: '0',
      BDG_REQUEST_LOG: 'true',
      BDG_LOG_FILE: path.join(logDir, 'bdg.log'),
      BDG_LOG_MAX_MB: String(4096 / 1024 / 1024),
      BDG_LOG_KEEP: '2',
    });
    expect(config.logMaxBytes).toBe(4096);
    const server = await startServer(config);
    const requests = 120;
    try {
      for (let i = 0; i < requests; i++) {
        const res = await fetch(`${server.address}/api/health`, { headers: { 'x-request-id': `log-test-${i}` } });
        expect(res.status).toBe(200);
      }
    } finally {
      await server.close();
    }
    // 120 lines of about 200 bytes are several times 4 KB: rotated, and only two rotated files kept
    expect(fs.readdirSync(logDir).sort()).toEqual(['bdg.log', 'bdg.log.1.gz', 'bdg.log.2.gz']);
    const lines = (text: string) =>
      text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { msg: string; reqId?: string; route?: string; status?: number });
    const older = lines(gunzipSync(fs.readFileSync(path.join(logDir, 'bdg.log.2.gz'))).toString('utf8'));
    const previous = lines(gunzipSync(fs.readFileSync(path.join(logDir, 'bdg.log.1.gz'))).toString('utf8'));
    const current = lines(fs.readFileSync(path.join(logDir, 'bdg.log'), 'utf8'));
    for (const file of [older, previous]) {
      expect(file.length).toBeGreaterThan(0);
      expect(Buffer.byteLength(file.map((l) => JSON.stringify(l)).join('\n'))).toBeLessThan(4096 * 2);
    }
    // the newest lines, in order and without a gap, end with the last request
    const ids = [...older, ...previous, ...current].filter((l) => l.msg === 'request').map((l) => l.reqId);
    const last = ids.length;
    expect(last).toBeGreaterThan(10);
    expect(last).toBeLessThan(requests);
    expect(ids).toEqual(Array.from({ length: last }, (_, k) => `log-test-${requests - last + k}`));
    const sample = [...older, ...previous, ...current].find((l) => l.msg === 'request')!;
    expect(sample).toMatchObject({ route: '/api/health', status: 200 });
  });

  it('refuses a bad size or count with the variable named', () => {
    expect(() => loadConfig({ BDG_LOG_MAX_MB: '0' })).toThrow(/BDG_LOG_MAX_MB/u);
    expect(() => loadConfig({ BDG_LOG_KEEP: 'hai' })).toThrow(/BDG_LOG_KEEP/u);
  });
});

describe('standard output, written asynchronously', () => {
  it('writes every line, in order, also when the process ends with an uncaught error', async () => {
    const script = [
      "const { standardOutput } = await import('./src/http/log-file.ts');",
      'const out = standardOutput();',
      'for (let i = 0; i < 5000; i++) out.write(`{"n":${i},"text":"Bình đẳng giới"}\\n`);',
      "if (process.env.CRASH) throw new Error('hỏng');",
      'await out.close();',
    ].join('\n');
    for (const crash of ['', '1']) {
      const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: new URL('..', import.meta.url).pathname,
        env: { ...process.env, CRASH: crash },
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      expect(child.status).toBe(crash ? 1 : 0);
      const lines = child.stdout.split('\n').filter(Boolean);
      expect(lines.length).toBe(5000);
      expect(lines.map((l) => (JSON.parse(l) as { n: number }).n)).toEqual(Array.from({ length: 5000 }, (_, i) => i));
      expect(lines[4999]).toContain('Bình đẳng giới');
    }
  });
});
