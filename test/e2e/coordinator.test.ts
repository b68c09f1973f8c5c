import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, type DemoLogin } from '../../src/demo/seed.ts';
import { logIn, serveAndLaunch, type Served } from '../helpers/browser.ts';
import { createTestCtx } from '../helpers/db.ts';
import { chromiumPath } from '../helpers/environment.ts';

describe.skipIf(!chromiumPath())('in Chromium: a coordinator browses the demo province through the 2025 reform', () => {
  let ctx: Awaited<ReturnType<typeof createTestCtx>>;
  let served: Served;
  let logins: DemoLogin[];

  beforeAll(async () => {
    ctx = await createTestCtx('pglite');
    logins = await seedDemo(ctx);
    served = await serveAndLaunch(ctx);
  }, 180_000);

  afterAll(async () => {
    await served?.close();
    await ctx?.dispose();
  });

  it('sees the demo label, the tree before and after 1/7/2025, search without diacritics, the audit log, and English', async () => {
    const coordinator = logins.find((l) => l.role === 'coordinator')!;
    const page = await served.browser.newPage();
    await logIn(page, served.base, coordinator.username, coordinator.password);
    expect(await page.textContent('[data-testid=demo-banner]')).toContain('DỮ LIỆU MẪU');

    await page.goto(`${served.base}/#/units`);
    const setDate = async (ddmmyyyy: string) => {
      await page.click('#units-asof');
      await page.fill('#units-asof', ddmmyyyy);
      await page.keyboard.press('Enter');
    };
    await setDate('30/06/2025');
    await expect.poll(() => page.textContent('[data-testid=unit-tree]')).toContain('Huyện Bình Sơn');
    await setDate('01/07/2025');
    await expect.poll(() => page.textContent('[data-testid=unit-tree]')).toContain('Xã Sơn Hà');
    expect(await page.textContent('[data-testid=unit-tree]')).not.toContain('Huyện Bình Sơn');

    await page.fill('#units-search', 'thuong coc');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('[data-testid=unit-results]')).toContain('Xã Thượng Cốc');

    await page.goto(`${served.base}/#/audit`);
    await expect.poll(() => page.textContent('[data-testid=audit-table]')).toContain('login');

    await page.click('text=English');
    await expect.poll(() => page.textContent('header')).toContain('Sign out');
    await page.close();
  }, 120_000);
});
