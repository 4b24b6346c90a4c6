import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumIsAvailable, closePage, DESKTOP, PHONE } from '../../scripts/audit/chromium.ts';
import { emittedPages } from '../../scripts/audit/emitted-pages.ts';
import { currentTocEntry, focusState, scrollToSettle, tabTo, tocTargets, topOf } from '../../scripts/audit/reader-checks.ts';
import { buildSeedSite, SEED_SLUG } from '../support/seed-site.ts';
import { serveSite, type ServedSite } from '../support/served-site.ts';

/** A reader's visit to the seed essay: the table of contents, the keyboard, tables, no JavaScript. */
const ESSAY = `posts/${SEED_SLUG}/`;

/** Tests that walk every emitted page get minutes, not the default two: a busy machine is slow. */
const EVERY_PAGE_TIMEOUT = 600_000;

/** Headings stop this far below the top of the viewport after a jump (`scroll-margin-top: 1.5rem`). */
const SCROLL_MARGIN = 24;

describe.skipIf(!chromiumIsAvailable())('a reader in Chromium', () => {
  let served: ServedSite;
  beforeAll(async () => {
    served = await serveSite(await buildSeedSite('reader'));
  });
  afterAll(async () => {
    await served?.close();
  });

  describe('table of contents', () => {
    it('clicking an entry moves to that heading, puts it in the URL and highlights it', async () => {
      const page = await served.open(ESSAY, { viewport: DESKTOP });
      const targets = await tocTargets(page);
      expect(targets.length).toBeGreaterThan(3);
      // The last sections may sit too close to the end of the page to come up to the top.
      const reachable = await page.evaluate((targets) => {
        const maxScroll = document.documentElement.scrollHeight - window.innerHeight;
        return targets.filter((target) => document.getElementById(target.slice(1))!.getBoundingClientRect().top + window.scrollY - 24 <= maxScroll);
      }, targets);
      expect(reachable.length).toBeGreaterThan(3);

      // Down the essay and back up again, each with a smooth scroll.
      for (const target of [...reachable.slice(1), reachable[0]!]) {
        await page.click(`[data-toc] a[href="${target}"]`);
        await expect.poll(() => page.evaluate(() => location.hash)).toBe(target);
        await scrollToSettle(page);
        const top = await topOf(page, target.slice(1));
        expect(top, target).toBeGreaterThanOrEqual(0);
        expect(top, target).toBeLessThanOrEqual(SCROLL_MARGIN + 2);
        // The section being read is the last one whose heading is above the reading line, a third
        // of the way down: the clicked one, or a later one when the clicked section is that short.
        const beingRead = await page.evaluate((targets) => {
          const above = targets.filter((t) => document.getElementById(t.slice(1))!.getBoundingClientRect().top <= window.innerHeight / 3);
          return above.at(-1);
        }, targets);
        expect(targets.indexOf(beingRead!)).toBeGreaterThanOrEqual(targets.indexOf(target));
        await expect.poll(() => currentTocEntry(page), { message: `highlight after clicking ${target}` }).toBe(beingRead);
      }
      await closePage(page);
    });

    it('scrolling down the essay moves the highlighted entry through the sections in order', async () => {
      const page = await served.open(ESSAY, { viewport: DESKTOP });
      const targets = await tocTargets(page);
      expect(await currentTocEntry(page)).toBe(targets[0]);

      const highlighted: string[] = [targets[0]!];
      for (let step = 0; step < 400; step++) {
        await page.mouse.move(DESKTOP.width / 2, DESKTOP.height / 2);
        await page.mouse.wheel(0, 120);
        await scrollToSettle(page);
        const current = await currentTocEntry(page);
        if (current && current !== highlighted.at(-1)) highlighted.push(current);
        const atBottom = await page.evaluate(() => window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1);
        if (atBottom) break;
      }
      // Exactly one entry is current at a time, and they follow the reading order.
      expect(await page.locator('[data-toc] a[aria-current]').count()).toBe(1);
      const order = highlighted.map((target) => targets.indexOf(target));
      expect(order).toEqual([...order].sort((a, b) => a - b));
      // Every section whose heading can be scrolled up to the reading line (a third of the way
      // down the window) was highlighted on the way down. Sections too close to the end of the
      // page for that are listed, not required.
      const unreachable = await page.evaluate((targets) => {
        const maxScroll = document.documentElement.scrollHeight - window.innerHeight;
        return targets.filter((target) => {
          const heading = document.getElementById(target.slice(1))!;
          return heading.getBoundingClientRect().top + window.scrollY - maxScroll > window.innerHeight / 3;
        });
      }, targets);
      if (unreachable.length > 0) console.log(`TOC entries the reading line cannot reach at ${DESKTOP.height} px high: ${unreachable.join(', ')}`);
      expect(highlighted, `highlighted: ${highlighted.join(' → ')}`).toEqual(targets.filter((target) => !unreachable.includes(target)));
      await closePage(page);
    });

    it('is a collapsed <details> on a 390 px phone that opens from the keyboard', async () => {
      const page = await served.open(ESSAY, { viewport: PHONE });
      const details = page.locator('[data-toc] details');
      expect(await details.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(false);
      expect(await page.locator('[data-toc] a').first().isVisible()).toBe(false);

      expect(await tabTo(page, '[data-toc] summary'), 'Tab never reached the TOC summary').toBe(true);
      await page.keyboard.press('Enter');
      expect(await details.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true);
      expect(await page.locator('[data-toc] a').first().isVisible()).toBe(true);

      // The next Tab goes into the list, and Enter follows the link.
      await page.keyboard.press('Tab');
      const first = await page.evaluate(() => document.activeElement?.getAttribute('href'));
      expect(first).toBe((await tocTargets(page))[0]);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => location.hash)).toBe(first);
      await closePage(page);
    });
  });

  describe('keyboard', () => {
    it('starts with a skip link that moves focus and the view to the main content', async () => {
      for (const viewport of [PHONE, DESKTOP]) {
        const page = await served.open(ESSAY, { viewport });
        await page.keyboard.press('Tab');
        const skipLink = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          const rect = el.getBoundingClientRect();
          return { className: el.className, href: el.getAttribute('href'), inView: rect.top >= 0 && rect.bottom <= innerHeight && rect.left >= 0 };
        });
        expect(skipLink).toEqual({ className: 'skip-link', href: '#content', inView: true });
        expect((await focusState(page)).problems).toEqual([]);

        await page.keyboard.press('Enter');
        await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('content');
        await scrollToSettle(page);
        expect(await topOf(page, 'content')).toBeLessThanOrEqual(SCROLL_MARGIN + 2);
        // Tabbing on from there skips the site header.
        await page.keyboard.press('Tab');
        expect(await page.evaluate(() => document.activeElement?.closest('main')?.id)).toBe('content');
        await closePage(page);
      }
    });

    it('shows a visible, unclipped focus ring on every stop of the Tab order, on every page, light and dark', async () => {
      const failures: string[] = [];
      let stops = 0;
      for (const { urlPath } of emittedPages(served.site.dist)) {
        for (const viewport of [PHONE, DESKTOP]) {
          for (const colorScheme of ['light', 'dark'] as const) {
            // Reduced motion makes focus scrolling instant, so each stop is checked where it lands.
            const page = await served.open(urlPath, { viewport, colorScheme, reducedMotion: 'reduce' });
            const seen = new Set<string>();
            for (let press = 0; press < 150; press++) {
              await page.keyboard.press('Tab');
              const state = await focusState(page);
              // Focus wrapped around to the browser UI (nothing focused) or back to the start.
              if (state.element === '(nothing)' || seen.has(state.element)) break;
              seen.add(state.element);
              for (const problem of state.problems) failures.push(`${urlPath} ${viewport.width}px ${colorScheme}: ${state.element}: ${problem}`);
            }
            stops += seen.size;
            await closePage(page);
          }
        }
      }
      console.log(`Focus rings: ${stops} Tab stops checked`);
      expect(stops).toBeGreaterThan(10);
      expect(failures, failures.join('\n')).toEqual([]);
    }, EVERY_PAGE_TIMEOUT);

    it('scrolls a wide table with the arrow keys once its scroll region has focus (390 px)', async () => {
      const page = await served.open(ESSAY, { viewport: PHONE });
      const region = page.locator('.table-scroll').first();
      expect(await region.getAttribute('tabindex')).toBe('0');
      const overflow = await region.evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow, 'the seed table should be wider than a phone').toBeGreaterThan(0);

      expect(await tabTo(page, '.table-scroll'), 'Tab never reached the table').toBe(true);
      await scrollToSettle(page);
      expect((await focusState(page)).problems).toEqual([]);
      for (let press = 0; press < 5; press++) await page.keyboard.press('ArrowRight');
      await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
      for (let press = 0; press < 10; press++) await page.keyboard.press('ArrowLeft');
      await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBe(0);
      await closePage(page);
    });
  });

  describe('without JavaScript', () => {
    it('still shows the essay, follows TOC links and scrolls tables', async () => {
      for (const viewport of [PHONE, DESKTOP]) {
        const page = await served.open(ESSAY, { viewport, javaScriptEnabled: false });
        expect(await page.locator('main h1').isVisible()).toBe(true);
        expect(await page.locator('.prose p').count()).toBeGreaterThan(5);

        const summary = page.locator('[data-toc] summary');
        if (await summary.isVisible()) await summary.click();
        const targets = await tocTargets(page);
        const target = targets[Math.floor(targets.length / 2)]!;
        await page.click(`[data-toc] a[href="${target}"]`);
        await expect.poll(() => page.evaluate(() => location.hash)).toBe(target);
        await scrollToSettle(page);
        expect(await topOf(page, target.slice(1))).toBeLessThanOrEqual(SCROLL_MARGIN + 2);

        const region = page.locator('.table-scroll').first();
        expect(await region.locator('table').count()).toBe(1);
        if (await region.evaluate((el) => el.scrollWidth > el.clientWidth)) {
          await region.focus();
          for (let press = 0; press < 5; press++) await page.keyboard.press('ArrowRight');
          await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
        }
        await closePage(page);
      }
    });
  });

  it('met no script error and no failed request on any page', () => {
    expect(served.pageErrors).toEqual([]);
  });
});
