import { cpSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, formatViolations } from '../../scripts/audit/axe.ts';
import { chromiumIsAvailable, closePage, DESKTOP, PHONE } from '../../scripts/audit/chromium.ts';
import { box, focusState, horizontalOverflow, previewTriggers, tabTo } from '../../scripts/audit/reader-checks.ts';
import { createFixtureSite } from '../support/fixture-site.ts';
import { repoRoot } from '../support/paths.ts';
import { serveSite, type ServedSite } from '../support/served-site.ts';

/**
 * The previews of tests/fixtures/previews in Chromium, built under /blog/: a footnote's, a
 * cross-reference's and another essay's, each shown on hover and on keyboard focus, kept while
 * hovered, hidden by Escape and after the pointer leaves, shown by CSS alone without JavaScript,
 * on screen on a phone, and axe-clean in light and dark at 390 and 1280 px.
 */
const BASE_PATH = '/blog/';
const ESSAY = 'posts/previews/';

/** One link of each kind, and what its preview begins with. */
const KINDS = [
  // The second call of note 1: far from the sidenote, so it has a preview at 1280 px too.
  { kind: 'footnote', link: '#user-content-fnref-choice-2', text: 'Which is why some books print their notes' },
  { kind: 'cross-reference', link: 'a.cross-reference[href="#fig-margin"] >> nth=0', text: 'Figure 1: A page with a wide margin' },
  { kind: 'cross-reference to an equation', link: 'a.cross-reference[href="#eq-measure"] >> nth=0', text: 's=' },
  { kind: 'link to another essay', link: 'a[href="/blog/posts/marginalia-history/#early-printing"]', text: 'A short history of marginalia' },
] as const;

/** The preview a link is described by, as a selector. */
const previewOf = async (page: Page, link: string) => `#${await page.locator(link).first().getAttribute('aria-describedby')}`;
/** Whether it shows: Playwright's visibility (a box, and not `visibility: hidden`). */
const shows = (page: Page, selector: string) => page.locator(selector).first().isVisible();
/** A preview hidden on a page just opened; if not, what could be showing it. */
async function expectHiddenBeforeHovering(served: ServedSite, page: Page, preview: string): Promise<void> {
  const why = async () => `${await previewTriggers(page)}; failed requests: ${served.failedRequests.join(', ') || 'none'}`;
  if (await shows(page, preview)) expect.fail(`${preview} shows before hovering: ${await why()}`);
}
/** The link's accessible description, as a screen reader gets it. */
const description = (page: Page, link: string) =>
  page.locator(link).first().evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => (document.getElementById(id)?.textContent ?? '').replace(/\u00a0/g, ' '))
      .join(' '),
  );
/** A preview's text as shown, with the no-break space of "Figure 1" as a space. */
const shownText = async (page: Page, preview: string) => (await page.locator(preview).innerText()).replace(/\u00a0/g, ' ');
/** Marks the link so that `tabTo` can find it whatever selector found it. */
const markForTab = (page: Page, link: string) => page.locator(link).first().evaluate((el) => el.setAttribute('data-test-target', ''));

