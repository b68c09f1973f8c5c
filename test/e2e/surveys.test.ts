import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sheetsFromYaml } from '../../src/core/surveys/form-yaml.ts';
import { SYSTEM_ACTOR } from '../../src/modules/context.ts';
import { xlsformWorkbook } from '../../src/modules/surveys/instrument-files.ts';
import {
  createWave,
  importInstrument,
  registerDefaultInstrument,
  setWavePublic,
} from '../../src/modules/surveys/service.ts';
import { readTabular } from '../../src/modules/files/tabular.ts';
import { browserSuite, choose, logIn, recordLoaded } from '../helpers/browser.ts';
import { chromiumPath } from '../helpers/environment.ts';
import { buildUnit, buildUser, TEST_PASSWORD } from '../helpers/factories.ts';

const YEAR = new Date().getFullYear();

describe.skipIf(!chromiumPath())(
  'in Chromium: a respondent answers the public survey form on a phone; the office sees one more respondent',
  () => {
    const suite = browserSuite(async (ctx) => {
      const { id: instrumentId } = await registerDefaultInstrument(ctx, SYSTEM_ACTOR);
      const { id } = await createWave(ctx, SYSTEM_ACTOR, {
        name: 'Khảo sát trực tuyến thử',
        year: YEAR,
        instrumentId,
        startDate: `${YEAR}-01-01`,
        endDate: `${YEAR + 1}-12-31`,
      });
      const { publicToken } = await setWavePublic(ctx, SYSTEM_ACTOR, id, true);
      // a second form: the default one with a code checked by regex() and a time of day
      const formText = fs
        .readFileSync(new URL('../../instruments/bdg-nhan-thuc/form.yaml', import.meta.url), 'utf8')
        .replace("version: '2025.1'", "version: '2026.9'")
        // (a function, not a string: "$'" in a replacement string means "the rest of the text")
        .replace('survey:\n', () =>
          [
            'survey:',
            '  - type: text',
            '    name: ma_xa',
            "    label: 'Mã xã (5 chữ số)'",
            '    constraint: "regex(., \'^[0-9]{5}$\')"',
            "    constraint_message: 'Mã xã gồm đúng 5 chữ số'",
            '  - type: time',
            '    name: gio',
            "    label: 'Giờ trả lời'",
            '',
          ].join('\n'),
        );
      const scoring = fs.readFileSync(new URL('../../instruments/bdg-nhan-thuc/scoring.yaml', import.meta.url), 'utf8');
      const workbook = await xlsformWorkbook(sheetsFromYaml(formText, { keepCase: true }));
      const custom = await importInstrument(ctx, SYSTEM_ACTOR, workbook, scoring);
      const second = await createWave(ctx, SYSTEM_ACTOR, {
        name: 'Khảo sát có mã xã',
        year: YEAR,
        instrumentId: custom.id,
        startDate: `${YEAR}-01-01`,
        endDate: `${YEAR + 1}-12-31`,
      });
      const regexToken = (await setWavePublic(ctx, SYSTEM_ACTOR, second.id, true)).publicToken!;
      // an area for a wave made on the page
      await buildUnit(ctx, { code: 'KS-XA', kind: 'commune', name: 'Xã Khảo Sát' });
      return { token: publicToken!, regexToken, office: (await buildUser(ctx, 'coordinator')).username };
    });

    it('a form with regex() loads RE2 in the browser and checks with it; a time has the phone’s control', async () => {
      const [served, { regexToken }] = [suite.served(), suite.data()];
      const context = await served.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
      const page = await context.newPage();
      const scripts: string[] = [];
      page.on('request', (r) => scripts.push(r.url()));
      await page.goto(`${served.base}/#/khao-sat/${regexToken}`);
      await page.waitForSelector('[data-testid=q-ma_xa]');
      expect(scripts.some((u) => /\/assets\/re2-[\w-]+\.js$/u.test(u))).toBe(true);
      expect(await page.getAttribute('[data-testid=q-gio] input', 'type')).toBe('time');
      await page.fill('[data-testid=q-ma_xa] input', '12a45');
      await page.click('[data-testid=submit-survey]');
      await expect.poll(() => page.textContent('[data-testid=problem-ma_xa]')).toBe('Mã xã gồm đúng 5 chữ số');
      await page.fill('[data-testid=q-ma_xa] input', '12345');
      await page.click('[data-testid=submit-survey]');
      await expect.poll(() => page.locator('[data-testid=problem-ma_xa]').count()).toBe(0);
      await context.close();
    });

    it('relevance and constraints work in the browser; the answer is stored; the office page counts it', async () => {
      const [served, { token, office }] = [suite.served(), suite.data()];
      const phone = await served.browser.newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
      });
      const page = await phone.newPage();
      // what the phone downloads: the light form (its own entry, no staff client), compressed
      const loaded = recordLoaded(page);
      await page.goto(`${served.base}/#/khao-sat/${token}`);
      await page.waitForSelector('[data-testid=q-sex]');
      const files = loaded.filter((l) => /\.(js|css)$/u.test(l.url));
      // RE2 only for a form that uses regex(): this one does not
      expect(files.filter((f) => f.url.includes('/re2-'))).toEqual([]);
      // only the public pages' words (web/src/i18n-public.ts), not the staff client's catalogue ('Đăng xuất')
      const code = await Promise.all(files.map(async (f) => (await page.request.get(f.url)).text()));
      expect(code.filter((text) => text.includes('Đăng xuất'))).toEqual([]);
      expect(files.length).toBeGreaterThan(2);
      expect(files.filter((f) => f.bytes > 1024 && !['br', 'gzip'].includes(f.encoding ?? ''))).toEqual([]);
      // the budget in docs/surveys.md: under 100 KB for the whole page on the wire, the form's questions
      // included (the staff client's component library alone is more)
      expect(loaded.reduce((sum, l) => sum + l.bytes, 0)).toBeLessThan(100 * 1024);
      // built files named by their content are kept a year; the page that names them is asked for each time
      const cacheOf = async (url: string) => (await page.request.get(url)).headers()['cache-control'];
      expect(await cacheOf(files[0]!.url)).toBe('public, max-age=31536000, immutable');
      expect(await cacheOf(`${served.base}/`)).toBe('no-cache');
      // nothing fits sideways on a phone: the page is no wider than the screen
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await page.getByText('Nữ', { exact: true }).click();
      // answers stay on the phone: a reload (or a browser closed by mistake) loses nothing
      await page.reload();
      await page.waitForSelector('[data-testid=q-sex]');
      expect(await page.locator('[data-testid=q-sex] input[value=female]').isChecked()).toBe(true);
      await page.fill('[data-testid=q-age] input', '12');
      await page.click('[data-testid=submit-survey]');
      // the form's own message, from the same check the server makes
      await expect.poll(() => page.textContent('[data-testid=problem-age]')).toBe('Tuổi từ 15 đến 100');
      await page.fill('[data-testid=q-age] input', '34');
      for (const [q, label] of [
        ['ethnicity', 'Kinh'],
        ['area', 'Nông thôn'],
        ['target_group', 'Người lao động'],
      ] as const)
        await page.locator(`[data-testid=q-${q}]`).getByText(label, { exact: true }).click();
      // relevance: the channels question shows only after "yes", and goes again after "no"
      expect(await page.locator('[data-testid=q-channels]').count()).toBe(0);
      await page.locator('[data-testid=q-exposed]').getByText('Có', { exact: true }).click();
      await page.locator('[data-testid=q-channels]').getByText('Mạng xã hội', { exact: true }).click();
      await page.locator('[data-testid=q-exposed]').getByText('Không', { exact: true }).click();
      expect(await page.locator('[data-testid=q-channels]').count()).toBe(0);
      await page.locator('[data-testid=q-exposed]').getByText('Có', { exact: true }).click();
      await page.locator('[data-testid=q-channels]').getByText('Đài, loa phát thanh', { exact: true }).click();
      for (let i = 1; i <= 10; i++)
        await page.locator(`[data-testid=q-k${i}]`).getByText('Đúng', { exact: true }).click();
      for (let i = 1; i <= 8; i++)
        await page.locator(`[data-testid=q-n${i}]`).getByText('Không đồng ý', { exact: true }).click();
      // English on the same answers
      await page.getByText('English', { exact: true }).click();
      await page.waitForSelector('text=Housework and childcare are mainly women');
      // a slow connection: the server stores the answer but its reply never arrives — the phone says so,
      // keeps the answers, and sending again is recognised as the same answer sheet
      let posts = 0;
      await page.route('**/responses', async (route) => {
        posts++;
        await route.fetch();
        await route.abort('timedout');
      });
      await page.click('[data-testid=submit-survey]');
      await expect.poll(() => page.textContent('[role=alert]')).toContain('Not sent');
      await page.unroute('**/responses');
      await page.click('[data-testid=submit-survey]');
      await page.waitForSelector('[data-testid=survey-thanks]');
      expect(posts).toBe(1);
      await page.reload();
      await page.waitForSelector('[data-testid=q-sex]');
      expect(await page.locator('[data-testid=q-sex] input[value=female]').isChecked()).toBe(false);
      await phone.close();
      // what the server kept: both channels ticked (the first kept while hidden, as the respondent left it)
      const stored = await suite.ctx().db.selectFrom('survey_response').select(['answers', 'scores']).execute();
      expect(stored).toHaveLength(1);
      expect(stored[0]!.answers).toMatchObject({ sex: 'female', age: '34', exposed: 'yes', channels: 'social radio' });
      expect(stored[0]!.scores).toMatchObject({ knowledge: 60 });

      const desk = await (await served.browser.newContext()).newPage();
      await logIn(desk, served.base, office, TEST_PASSWORD);
      await desk.goto(`${served.base}/#/surveys`);
      await desk.waitForSelector('[data-testid=wave-responses]');
      expect(await desk.textContent('[data-testid=wave-responses]')).toBe('1');
      // the sample-size calculator: baseline 55, SD 15, +10%, design effect 2 → 234 each wave
      await expect.poll(() => desk.textContent('[data-testid=sample-size]')).toBe('234 người mỗi đợt');
    });

    it('the office makes a wave and its invitations, downloads the links; a phone answers one, once', async () => {
      const [served, { office }] = [suite.served(), suite.data()];
      const desk = await (await served.browser.newContext({ acceptDownloads: true })).newPage();
      await logIn(desk, served.base, office, TEST_PASSWORD);
      await desk.goto(`${served.base}/#/surveys`);
      // a new wave on the page: its instrument, days, a target group of the instrument's list and an area
      await desk.getByRole('button', { name: 'Tạo đợt khảo sát' }).click();
      await desk.fill('#name', 'Khảo sát qua thư mời');
      await choose(desk, '#instrumentId', (title) => title.includes('(2025.1)'));
      await desk.click('#days');
      await desk.keyboard.type(`01/01/${YEAR}`);
      await desk.keyboard.press('Enter');
      await desk.keyboard.type(`31/12/${YEAR + 1}`);
      await desk.keyboard.press('Enter');
      await choose(desk, '#wave-target-groups', 'Người lao động');
      await desk.keyboard.press('Escape');
      await choose(desk, '#wave-areas', 'Xã Khảo Sát (KS-XA)', 'khao sat');
      await desk.keyboard.press('Escape');
      await desk.getByRole('button', { name: 'Lưu' }).click();
      const row = desk.locator('[data-testid=survey-waves] tr', { hasText: 'Khảo sát qua thư mời' });
      await row.locator('[data-testid=wave-invite]').click();
      await desk.fill('#invitation-count', '2');
      await desk.click('[data-testid=make-invitations]');
      await desk.waitForSelector('[data-testid=invitations-made]');
      const [download] = await Promise.all([desk.waitForEvent('download'), desk.click('[data-testid=download-links]')]);
      const sheet = await readTabular(fs.readFileSync((await download.path())!), { plainHeaders: true });
      const links = sheet.rows.map((r) => String(Object.values(r.cells).at(-1)));
      expect(links).toHaveLength(2);
      expect(links.every((l) => l.startsWith(`${served.base}/#/khao-sat/`))).toBe(true);

      const phone = await served.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
      const page = await phone.newPage();
      await page.goto(links[0]!);
      await page.waitForSelector('[data-testid=q-sex]');
      expect(await page.textContent('main')).toContain('thư mời riêng của anh/chị, trả lời một lần');
      await page.locator('[data-testid=q-sex]').getByText('Nam', { exact: true }).click();
      await page.fill('[data-testid=q-age] input', '41');
      for (const [q, label] of [
        ['ethnicity', 'Kinh'],
        ['area', 'Thành thị'],
        ['target_group', 'Người lao động'],
        ['exposed', 'Không'],
      ] as const)
        await page.locator(`[data-testid=q-${q}]`).getByText(label, { exact: true }).click();
      for (let i = 1; i <= 10; i++)
        await page.locator(`[data-testid=q-k${i}]`).getByText('Đúng', { exact: true }).click();
      for (let i = 1; i <= 8; i++)
        await page.locator(`[data-testid=q-n${i}]`).getByText('Đồng ý', { exact: true }).click();
      await page.click('[data-testid=submit-survey]');
      await page.waitForSelector('[data-testid=survey-thanks]');
      // the link, opened again, says it has been answered
      await page.reload();
      await page.waitForSelector('[data-testid=invitation-used]');
      await phone.close();

      await desk.reload();
      await expect.poll(() => row.locator('[data-testid=wave-invitations]').textContent()).toBe('1 / 2');
      expect(await row.locator('[data-testid=wave-scope]').textContent()).toBe('1 nhóm · 1 địa bàn');
      const made = await suite
        .ctx()
        .db.selectFrom('survey_wave')
        .select(['target_groups', 'area_unit_ids', 'start_date', 'end_date'])
        .where('name', '=', 'Khảo sát qua thư mời')
        .executeTakeFirstOrThrow();
      expect(made).toMatchObject({
        target_groups: ['workers'],
        start_date: `${YEAR}-01-01`,
        end_date: `${YEAR + 1}-12-31`,
      });
      expect(made.area_unit_ids).toHaveLength(1);
      await row.locator('[data-testid=wave-invite]').click();
      await expect.poll(() => desk.textContent('[data-testid=invitation-counts]')).toContain('Đã trả lời: 1');
    });
  },
);
