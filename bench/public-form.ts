/**
 * `npm run bench:public-form`: the public survey form on a slow connection. Chromium (BDG_CHROMIUM or the
 * system's) opens a wave's public link with an empty cache under network conditions set through the
 * DevTools protocol, and measures until the first question shows and until an answer sheet is sent and
 * thanked; the bytes on the wire; the staff client's sign-in page under the same conditions, for scale.
 * Profiles: Chrome DevTools' "Slow 3G" and "Fast 3G" (latency, down, up) and no throttling.
 * Writes bench/results/public-form-latest.json. No assertion on timings anywhere.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { ensureWebBuilt } from '../src/cli/serve.ts';
import { SYSTEM_ACTOR } from '../src/modules/context.ts';
import { createWave, registerDefaultInstrument, setWavePublic } from '../src/modules/surveys/service.ts';
import { serveAndLaunch } from '../test/helpers/browser.ts';
import { createTestCtx } from '../test/helpers/db.ts';
import { machine, median } from './machine.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const RUNS = 3;
const kbit = (n: number) => (n * 1000) / 8;
const PROFILES = {
  'slow-3g': { latency: 2000, downloadThroughput: kbit(400), uploadThroughput: kbit(400) },
  'fast-3g': { latency: 562.5, downloadThroughput: kbit(1600), uploadThroughput: kbit(750) },
  none: null,
} as const;

/** Opens `url` in a fresh context (empty cache) under the profile; returns the page and a byte counter. */
async function throttledPage(served: Awaited<ReturnType<typeof serveAndLaunch>>, profile: keyof typeof PROFILES) {
  const context = await served.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
  const page = await context.newPage();
  const conditions = PROFILES[profile];
  if (conditions) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...conditions });
  }
  let bytes = 0;
  page.on('requestfinished', (request) => {
    request.sizes().then(
      (s) => (bytes += s.responseBodySize + s.responseHeadersSize),
      () => undefined,
    );
  });
  return { page, bytes: () => bytes, close: () => context.close() };
}

async function answerAll(page: Page) {
  for (const q of ['sex', 'ethnicity', 'area', 'target_group', 'exposed'])
    await page.check(`[data-testid=q-${q}] input[value=${q === 'exposed' ? 'no' : await firstChoice(page, q)}]`);
  await page.fill('[data-testid=q-age] input', '34');
  for (let i = 1; i <= 10; i++) await page.check(`[data-testid=q-k${i}] input >> nth=0`);
  for (let i = 1; i <= 8; i++) await page.check(`[data-testid=q-n${i}] input >> nth=0`);
}
const firstChoice = (page: Page, q: string) => page.locator(`[data-testid=q-${q}] input`).first().getAttribute('value');

await ensureWebBuilt();
const ctx = await createTestCtx('pglite');
const year = new Date().getFullYear();
const { id: instrumentId } = await registerDefaultInstrument(ctx, SYSTEM_ACTOR);
const wave = await createWave(ctx, SYSTEM_ACTOR, {
  name: 'Đo tải biểu mẫu',
  year,
  instrumentId,
  startDate: `${year}-01-01`,
  endDate: `${year}-12-31`,
});
const { publicToken } = await setWavePublic(ctx, SYSTEM_ACTOR, wave.id, true);
const served = await serveAndLaunch(ctx);
const results: Record<string, unknown> = { date: new Date().toISOString(), machine: machine(), runs: RUNS };
try {
  for (const profile of Object.keys(PROFILES) as (keyof typeof PROFILES)[]) {
    const firstQuestion: number[] = [];
    const sent: number[] = [];
    const signIn: number[] = [];
    let formBytes = 0;
    let signInBytes = 0;
    for (let run = 0; run < RUNS; run++) {
      const form = await throttledPage(served, profile);
      const t0 = performance.now();
      await form.page.goto(`${served.base}/#/khao-sat/${publicToken}`);
      await form.page.waitForSelector('[data-testid=q-sex]');
      firstQuestion.push(performance.now() - t0);
      formBytes = form.bytes();
      await answerAll(form.page);
      const t1 = performance.now();
      await form.page.click('[data-testid=submit-survey]');
      await form.page.waitForSelector('[data-testid=survey-thanks]');
      sent.push(performance.now() - t1);
      await form.close();

      const staff = await throttledPage(served, profile);
      const t2 = performance.now();
      await staff.page.goto(served.base);
      await staff.page.waitForSelector('#login-username');
      signIn.push(performance.now() - t2);
      signInBytes = staff.bytes();
      await staff.close();
    }
    results[profile] = {
      conditions: PROFILES[profile],
      publicForm: {
        firstQuestionMs: Math.round(median(firstQuestion)),
        sendMs: Math.round(median(sent)),
        kiB: Math.round(formBytes / 102.4) / 10,
      },
      staffSignInPage: { shownMs: Math.round(median(signIn)), kiB: Math.round(signInBytes / 102.4) / 10 },
    };
    console.log(profile, results[profile]);
  }
} finally {
  await served.close();
  await ctx.dispose();
}
const dir = path.join(here, 'results');
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, 'public-form-latest.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('[public-form] written to bench/results/public-form-latest.json');
