import { skippedGroups } from './environment.ts';

/** Says plainly, once at the start, which groups of tests this machine cannot run. */
export default function setup(): void {
  const skipped = skippedGroups();
  console.log(skipped.length > 0
    ? `\n[bdg] SKIPPED on this machine:\n${skipped.map((s) => `  - ${s}`).join('\n')}\n`
    : '\n[bdg] Every test group runs: PGlite and PostgreSQL, Chromium, real unit lists.\n');
}
