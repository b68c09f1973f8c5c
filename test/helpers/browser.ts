import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildApp } from '../../src/app.ts';
import { WEB_DIST } from '../../src/cli/serve.ts';
import type { Ctx } from '../../src/modules/context.ts';
import { afterAll, beforeAll, beforeEach, expect, onTestFailed } from 'vitest';
import { createTestCtx } from './db.ts';
import { chromiumPath } from './environment.ts';

export interface Served {
  app: FastifyInstance;
  browser: Browser;
  base: string;
  close(): Promise<void>;
}

/** Serves the web client (built by the global setup) with the API on a free port, and starts Chromium. */
export async function serveAndLaunch(ctx: Ctx): Promise<Served> {
  const app = await buildApp({ ctx, webDir: WEB_DIST, checkResponses: true });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    app,
    browser,
    base,
    async close() {
      await browser.close();
      await app.close();
    },
  };
}

export async function logIn(page: Page, base: string, username: string, password: string): Promise<void> {
  await page.goto(base);
  await page.fill('#login-username', username);
  await page.fill('#login-password', password);
  await page.click('[data-testid=login-submit]');
  await page.waitForSelector('[data-testid=current-user]');
}

/**
 * Chooses an option of an antd Select as a keyboard user does: opens the list, types `search` if given,
 * moves down to the option whose title matches, presses Enter, and waits until the select shows it. A mouse
 * click on an option can be lost on a busy machine (the list re-rendered between the button's press and
 * release, so no click fired: CI saw an empty required list after a "successful" click); keys are handled
 * in order.
 */
export async function choose(
  page: Page,
  select: string,
  option: string | ((title: string) => boolean),
  search?: string,
): Promise<void> {
  const matches = (title: string | null): title is string =>
    title !== null && (typeof option === 'string' ? title === option : option(title));
  // a list chosen from just before may still be closing: its options must not be taken for this one's
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
  await page.click(select);
  if (search) await page.keyboard.type(search);
  const active = page.locator('.ant-select-dropdown:visible .ant-select-item-option-active');
  const seen = new Set<string>();
  let title = await active.getAttribute('title');
  while (!matches(title)) {
    if (title === null || seen.has(title))
      throw new Error(`${select}: no such option in the list (${[...seen].join(' | ')})`);
    seen.add(title);
    const before = title;
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => active.getAttribute('title')).not.toBe(before);
    title = await active.getAttribute('title');
  }
  await page.keyboard.press('Enter');
  const chosen = title;
  const root = page.locator('.ant-select', { has: page.locator(select) }).last();
  await expect.poll(() => root.locator(`[title="${chosen}"]`).count()).toBeGreaterThan(0);
}

/**
 * Presses a button of a dialog as a keyboard user does (focus, Enter): a mouse click on a dialog still opening
 * can be lost on a busy machine, as a list option's was (CI once left the return dialog open, its reason typed).
 */
export async function press(page: Page, selector: string): Promise<void> {
  // the dialog on screen: one closed before may still be in the page, hidden
  const button = page.locator(`${selector} >> visible=true`).first();
  await button.waitFor({ state: 'visible' });
  await expect.poll(() => button.isEnabled()).toBe(true);
  await button.focus();
  await page.keyboard.press('Enter');
}

type TestCtx = Awaited<ReturnType<typeof createTestCtx>>;

/**
 * For a browser suite: a fresh PGlite database that `prepare` fills (returning what the tests need),
 * served with Chromium before the tests and closed after them.
 */
export function browserSuite<T>(prepare: (ctx: TestCtx) => Promise<T>): {
  ctx: () => TestCtx;
  served: () => Served;
  data: () => T;
} {
  let ctx: TestCtx | undefined;
  let served: Served | undefined;
  let data: T | undefined;
  beforeAll(async () => {
    ctx = await createTestCtx('pglite');
    data = await prepare(ctx);
    served = await serveAndLaunch(ctx);
  }, 180_000);
  showPagesOnFailure(() => served?.browser);
  afterAll(async () => {
    await served?.close();
    await ctx?.dispose();
  });
  return { ctx: () => ctx!, served: () => served!, data: () => data! };
}

/**
 * In a describe block: a browser test that fails prints what each open page showed (address, text, the
 * fields' values), since a CI log is all there is to read afterwards.
 */
export function showPagesOnFailure(browser: () => Browser | undefined): void {
  beforeEach(() => onTestFailed(async () => console.error(await describePages(browser()))));
}

/** The address, visible text (its first 1,500 characters) and filled fields of every page open in the browser. */
async function describePages(browser: Browser | undefined): Promise<string> {
  const pages = browser?.contexts().flatMap((c) => c.pages()) ?? [];
  const seen = await Promise.all(
    pages.map(async (p) => {
      const [text, fields] = await p
        .evaluate(() => [
          document.body.innerText,
          [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input[id], textarea[id]')]
            .filter((e) => e.value !== '')
            .map((e) => `${e.id}=${e.value}`)
            .join('; '),
        ])
        .catch((e: unknown) => [`(unreadable: ${String(e)})`, '']);
      return `--- ${p.url()}\n${text!.replace(/\n{2,}/gu, '\n').slice(0, 1500)}\nfields: ${fields}`;
    }),
  );
  return `[browser] the test failed; what the ${pages.length} open page(s) showed:\n${seen.join('\n')}`;
}

/**
 * Counts the page's requests in flight (once per page). Given to `context.addInitScript` it counts from the
 * first request of every page of the context; `settle` puts it in a page that has none.
 */
export function watchRequests(): void {
  const w = window as unknown as { pendingRequests?: number };
  if (w.pendingRequests !== undefined) return;
  let pending = 0;
  const fetch = window.fetch.bind(window);
  window.fetch = (...args) => {
    pending++;
    return fetch(...args).finally(() => pending--);
  };
  Object.defineProperty(window, 'pendingRequests', { get: () => pending });
}

/**
 * Waits until a page of the client has asked for its data and every answer has come and been drawn: no
 * request in flight and no spinner, twice in a row. (A click in the menu changes the address inside the
 * client: there is no navigation for `waitForLoadState` to wait for, and the data come after it.)
 */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(watchRequests);
  for (let quiet = 0; quiet < 2;) {
    await page.waitForTimeout(150);
    const idle = await page.evaluate(
      () =>
        (window as unknown as { pendingRequests: number }).pendingRequests === 0 &&
        document.querySelector('.ant-spin-spinning') === null,
    );
    quiet = idle ? quiet + 1 : 0;
  }
}

/** A response the page received: its address, its content encoding and its body's size on the wire. */
export interface LoadedFile {
  url: string;
  encoding: string | undefined;
  bytes: number;
}

/** Records every response the page receives from now on (the list fills as requests finish). */
export function recordLoaded(page: Page): LoadedFile[] {
  const loaded: LoadedFile[] = [];
  page.on('requestfinished', (request) =>
    request.sizes().then(
      async (sizes) =>
        loaded.push({
          url: request.url(),
          encoding: (await request.response())?.headers()['content-encoding'],
          bytes: sizes.responseBodySize,
        }),
      () => undefined,
    ),
  );
  return loaded;
}
