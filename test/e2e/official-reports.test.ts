import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed.ts';
import { browserSuite, choose, logIn, press } from '../helpers/browser.ts';
import { ooxmlParts, textOf } from '../helpers/docx.ts';
import { chromiumPath } from '../helpers/environment.ts';

describe.skipIf(!chromiumPath())('in Chromium: the office writes, makes final and corrects a yearly report', () => {
  const suite = browserSuite(async (ctx) => ({ logins: await seedDemo(ctx) }));

  it(
    'drafts the report from the data, writes its assessment, ' + 'makes it final, and the file is the one stored',
    async () => {
      const { browser, base } = suite.served();
      const coordinator = suite.data().logins.find((l) => l.role === 'coordinator')!;
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      const page = await context.newPage();
      await logIn(page, base, coordinator.username, coordinator.password);
      await page.goto(`${base}/#/official-reports`);
      await choose(page, '#or-kind', 'Báo cáo năm');
      await page.fill('#or-year', '2024');
      await page.click('[data-testid=or-create]');
      await page.waitForSelector('[data-testid=official-report]');
      expect(await page.textContent('h3')).toContain('năm 2024');
      // the figures are on the page before anything is written
      await expect.poll(() => page.textContent('[data-testid=official-report]')).toContain('G1.sessions');

      await page.fill('#or-summary', 'Các đơn vị triển khai đồng bộ.\nMột số xã còn chậm.');
      await page.fill('#or-signerName', 'Trần Văn Ký');
      await page.click('[data-testid=or-form] button[type=submit]');
      await expect.poll(() => page.locator('.ant-message').textContent()).toContain('Đã lưu');

      await page.click('[data-testid=or-finalise]');
      await press(page, '.ant-modal-confirm .ant-btn-primary');
      await expect.poll(() => page.textContent('[data-testid=official-report]')).toContain('Đã ban hành');
      // the form is read-only now, and a correction can be started instead
      expect(await page.locator('#or-summary').isDisabled()).toBe(true);
      await page.waitForSelector('[data-testid=or-correct]');

      const href = await page.getAttribute('[data-testid=download-docx]', 'href');
      const res = await context.request.get(`${base}${href}`);
      expect(res.status()).toBe(200);
      const body = await res.body();
      const shown = await page.textContent('[data-testid=official-report]');
      expect(shown).toContain(createHash('sha256').update(body).digest('hex'));
      const text = textOf(ooxmlParts(body)['word/document.xml']!);
      expect(text).toContain('Các đơn vị triển khai đồng bộ.\nMột số xã còn chậm.');
      expect(text).toContain('Trần Văn Ký');
      expect(text).not.toContain('DỰ THẢO');

      // a correction opens as a new draft version, linked to the final one
      await page.click('[data-testid=or-correct]');
      await page.locator('[data-testid=or-change-note] >> visible=true').fill('Bổ sung số liệu duyệt muộn');
      await press(page, '.ant-modal-confirm .ant-btn-primary');
      await expect.poll(() => page.textContent('[data-testid=official-report]')).toContain('Phiên bản 2');
      expect(await page.textContent('[data-testid=official-report]')).toContain('Bổ sung số liệu duyệt muộn');
      expect(await page.locator('#or-summary').inputValue()).toBe(
        'Các đơn vị triển khai đồng bộ.\nMột số xã còn chậm.',
      );
      await context.close();
    },
  );
});
