import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '../../src/core/dates.ts';
import type { SessionInput } from '../../src/core/sessions.ts';
import { insertSessions } from '../../src/modules/sessions/repository.ts';
import { createTestCtx } from '../helpers/db.ts';
import { choose, serveAndLaunch, showPagesOnFailure, type Served } from '../helpers/browser.ts';
import { chromiumPath } from '../helpers/environment.ts';
import { buildUnit, buildUser, TEST_PASSWORD } from '../helpers/factories.ts';

describe.skipIf(!chromiumPath())('in Chromium: a reporter records a session with evidence and sees G1 change', () => {
  let ctx: Awaited<ReturnType<typeof createTestCtx>>;
  let served: Served;
  let base = '';
  let reporter = '';
  const year = Number(todayInVietnam().slice(0, 4));

  showPagesOnFailure(() => served?.browser);
  beforeAll(async () => {
    ctx = await createTestCtx('pglite');
    const province = await buildUnit(ctx, { code: 'E2E-P', kind: 'province', name: 'Tỉnh Thử nghiệm' });
    const own = await buildUnit(ctx, {
      code: 'E2E-HPN',
      kind: 'association',
      name: 'Hội Phụ nữ thử nghiệm',
      parentCode: province.code,
    });
    const other = await buildUnit(ctx, {
      code: 'E2E-SNV',
      kind: 'department',
      name: 'Sở Nội vụ thử nghiệm',
      parentCode: province.code,
    });
    const s = (unitId: number, day: string): SessionInput => ({
      unitId,
      date: `${year}-01-${day}`,
      title: 'Hoạt động có sẵn',
      form: 'conference',
      topics: ['gender_equality_law'],
      targetGroups: [],
      participantsTotal: 10,
      participantsFemale: 5,
      participantsMale: 5,
      placeUnitId: null,
      notes: null,
    });
    await insertSessions(ctx.db, [s(own.id, '10'), s(other.id, '11'), s(other.id, '12')], null);
    reporter = (await buildUser(ctx, 'reporter', own.id)).username;
    served = await serveAndLaunch(ctx);
    base = served.base;
  }, 180_000);

  afterAll(async () => {
    await served?.close();
    await ctx?.dispose();
  });

  /** Opens the dashboard; the figure is read until it settles on `expected` (a cached one may show first). */
  async function expectNumerator(page: Page, expected: string, includePending = false): Promise<void> {
    await page.goto(`${base}/#/dashboard`);
    if (includePending) await page.click('[data-testid=include-pending]');
    await expect.poll(async () => (await page.textContent('[data-testid=g1-numerator]'))?.trim()).toBe(expected);
  }

  it(
    'logs in, sends a session with a file; G1 goes from 1/2 to 2/2 among provisional figures, official ones wait ' +
      'for approval',
    async () => {
      const page = await served.browser.newPage();
      await page.goto(base);
      await page.fill('#login-username', reporter);
      await page.fill('#login-password', 'wrong password 1');
      await page.click('[data-testid=login-submit]');
      await expect.poll(() => page.textContent('[data-testid=login-error]')).toContain('không đúng');
      await page.fill('#login-password', TEST_PASSWORD);
      await page.click('[data-testid=login-submit]');
      await page.waitForSelector('[data-testid=current-user]');
      await expectNumerator(page, '1');
      expect(await page.textContent('[data-testid=g1-denominator]')).toBe('2');

      await page.goto(`${base}/#/sessions`);
      await page.click('[data-testid=add-session]');
      await page.waitForSelector('[data-testid=session-form]');
      await page.fill('#session-title', 'Tọa đàm "Phụ nữ và bình đẳng giới" tại hội sở');
      await choose(page, '#session-form-kind', 'Hội nghị, hội thảo, toạ đàm');
      await page.fill('#session-total', '40');
      await page.fill('#session-female', '30');
      await page.fill('#session-male', '12');
      const evidence = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bdg-e2e-')), 'bien-ban.pdf');
      fs.writeFileSync(evidence, '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
      await page.setInputFiles('input[type=file]', evidence);
      await page.waitForSelector('.ant-upload-list-item-done, .ant-upload-list-item:has-text("bien-ban.pdf")');
      await page.click('[data-testid=session-save]');
      // 30 + 12 > 40: the server's Vietnamese message lands on the field, nothing is saved
      await expect.poll(() => page.textContent('[data-testid=session-form]')).toContain('phải ≥ nữ + nam');
      await page.fill('#session-male', '10');
      await page.click('[data-testid=session-save-submit]');
      await page.waitForSelector('[data-testid=unit-name]');
      await expect.poll(() => page.textContent('[data-testid=session-table]')).toContain('Phụ nữ và bình đẳng giới');
      expect(await page.textContent('[data-testid=session-table]')).toContain('bien-ban.pdf');

      // official figures count approved records: the session awaits approval
      await expectNumerator(page, '1');
      await expect.poll(() => page.textContent('[data-testid=view-words]')).toContain('Chỉ tính hồ sơ đã duyệt');
      expect(await page.locator('[data-testid=provisional-tag]').count()).toBe(0);
      // with records awaiting approval, the figure moves and is marked provisional
      await expectNumerator(page, '2', true);
      await page.waitForSelector('[data-testid=provisional-tag]');
      expect(await page.textContent('[data-testid=view-words]')).toContain('Số liệu tạm');
      const rows = await ctx.db.selectFrom('communication_session_file').selectAll().execute();
      expect(rows.map((r) => r.name)).toEqual(['bien-ban.pdf']);
      await page.close();
    },
    120_000,
  );
});
