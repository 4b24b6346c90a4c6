import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { site as siteConfig } from '../../src/site.config.ts';
import type { FixtureSite } from '../support/fixture-site.ts';
import { checkLinks, formatDeadLinks, formatExternalLinks } from '../../scripts/audit/link-checker.ts';
import { buildSeedSite } from '../support/seed-site.ts';

describe('links in the built site', () => {
  let site: FixtureSite;
  beforeAll(async () => {
    site = await buildSeedSite('links');
  });
  afterAll(() => site?.remove());

  it('has no dead internal link, asset or fragment; external links are listed, not fetched', () => {
    const report = checkLinks(site.dist, siteConfig.base, { siteOrigin: siteConfig.url });

    console.log(
      `Links: ${report.pagesChecked} pages, ${report.internalLinksChecked} internal links checked, ` +
        `${report.dead.length} dead, ${report.external.length} external (not fetched):\n${formatExternalLinks(report.external)}`,
    );
    expect(report.pagesChecked).toBeGreaterThan(1);
    expect(report.internalLinksChecked).toBeGreaterThan(0);
    expect(report.dead.length, `Dead links:\n${formatDeadLinks(report.dead)}`).toBe(0);
  });
});
