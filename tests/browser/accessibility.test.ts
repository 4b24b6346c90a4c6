import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, formatViolations } from '../../scripts/audit/axe.ts';
import { chromiumIsAvailable, closePage, DESKTOP, PHONE } from '../../scripts/audit/chromium.ts';
import { emittedPages } from '../../scripts/audit/emitted-pages.ts';
import { buildSeedSite } from '../support/seed-site.ts';
import { serveSite, type ServedSite } from '../support/served-site.ts';

/**
 * axe-core (WCAG 2.0–2.2 A/AA and best practices) on every page the build emits, in both colour
 * schemes, at phone and desktop widths (the TOC and the layout differ between them).
 */
/** One test walks every page; a busy machine needs several seconds per axe run. */
const EVERY_PAGE_TIMEOUT = 600_000;

describe.skipIf(!chromiumIsAvailable())('accessibility (axe-core)', () => {
  let served: ServedSite;
  beforeAll(async () => {
    served = await serveSite(await buildSeedSite('axe'));
  });
  afterAll(async () => {
    await served?.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`finds no violations on any page, ${colorScheme}`, async () => {
      const pages = emittedPages(served.site.dist);
      expect(pages.length).toBeGreaterThan(0);
      const report: string[] = [];
      let runs = 0;
      for (const { urlPath } of pages) {
        for (const viewport of [PHONE, DESKTOP]) {
          const page = await served.open(urlPath, { viewport, colorScheme });
          const violations = await axeViolations(page);
          await closePage(page);
          runs += 1;
          if (violations.length > 0) report.push(`${urlPath} at ${viewport.width}px, ${colorScheme}:\n${formatViolations(violations)}`);
        }
      }
      console.log(`axe ${colorScheme}: ${pages.length} pages × 2 widths, ${report.length} with violations`);
      expect(report, `axe violations:\n${report.join('\n')}`).toEqual([]);
      expect(runs).toBe(pages.length * 2);
    }, EVERY_PAGE_TIMEOUT);
  }
});
