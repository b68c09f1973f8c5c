import { describe, expect, it } from 'vitest';
import { browserSuite, choose, logIn, press } from '../helpers/browser.ts';
import { chromiumPath } from '../helpers/environment.ts';
import { buildUnit, buildUser, TEST_PASSWORD } from '../helpers/factories.ts';

describe.skipIf(!chromiumPath())('in Chromium: submit, return with a comment, fix, resubmit, approve', () => {
  const suite = browserSuite(async (ctx) => {
    const p = await buildUnit(ctx, { code: 'WF-P', kind: 'province', name: 'Tỉnh Quy Trình' });
    const unit = await buildUnit(ctx, {
      code: 'WF-HND',
      kind: 'association',
      name: 'Hội Nông dân thử',
      parentCode: p.code,
    });
    return {
      reporter: (await buildUser(ctx, 'reporter', unit.id)).username,
      coordinator: (await buildUser(ctx, 'coordinator')).username,
    };
  });

  it(
    'the reporter on a 390 × 844 phone (with a photo), the ' + 'office at 1366 × 768: the whole approval cycle',
    async () => {
      const [served, ctx, { reporter, coordinator }] = [suite.served(), suite.ctx(), suite.data()];
      const r = await served.browser.newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
      });
      const rp = await r.newPage();
      await logIn(rp, served.base, reporter, TEST_PASSWORD);
      await rp.goto(`${served.base}/#/sessions`);
      await rp.click('[data-testid=add-session]');
      await rp.fill('#session-title', 'Tập huấn cho chi hội trưởng');
      await choose(rp, '#session-form-kind', 'Tập huấn, bồi dưỡng');
      await rp.fill('#session-total', '30');
      await rp.fill('#session-female', '12');
      await rp.fill('#session-male', '18');
      // a photo as a phone's camera gives it: a JPEG (made by the browser's own encoder); the file picker
      // offers the camera and the gallery (it accepts images)
      const photo = Buffer.from(
        (
          await rp.evaluate(() => {
            const canvas = document.createElement('canvas');
            [canvas.width, canvas.height] = [320, 240];
            const g = canvas.getContext('2d')!;
            g.fillStyle = '#c0392b';
            g.fillRect(0, 0, 320, 240);
            g.fillStyle = '#fff';
            g.fillText('Lớp tập huấn', 20, 120);
            return canvas.toDataURL('image/jpeg', 0.8);
          })
        ).split(',')[1]!,
        'base64',
      );
      const picker = rp.locator('[data-testid=session-form] input[type=file]');
      expect(await picker.getAttribute('accept')).toContain('image/*');
      await picker.setInputFiles({ name: 'anh-lop-tap-huan.jpg', mimeType: 'image/jpeg', buffer: photo });
      await rp.waitForSelector('.ant-upload-list-item:has-text("anh-lop-tap-huan.jpg")');
      expect(await rp.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await rp.click('[data-testid=session-save-submit]');
      await expect.poll(() => rp.textContent('[data-testid=session-table]')).toContain('Chờ duyệt');
      // on a phone the list is one card per session, nothing wider than the screen
      expect(await rp.getAttribute('[data-testid=session-table]', 'data-layout')).toBe('cards');
      expect(await rp.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      const stored = await ctx.db.selectFrom('stored_file').select(['mime', 'size']).executeTakeFirstOrThrow();
      expect(stored).toEqual({ mime: 'image/jpeg', size: photo.length });

      const c = await served.browser.newContext({ viewport: { width: 1366, height: 768 } });
      const cp = await c.newPage();
      await logIn(cp, served.base, coordinator, TEST_PASSWORD);
      // the office's home says what awaits it
      await expect.poll(() => cp.textContent('[data-testid=home-inbox]')).toBe('1 hồ sơ chờ duyệt');
      await cp.goto(`${served.base}/#/inbox`);
      await cp.waitForSelector('[data-testid=inbox-table] .ant-table-row');
      await cp.click('[data-testid^=wf-return-]');
      await cp.fill('#wf-comment', 'Số nữ chưa khớp danh sách ký tên');
      await press(cp, '#wf-confirm');
      await expect.poll(() => cp.textContent('[data-testid=inbox-total]')).toBe('0');

      // the reporter's home says what was returned and why
      await rp.goto(`${served.base}/#/dashboard`);
      await rp.reload();
      await expect
        .poll(() => rp.textContent('[data-testid=home-returned]'))
        .toContain('“Số nữ chưa khớp danh sách ký tên”');
      expect(await rp.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await rp.goto(`${served.base}/#/sessions`);
      await expect.poll(() => rp.textContent('[data-testid=session-table]')).toContain('Trả lại');
      // the reporter is told: the bell has the notice with the coordinator's comment
      await rp.click('[data-testid=notification-bell]');
      await expect
        .poll(() => rp.textContent('[data-testid=notification-list]'))
        .toContain('Số nữ chưa khớp danh sách ký tên');
      await rp.click('[data-testid=notification-bell]');
      await expect.poll(() => rp.locator('.ant-popover:visible').count()).toBe(0);
      await rp.click('[data-testid=record-status-returned]');
      await expect.poll(() => rp.textContent('.ant-modal-body')).toContain('Số nữ chưa khớp danh sách ký tên');
      await press(rp, '.ant-modal-close');
      await expect.poll(() => rp.locator('.ant-modal-wrap:visible').count()).toBe(0);
      await rp.click('[data-testid=session-table] >> text=Sửa');
      await rp.waitForSelector('#session-female');
      await expect.poll(() => rp.inputValue('#session-title')).toBe('Tập huấn cho chi hội trưởng');
      // the reason is on the session itself, until it is sent again
      await expect
        .poll(() => rp.textContent('[data-testid=return-reason]'))
        .toContain('Số nữ chưa khớp danh sách ký tên');
      await rp.fill('#session-female', '14');
      await rp.fill('#session-male', '16');
      await rp.click('[data-testid=session-save-submit]');
      await rp.waitForSelector('[data-testid=unit-name]');
      await rp.goto(`${served.base}/#/sessions`);
      await expect.poll(() => rp.textContent('[data-testid=session-table]')).toContain('Chờ duyệt');

      // the office opens the session from the inbox: the record, what changed, Approve / Return
      await cp.reload();
      await cp.click('[data-testid=inbox-table] >> text=Tập huấn cho chi hội trưởng');
      await cp.waitForSelector('[data-testid=review-panel]');
      expect(await cp.locator('#session-title').isDisabled()).toBe(true);
      await cp.click('[data-testid=review-panel] [data-testid^=wf-approve-]');
      await expect.poll(() => cp.locator('[data-testid=record-status-approved]').count()).toBe(1);
      expect(await cp.locator('[data-testid=review-panel]').count()).toBe(0);
      await cp.goto(`${served.base}/#/inbox`);
      await expect.poll(() => cp.textContent('[data-testid=inbox-total]')).toBe('0');

      await rp.reload();
      await expect.poll(() => rp.textContent('[data-testid=session-table]')).toContain('Đã duyệt');
      const row = await ctx.db
        .selectFrom('communication_session')
        .select(['status', 'participants_female'])
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'approved', participants_female: 14 });

      // the audit log says it in words: the steps, and the fields the reporter changed, before → after
      await cp.goto(`${served.base}/#/audit`);
      await cp.fill('.ant-card-extra input >> nth=0', 'communication_session');
      await cp.keyboard.press('Enter');
      await expect.poll(() => cp.textContent('[data-testid=audit-table]')).toContain('Nữ: 12 → 14');
      const audit = (await cp.textContent('[data-testid=audit-table]'))!;
      for (const words of ['Tạo mới', 'Gửi duyệt', 'Trả lại', 'Duyệt', 'Hoạt động truyền thông #'])
        expect(audit).toContain(words);
      expect(audit).not.toMatch(/participantsFemale|"status"|\bupdate\b/u);
      await r.close();
      await c.close();
    },
    120_000,
  );

  it('a reporter is told the inbox is not for its role, and changes its own password', async () => {
    const [served, { reporter }] = [suite.served(), suite.data()];
    const context = await served.browser.newContext();
    const page = await context.newPage();
    await logIn(page, served.base, reporter, TEST_PASSWORD);
    await page.goto(`${served.base}/#/inbox`);
    await expect.poll(() => page.textContent('[data-testid=not-for-role]')).toContain('không dành cho vai trò');
    expect(await page.locator('[data-testid=inbox-table]').count()).toBe(0);

    await page.click('[data-testid=change-password]');
    await page.fill('#pw-current', 'sai-mat-khau-123');
    await page.fill('#pw-new', 'Mat-khau-rieng-2026');
    await page.fill('#pw-repeat', 'Mat-khau-rieng-2026');
    await press(page, '.ant-modal-footer .ant-btn-primary');
    await expect.poll(() => page.textContent('.ant-modal-body')).toContain('Mật khẩu hiện tại không đúng');
    await page.fill('#pw-current', TEST_PASSWORD);
    await press(page, '.ant-modal-footer .ant-btn-primary');
    await expect.poll(() => page.locator('.ant-modal-wrap:visible').count()).toBe(0);
    // still signed in here; a new sign-in needs the new password
    await page.goto(`${served.base}/#/sessions`);
    await page.waitForSelector('[data-testid=current-user]');
    const other = await (await served.browser.newContext()).newPage();
    await logIn(other, served.base, reporter, 'Mat-khau-rieng-2026');
    await context.close();
    await other.context().close();
  }, 120_000);
});
