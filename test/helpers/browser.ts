import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildApp } from '../../src/app.ts';
import { WEB_DIST } from '../../src/cli/serve.ts';
import type { Ctx } from '../../src/modules/context.ts';
import { afterAll, beforeAll } from 'vitest';
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
  afterAll(async () => {
    await served?.close();
    await ctx?.dispose();
  });
  return { ctx: () => ctx!, served: () => served!, data: () => data! };
}
