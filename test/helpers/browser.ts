import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildApp } from '../../src/app.ts';
import { WEB_DIST } from '../../src/cli/serve.ts';
import type { Ctx } from '../../src/modules/context.ts';
import { chromiumPath } from './environment.ts';

export interface Served {
  app: FastifyInstance;
  browser: Browser;
  base: string;
  close(): Promise<void>;
}

/** Serves the web client (built by the global setup) with the API on a free port, and starts Chromium. */
export async function serveAndLaunch(ctx: Ctx): Promise<Served> {
  const app = await buildApp({ ctx, webDir: WEB_DIST });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    app, browser, base,
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
