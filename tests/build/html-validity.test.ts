import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emittedPages } from '../../scripts/audit/emitted-pages.ts';
import type { FixtureSite } from '../support/fixture-site.ts';
import { buildSeedSite } from '../support/seed-site.ts';
import { checkHtml, formatNuMessages, nuCheckerIsAvailable } from '../../scripts/audit/vnu.ts';

describe.skipIf(!nuCheckerIsAvailable())('valid HTML (W3C Nu Html Checker)', () => {
  let site: FixtureSite;
  beforeAll(async () => {
    site = await buildSeedSite('nu-html');
  });
  afterAll(() => site?.remove());

  it('reports no errors on any page the build emits', async () => {
    const files = emittedPages(site.dist).map((page) => page.file);
    expect(files.length).toBeGreaterThan(0);
    const { errors, warnings } = await checkHtml(files);

    console.log(`Nu Html Checker: ${files.length} pages, ${errors.length} errors, ${warnings.length} warnings`);
    if (warnings.length > 0) console.log(`Nu warnings:\n${formatNuMessages(warnings, site.dist)}`);
    expect(errors.length, `Nu errors:\n${formatNuMessages(errors, site.dist)}`).toBe(0);
  });
});
