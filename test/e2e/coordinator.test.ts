import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, type DemoLogin } from '../../src/demo/seed.ts';
import { logIn, serveAndLaunch, showPagesOnFailure, type Served } from '../helpers/browser.ts';
import { createTestCtx } from '../helpers/db.ts';
import { chromiumPath } from '../helpers/environment.ts';

describe.skipIf(!chromiumPath())('in Chromium: a coordinator browses the demo province through the 2025 reform', () => {
  let ctx: Awaited<ReturnType<typeof createTestCtx>>;
  let served: Served;
  let logins: DemoLogin[];

  showPagesOnFailure(() => served?.browser);
  beforeAll(async () => {
    ctx = await createTestCtx('pglite');
    logins = await seedDemo(ctx);
    served = await serveAndLaunch(ctx);
  }, 180_000);

  afterAll(async () => {
    await served?.close();
    await ctx?.dispose();
  });

  it(
    'sees the demo label, the tree before and after 1/7/2025, search without diacritics, the audit log, and ' +
      'English',
    async () => {
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
      await expect.poll(() => page.textContent('[data-testid=audit-table]')).toContain('Đăng nhập');

      // the plan as data: edit a target, a new version appears and the indicator table uses it
      await page.goto(`${served.base}/#/plan`);
      await page.click('[data-testid="edit-G1.sessions"]');
      await page.fill('#target-2030', '120');
      await page.fill('#plan-note', 'Thêm mục tiêu số hoạt động');
      await page.click('#plan-save');
      await expect.poll(() => page.textContent('[data-testid=plan-versions]')).toContain('Thêm mục tiêu số hoạt động');
      await page.goto(`${served.base}/#/dashboard`);
      await expect.poll(() => page.textContent('[data-testid=indicator-table]')).toContain('120 (2030)');
      expect(await page.textContent('[data-testid=view-words]')).toContain('v2');
      await page.click('[data-testid=view-switch] >> text=Quy đổi về cơ cấu hiện nay');
      await expect.poll(() => page.textContent('[data-testid=view-words]')).toContain('Quy đổi về cơ cấu đơn vị ngày');

      // the inbox: demo sessions of the last weeks await approval; approving one in bulk removes it
      await page.goto(`${served.base}/#/inbox`);
      await page.waitForSelector('[data-testid=inbox-table] .ant-table-row');
      const total = async () => Number(await page.textContent('[data-testid=inbox-total]'));
      const before = await total();
      expect(before).toBeGreaterThan(0);
      await page.locator('[data-testid=inbox-table] .ant-table-row .ant-checkbox-input').first().check();
      await page.click('[data-testid=approve-selected]');
      await expect.poll(total).toBe(before - 1);

      await page.click('text=English');
      await expect.poll(() => page.textContent('header')).toContain('Sign out');
      await page.close();
    },
    120_000,
  );
});
