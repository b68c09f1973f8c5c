import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed.ts';
import { browserSuite, logIn, settle } from '../helpers/browser.ts';
import { chromiumPath } from '../helpers/environment.ts';

describe.skipIf(!chromiumPath())('in Chromium: the staff client on a phone and on an office screen', () => {
  const suite = browserSuite((ctx) => seedDemo(ctx));
  const login = (username: string) => suite.data().find((l) => l.username === username)!;

  // ten pages opened one after another: longer than the default minute on a loaded machine
  it(
    'at 390 × 844 a commune reporter opens every page from the ' + 'menu button, and no page is wider than the screen',
    async () => {
      const { browser, base } = suite.served();
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
      try {
        const page = await context.newPage();
        const reporter = login('xa.anhoa');
        await logIn(page, base, reporter.username, reporter.password);
        const menuButton = page.getByRole('button', { name: 'Trình đơn' });
        await menuButton.click();
        const names = await page.locator('[data-testid=nav-menu] .ant-menu-item').allInnerTexts();
        // the reporter's own work comes first; the office's pages are not offered
        expect(names[0]).toBe('Hoạt động truyền thông');
        expect(names).toContain('Tổng quan');
        expect(names).not.toContain('Hồ sơ chờ duyệt');
        await page.keyboard.press('Escape');
        const widths: Record<string, number> = {};
        for (const [i, name] of names.entries()) {
          await menuButton.click();
          // by position: "Kế hoạch" is also part of "Báo cáo kế hoạch"
          await page.locator('[data-testid=nav-menu] .ant-menu-item').nth(i).click();
          await page.locator('.ant-drawer-content-wrapper').waitFor({ state: 'hidden' });
          await settle(page);
          widths[name] = await page.evaluate(() => document.documentElement.scrollWidth);
          // the header keeps the user's name and the bell, labelled for a screen reader
          await expect(page.getByTestId('current-user').isVisible()).resolves.toBe(true);
          await expect(page.getByRole('button', { name: 'Thông báo' }).isVisible()).resolves.toBe(true);
        }
        // the reporter's lists are cards on a phone
        for (const [hash, list] of [
          ['#/sessions', 'session-table'],
          ['#/records/training_course', 'record-table'],
        ] as const) {
          await page.goto(`${base}/${hash}`);
          await expect.poll(() => page.getAttribute(`[data-testid=${list}]`, 'data-layout')).toBe('cards');
        }
        // the reporter's forms too: a new session, a new periodic report with its figures shown before saving
        await page.goto(`${base}/#/sessions/new`);
        await page.waitForSelector('#session-title');
        widths['session form'] = await page.evaluate(() => document.documentElement.scrollWidth);
        await page.goto(`${base}/#/records/periodic_report/new`);
        await page.click('#rf-period');
        await page.keyboard.press('Enter');
        await page.waitForSelector('[data-testid=report-prefill]');
        widths['periodic report form'] = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(Object.entries(widths).filter(([, w]) => w > 390)).toEqual([]);
      } finally {
        await context.close();
      }
    },
    180_000,
  );

  it('at 1280 × 800 the office sees every page of its menu at once, grouped, without an overflow "···"', async () => {
    const { browser, base } = suite.served();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      const office = login('admin');
      await logIn(page, base, office.username, office.password);
      await expect(page.getByRole('button', { name: 'Trình đơn' }).count()).resolves.toBe(0);
      const items = page.locator('[data-testid=nav-menu] .ant-menu-item');
      const names = await items.allInnerTexts();
      expect(names.slice(0, 4)).toEqual([
        'Hồ sơ chờ duyệt',
        'Phản ánh của người dân',
        'Nhật ký thay đổi',
        'Người dùng',
      ]);
      expect(names).toHaveLength(16);
      for (let i = 0; i < names.length; i++) {
        const box = await items.nth(i).boundingBox();
        expect(box && box.y + box.height <= 800, names[i]).toBe(true);
      }
      await expect(page.locator('.ant-menu-overflow-item-rest:visible').count()).resolves.toBe(0);
      const groups = await page.locator('[data-testid=nav-menu] .ant-menu-item-group-title').allInnerTexts();
      expect(groups).toEqual(['Cơ quan thường trực', 'Theo dõi kế hoạch', 'Công việc của đơn vị', 'Công cụ']);
    } finally {
      await context.close();
    }
  });
});
