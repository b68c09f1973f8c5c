import { execFileSync } from 'node:child_process';
import { ensureWebBuilt } from '../../src/cli/serve.ts';
import { createPostgresDatabase } from './db.ts';
import { chromiumPath, skippedGroups, TEST_DATABASE_URL } from './environment.ts';
import { makeTemplates } from './templates.ts';

/**
 * Says plainly, once at the start, which groups of tests this machine cannot run; builds the web
 * client once (when the browser tests will run) and the compiled server (bin/server-build.js, by running
 * `bdg` once) so that parallel test files never build them together; makes the run's template databases
 * (templates.ts) and removes them at the end.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const skipped = skippedGroups();
  console.log(
    skipped.length > 0
      ? `\n[bdg] SKIPPED on this machine:\n${skipped.map((s) => `  - ${s}`).join('\n')}\n`
      : '\n[bdg] Every test group runs: PGlite and PostgreSQL, Chromium, real unit lists.\n',
  );
  if (chromiumPath()) await ensureWebBuilt();
  execFileSync(process.execPath, [new URL('../../bin/bdg.js', import.meta.url).pathname], { stdio: 'ignore' });
  return makeTemplates(TEST_DATABASE_URL, createPostgresDatabase);
}