describe.skipIf(!chromiumIsAvailable())('previews in Chromium', () => {
  let served: ServedSite;
  beforeAll(async () => {
    const site = createFixtureSite('previews-browser');
    cpSync(path.join(repoRoot, 'tests', 'fixtures', 'previews'), path.join(site.root, 'content'), { recursive: true });
    const result = await site.build({ BASE_PATH });
    if (result.code !== 0) {
      site.remove();
      throw new Error(`fixture build failed:\n${result.output}`);
    }
    served = await serveSite(site, { basePath: BASE_PATH });
  });
  afterAll(async () => {
    await served?.close();
  });

  for (const { kind, link, text } of KINDS) {
    describe(`of a ${kind}`, () => {
      it('shows on hover, stays while the pointer is on it, and goes after the pointer leaves both', async () => {
        const page = await served.open(ESSAY, { viewport: DESKTOP });
        const preview = await previewOf(page, link);
        await expectHiddenBeforeHovering(served, page, preview);
        await page.locator(link).first().hover();
        expect(await shows(page, preview)).toBe(true);
        expect(await shownText(page, preview)).toContain(text);
        // The pointer can move onto the preview without losing it (WCAG 1.4.13, hoverable).
        const onPreview = await box(page, preview);
        await page.mouse.move(onPreview.left + 5, onPreview.top + 5, { steps: 4 });
        expect(await shows(page, preview)).toBe(true);
        await page.mouse.move(5, 5);
        await expect.poll(() => shows(page, preview)).toBe(false);
        await closePage(page);
      });

      it('shows on keyboard focus as the link’s description, with a visible focus ring; Escape hides it until focus comes back', async () => {
        const page = await served.open(ESSAY, { viewport: DESKTOP });
        const preview = await previewOf(page, link);
        await markForTab(page, link);
        expect(await tabTo(page, '[data-test-target]')).toBe(true);
        expect((await focusState(page)).problems).toEqual([]);
        expect(await shows(page, preview)).toBe(true);
        expect(await description(page, link)).toContain(text);
        await page.keyboard.press('Escape');
        expect(await shows(page, preview)).toBe(false);
        // Focus did not move; leaving and coming back shows it again.
        expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-test-target'))).toBe(true);
        await page.keyboard.press('Tab');
        await expect.poll(() => shows(page, preview)).toBe(false);
        await page.keyboard.press('Shift+Tab');
        expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-test-target'))).toBe(true);
        expect(await shows(page, preview)).toBe(true);
        expect(served.pageErrors).toEqual([]);
        await closePage(page);
      });

      it('shows on hover and focus without JavaScript, by CSS alone', async () => {
        const page = await served.open(ESSAY, { viewport: PHONE, javaScriptEnabled: false });
        const preview = await previewOf(page, link);
        await page.locator(link).first().focus();
        expect(await shows(page, preview)).toBe(true);
        expect(await shownText(page, preview)).toContain(text);
        await page.locator(link).first().blur();
        await expect.poll(() => shows(page, preview)).toBe(false);
        await page.locator(link).first().hover();
        expect(await shows(page, preview)).toBe(true);
        await closePage(page);
      });
    });
  }

  it('linger only once their script has run, so that none lingers into view as the page loads', async () => {
    // What each preview's style says of lingering, and the visibility transitions running.
    const lingering = (page: Page) =>
      page.evaluate(() => ({
        delays: [...new Set([...document.querySelectorAll('.preview, .citation-preview')].map((el) => getComputedStyle(el).transitionDelay))],
        running: document.getAnimations().filter((animation) => (animation as CSSTransition).transitionProperty === 'visibility').length,
      }));
    const withoutScript = await served.open(ESSAY, { viewport: DESKTOP, javaScriptEnabled: false });
    expect(await lingering(withoutScript)).toEqual({ delays: ['0s'], running: 0 });
    await closePage(withoutScript);
    for (let load = 0; load < 10; load++) {
      const page = await served.open(ESSAY, { viewport: DESKTOP });
      expect(await lingering(page), `load ${load}`).toEqual({ delays: ['0.5s'], running: 0 });
      await closePage(page);
    }
  });

  it('at 1280 px, show no preview for the reference a sidenote stands beside: the note is there', async () => {
    const page = await served.open(ESSAY, { viewport: DESKTOP });
    const first = '#user-content-fnref-choice';
    const preview = await previewOf(page, first);
    await page.focus(first);
    expect(await shows(page, preview)).toBe(false);
    // The sidenote is beside the reference, in the margin; the reference is still described by the note.
    const [note, reference, prose] = [await box(page, '#user-content-fn-choice'), await box(page, first), await box(page, '.prose')];
    expect(note.left).toBeGreaterThan(prose.right);
    expect(Math.abs(note.top - reference.top)).toBeLessThan(4);
    expect(await description(page, first)).toContain('Which is why some books print their notes');
    // On a phone the note is at the end, and the same reference previews it.
    const phone = await served.open(ESSAY, { viewport: PHONE });
    await phone.focus(first);
    expect(await shows(phone, preview)).toBe(true);
    await closePage(page);
    await closePage(phone);
  });

  it('stay on screen on a phone, and never make the page scroll sideways', async () => {
    const page = await served.open(ESSAY, { viewport: PHONE });
    const links = page.locator('.prose .preview-item > a');
    expect(await links.count()).toBeGreaterThanOrEqual(10);
    for (const link of await links.all()) {
      await link.focus();
      const id = await link.getAttribute('aria-describedby');
      expect(await shows(page, `#${id}`), id!).toBe(true);
      const preview = await box(page, `#${id}`);
      expect(preview.left, id!).toBeGreaterThanOrEqual(0);
      expect(preview.right, id!).toBeLessThanOrEqual(PHONE.width);
      expect((await horizontalOverflow(page)).culprits, id!).toEqual([]);
    }
    await closePage(page);
  });

  it('are not printed', async () => {
    const page = await served.open(ESSAY, { viewport: DESKTOP });
    await page.emulateMedia({ media: 'print' });
    const link = KINDS[1].link;
    await page.locator(link).first().focus();
    expect(await shows(page, await previewOf(page, link))).toBe(false);
    await closePage(page);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`are axe-clean, closed and open, ${colorScheme}, at 390 and 1280 px`, async () => {
      const report: string[] = [];
      for (const urlPath of [ESSAY, 'posts/previews-mdx/']) {
        for (const viewport of [PHONE, DESKTOP]) {
          const page = await served.open(urlPath, { viewport, colorScheme });
          const closed = await axeViolations(page);
          if (closed.length > 0) report.push(`${urlPath} at ${viewport.width}px, closed:\n${formatViolations(closed)}`);
          for (const selector of urlPath === ESSAY ? KINDS.map((k) => k.link) : ['.prose .preview-item > a >> nth=-1']) {
            await page.locator(selector).first().focus();
            const open = await axeViolations(page);
            if (open.length > 0) report.push(`${urlPath} at ${viewport.width}px, ${selector} open:\n${formatViolations(open)}`);
          }
          const overflow = await horizontalOverflow(page);
          if (viewport === PHONE && overflow.scrollWidth > overflow.innerWidth) report.push(`${urlPath} at 390px scrolls sideways: ${overflow.culprits.join(', ')}`);
          await closePage(page);
        }
      }
      expect(report, report.join('\n')).toEqual([]);
    }, 300_000);
  }
});
