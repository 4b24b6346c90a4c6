import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumIsAvailable, closePage, DESKTOP, PHONE } from '../../scripts/audit/chromium.ts';
import { emittedPages } from '../../scripts/audit/emitted-pages.ts';
import { repoRoot } from '../support/paths.ts';
import { horizontalOverflow, scrollToSettle } from '../../scripts/audit/reader-checks.ts';
import { buildSeedSite, SEED_SLUG } from '../support/seed-site.ts';
import { serveSite, type ServedSite } from '../support/served-site.ts';

/** Full-page screenshots land here on every run (git-ignored), for a person to look at. */
const SCREENSHOTS = path.join(repoRoot, 'test-results', 'screenshots');

const EVERY_PAGE_TIMEOUT = 600_000;

describe.skipIf(!chromiumIsAvailable())('layout in Chromium', () => {
  let served: ServedSite;
  beforeAll(async () => {
    served = await serveSite(await buildSeedSite('layout'));
  });
  afterAll(async () => {
    await served?.close();
  });

  it('never scrolls sideways, on any page, at 390 px and 1280 px', async () => {
    const problems: string[] = [];
    const pages = emittedPages(served.site.dist);
    for (const { urlPath } of pages) {
      for (const viewport of [PHONE, DESKTOP]) {
        const page = await served.open(urlPath, { viewport });
        const overflow = await horizontalOverflow(page);
        if (overflow.scrollWidth > overflow.innerWidth) {
          problems.push(`${urlPath} at ${viewport.width}px is ${overflow.scrollWidth}px wide; sticking out: ${overflow.culprits.join(', ')}`);
        }
        await closePage(page);
      }
    }
    console.log(`Sideways scrolling: ${pages.length} pages × 2 widths checked`);
    expect(problems, problems.join('\n')).toEqual([]);
  }, EVERY_PAGE_TIMEOUT);

  it('writes full-page screenshots of the home page and the seed essay', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const written: string[] = [];
    for (const [name, sitePath] of [['home', ''], ['essay', `posts/${SEED_SLUG}/`]] as const) {
      for (const viewport of [PHONE, DESKTOP]) {
        for (const colorScheme of ['light', 'dark'] as const) {
          // Reduced motion: nothing is mid-animation when the picture is taken.
          const page = await served.open(sitePath, { viewport, colorScheme, reducedMotion: 'reduce' });
          await scrollToSettle(page);
          const file = path.join(SCREENSHOTS, `${name}-${viewport.width}-${colorScheme}.png`);
          await page.screenshot({ path: file, fullPage: true });
          written.push(path.relative(repoRoot, file));
          await closePage(page);
        }
      }
    }
    console.log(`Screenshots:\n  ${written.join('\n  ')}`);
    expect(written).toHaveLength(8);
  }, EVERY_PAGE_TIMEOUT);
});
