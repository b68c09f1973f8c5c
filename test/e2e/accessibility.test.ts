import { describe, expect, it } from 'vitest';
import { createOfficialReport } from '../../src/modules/official-reports/service.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { SYSTEM_ACTOR } from '../../src/modules/context.ts';
import { createWave, registerDefaultInstrument, setWavePublic } from '../../src/modules/surveys/service.ts';
import { violations } from '../helpers/axe.ts';
import { browserSuite, logIn, settle } from '../helpers/browser.ts';
import { chromiumPath } from '../helpers/environment.ts';

describe.skipIf(!chromiumPath())('in Chromium: axe-core finds no serious or critical violation', () => {
  const suite = browserSuite(async (ctx) => {
    const logins = await seedDemo(ctx);
    // a wave open to web answers, for the public form
    const { id: instrumentId } = await registerDefaultInstrument(ctx, SYSTEM_ACTOR);
    const year = new Date().getFullYear();
    const wave = await createWave(ctx, SYSTEM_ACTOR, {
      name: 'Khảo sát trực tuyến (kiểm tra khả năng tiếp cận)',
      year,
      instrumentId,
      startDate: `${year}-01-01`,
      endDate: `${year + 1}-12-31`,
    });
    const report = await createOfficialReport(ctx, SYSTEM_ACTOR, { kind: 'yearly', year: year - 2 });
    return { logins, token: (await setWavePublic(ctx, SYSTEM_ACTOR, wave.id, true)).publicToken!, report: report.id };
  });
  const login = (username: string) => suite.data().logins.find((l) => l.username === username)!;

  it('on the sign-in page, every page of the office menu, the main forms, and the public survey form', async () => {
    const { browser, base } = suite.served();
    // axe's script is put into the page by the test: the page's own policy would refuse it
    const page = await (
      await browser.newContext({ viewport: { width: 1366, height: 768 }, bypassCSP: true })
    ).newPage();
    const seen: Record<string, string[]> = {};
    await page.goto(base);
    await page.waitForSelector('#login-username');
    seen['đăng nhập'] = await violations(page);
    const admin = login('admin');
    await logIn(page, base, admin.username, admin.password);
    const items = page.locator('[data-testid=nav-menu] .ant-menu-item');
    const names = await items.allInnerTexts();
    for (const [i, name] of names.entries()) {
      // by position: "Kế hoạch" is also part of "Báo cáo kế hoạch"
      await items.nth(i).click();
      await settle(page);
      seen[name] = await violations(page);
    }
    for (const [name, hash, ready] of [
      ['new session', '#/sessions/new', '#session-title'],
      ['new training course', '#/records/training_course/new', '#rf-title'],
      ['official report', `#/official-reports/${suite.data().report}`, '[data-testid=or-form]'],
    ] as const) {
      await page.goto(`${base}/${hash}`);
      await page.waitForSelector(ready);
      seen[name] = await violations(page);
    }
    // the public survey form, on a phone, without signing in
    const phone = await (
      await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, bypassCSP: true })
    ).newPage();
    await phone.goto(`${base}/#/khao-sat/${suite.data().token}`);
    await phone.waitForSelector('[data-testid=q-sex]');
    seen['public survey form'] = await violations(phone);
    expect(Object.entries(seen).filter(([, v]) => v.length > 0)).toEqual([]);
  }, 180_000);
});
