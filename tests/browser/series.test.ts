import { cpSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, formatViolations } from '../../scripts/audit/axe.ts';
import { chromiumIsAvailable, closePage, DESKTOP, PHONE } from '../../scripts/audit/chromium.ts';
import { horizontalOverflow } from '../../scripts/audit/reader-checks.ts';
import { createFixtureSite } from '../support/fixture-site.ts';
import { repoRoot } from '../support/paths.ts';
import { buildAndServe, type ServedSite } from '../support/served-site.ts';

/** The pages that show a series and related essays (tests/fixtures/series), as a reader's browser shows them. */
const PAGES = ['/posts/ranking-2/', '/posts/ranking-1/', '/posts/metrics/', '/series/learning-to-rank/'];

describe.skipIf(!chromiumIsAvailable())('series and related essays in the browser', () => {
  let served: ServedSite;
  beforeAll(async () => {
    const site = createFixtureSite('series-browser');
    cpSync(path.join(repoRoot, 'tests', 'fixtures', 'series'), path.join(site.root, 'content'), { recursive: true });
    served = await buildAndServe(site);
  });
  afterAll(async () => {
    await served?.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`are axe-clean and never scroll sideways, ${colorScheme}, at 390 and 1280 px`, async () => {
      const report: string[] = [];
      for (const urlPath of PAGES) {
        for (const viewport of [PHONE, DESKTOP]) {
          const page = await served.open(urlPath, { viewport, colorScheme });
          const violations = await axeViolations(page);
          const overflow = await horizontalOverflow(page);
          await closePage(page);
          if (violations.length > 0) report.push(`${urlPath} at ${viewport.width}px:\n${formatViolations(violations)}`);
          if (overflow.scrollWidth > overflow.innerWidth) report.push(`${urlPath} at ${viewport.width}px scrolls sideways: ${overflow.culprits.join(', ')}`);
        }
      }
      expect(report, report.join('\n')).toEqual([]);
    }, 300_000);
  }

  it('reaches the series links and related essays by keyboard, in reading order', async () => {
    const page = await served.open('/posts/ranking-2/', { viewport: DESKTOP });
    const reached: string[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const href = await page.evaluate(() => document.activeElement?.getAttribute('href') ?? '');
      if (href) reached.push(href);
    }
    await closePage(page);
    const order = ['/series/learning-to-rank/', '/posts/ranking-1/', '/posts/ranking-4/', '/posts/metrics/', '/posts/search/'].map((href) => reached.indexOf(href));
    expect(order.every((index) => index >= 0), reached.join(' ')).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  }, 120_000);
});
