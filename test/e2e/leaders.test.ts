import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed.ts';
import { violations } from '../helpers/axe.ts';
import { browserSuite, logIn } from '../helpers/browser.ts';
import { chromiumPath } from '../helpers/environment.ts';

describe.skipIf(!chromiumPath())('in Chromium: a leader reads the plan on one page, prints it, saves a chart', () => {
  const suite = browserSuite(async (ctx) => ({ logins: await seedDemo(ctx) }));

  it('tiles for every indicator, a chosen one’s trend, areas, units short, completeness and the demo map', async () => {
    const { browser, base } = suite.served();
    const leader = suite.data().logins.find((l) => l.role === 'viewer')!;
    const context = await browser.newContext({
      viewport: { width: 1366, height: 900 },
      acceptDownloads: true,
      bypassCSP: true,
    });
    const page = await context.newPage();
    await logIn(page, base, leader.username, leader.password);
    await page.goto(`${base}/#/leaders`);
    await page.waitForSelector('[data-testid=tile-G6]');
    const tiles = await page.locator('[data-testid^=tile-]').count();
    expect(tiles).toBe(10);
    // the last complete year: the demo's map of communes (made up, and said so)
    await page.locator('[aria-label="Năm"]').first().click();
    await page.keyboard.type(String(new Date().getFullYear() - 1));
    await page.keyboard.press('Enter');
    await page.click('[data-testid=tile-G2]');
    await page.waitForSelector('[data-testid=leader-map] canvas');
    expect(await page.textContent('[data-testid=leader-map]')).toContain('giả định');
    await expect.poll(() => page.locator('[data-testid=areas-ranked] tbody tr').count()).toBeGreaterThan(3);
    expect(await page.textContent('[data-testid=leader-completeness]')).toMatch(/\d+\/\d+/u);
    // a count ranks areas by their own totals, not by a share they do not have
    await page.click('[data-testid=tile-G1\\.sessions]');
    await expect
      .poll(() => page.locator('[data-testid=areas-ranked] tbody tr').first().textContent())
      .toMatch(/\d[\d.]*$/u);
    expect(await page.locator('[data-testid=areas-ranked] tbody tr').first().textContent()).not.toContain('%');
    await page.click('[data-testid=tile-G2]');
    // a chart as a PNG
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải ảnh PNG' }).first().click(),
    ]);
    expect(download.suggestedFilename()).toBe('xu-huong-G2.png');
    // printing leaves the menu and the controls out
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.ant-layout-sider').isVisible()).toBe(false);
    expect(await page.locator('.no-print').first().isVisible()).toBe(false);
    expect(await page.locator('[data-testid=tile-G1]').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    expect(await violations(page)).toEqual([]);
    await context.close();
  });
});
