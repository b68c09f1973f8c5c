import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PERIODS, periodsBetween } from '../../src/core/periods.ts';
import { browserSuite, choose, logIn, press } from '../helpers/browser.ts';
import { chromiumPath } from '../helpers/environment.ts';
import { buildUnit, buildUser, TEST_PASSWORD } from '../helpers/factories.ts';

// a course a few days ago, and the yearly period whose window holds it
const courseDay = dayjs().subtract(3, 'day');
const period = periodsBetween(DEFAULT_PERIODS, courseDay.year(), courseDay.year() + 1).find(
  (p) => p.code === 'CN' && p.from <= courseDay.format('YYYY-MM-DD') && courseDay.format('YYYY-MM-DD') <= p.to,
)!;

describe.skipIf(!chromiumPath())(
  'in Chromium: a training course through the approval cycle, and the completeness table',
  () => {
    const suite = browserSuite(async (ctx) => {
      const p = await buildUnit(ctx, { code: 'RC-P', kind: 'province', name: 'Tỉnh Hồ Sơ' });
      const unit = await buildUnit(ctx, { code: 'RC-X', kind: 'commune', name: 'Xã Tập Huấn', parentCode: p.code });
      return {
        reporter: (await buildUser(ctx, 'reporter', unit.id)).username,
        coordinator: (await buildUser(ctx, 'coordinator')).username,
      };
    });

    it(
      'reporter submits, coordinator returns with a comment, reporter fixes and resubmits, coordinator approves; ' +
        'the table follows',
      async () => {
        const [served, ctx, { reporter, coordinator }] = [suite.served(), suite.ctx(), suite.data()];
        const r = await served.browser.newContext();
        const rp = await r.newPage();
        await logIn(rp, served.base, reporter, TEST_PASSWORD);
        await rp.goto(`${served.base}/#/records/training_course`);
        await rp.click('[data-testid=add-record]');
        await rp.fill('#rf-title', 'Tập huấn truyền thông viên cơ sở');
        for (const [id, day] of [
          ['#rf-date', courseDay],
          ['#rf-endDate', courseDay],
        ] as const) {
          await rp.click(id);
          await rp.fill(id, day.format('DD/MM/YYYY'));
          await rp.press(id, 'Enter');
        }
        await choose(rp, '#rf-audiences', 'Truyền thông viên');
        await rp.keyboard.press('Escape');
        await rp.fill('#rf-participantsTotal', '30');
        await rp.fill('#rf-participantsFemale', '22');
        // a negative number is refused with the reason, not turned into another number by the control
        await rp.fill('#rf-participantsMale', '-10');
        await rp.click('[data-testid=record-save-submit]');
        await expect.poll(() => rp.textContent('[data-testid=record-form]')).toContain('phải là số nguyên không âm');
        await rp.fill('#rf-participantsMale', '10');
        await rp.click('[data-testid=record-save-submit]');
        // 22 + 10 > 30: the server's Vietnamese message lands on the field, nothing is saved
        await expect.poll(() => rp.textContent('[data-testid=record-form]')).toContain('phải ≥ tổng các phần (32)');
        await rp.fill('#rf-participantsMale', '8');
        await rp.click('[data-testid=record-save-submit]');
        await expect.poll(() => rp.textContent('[data-testid=record-table]')).toContain('Chờ duyệt');

        const c = await served.browser.newContext();
        const cp = await c.newPage();
        await logIn(cp, served.base, coordinator, TEST_PASSWORD);
        await cp.goto(`${served.base}/#/reports?period=${period.key}`);
        await expect.poll(() => cp.textContent('[data-testid=records-RC-X]')).toBe('0 / 1');
        await expect.poll(() => cp.textContent('[data-testid=state-RC-X]')).toBe('Chưa nộp');
        await cp.goto(`${served.base}/#/inbox`);
        await cp.waitForSelector('[data-testid=inbox-table] .ant-table-row');
        expect(await cp.textContent('[data-testid=inbox-table]')).toContain('Lớp tập huấn, bồi dưỡng');
        await cp.click('[data-testid^=wf-return-training_course-]');
        await cp.fill('#wf-comment', 'Thiếu danh sách học viên ký tên');
        await press(cp, '#wf-confirm');
        await expect.poll(() => cp.textContent('[data-testid=inbox-total]')).toBe('0');

        await rp.reload();
        await expect.poll(() => rp.textContent('[data-testid=record-table]')).toContain('Trả lại');
        await rp.click('[data-testid=record-status-returned]');
        await expect.poll(() => rp.textContent('.ant-modal-body')).toContain('Thiếu danh sách học viên ký tên');
        await press(rp, '.ant-modal-close');
        await expect.poll(() => rp.locator('.ant-modal-wrap:visible').count()).toBe(0);
        await rp.click('[data-testid^=edit-]');
        await rp.waitForSelector('#rf-participantsTotal');
        await expect.poll(() => rp.inputValue('#rf-title')).toBe('Tập huấn truyền thông viên cơ sở');
        await rp.fill('#rf-participantsTotal', '32');
        await rp.click('[data-testid=record-save-submit]');
        await expect.poll(() => rp.textContent('[data-testid=record-table]')).toContain('Chờ duyệt');

        await cp.reload();
        await cp.waitForSelector('[data-testid=inbox-table] .ant-table-row');
        await cp.locator('[data-testid=inbox-table] .ant-table-row .ant-checkbox-input').first().check();
        await cp.click('[data-testid=approve-selected]');
        await expect.poll(() => cp.textContent('[data-testid=inbox-total]')).toBe('0');
        await cp.goto(`${served.base}/#/reports?period=${period.key}`);
        await expect.poll(() => cp.textContent('[data-testid=records-RC-X]')).toBe('1 / 0');

        // the unit writes its periodic report: pre-filled with the approved course; the table shows it sent
        await rp.goto(`${served.base}/#/records/periodic_report/new`);
        await choose(rp, '#rf-period', (title) => title.endsWith(`(${period.key})`), period.key);
        // the figures it will carry show before the first save
        await expect.poll(() => rp.textContent('[data-testid=report-prefill]')).toContain('Lớp tập huấn');
        expect(await rp.textContent('[data-testid=report-prefill]')).toContain('32');
        await rp.fill('#rf-results', 'Tổ chức 1 lớp tập huấn cho 32 truyền thông viên');
        await rp.click('[data-testid=record-save-submit]');
        await expect.poll(() => rp.textContent('[data-testid=record-table]')).toContain('Chờ duyệt');
        await cp.reload();
        await expect.poll(() => cp.textContent('[data-testid=completeness-table]')).toContain('Chờ duyệt');
        await expect
          .poll(async () => /Đúng hạn|Muộn/u.test((await cp.textContent('[data-testid=state-RC-X]')) ?? ''))
          .toBe(true);
        await expect.poll(() => cp.textContent('[data-testid=complete-rate]')).toContain('100,0%');

        const row = await ctx.db
          .selectFrom('unit_record')
          .select(['status', 'data'])
          .where('type', '=', 'training_course')
          .executeTakeFirstOrThrow();
        expect(row.status).toBe('approved');
        expect(row.data).toMatchObject({
          participantsTotal: 32,
          participantsFemale: 22,
          participantsMale: 8,
          audiences: ['communicators'],
        });
        const report = await ctx.db
          .selectFrom('unit_record')
          .select(['data'])
          .where('type', '=', 'periodic_report')
          .executeTakeFirstOrThrow();
        expect((report.data as { summary: { byType: unknown[] } }).summary.byType).toEqual([
          { type: 'training_course', total: 1, approved: 1, participants: 32 },
        ]);
        await r.close();
        await c.close();
      },
      180_000,
    );
  },
);

