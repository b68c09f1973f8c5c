import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** axe-core's own script, run in the page as its documentation shows (no wrapper library). */
const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Found {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; any: { data?: { fgColor?: string; bgColor?: string; contrastRatio?: number } }[] }[];
}

/** The serious and critical WCAG 2.1 A/AA violations axe finds on the page as it stands. */
export async function violations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  // colours are judged at rest: a menu item fading from one state to the next is not what a reader sees
  // (an endless one, a progress bar's shimmer, never ends and is not waited for)
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  );
  const found = await page.evaluate(
    async () =>
      (
        await (
          window as unknown as {
            axe: { run(o: unknown): Promise<{ violations: Found[] }> };
          }
        ).axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
      ).violations,
  );
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => {
      const nodes = v.nodes.slice(0, 3).map((n) => {
        const c = n.any[0]?.data;
        return `${n.target.join(' ')}${c?.contrastRatio ? ` (${c.fgColor} on ${c.bgColor}: ${c.contrastRatio})` : ''}`;
      });
      return `${v.id} (${v.impact}): ${v.help} — ${nodes.join(', ')}`;
    });
}
