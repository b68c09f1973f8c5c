import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PERIODS, periodsBetween } from '../../src/core/periods.ts';
import { browserSuite, logIn } from '../helpers/browser.ts';
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

    it('reporter submits, coordinator returns with a comment, reporter fixes and resubmits, coordinator approves; the table follows', async () => {
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
      await rp.click('#rf-audiences');
      await rp.click('.ant-select-item-option[title="Truyền thông viên"]');
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
      await cp.click('#wf-confirm');
      await expect.poll(() => cp.textContent('[data-testid=inbox-total]')).toBe('0');

      await rp.reload();
      await expect.poll(() => rp.textContent('[data-testid=record-table]')).toContain('Trả lại');
      await rp.click('[data-testid=record-status-returned]');
      await expect.poll(() => rp.textContent('.ant-modal-body')).toContain('Thiếu danh sách học viên ký tên');
      await rp.click('.ant-modal-close');
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
      await rp.click('#rf-period');
      await rp.fill('#rf-period', period.key);
      await rp.click(`.ant-select-item-option[title$="(${period.key})"]`);
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
    }, 180_000);
  },
);
