import type { Reporter, TestModule } from 'vitest/node';
import { skippedGroups } from './environment.ts';

/** Repeats the skipped groups at the end, then one plain closing line, "Tests: N passed, N failed, N skipped". */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const m of testModules) {
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
    }
    const groups = skippedGroups();
    if (groups.length > 0)
      console.log(`\n[bdg] Skipped groups on this machine:\n${groups.map((g) => `  - ${g}`).join('\n')}`);
    console.log(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  }
}
