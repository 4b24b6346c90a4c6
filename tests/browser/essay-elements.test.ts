import { cpSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, formatViolations } from '../../scripts/audit/axe.ts';
import { chromiumIsAvailable, closePage, PHONE } from '../../scripts/audit/chromium.ts';
import { createFixtureSite } from '../support/fixture-site.ts';
import { repoRoot } from '../support/paths.ts';
import { buildAndServe, type ServedSite } from '../support/served-site.ts';

/**
 * The essay-elements fixture (tests/fixtures/essay-elements/) in Chromium: the copy button on
 * code blocks, KaTeX's self-hosted fonts, and axe in light and dark on every page of it.
 */
const MARKDOWN = 'posts/essay-elements/';
const MDX = 'posts/essay-components/';
const NO_MATH = 'posts/no-math/';

const copyButtons = (page: Page) => page.locator('.code-block > button.code-copy');
/** The copy buttons a page should have, once its script has run. */
const buttonsAdded = (page: Page, count: number) =>
  page.waitForFunction((count) => document.querySelectorAll('.code-block > button.code-copy').length === count, count);
/** Each check may take a while on a busy two-core machine; the default one second is too little. */
const patiently = { timeout: 15_000 };

describe.skipIf(!chromiumIsAvailable())('essay elements in Chromium', () => {
  let served: ServedSite;
  beforeAll(async () => {
    const site = createFixtureSite('essay-elements-browser');
    cpSync(path.join(repoRoot, 'tests/fixtures/essay-elements'), path.join(site.root, 'content'), { recursive: true });
    served = await buildAndServe(site);
  });
  afterAll(async () => {
    await served?.close();
  });

  const withClipboard = { permissions: ['clipboard-read', 'clipboard-write'] };

  describe('copy button', () => {
    it('is added to every code block, named after the block it copies', async () => {
      const page = await served.open(MARKDOWN);
      // The essay's two blocks, then the BibTeX of its "Cite this essay" section.
      await buttonsAdded(page, 3);
      const names = await copyButtons(page).evaluateAll((buttons) => buttons.map((b) => b.textContent));
      expect(names).toEqual(['Copy code: site.config.ts', 'Copy code', 'Copy code: BibTeX']);
      expect(await page.getByRole('button', { name: 'Copy code: site.config.ts' }).isVisible()).toBe(true);
      await closePage(page);
    });

    it('copies the code to the clipboard, shows and announces "Copied", then offers to copy again', async () => {
      const page = await served.open(MARKDOWN, withClipboard);
      const label = copyButtons(page).first().locator('span').first();
      await page.getByRole('button', { name: 'Copy code: site.config.ts' }).click();
      await expect.poll(() => label.textContent(), patiently).toBe('Copied');
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), patiently).toBe(
        ["const site = 'essays';", "const base = '/';", 'const year = 2024;', 'const draft = false;'].join('\n'),
      );
      await expect.poll(() => page.locator('#code-copy-status[role="status"]').textContent(), patiently).toBe('Copied');
      await expect.poll(() => label.textContent(), patiently).toBe('Copy');
      await closePage(page);
    });

    it('is reached with Tab after its code and works from the keyboard; a diff copies as changed', async () => {
      const page = await served.open(MARKDOWN, withClipboard);
      await buttonsAdded(page, 3);
      const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
      const clear = () => page.evaluate(() => navigator.clipboard.writeText(''));
      await page.locator('.code-block pre').nth(1).focus();
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Copy code');
      for (const key of ['Enter', 'Space']) {
        await clear();
        await page.keyboard.press(key);
        await expect.poll(clipboard, patiently).toBe('const answer = 42;\nexport default answer;');
        await expect.poll(() => page.locator('#code-copy-status').textContent(), patiently).toBe('Copied');
      }
      await closePage(page);
    });

    it('copies the essay’s BibTeX from its "Cite this essay" section', async () => {
      const page = await served.open(MARKDOWN, withClipboard);
      await page.getByRole('button', { name: 'Copy code: BibTeX' }).click();
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), patiently).toMatch(/^@misc\{[\s\S]*url = \{https?:\/\/[^}]*\/posts\/essay-elements\/\}/);
      await closePage(page);
    });

    it('works in MDX posts too', async () => {
      const page = await served.open(MDX, withClipboard);
      await page.getByRole('button', { name: 'Copy code: copy-me.js' }).click();
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), patiently).toBe('const first = 1;\nconst second = 2;');
      await closePage(page);
    });

    it('says so, and how to copy by hand, when the clipboard refuses', async () => {
      const page = await served.open(MARKDOWN);
      await buttonsAdded(page, 3);
      await page.evaluate(() => {
        Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) } });
        document.execCommand = () => false;
      });
      await copyButtons(page).first().click();
      await expect.poll(() => page.locator('[role="status"]').textContent(), patiently).toBe('Copying failed: select the code and copy it by hand');
      await closePage(page);
    });

    it('does not exist without JavaScript', async () => {
      const page = await served.open(MARKDOWN, { javaScriptEnabled: false });
      expect(await page.locator('button').count()).toBe(0);
      // The essay's two blocks and its BibTeX.
      expect(await page.locator('.code-block pre').count()).toBe(3);
      await closePage(page);
    });
  });

  describe('math', () => {
    it('is set in KaTeX’s own fonts, loaded from this site', async () => {
      const page = await served.open(MARKDOWN);
      await page.evaluate(() => document.fonts.ready);
      const font = await page.locator('.katex').first().evaluate((el) => getComputedStyle(el).fontFamily);
      expect(font).toMatch(/^KaTeX_Main\b/);
      await expect.poll(() => page.evaluate(() => document.fonts.check('1em KaTeX_Main')), patiently).toBe(true);
      const fontRequests = await page.evaluate(() =>
        performance.getEntriesByType('resource').map((entry) => entry.name).filter((url) => /KaTeX_/.test(url)),
      );
      for (const url of fontRequests) expect(new URL(url).origin).toBe(served.server.origin);
      await closePage(page);
    });

    it('scrolls inside its own box on a phone, never the page, and from the keyboard', async () => {
      const page = await served.open(MARKDOWN, { viewport: PHONE });
      const pageOverflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(pageOverflow).toBeLessThanOrEqual(0);
      const wide = page.locator('.katex-display').nth(1);
      expect(await wide.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
      await wide.focus();
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Equation');
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => wide.evaluate((el) => el.scrollLeft), patiently).toBeGreaterThan(0);
      const violations = await axeViolations(page);
      expect(violations, formatViolations(violations)).toEqual([]);
      await closePage(page);
    });
  });

  describe('axe', () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const [name, sitePath] of [['Markdown', MARKDOWN], ['MDX', MDX], ['no-math', NO_MATH]] as const) {
        it(`finds nothing on the ${name} page in ${colorScheme}`, async () => {
          const page = await served.open(sitePath, { colorScheme });
          // Check the page as a reader gets it: copy buttons in place, lazy images loaded.
          await page.waitForFunction(() => document.querySelector('.code-block > button.code-copy') !== null);
          await page.evaluate(async () => {
            for (const img of document.querySelectorAll('img')) img.loading = 'eager';
            await Promise.all([...document.images].map((img) => img.decode().catch(() => undefined)));
          });
          const violations = await axeViolations(page);
          expect(violations, formatViolations(violations)).toEqual([]);
          await closePage(page);
        });
      }
    }

    it('saw no script errors and no missing files', () => {
      expect(served.pageErrors).toEqual([]);
    });
  });
});
