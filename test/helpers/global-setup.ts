import { chromiumPath, sharedDataAvailable, TEST_DATABASE_URL } from './environment.ts';

/** Says plainly, once, which groups of tests this machine cannot run. */
export default function setup(): void {
  const skipped: string[] = [];
  if (!TEST_DATABASE_URL) skipped.push('database tests on PostgreSQL (set TEST_DATABASE_URL=postgres://…; they ran on PGlite)');
  if (!chromiumPath()) skipped.push('browser tests (no Chromium found; install it or set BDG_CHROMIUM)');
  if (!sharedDataAvailable()) skipped.push('imports of the real administrative-unit lists (../shared/data not found)');
  if (skipped.length > 0) {
    console.log(`\n[bdg] SKIPPED on this machine:\n${skipped.map((s) => `  - ${s}`).join('\n')}\n`);
  } else {
    console.log('\n[bdg] Every test group runs: PGlite and PostgreSQL, Chromium, real unit lists.\n');
  }
}
