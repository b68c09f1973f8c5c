import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed.ts';
import { listAssessments } from '../../src/modules/media/assessments.ts';
import { browserSuite, logIn, settle, watchRequests } from '../helpers/browser.ts';
import { chromiumPath } from '../helpers/environment.ts';

/** letters only Vietnamese writes */
const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/iu;
/** a code as the database or the program writes it: participants_total, in_force, signerName */
const CODE = /\b[a-z]{2,}_[a-z_]{2,}\b|\b[a-z]{2,}[A-Z][a-z]+/u;
/** a percentage with the other language's decimal sign (a thousands group has three digits, not one or two) */
const WRONG_PERCENT = { en: /\d,\d{1,2}%/u, vi: /\d\.\d{1,2}%/u };
/** a year with a thousands separator: 2.026 or 2,026 */
const GROUPED_YEAR = /\b20[.,]\d\d\d\b/u;

/**
 * The words a page says about itself, not its data: table headings, form labels, the menu, tabs, placeholders,
 * descriptions' labels, empty-table notes and the screen-reader names of controls.
 */
const chromeOf = (page: Page) =>
  page.evaluate(() => {
    const selectors = [
      'th',
      '.ant-form-item-label',
      '.ant-menu-title-content',
      '.ant-tabs-tab-btn',
      '.ant-descriptions-item-label',
      '.ant-empty-description',
      '.ant-select-selection-placeholder',
      '.ant-statistic-title',
      '.ant-radio-wrapper',
      '.ant-checkbox-wrapper',
    ];
    const texts = [...document.querySelectorAll<HTMLElement>(selectors.join(','))].map((e) => e.innerText);
    for (const e of document.querySelectorAll('[placeholder], [aria-label]'))
      texts.push(e.getAttribute('placeholder') ?? '', e.getAttribute('aria-label') ?? '');
    return texts.map((t) => t.trim()).filter(Boolean);
  });

/** Every page of the office's menu, then pages the menu does not list, as `hash → what shows it is ready`. */
const MORE_PAGES: [string, string][] = [
  ['#/sessions/new', '#session-title'],
  ['#/records/training_course/new', '#rf-title'],
  ['#/records/periodic_report/new', '#rf-period'],
  ['#/media/coding', '#coding-headline'],
  ['#/media/analysis', '[data-testid=analysis-table]'],
  ['#/media/set', '[data-testid=set-yaml]'],
];
/** Records opened from their lists: `list → the first item's link → what shows the record is open`. */
const FIRST_ITEMS: [string, string, string][] = [
  // a record awaiting approval, opened from the inbox, with its review panel
  ['#/inbox', 'main tbody a', '[data-testid=review-panel]'],
  // a session's history, from its status tag
  ['#/sessions', '[data-testid=session-table] tbody a:has(.ant-tag)', '.ant-modal-title'],
  ['#/conventions', '[data-testid=convention-table] tbody a', '[data-testid=cv-findings]'],
  ['#/official-reports', 'main tbody a', '[data-testid=official-report]'],
];

/**
 * Codes shown on purpose: an XLSForm's form_id is the name field tools know a questionnaire by, shown in the
 * instruments' column "Mã" / "Code".
 */
const SHOWN_CODES = new Set(['bdg_nhan_thuc']);
const isCode = (text: string) => [...text.matchAll(new RegExp(CODE, 'gu'))].some((m) => !SHOWN_CODES.has(m[0]));

/** Every text of the page's main part, one text node at a time (two tags side by side are two texts). */
const textsOf = (page: Page) =>
  page.evaluate(() => {
    const walker = document.createTreeWalker(document.querySelector('main')!, NodeFilter.SHOW_TEXT);
    const texts: string[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent?.trim();
      // what a field holds is the user's to edit (the indicator set's YAML), not the page's words
      if (text && n.parentElement?.tagName !== 'TEXTAREA') texts.push(text);
    }
    return texts;
  });

async function visitAll(
  page: Page,
  base: string,
  more: [string, string][],
  onPage: (name: string) => Promise<void>,
): Promise<number> {
  const items = page.locator('[data-testid=nav-menu] .ant-menu-item');
  const names = await items.allInnerTexts();
  for (const [i, name] of names.entries()) {
    // by position: one item's name can be part of another's
    await items.nth(i).click();
    await settle(page);
    await onPage(name);
  }
  for (const [hash, ready] of [...MORE_PAGES, ...more]) {
    await page.goto(`${base}/${hash}`);
    await page.waitForSelector(ready);
    await settle(page);
    await onPage(hash);
  }
  for (const [hash, link, ready] of FIRST_ITEMS) {
    await page.goto(`${base}/${hash}`);
    await page.locator(link).first().click();
    await page.waitForSelector(ready);
    await settle(page);
    await onPage(`${hash}, first item`);
  }
  return names.length + MORE_PAGES.length + more.length + FIRST_ITEMS.length;
}

describe.skipIf(!chromiumPath())('in Chromium: every page speaks the chosen language', () => {
  const suite = browserSuite(async (ctx) => {
    const logins = await seedDemo(ctx);
    // the demo's self-assessments are of past years (the page opens on this year's)
    const [assessment] = await listAssessments(ctx, { year: 2025 });
    return {
      logins,
      more: [[`#/media/assessments/${assessment!.id}`, '[data-testid=overall-score]']] as [string, string][],
    };
  });
  const admin = () => suite.data().logins.find((l) => l.username === 'admin')!;

  it(
    'in English no heading, label, tab, placeholder or control name is Vietnamese, no code shows, numbers are ' +
      'English',
    async () => {
      const { browser, base } = suite.served();
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      await context.addInitScript(watchRequests);
      await context.addInitScript(() => localStorage.setItem('bdg.lang', 'en'));
      try {
        const page = await context.newPage();
        await logIn(page, base, admin().username, admin().password);
        const found: string[] = [];
        let read = 0;
        const pages = await visitAll(page, base, suite.data().more, async (name) => {
          const texts = await chromeOf(page);
          read += texts.length;
          for (const text of texts) if (VIETNAMESE.test(text)) found.push(`${name}: ${text}`);
          for (const text of await textsOf(page))
            if (isCode(text) || WRONG_PERCENT.en.test(text) || GROUPED_YEAR.test(text)) found.push(`${name}: ${text}`);
        });
        expect(found).toEqual([]);
        // the walk saw the office's whole menu and read the pages' words (in Vietnamese they are Vietnamese: below)
        expect(pages).toBeGreaterThan(20);
        expect(read).toBeGreaterThan(300);
      } finally {
        await context.close();
      }
    },
    300_000,
  );

  it('in Vietnamese no page shows a database code, an English decimal point or a grouped year', async () => {
    const { browser, base } = suite.served();
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    await context.addInitScript(watchRequests);
    try {
      const page = await context.newPage();
      await logIn(page, base, admin().username, admin().password);
      const found: string[] = [];
      let vietnamese = 0;
      await visitAll(page, base, suite.data().more, async (name) => {
        for (const text of await textsOf(page))
          if (isCode(text) || WRONG_PERCENT.vi.test(text) || GROUPED_YEAR.test(text)) found.push(`${name}: ${text}`);
        const chrome = await chromeOf(page);
        for (const text of chrome) if (isCode(text)) found.push(`${name}: ${text}`);
        vietnamese += chrome.filter((t) => VIETNAMESE.test(t)).length;
      });
      expect(found).toEqual([]);
      // the same words that the English walk found none of are Vietnamese here: the walk reads what it should
      expect(vietnamese).toBeGreaterThan(200);
    } finally {
      await context.close();
    }
  }, 300_000);
});
