import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed.ts';
import { browserSuite, logIn, recordLoaded, type LoadedFile } from '../helpers/browser.ts';
import { chromiumPath } from '../helpers/environment.ts';

// Issue 15: what the staff client downloads, compressed, on a first visit (an empty cache). Budgets: the login
// page under 250 KB of JavaScript, the dashboard under 600 KB; charts on demand. The login page does not download
// the signed-in client (its header, menu and pages): that loads once someone has signed in.

const scripts = (loaded: LoadedFile[]) => loaded.filter((l) => l.url.endsWith('.js'));
const kb = (files: LoadedFile[]) => Math.round(files.reduce((s, f) => s + f.bytes, 0) / 102.4) / 10;

describe.skipIf(!chromiumPath())('in Chromium: the weight of the staff client', () => {
  const suite = browserSuite((ctx) => seedDemo(ctx));

  it(
    'the login page loads no chart and under 250 KB of ' + 'compressed JavaScript, the dashboard under 600 KB',
    async () => {
      const [served, logins] = [suite.served(), suite.data()];
      const context = await served.browser.newContext();
      const page = await context.newPage();
      const loaded = recordLoaded(page);
      await page.goto(served.base);
      await page.waitForSelector('#login-username');
      await page.waitForLoadState('networkidle');
      const login = scripts(loaded);
      expect(login.length).toBeGreaterThan(0);
      // every script of any size travels compressed
      expect(login.filter((f) => f.bytes > 1024 && !['br', 'gzip'].includes(f.encoding ?? ''))).toEqual([]);
      // the chart library is not part of the login page
      expect(login.filter((f) => /\/Chart-/u.test(f.url))).toEqual([]);
      // nor the signed-in client: its file and its menu load after signing in
      expect(login.filter((f) => /\/Shell-/u.test(f.url))).toEqual([]);
      expect(kb(login)).toBeLessThan(250);

      const coordinator = logins.find((l) => l.role === 'coordinator')!;
      await logIn(page, served.base, coordinator.username, coordinator.password);
      await page.goto(`${served.base}/#/dashboard`);
      await page.waitForSelector('[data-testid=indicator-table]');
      await page.waitForLoadState('networkidle');
      const dashboard = scripts(loaded);
      expect(dashboard.filter((f) => f.bytes > 1024 && !['br', 'gzip'].includes(f.encoding ?? ''))).toEqual([]);
      expect(kb(dashboard)).toBeLessThan(600);
      console.log(
        `[weight] login page: ${kb(login)} KB of JavaScript in ${login.length} files; ` +
          `dashboard (with the login): ${kb(dashboard)} KB in ${dashboard.length} files`,
      );
      await context.close();
    },
    120_000,
  );
});
