import { appendFileSync, cpSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumIsAvailable } from '../../scripts/audit/chromium.ts';
import { runScript, type FixtureSite } from '../support/fixture-site.ts';
import { repoRoot } from '../support/paths.ts';
import { buildSeedSite } from '../support/seed-site.ts';

/** `npm run audit`: a user's own built site checked with the tests' own checkers. */
describe.skipIf(!chromiumIsAvailable())('npm run audit', () => {
  let site: FixtureSite;
  beforeAll(async () => {
    site = await buildSeedSite('audit');
    // The audit uses the tests' own checkers (tests/support/), which a fixture site lacks.
    cpSync(path.join(repoRoot, 'tests', 'support'), path.join(site.root, 'tests', 'support'), { recursive: true });
  });
  afterAll(() => site?.remove());

  it('passes a site Quire built, having looked at it in the browser', async () => {
    const audit = await runScript(site.root, 'audit.ts', ['--pages', '1']);
    expect(audit.output).toMatch(/Dead links in \d+ pages: none/);
    expect(audit.output).toContain('Accessibility (axe-core, WCAG 2.2 AA, light and dark, 390 and 1280 px): none');
    expect(audit.output).not.toContain('SKIPPED');
    expect(audit.code, audit.output).toBe(0);
  }, 300_000);

  it('fails on a dead link and a page that scrolls sideways, naming them', async () => {
    appendFileSync(path.join(site.dist, 'index.html'), '<a href="/nowhere/">gone</a><div style="width:2000px">wide</div>');
    const audit = await runScript(site.root, 'audit.ts');
    expect(audit.code).toBe(1);
    expect(audit.output).toContain('/nowhere/');
    expect(audit.output).toMatch(/Pages that scroll sideways at 390 px: 1\n\/: \d+px wide at 390px/);
  }, 300_000);
});