describe.skipIf(!chromiumPath())('in Chromium: a record form that keeps its data', () => {
  const suite = browserSuite(async (ctx) => {
    const unit = await buildUnit(ctx, { code: 'RC-Y', kind: 'commune', name: 'Xã Cẩn Thận' });
    return { careful: (await buildUser(ctx, 'reporter', unit.id)).username };
  });

  it(
    'a form keeps its data: Enter in a field sends nothing, a ' + 'likely repeat is asked about, leaving unsaved asks',
    async () => {
      const [served, ctx, { careful }] = [suite.served(), suite.ctx(), suite.data()];
      const page = await (await served.browser.newContext()).newPage();
      await logIn(page, served.base, careful, TEST_PASSWORD);
      let posts = 0;
      page.on('request', (req) => {
        if (req.method() === 'POST' && req.url().endsWith('/api/records/training_course')) posts++;
      });
      const stored = async () =>
        (
          await ctx.db
            .selectFrom('unit_record as r')
            .innerJoin('unit as u', 'u.id', 'r.unit_id')
            .select('r.id')
            .where('u.code', '=', 'RC-Y')
            .execute()
        ).length;
      const fill = async () => {
        await page.goto(`${served.base}/#/records/training_course`);
        await page.click('[data-testid=add-record]');
        await page.fill('#rf-title', 'Tập huấn kỹ năng làm cha mẹ');
        for (const id of ['#rf-date', '#rf-endDate']) {
          await page.click(id);
          await page.fill(id, courseDay.format('DD/MM/YYYY'));
          await page.press(id, 'Enter');
        }
        await choose(page, '#rf-audiences', 'Truyền thông viên');
        await page.keyboard.press('Escape');
        await page.fill('#rf-participantsTotal', '20');
        // every required field is filled: a browser would send the form on Enter here
        await page.press('#rf-participantsTotal', 'Enter');
        await page.press('#rf-title', 'Enter');
      };
      await fill();
      // the form is still there and nothing went to the server (given a moment to go); the button sends it, once
      await page.waitForTimeout(500);
      expect(posts).toBe(0);
      expect(await page.inputValue('#rf-title')).toBe('Tập huấn kỹ năng làm cha mẹ');
      await page.click('[data-testid=record-save]');
      await expect.poll(() => page.textContent('[data-testid=record-table]')).toContain('Tập huấn kỹ năng làm cha mẹ');
      expect(posts).toBe(1);
      expect(await stored()).toBe(1);

      // the same course again, same day: the stored one is named; going back to the form saves nothing
      await fill();
      await page.click('[data-testid=record-save]');
      await expect.poll(() => page.textContent('[data-testid=duplicate-message]')).toMatch(/trùng với bản ghi số \d+/u);
      await press(page, '.ant-modal-confirm-btns button:has-text("Huỷ")');
      await expect.poll(() => page.locator('.ant-modal-confirm:visible').count()).toBe(0);
      expect(await stored()).toBe(1);
      // told it is another course, it saves
      await page.click('[data-testid=record-save]');
      await press(page, '.ant-modal-confirm-btns button:has-text("Vẫn lưu")');
      await expect.poll(stored).toBe(2);
      await page.waitForSelector('[data-testid=record-table]');

      // leaving a form with unsaved input asks; "Ở lại" keeps the input, "Rời trang" leaves
      await page.click('[data-testid=add-record]');
      await page.fill('#rf-title', 'Chưa lưu');
      await page.evaluate(() => (window.location.hash = '#/dashboard'));
      await page.waitForSelector('.ant-modal-confirm:has-text("Rời trang khi chưa lưu?")');
      // through the dialog's keys, and waiting for it to close: with pointer clicks, a slow host once left the first
      // dialog on screen under the second
      await press(page, '.ant-modal-confirm-btns button:has-text("Ở lại")');
      await expect.poll(() => page.locator('.ant-modal-confirm:visible').count()).toBe(0);
      await expect.poll(() => page.inputValue('#rf-title')).toBe('Chưa lưu');
      expect(page.url()).toContain('#/records/training_course/new');
      await page.evaluate(() => (window.location.hash = '#/dashboard'));
      await press(page, '.ant-modal-confirm-btns button:has-text("Rời trang")');
      await expect.poll(() => page.url()).toContain('#/dashboard');
      // the address may read #/dashboard before the form has gone (npm run check failed once reading it at once)
      await expect.poll(() => page.locator('#rf-title').count()).toBe(0);
      // and for the dialog to leave the page: the next address differs by its hash only, so the page is not reloaded,
      // and a dialog still closing was counted below as a question once (npm run check, 7 December 2026)
      await expect.poll(() => page.locator('.ant-modal-confirm').count()).toBe(0);
      // a form left untouched lets the user go without a question
      await page.goto(`${served.base}/#/records/training_course/new`);
      await page.waitForSelector('#rf-title');
      await page.evaluate(() => (window.location.hash = '#/dashboard'));
      await expect.poll(() => page.locator('#rf-title').count()).toBe(0);
      expect(await page.locator('.ant-modal-confirm').count()).toBe(0);
      expect(await stored()).toBe(2);
    },
    180_000,
  );
});
