import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
for (const [w, h] of [[390, 844], [1366, 900]]) {
  const page = await browser.newPage({ viewport: { width: w, height: h } });
  let js = 0;
  page.on('requestfinished', (r) => r.sizes().then((s) => { if (r.url().endsWith('.js')) js += s.responseBodySize; }));
  await page.goto('http://127.0.0.1:3000/#/cong-khai');
  await page.waitForSelector('[data-testid=portal-figures]');
  await page.waitForLoadState('networkidle');
  console.log(w, 'js bytes on the wire', js);
  await page.screenshot({ path: `/tmp/pt-home-${w}.png`, fullPage: true });
  await page.goto('http://127.0.0.1:3000/#/cong-khai/tai-lieu');
  await page.waitForSelector('[data-testid=portal-found]');
  await page.waitForTimeout(500);
  await page.screenshot({ path: `/tmp/pt-lib-${w}.png` });
  await page.goto('http://127.0.0.1:3000/#/cong-khai/phan-anh');
  await page.waitForSelector('#pr-text');
  await page.screenshot({ path: `/tmp/pt-form-${w}.png` });
  await page.close();
}
await browser.close();
