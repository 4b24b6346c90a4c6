import { cpSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, formatViolations } from '../../scripts/audit/axe.ts';
import { chromiumIsAvailable, closePage, DESKTOP, PHONE } from '../../scripts/audit/chromium.ts';
import { horizontalOverflow, previewTriggers, tabTo } from '../../scripts/audit/reader-checks.ts';
import { createFixtureSite } from '../support/fixture-site.ts';
import { repoRoot } from '../support/paths.ts';
import { buildAndServe, type ServedSite } from '../support/served-site.ts';

/**
 * The essay of tests/fixtures/research-essay, which uses everything issue #14 asked for, as a
 * reader gets it in Chromium: previews of citations, footnotes, cross-references and essays by
 * pointer and by keyboard, its data table sorted, axe-clean and never wider than the screen, in
 * light and dark, on a phone and a desktop. Its built HTML: tests/build/research-essay.test.ts.
 */
const FIXTURE = path.join(repoRoot, 'tests', 'fixtures', 'research-essay');
const ESSAY = '/posts/attention-budget/';
const patiently = { timeout: 15_000 };

/** The preview describing the link that `selector` finds (its `aria-describedby`). */
const previewOf = async (page: Page, selector: string) => page.locator(`[id="${await page.locator(selector).first().getAttribute('aria-describedby')}"]`);

describe.skipIf(!chromiumIsAvailable())('the essay that uses everything, in Chromium', () => {
  let served: ServedSite;
  beforeAll(async () => {
    const site = createFixtureSite('research-essay-browser');
    cpSync(FIXTURE, path.join(site.root, 'content'), { recursive: true });
    served = await buildAndServe(site);
  });
  afterAll(async () => {
    await served?.close();
  });

  /** Narrower than the 80rem at which footnotes become sidenotes, beside their references. */
  const TABLET = { width: 1024, height: 800 } as const;

  it('shows each kind of preview while its link is hovered, and none otherwise', async () => {
    const page = await served.open(ESSAY, { viewport: TABLET });
    for (const selector of ['a.citation-ref', 'a[data-footnote-ref]', 'a.cross-reference[href="#fig-latency"]', 'a[href="/posts/counting-tokens/"]']) {
      const preview = await previewOf(page, selector);
      if (await preview.isVisible()) expect.fail(`${selector}'s preview shows before hovering: ${await previewTriggers(page)}; failed requests: ${served.failedRequests.join(', ') || 'none'}`);
      await page.locator(selector).first().hover();
      await expect.poll(() => preview.isVisible(), { ...patiently, message: `${selector} hovered` }).toBe(true);
      await page.mouse.move(5, 5);
      await expect.poll(() => preview.isVisible(), { ...patiently, message: `${selector} left` }).toBe(false);
    }
    const essayPreview = await previewOf(page, 'a[href="/posts/counting-tokens/"]');
    expect(await essayPreview.textContent()).toContain('The harness the attention budget is measured with.');
    expect(served.pageErrors).toEqual([]);
    await closePage(page);
  });

  it('shows no preview of a footnote whose note stands beside it in the margin, on a wide screen', async () => {
    const page = await served.open(ESSAY, { viewport: DESKTOP });
    await page.locator('a[data-footnote-ref]').hover();
    await expect.poll(() => page.locator('.sidenotes li').first().isVisible(), patiently).toBe(true);
    expect(await (await previewOf(page, 'a[data-footnote-ref]')).isVisible()).toBe(false);
    await closePage(page);
  });

  it('shows a preview when its link has the keyboard’s focus, and Escape hides it', async () => {
    const page = await served.open(ESSAY, { viewport: TABLET });
    // In the order Tab reaches them.
    for (const selector of ['a.citation-ref', 'a[data-footnote-ref]', '.prose a[href="/posts/counting-tokens/"]', 'a.cross-reference[href="#eq-cost"]']) {
      expect(await tabTo(page, selector), selector).toBe(true);
      const preview = await previewOf(page, selector);
      await expect.poll(() => preview.isVisible(), { ...patiently, message: `${selector} focused` }).toBe(true);
      await page.keyboard.press('Escape');
      await expect.poll(() => preview.isVisible(), { ...patiently, message: `${selector} after Escape` }).toBe(false);
      // Focus stays where it was.
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-describedby'))).toBe(await page.locator(selector).first().getAttribute('aria-describedby'));
    }
    await closePage(page);
  });

  it('sorts its table from the CSV by a column heading', async () => {
    const page = await served.open(ESSAY, { viewport: DESKTOP });
    await page.waitForFunction(() => document.querySelector('table[data-sortable] thead .sort-button') !== null, undefined, patiently);
    const models = () => page.evaluate(() => [...document.querySelectorAll('table[data-sortable] tbody th[scope="row"]')].map((th) => th.textContent));
    expect(await models()).toEqual(['Sparrow', 'Heron', 'Albatross', 'Wren']);
    await page.getByRole('button', { name: 'Latency (ms)', exact: true }).click();
    expect(await models()).toEqual(['Wren', 'Sparrow', 'Heron', 'Albatross']);
    await page.getByRole('button', { name: 'Latency (ms)', exact: true }).click();
    expect(await models()).toEqual(['Albatross', 'Heron', 'Sparrow', 'Wren']);
    await closePage(page);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`is axe-clean with a preview open or not, and never scrolls sideways, ${colorScheme}, at 390 and 1280 px`, async () => {
      const report: string[] = [];
      for (const viewport of [PHONE, DESKTOP]) {
        const page = await served.open(ESSAY, { viewport, colorScheme });
        await page.waitForFunction(() => document.querySelector('thead .sort-button') !== null, undefined, patiently);
        const closed = await axeViolations(page);
        await page.locator('a.citation-ref').first().hover();
        await expect.poll(async () => (await previewOf(page, 'a.citation-ref')).isVisible(), patiently).toBe(true);
        const open = await axeViolations(page);
        const overflow = await horizontalOverflow(page);
        await closePage(page);
        for (const [when, violations] of [['closed', closed], ['with a preview open', open]] as const) {
          if (violations.length > 0) report.push(`${viewport.width}px, ${when}:\n${formatViolations(violations)}`);
        }
        if (overflow.scrollWidth > overflow.innerWidth) report.push(`${viewport.width}px scrolls sideways: ${overflow.culprits.join(', ')}`);
      }
      expect(report, report.join('\n')).toEqual([]);
    }, 300_000);
  }
});
