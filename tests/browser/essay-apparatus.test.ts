import { cpSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, formatViolations } from '../../scripts/audit/axe.ts';
import { chromiumIsAvailable, closePage, DESKTOP, PHONE } from '../../scripts/audit/chromium.ts';
import { createFixtureSite } from '../support/fixture-site.ts';
import { repoRoot } from '../support/paths.ts';
import { box, focusState, horizontalOverflow, tabTo } from '../../scripts/audit/reader-checks.ts';
import { buildAndServe, type ServedSite } from '../support/served-site.ts';

/**
 * The essay-apparatus fixture (tests/fixtures/essay-apparatus/) in Chromium: citation previews
 * on hover and keyboard focus, plain links without JavaScript, footnotes as sidenotes in the
 * margin at 1280 px and as notes after the text at 390 px, and axe in light and dark.
 */
const ESSAY = 'posts/apparatus/';

/** Whether the preview shows: Playwright's visibility (a box, and not `visibility: hidden`). */
const shows = (page: Page, selector: string) => page.locator(selector).first().isVisible();

/** The first citation marker and its preview. */
const MARKER = '#cite-knuth-1984-1';
const PREVIEW = '#cite-knuth-1984-1-preview';
const KNUTH = 'Literate Programming. Donald E. Knuth. The Computer Journal, 1984. Accessed 1 February 2024. Reprinted in his book of the same name.';

