import { Document, Packer, Paragraph } from 'docx';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserSuite, choose, logIn, press } from '../helpers/browser.ts';
import { chromiumPath } from '../helpers/environment.ts';
import { buildUnit, buildUser, TEST_PASSWORD } from '../helpers/factories.ts';

const CLAUSES = [
  'HƯƠNG ƯỚC THÔN BẮC SƠN',
  'Điều 1. Phạm vi điều chỉnh',
  'Hương ước này quy định các việc chung của thôn Bắc Sơn.',
  'Điều 4. Thừa kế',
  '1. Con gái đã lấy chồng không được chia đất hương hỏa.',
  '2. Việc chia tài sản thực hiện theo pháp luật.',
];

describe.skipIf(!chromiumPath())(
  'in Chromium: a convention from a .docx, a flagged clause confirmed, an amendment, free of discrimination',
  () => {
    const suite = browserSuite(async (ctx) => {
      const commune = await buildUnit(ctx, { code: 'CV-X', kind: 'commune', name: 'Xã Hương Ước' });
      await buildUnit(ctx, { code: 'CV-T1', kind: 'village', name: 'Thôn Bắc Sơn', parentCode: commune.code });
      const docx = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bdg-cv-')), 'huong-uoc-bac-son.docx');
      fs.writeFileSync(
        docx,
        await Packer.toBuffer(new Document({ sections: [{ children: CLAUSES.map((c) => new Paragraph(c)) }] })),
      );
      return {
        reporter: (await buildUser(ctx, 'reporter', commune.id)).username,
        office: (await buildUser(ctx, 'coordinator')).username,
        docx,
      };
    });

    it('registers, reviews and amends the convention in the UI', async () => {
      const [served, ctx, { reporter, office, docx }] = [suite.served(), suite.ctx(), suite.data()];
      const page = await (await served.browser.newContext()).newPage();
      await logIn(page, served.base, reporter, TEST_PASSWORD);
      await page.goto(`${served.base}/#/conventions`);
      await page.click('[data-testid=add-convention]');
      await choose(page, '#cv-village', 'Thôn Bắc Sơn (CV-T1)', 'Bac Son');
      await page.fill('#cv-title', 'Hương ước thôn Bắc Sơn');
      await page.click('#cv-adopted');
      await page.fill('#cv-adopted', '01/03/2024');
      await page.press('#cv-adopted', 'Enter');
      await page.fill('#cv-pct', '85');
      await page.fill('#cv-decision', '12/QĐ-UBND');
      await page.setInputFiles('[data-testid=convention-form] input[type=file]', docx);
      await expect
        .poll(() => page.inputValue('#cv-text'))
        .toContain('Con gái đã lấy chồng không được chia đất hương hỏa.');
      await page.click('[data-testid=cv-save]');
      await page.waitForSelector('[data-testid=cv-findings] [data-testid=finding]');
      expect(await page.textContent('[data-testid=cv-findings]')).toContain('Điều 4, khoản 1');
      expect(await page.textContent('[data-testid=cv-findings]')).toContain('Con gái đã lấy chồng không được chia');
      await page.click('[data-testid^=confirm-]');
      await page.fill('#review-note', 'Trái Điều 651 Bộ luật Dân sự');
      // through the dialog's key, as the other dialogs: a click on it still opening was lost once on a busy host
      // (npm run check on 7 December left it open, the note typed, the finding not reviewed)
      await press(page, '#review-ok');
      await expect.poll(() => page.locator('#review-note:visible').count()).toBe(0);
      await expect
        .poll(() => page.textContent('[data-testid=cv-free]'))
        .toBe('Còn nội dung phân biệt đối xử đã xác nhận');
      await page.click('text=Ghi nhận sửa đổi');
      await page.waitForSelector('#amend-text');
      const current = await page.inputValue('#amend-text');
      await page.fill(
        '#amend-text',
        current.replace(
          '1. Con gái đã lấy chồng không được chia đất hương hỏa.',
          '1. Con trai, con gái đều được chia đất hương hỏa như nhau.',
        ),
      );
      await page.click('#amend-date');
      await page.fill('#amend-date', '01/06/2024');
      await page.press('#amend-date', 'Enter');
      await page.fill('#amend-decision', '25/QĐ-UBND');
      await page.click('[data-testid=amend-save]');
      await expect.poll(() => page.textContent('[data-testid=cv-free]')).toBe('Không phân biệt đối xử (tính cho G6)');
      expect(await page.textContent('[data-testid=cv-findings]')).toContain('Đã sửa đổi');
      await page.goto(`${served.base}/#/conventions`);
      await expect.poll(() => page.textContent('[data-testid=convention-table]')).toContain('Không phân biệt đối xử');
      const row = await ctx.db
        .selectFrom('convention_finding')
        .select(['status', 'resolved_by_text_id'])
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('resolved');
      expect(row.resolved_by_text_id).not.toBeNull();

      // the office downloads the reviewers' decisions as a candidate batch for the screener's corpus
      const officePage = await (await served.browser.newContext({ acceptDownloads: true })).newPage();
      await logIn(officePage, served.base, office, TEST_PASSWORD);
      await officePage.goto(`${served.base}/#/conventions`);
      await officePage.waitForSelector('[data-testid=screener-feedback]');
      const [download] = await Promise.all([
        officePage.waitForEvent('download'),
        officePage.click('[data-testid=screener-feedback]'),
      ]);
      expect(download.suggestedFilename()).toMatch(/^screener-feedback-\d{4}-\d{2}-\d{2}\.yaml$/u);
      const yaml = fs.readFileSync(await download.path(), 'utf8');
      expect(yaml).toContain('label: discriminatory');
      expect(yaml).toContain('Con gái đã lấy chồng không được chia đất hương hỏa.');
    }, 180_000);
  },
);
