import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed.ts';
import { SYSTEM_ACTOR } from '../../src/modules/context.ts';
import { createWave, registerDefaultInstrument, setWavePublic } from '../../src/modules/surveys/service.ts';
import { violations } from '../helpers/axe.ts';
import { browserSuite, choose, logIn, press } from '../helpers/browser.ts';
import { chromiumPath } from '../helpers/environment.ts';

describe.skipIf(!chromiumPath())('in Chromium: the public portal, on a phone, without signing in', () => {
  const suite = browserSuite(async (ctx) => {
    const logins = await seedDemo(ctx);
    const { id: instrumentId } = await registerDefaultInstrument(ctx, SYSTEM_ACTOR);
    const year = new Date().getFullYear();
    const wave = await createWave(ctx, SYSTEM_ACTOR, {
      name: 'Khảo sát nhận thức (cổng công khai)',
      year,
      instrumentId,
      startDate: `${year}-01-01`,
      endDate: `${year + 1}-12-31`,
    });
    await setWavePublic(ctx, SYSTEM_ACTOR, wave.id, true);
    return { logins };
  });

  it(
    'loads light, shows final figures, finds materials without diacritics, takes a report; axe finds nothing ' +
      'serious',
    async () => {
      const { browser, base } = suite.served();
      const phone = await browser.newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        bypassCSP: true,
      });
      const page = await phone.newPage();
      const loaded: { url: string; bytes: number }[] = [];
      page.on('requestfinished', (request) =>
        request.sizes().then(
          (sizes) => loaded.push({ url: request.url(), bytes: sizes.responseBodySize }),
          () => undefined,
        ),
      );
      await page.goto(`${base}/#/cong-khai`);
      await page.waitForSelector('[data-testid=portal-figures]');
      // the portal's own entry: JavaScript under 150 KB on the wire, not the staff client's
      await page.waitForLoadState('networkidle');
      const js = loaded.filter((l) => l.url.endsWith('.js'));
      expect(js.some((l) => /\/(main|App|antd)[-.]/u.test(l.url))).toBe(false);
      // only the public pages' words (web/src/i18n-public.ts), not the staff client's catalogue ('Đăng xuất')
      const code = await Promise.all(js.map(async (l) => (await page.request.get(l.url)).text()));
      expect(code.filter((text) => text.includes('Đăng xuất'))).toEqual([]);
      expect(js.reduce((sum, l) => sum + l.bytes, 0)).toBeLessThan(150 * 1024);
      expect(await page.textContent('[data-testid=portal-demo]')).toContain('DỮ LIỆU MẪU');
      const figures = await page.textContent('[data-testid=portal-figures]');
      expect(figures).toContain('G1.sessions');
      expect(await page.textContent('[data-testid=portal-surveys]')).toContain('Khảo sát nhận thức (cổng công khai)');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      const seen: Record<string, string[]> = { progress: await violations(page) };

      // by keyboard: to the library, search without diacritics
      await page.goto(`${base}/#/cong-khai/tai-lieu`);
      await page.waitForSelector('[data-testid=portal-found]');
      await page.focus('#pt-q');
      await page.keyboard.type('ban tin thang hanh dong');
      await page.keyboard.press('Enter');
      // the count of the unfiltered list is already on the page: wait for the answer to the search itself
      await expect.poll(() => page.locator('.pt-card h3').first().textContent()).toContain('Bản tin Tháng hành động');
      expect(await page.textContent('[data-testid=portal-found]')).toMatch(/^[1-9][\d.]* tài liệu/u);
      // a long topic in the filters once widened this page to 405 px on a 390 px phone
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      seen.library = await violations(page);

      await page.goto(`${base}/#/cong-khai/phan-anh`);
      await page.waitForSelector('#pr-text');
      seen.report = await violations(page);
      await page.fill('#pr-text', 'ngắn');
      await page.click('[data-testid=portal-send]');
      await expect.poll(() => page.locator('#pr-text-error').textContent()).toContain('ít nhất 10 ký tự');
      await page.fill('#pr-text', 'Một trang mạng đăng rằng luật mới không cho phụ nữ làm trưởng thôn.');
      await page.fill('#pr-place', 'Trang "Tin nhanh"');
      await page.click('[data-testid=portal-send]');
      await expect.poll(() => page.textContent('[data-testid=portal-sent]')).toContain('Đã nhận phản ánh số');
      expect(seen).toEqual({ progress: [], library: [], report: [] });
      await phone.close();

      // the office takes it in as a case of a commune
      const coordinator = suite.data().logins.find((l) => l.role === 'coordinator')!;
      const office = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      const desk = await office.newPage();
      await logIn(desk, base, coordinator.username, coordinator.password);
      await desk.goto(`${base}/#/public-reports`);
      await expect
        .poll(() => desk.textContent('[data-testid=public-reports]'))
        .toContain('không cho phụ nữ làm trưởng thôn');
      await desk.getByRole('button', { name: 'Tiếp nhận' }).first().click();
      await choose(desk, '#pr-unit', (title) => title.includes('Xã Sơn Hà'), 'son ha');
      await press(desk, '.ant-modal-footer .ant-btn-primary');
      await expect.poll(() => desk.textContent('[data-testid=public-reports]')).not.toContain('trưởng thôn');
      await desk.getByText('Đã tiếp nhận').click();
      await expect.poll(() => desk.textContent('[data-testid=public-reports]')).toContain('Mở vụ việc');
      await office.close();
    },
  );
});
