import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/modules/context.ts';
import { createExercise } from '../../src/modules/media/monitoring.ts';
import { browserSuite, choose, logIn } from '../helpers/browser.ts';
import { chromiumPath } from '../helpers/environment.ts';
import { buildUnit, buildUser, TEST_PASSWORD } from '../helpers/factories.ts';

const YEAR = new Date().getFullYear();

describe.skipIf(!chromiumPath())(
  'in Chromium: a coder codes a story with two people; an agency submits its self-assessment, the office ' +
    'approves, G4 moves',
  () => {
    const suite = browserSuite(async (ctx) => {
      const province = await buildUnit(ctx, { code: 'MD-P', kind: 'province', name: 'Tỉnh Báo Chí' });
      const agency = await buildUnit(ctx, {
        code: 'MD-B',
        kind: 'media',
        name: 'Báo Thử Nghiệm',
        parentCode: province.code,
      });
      await createExercise(ctx, SYSTEM_ACTOR, {
        name: 'Ngày giám sát thử',
        startDate: `${YEAR}-01-02`,
        endDate: `${YEAR}-01-03`,
      });
      return {
        editor: (await buildUser(ctx, 'reporter', agency.id)).username,
        office: (await buildUser(ctx, 'coordinator')).username,
      };
    });

    it(
      'codes by keyboard, sees the share, assesses, submits; ' + 'the office approves and G4.pilot becomes 100%',
      async () => {
        const [served, { editor, office }] = [suite.served(), suite.data()];
        const page = await (await served.browser.newContext()).newPage();
        await logIn(page, served.base, editor, TEST_PASSWORD);
        await page.goto(`${served.base}/#/media/coding`);
        // the story: exercise, agency, medium, date, headline, topic — typed, chosen with Enter
        await page.click('#coding-exercise');
        await page.keyboard.press('Enter');
        await choose(page, '#coding-unit', 'Báo Thử Nghiệm (MD-B)', 'Bao Thu');
        await page.click('#coding-medium');
        await page.keyboard.type('dien tu');
        await page.keyboard.press('Enter');
        await page.click('#coding-date');
        await page.fill('#coding-date', `02/01/${YEAR}`);
        await page.press('#coding-date', 'Enter');
        await page.fill('#coding-headline', 'Phụ nữ chỉ nên lo việc nội trợ');
        await page.click('#coding-topic');
        await page.keyboard.type('bao luc tren');
        await page.keyboard.press('Enter');
        // the screener's suggestion appears before saving; the coder decides
        await page.waitForSelector('[data-testid=screener-hint]');
        // two people, added with Alt+N, chosen by typing
        await page.keyboard.press('Alt+n');
        await page.keyboard.press('Alt+n');
        await page.click('#person-1-sex');
        await page.keyboard.type('nu');
        await page.keyboard.press('Enter');
        await page.click('#person-1-function');
        await page.keyboard.type('chuyen gia');
        await page.keyboard.press('Enter');
        await page.click('#person-2-sex');
        await page.keyboard.type('nam');
        await page.keyboard.press('Enter');
        await page.click('#person-2-function');
        await page.keyboard.type('phat ngon');
        await page.keyboard.press('Enter');
        await page.keyboard.press('Control+Enter');
        await page.waitForSelector('[data-testid=screener-suggestion]');
        expect(await page.textContent('[data-testid=screener-suggestion]')).toMatch(/có thể có định kiến giới/u);
        // the form keeps the exercise, agency, medium and date for the next story
        expect(await page.inputValue('#coding-headline')).toBe('');
        expect(await page.locator('[data-testid=person-1]').count()).toBe(0);
        // the list below shows it with its number (to code it again) and its two people
        await expect
          .poll(() => page.textContent('[data-testid=stories-table]'))
          .toContain('Phụ nữ chỉ nên lo việc nội trợ');

        const officePage = await (await served.browser.newContext()).newPage();
        await logIn(officePage, served.base, office, TEST_PASSWORD);
        const g4 = async () => {
          await officePage.goto(`${served.base}/#/indicators/G4.pilot?year=${YEAR}&r=${Math.random()}`);
          await officePage.waitForSelector('[data-testid=indicator-value]');
          return officePage.textContent('[data-testid=indicator-value] .ant-statistic-content');
        };
        expect(await g4()).toBe('0,0%');
        await officePage.goto(`${served.base}/#/media/analysis`);
        await expect.poll(() => officePage.textContent('[data-testid=analysis-overall]')).toMatch(/nữ 50,0% \(1\/2/u);
        expect(await officePage.textContent('[data-testid=analysis-table]')).toContain('Chuyên gia, bình luận viên');

        // the agency's self-assessment: opened from the list, eight A answers, B filled from the coded story
        await page.goto(`${served.base}/#/media/assessments`);
        await page.click('[data-testid=open-assessment]');
        await page.waitForSelector('[data-testid=assessment-level]');
        expect(await page.textContent('[data-testid="computed-B1.1"]')).toContain('50% (n = 2, 1 ngày giám sát)');
        for (const code of ['A1-3', 'A2-4', 'A3-2', 'A4-2']) await page.click(`#answer-${code} input[value=yes]`);
        for (const code of ['A1-2', 'A2-1', 'A3-1', 'A5-1']) await page.fill(`#answer-${code}`, '40');
        await page.fill('#note-A1-2', 'Theo danh sách cán bộ quản lý tháng 6');
        await page.click('[data-testid=assessment-save]');
        await expect.poll(() => page.textContent('[data-testid=assessment-level]')).toContain('Thí điểm');
        expect(await page.textContent('[data-testid=score-formula]')).toContain('min(p, 100 − p) / 50');
        expect(await page.inputValue('#note-A1-2')).toBe('Theo danh sách cán bộ quản lý tháng 6');
        const id = /assessments\/(\d+)/u.exec(page.url())![1];
        await page.click(`[data-testid=wf-submit-media_assessment-${id}]`);
        await page.waitForSelector('[data-testid=record-status-submitted]');

        await officePage.goto(`${served.base}/#/inbox`);
        await officePage.waitForSelector(`[data-testid=wf-approve-media_assessment-${id}]`);
        await officePage.click(`[data-testid=wf-approve-media_assessment-${id}]`);
        await expect.poll(() => officePage.locator(`[data-testid=wf-approve-media_assessment-${id}]`).count()).toBe(0);
        await expect.poll(g4).toBe('100,0%');
        // the drill-down names the agency's level
        expect(await officePage.textContent('[data-testid=drill-down]')).toContain('Thí điểm');
      },
    );
  },
);
