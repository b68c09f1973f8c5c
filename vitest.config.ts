import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    testTimeout: 60_000,
    // browser steps (save, navigate, fetch) can take seconds on a loaded 2-core CI machine
    expect: { poll: { timeout: 20_000, interval: 100 } },
    hookTimeout: 120_000,
    pool: 'forks',
    // test files of a worker share its modules: importing the product again for every file took 190 s of a
    // 1,100-second run (807 s without). The product keeps no state between databases but per database handle
    // (caches in WeakMaps or keyed by handle), and every suite makes its own database and app.
    isolate: false,
    maxWorkers: 2,
  },
});
