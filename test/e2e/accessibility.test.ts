import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createOfficialReport } from '../../src/modules/official-reports/service.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { SYSTEM_ACTOR } from '../../src/modules/context.ts';
import { createWave, registerDefaultInstrument, setWavePublic } from '../../src/modules/surveys/service.ts';
import { browserSuite, logIn } from '../helpers/browser.ts';
import { chromiumPath } from '../helpers/environment.ts';

/** axe-core's own script, run in the page as its documentation shows (no wrapper library). */
const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Found {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; any: { data?: { fgColor?: string; bgColor?: string; contrastRatio?: number } }[] }[];
}

/** The serious and critical WCAG 2.1 A/AA violations axe finds on the page as it stands. */
async function violations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  // colours are judged at rest: a menu item fading from one state to the next is not what a reader sees
  // (an endless one, a progress bar's shimmer, never ends and is not waited for)
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  );
  const found = await page.evaluate(
    async () =>
      (
        await (
          window as unknown as {
            axe: { run(o: unknown): Promise<{ violations: Found[] }> };
          }
        ).axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
      ).violations,
  );
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => {
      const nodes = v.nodes.slice(0, 3).map((n) => {
        const c = n.any[0]?.data;
        return `${n.target.join(' ')}${c?.contrastRatio ? ` (${c.fgColor} on ${c.bgColor}: ${c.contrastRatio})` : ''}`;
      });
      return `${v.id} (${v.impact}): ${v.help} — ${nodes.join(', ')}`;
    });
}

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
    const report = await createOfficialReport(ctx, SYSTEM_ACTOR, { kind: 'yearly', year: year - 1 });
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
      await page.waitForLoadState('networkidle');
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