describe.skipIf(!chromiumIsAvailable())('references, citations and sidenotes in Chromium', () => {
  let served: ServedSite;
  beforeAll(async () => {
    const site = createFixtureSite('apparatus-browser');
    cpSync(path.join(repoRoot, 'tests/fixtures/essay-apparatus'), path.join(site.root, 'content'), { recursive: true });
    served = await buildAndServe(site);
  });
  afterAll(async () => {
    await served?.close();
  });

  describe('a citation marker', () => {
    it('shows the full reference on hover, beside the text in the margin at 1280 px', async () => {
      const page = await served.open(ESSAY, { viewport: DESKTOP });
      expect(await shows(page, PREVIEW)).toBe(false);
      await page.hover(MARKER);
      expect(await shows(page, PREVIEW)).toBe(true);
      expect(await page.locator(PREVIEW).innerText()).toBe(KNUTH);
      const [preview, marker, prose] = [await box(page, PREVIEW), await box(page, MARKER), await box(page, '.prose')];
      expect(preview.left).toBeGreaterThan(prose.right);
      expect(Math.abs(preview.top - marker.top)).toBeLessThan(4);
      // The pointer can move onto the preview without losing it (WCAG 1.4.13, hoverable).
      await page.mouse.move(preview.left + 5, preview.top + 5, { steps: 4 });
      expect(await shows(page, PREVIEW)).toBe(true);
      // Away from both, it goes (after lingering half a second, src/browser/previews.ts).
      await page.mouse.move(5, 5);
      await expect.poll(() => shows(page, PREVIEW)).toBe(false);
      await closePage(page);
    });

    it('shows it on keyboard focus as its accessible description, with a visible focus ring; Escape hides it', async () => {
      const page = await served.open(ESSAY, { viewport: DESKTOP });
      expect(await tabTo(page, MARKER)).toBe(true);
      expect((await focusState(page)).problems).toEqual([]);
      expect(await shows(page, PREVIEW)).toBe(true);
      const description = await page.locator(MARKER).evaluate((el) =>
        (el.getAttribute('aria-describedby') ?? '')
          .split(/\s+/)
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' '),
      );
      expect(description).toBe(KNUTH);
      await page.keyboard.press('Escape');
      expect(await shows(page, PREVIEW)).toBe(false);
      // Moving on and coming back shows it again.
      await page.keyboard.press('Tab');
      await page.keyboard.press('Shift+Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe(MARKER.slice(1));
      expect(await shows(page, PREVIEW)).toBe(true);
      await closePage(page);
    });

    it('stays on screen on a phone', async () => {
      const page = await served.open(ESSAY, { viewport: PHONE });
      for (const marker of await page.locator('.citation-ref').all()) {
        await marker.focus();
        const id = await marker.getAttribute('aria-describedby');
        const preview = await box(page, `#${id}`);
        expect(preview.left, id!).toBeGreaterThanOrEqual(0);
        expect(preview.right, id!).toBeLessThanOrEqual(PHONE.width);
      }
      expect((await horizontalOverflow(page)).culprits).toEqual([]);
      await closePage(page);
    });

    it('is a plain link to its entry without JavaScript, and the entry links back', async () => {
      const page = await served.open(ESSAY, { viewport: DESKTOP, javaScriptEnabled: false });
      await page.click(MARKER);
      await expect.poll(() => page.evaluate(() => location.hash)).toBe('#ref-knuth-1984');
      expect(await page.locator('#ref-knuth-1984').isVisible()).toBe(true);
      await page.click('#ref-knuth-1984 .reference-backlink >> nth=1');
      await expect.poll(() => page.evaluate(() => location.hash)).toBe('#cite-knuth-1984-2');
      await closePage(page);
    });
  });

  describe('footnotes', () => {
    it('are sidenotes in the margin at 1280 px, each beside its reference and none overlapping', async () => {
      const page = await served.open(ESSAY, { viewport: DESKTOP });
      const prose = await box(page, '.prose');
      const notes = [await box(page, '.footnotes li >> nth=0'), await box(page, '.footnotes li >> nth=1')];
      const refs = [await box(page, '[data-footnote-ref] >> nth=0'), await box(page, '[data-footnote-ref] >> nth=1')];
      for (const note of notes) {
        expect(note.left).toBeGreaterThan(prose.right);
        expect(note.right).toBeLessThanOrEqual(DESKTOP.width);
      }
      expect(Math.abs(notes[0]!.top - refs[0]!.top)).toBeLessThan(4);
      // The second note sits beside its reference unless the first is in the way, and never over it.
      expect(notes[1]!.top).toBeGreaterThanOrEqual(Math.max(refs[1]!.top - 4, notes[0]!.bottom));
      expect(await page.locator('.footnotes li >> nth=0').evaluate((el) => getComputedStyle(el, '::before').content)).toBe('counter(list-item) "."');
      expect((await horizontalOverflow(page)).culprits).toEqual([]);
      await closePage(page);
    });

    it('are numbered notes after the text, with back-links, at 390 px', async () => {
      const page = await served.open(ESSAY, { viewport: PHONE });
      const prose = await box(page, '.prose');
      const lastParagraph = await box(page, '.prose > p >> nth=-1');
      const notes = await box(page, '.footnotes');
      const references = await box(page, '.references');
      expect(notes.top).toBeGreaterThan(lastParagraph.bottom);
      expect(notes.left).toBeGreaterThanOrEqual(prose.left);
      expect(notes.right).toBeLessThanOrEqual(prose.right + 1);
      expect(references.top).toBeGreaterThan(notes.bottom);
      expect(await page.locator('.footnotes li').evaluateAll((items) => items.map((li) => getComputedStyle(li).position))).toEqual(['static', 'static']);
      await page.click('.footnotes li >> nth=1 >> [data-footnote-backref]');
      await expect.poll(() => page.evaluate(() => location.hash)).toBe('#user-content-fnref-second');
      expect((await horizontalOverflow(page)).culprits).toEqual([]);
      await closePage(page);
    });

    it('are in the page once: the sidenote is the footnote', async () => {
      const page = await served.open(ESSAY, { viewport: DESKTOP });
      const copies = await page.evaluate(() => document.body.innerText.split('A second note, close to the first.').length - 1);
      expect(copies).toBe(1);
      await closePage(page);
    });
  });

  describe('accessibility (axe)', () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const viewport of [DESKTOP, PHONE]) {
        it(`finds no violations in ${colorScheme} at ${viewport.width} px, with a preview open`, async () => {
          const page = await served.open(ESSAY, { viewport, colorScheme });
          expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(colorScheme === 'dark');
          const closed = await axeViolations(page);
          expect(closed, formatViolations(closed)).toEqual([]);
          await page.focus(MARKER);
          expect(await shows(page, PREVIEW)).toBe(true);
          const open = await axeViolations(page);
          expect(open, formatViolations(open)).toEqual([]);
          await closePage(page);
        });
      }
    }
  });
});
