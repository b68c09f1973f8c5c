// The compiled server (bin/server-build.js): `bdg` runs a build of the sources as they are now, never an older
// one; processes starting at once share one build; BDG_FROM_SOURCE and an unwritable dist/ run the sources.
// Each case works on a copy of bin/ and src/ in a temporary folder (node_modules linked), not on the project.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(new URL('..', import.meta.url).pathname);
const copies: string[] = [];

function copyProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bdg-build-'));
  copies.push(dir);
  for (const part of ['bin', 'src', 'package.json'])
    fs.cpSync(path.join(ROOT, part), path.join(dir, part), { recursive: true });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

const builds = (dir: string) =>
  fs.existsSync(path.join(dir, 'dist/server')) ? fs.readdirSync(path.join(dir, 'dist/server')) : [];

function bdg(dir: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [path.join(dir, 'bin/bdg.js')], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Changes the first line of `bdg`'s help in the copy (a real edit of a source file). */
function editHelp(dir: string, text: string): void {
  const file = path.join(dir, 'src/cli/main.ts');
  fs.writeFileSync(
    file,
    fs.readFileSync(file, 'utf8').replace(/^const HELP = `bdg — .*$/mu, `const HELP = \`bdg — ${text}`),
  );
}

afterAll(() => {
  for (const dir of copies) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the compiled server', () => {
  it('runs a build of the sources as they are now: an edited file makes a new build, never the old one', () => {
    const dir = copyProject();
    const first = bdg(dir);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^bdg — BĐG Monitor/u);
    expect(builds(dir)).toHaveLength(1);
    const [stamp] = builds(dir);
    // the whole command and its parse worker are there, with the chunks loaded on demand
    const files = fs.readdirSync(path.join(dir, 'dist/server', stamp!));
    expect(files).toEqual(expect.arrayContaining(['bdg.mjs', 'parse-worker.mjs']));
    expect(files.filter((f) => f.startsWith('chunk-')).length).toBeGreaterThan(0);

    editHelp(dir, 'bản sửa thử');
    const second = bdg(dir);
    expect(second.out).toMatch(/^bdg — bản sửa thử/u);
    expect(builds(dir)).toHaveLength(2);

    // a file added to the sources counts as a change too
    fs.writeFileSync(path.join(dir, 'src/added.ts'), 'export const added = 1;\n');
    expect(bdg(dir).out).toMatch(/^bdg — bản sửa thử/u);
    expect(builds(dir)).toHaveLength(3);
    // and nothing changed: the last build is used again
    bdg(dir);
    expect(builds(dir)).toHaveLength(3);
  });

  it('four processes starting at once on new sources share one complete build', async () => {
    const dir = copyProject();
    const runs = await Promise.all(
      [1, 2, 3, 4].map(
        () =>
          new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
            const child = spawn(process.execPath, [path.join(dir, 'bin/bdg.js')], {
              env: { PATH: process.env.PATH ?? '' },
            });
            let out = '';
            let err = '';
            child.stdout.on('data', (d: Buffer) => (out += d.toString()));
            child.stderr.on('data', (d: Buffer) => (err += d.toString()));
            child.on('exit', (code) => resolve({ code, out, err }));
          }),
      ),
    );
    for (const r of runs) {
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^bdg — BĐG Monitor/u);
      // none fell back to the sources because another process's build was in the way
      expect(r.err).toBe('');
    }
    // one build, no temporary folder left behind by the processes that lost the race
    expect(builds(dir)).toHaveLength(1);
  });

  it('a new build removes builds over a week old, but not one a live process runs from', () => {
    const dir = copyProject();
    const old = (name: string, pid?: number) => {
      const build = path.join(dir, 'dist/server', name);
      fs.mkdirSync(path.join(build, 'in-use'), { recursive: true });
      fs.writeFileSync(path.join(build, 'bdg.mjs'), '');
      if (pid) fs.writeFileSync(path.join(build, 'in-use', String(pid)), '');
      const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000);
      fs.utimesSync(build, eightDaysAgo, eightDaysAgo);
    };
    old('running', process.pid); // this test's own process: alive
    old('stopped', 999_999_999); // no such process
    old('unused');
    expect(bdg(dir).code).toBe(0);
    expect(builds(dir).sort()).toEqual([expect.stringMatching(/^[0-9a-f]{16}$/u), 'running'].sort());
    // the build the command ran from holds no mark of it once the command is over
    const [current] = builds(dir).filter((b) => b !== 'running');
    expect(fs.readdirSync(path.join(dir, 'dist/server', current!, 'in-use'))).toEqual([]);
  });

  it('an entry gone between the listing of builds and its stat is not an error (the race of four processes)', () => {
    // another process's temporary folder, renamed into place while this one removes old builds, is listed but gone
    // when it is looked at: a link to nowhere is such an entry, every time
    const dir = copyProject();
    fs.mkdirSync(path.join(dir, 'dist/server'), { recursive: true });
    fs.symlinkSync(path.join(dir, 'dist/server/.gone'), path.join(dir, 'dist/server/.0123456789abcdef-renamed'));
    const r = bdg(dir);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(builds(dir).filter((b) => !b.startsWith('.'))).toEqual([expect.stringMatching(/^[0-9a-f]{16}$/u)]);
  });

  it('BDG_FROM_SOURCE=1 runs the TypeScript sources and builds nothing', () => {
    const dir = copyProject();
    editHelp(dir, 'từ mã nguồn');
    const r = bdg(dir, { BDG_FROM_SOURCE: '1' });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^bdg — từ mã nguồn/u);
    expect(builds(dir)).toHaveLength(0);
  });

  it('where the build cannot be written, says so in one line and runs the sources', () => {
    const dir = copyProject();
    fs.writeFileSync(path.join(dir, 'dist'), 'not a folder');
    editHelp(dir, 'không ghi được bản biên dịch');
    const r = bdg(dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^bdg — không ghi được bản biên dịch/u);
    expect(r.err).toMatch(/^Không biên dịch được máy chủ \(.+\): chạy từ mã nguồn TypeScript\.\n$/u);
  });
});
