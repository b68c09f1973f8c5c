// The compiled server: src/ bundled by esbuild into dist/server/<stamp>/, so that `bdg` does not start through
// tsx's loader (which transpiles and hooks every module at each start: `bdg serve` listened in 2.6 s through it,
// 1.8 s compiled; a request costs the same either way). Plain JavaScript: it runs before any TypeScript can load.
//
// A build is named by a stamp of what it came from (path, size and modification time of every file under src/
// but the tests, this file and esbuild's version): a build is used only when its stamp is the sources' stamp
// now, so an edited, added or deleted file is never served from an old build. Builds are written to a temporary
// folder and renamed into place, so that processes starting at once (the tests start many) never read half a
// build.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'src');
export const BUILDS = path.join(root, 'dist', 'server');

/** Entry points: the `bdg` command, and the child process that parses untrusted uploads. */
const ENTRIES = { bdg: 'src/cli/main.ts', 'parse-worker': 'src/modules/files/parse-worker.ts' };

/** Builds older than this are removed when a new one is made, unless a live process still runs from one. */
const KEEP_MS = 7 * 24 * 3600 * 1000;

function sourceStamp() {
  const hash = crypto.createHash('sha256');
  hash.update(fs.readFileSync(fileURLToPath(import.meta.url)));
  hash.update(JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'esbuild', 'package.json'), 'utf8')).version);
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (!entry.name.endsWith('.test.ts')) {
        const s = fs.statSync(full);
        hash.update(`${path.relative(src, full)}\0${s.size}\0${s.mtimeMs}\n`);
      }
    }
  };
  walk(src);
  return hash.digest('hex').slice(0, 16);
}

/** Builds the sources as they are now (when not built yet) and returns the compiled `bdg` entry. */
export async function buildServer() {
  const stamp = sourceStamp();
  const dir = path.join(BUILDS, stamp);
  if (!fs.existsSync(path.join(dir, 'bdg.mjs'))) {
    await compile(stamp, dir);
    removeOldBuilds(stamp);
  }
  markInUse(dir);
  return path.join(dir, 'bdg.mjs');
}

async function compile(stamp, dir) {
  const { build } = await import('esbuild');
  fs.mkdirSync(BUILDS, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(BUILDS, `.${stamp}-`));
  try {
    await build({
      absWorkingDir: root,
      entryPoints: ENTRIES,
      outdir: tmp,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      // modules imported on demand (a command's own code, exceljs, docx…) stay in chunks loaded on demand
      splitting: true,
      platform: 'node',
      format: 'esm',
      target: `node${process.versions.node.split('.')[0]}`,
      // dependencies are loaded from node_modules as they are (PGlite finds its files beside its own code)
      packages: 'external',
      sourcemap: 'linked',
      logLevel: 'error',
    });
    fs.chmodSync(tmp, 0o755);
    fs.renameSync(tmp, dir);
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    // another process renamed the same build into place first
    if (!fs.existsSync(path.join(dir, 'bdg.mjs'))) throw e;
  }
}

/**
 * Marks the build as used by this process until it exits: a server keeps loading chunks and starting parse
 * workers from its build for as long as it runs, so a build a live process marked is never removed.
 */
function markInUse(dir) {
  const mark = path.join(dir, 'in-use', String(process.pid));
  try {
    fs.mkdirSync(path.dirname(mark), { recursive: true });
    fs.writeFileSync(mark, '');
    process.on('exit', () => fs.rmSync(mark, { force: true }));
  } catch {
    // a build this user cannot write (made by the installing user): no process of this user removes it either
  }
}

function inUse(dir) {
  let pids;
  try {
    pids = fs.readdirSync(path.join(dir, 'in-use')).map(Number);
  } catch {
    return false;
  }
  return pids.some((pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch (e) {
      // alive, but another user's
      return e.code === 'EPERM';
    }
  });
}

/**
 * Removes builds (and temporary folders of builds that never finished) over a week old. Another process may rename
 * or remove an entry between the listing and its stat (its temporary folder renamed into place, an old build it
 * removed): such an entry is gone, not an error, and does not stop this process from running its own build.
 */
function removeOldBuilds(keep) {
  for (const name of fs.readdirSync(BUILDS)) {
    const full = path.join(BUILDS, name);
    const stat = name === keep ? undefined : fs.statSync(full, { throwIfNoEntry: false });
    if (stat && Date.now() - stat.mtimeMs > KEEP_MS && !inUse(full)) {
      fs.rmSync(full, { recursive: true, force: true });
    }
  }
}
