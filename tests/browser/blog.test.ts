import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseFeed } from 'feedsmith';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumIsAvailable, closePage } from '../../scripts/audit/chromium.ts';
import { emittedPages } from '../../scripts/audit/emitted-pages.ts';
import { all, attr, readHtml } from '../../scripts/audit/html.ts';
import { checkLinks, formatDeadLinks } from '../../scripts/audit/link-checker.ts';
import { buildSeedSite, SEED_SLUG } from '../support/seed-site.ts';
import { serveSite, type ServedSite } from '../support/served-site.ts';

const SITE_URL = 'https://essays.example.org';

/** Searches the built site in the browser, as a reader would, and opens the first result. */
async function searchAndOpen(served: ServedSite, query: string) {
  const page = await served.open('search/');
  await page.getByLabel('Search the essays').fill(query);
  await page.keyboard.press('Enter');
  const firstResult = page.locator('[data-search-results] li a').first();
  await firstResult.waitFor({ timeout: 15_000 });
  const status = await page.locator('[data-search-status]').textContent();
  const href = await firstResult.getAttribute('href');
  await firstResult.click();
  await page.waitForLoadState('load');
  return { page, status, href, landedOn: new URL(page.url()).pathname };
}

describe.skipIf(!chromiumIsAvailable())('the seed site in a browser', () => {
  let served: ServedSite;
  beforeAll(async () => {
    served = await serveSite(await buildSeedSite('blog-browser', { SITE_URL }));
  });
  afterAll(() => served?.close());

  it('finds the seed essay when searching "hyperparameter", and the result opens it', async () => {
    const { page, status, href, landedOn } = await searchAndOpen(served, 'hyperparameter');
    expect(status).toMatch(/1 essay matches “hyperparameter”/);
    expect(href).toBe(`/posts/${SEED_SLUG}/`);
    expect(landedOn).toBe(`/posts/${SEED_SLUG}/`);
    expect(await page.locator('h1').textContent()).toBe('Machine Learning in Research vs Production');
    await closePage(page);
  });

  it('reaches the search box from the keyboard and keeps the query in the address', async () => {
    const page = await served.open('');
    await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Search' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\/$/);
    await page.keyboard.press('Tab');
    // The skip link comes first on every page; the box is reachable right after the header.
    for (let i = 0; i < 15 && !(await page.evaluate(() => document.activeElement?.id === 'search-input')); i++) {
      await page.keyboard.press('Tab');
    }
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-input');
    await page.keyboard.type('GLUE benchmarks');
    await page.keyboard.press('Enter');
    await page.locator('[data-search-results] li').first().waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBe('GLUE benchmarks');
    await closePage(page);
  });

  it('switches theme from the toggle, remembers it, and applies it before first paint', async () => {
    const page = await served.open(`posts/${SEED_SLUG}/`);
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await background();
    await page.getByRole('radio', { name: 'Dark' }).check();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const dark = await background();
    expect(dark).not.toBe(light);

    await page.reload();
    expect(await page.evaluate(() => localStorage.getItem('quire-theme'))).toBe('dark');
    expect(await background()).toBe(dark);
    expect(await page.getByRole('radio', { name: 'Dark' }).isChecked()).toBe(true);

    // System follows the operating system again.
    await page.getByRole('radio', { name: 'System' }).check();
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await background()).toBe(light);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await background()).toBe(dark);
    await closePage(page);

    // Before first paint: the theme script is inline, in the head, ahead of every stylesheet.
    const head = readFileSync(path.join(served.site.dist, 'posts', SEED_SLUG, 'index.html'), 'utf8').split('</head>')[0]!;
    const script = head.indexOf('quire-theme');
    const firstStylesheet = head.indexOf('rel="stylesheet"');
    expect(script).toBeGreaterThan(0);
    expect(firstStylesheet === -1 || script < firstStylesheet).toBe(true);
  });

  it('hides the theme toggle when JavaScript is off (it could not work)', async () => {
    const page = await served.open('', { javaScriptEnabled: false });
    expect(await page.locator('[data-theme-toggle]').isVisible()).toBe(false);
    await closePage(page);
  });
});

describe.skipIf(!chromiumIsAvailable())('a build for a sub-path, BASE_PATH=/blog/', () => {
  let served: ServedSite;
  beforeAll(async () => {
    const site = await buildSeedSite('base-path', { SITE_URL, BASE_PATH: '/blog/' });
    served = await serveSite(site, { basePath: '/blog/' });
  });
  afterAll(() => served?.close());

  it('has no dead link or asset, served under /blog/', () => {
    const report = checkLinks(served.site.dist, '/blog/', { siteOrigin: SITE_URL });
    expect(report.dead, formatDeadLinks(report.dead)).toEqual([]);
    expect(report.internalLinksChecked).toBeGreaterThan(50);
  });

  it('puts /blog/ in every canonical URL and feed item', () => {
    const pages = emittedPages(served.site.dist, '/blog/').filter((page) => page.urlPath.endsWith('/'));
    expect(pages.length).toBeGreaterThanOrEqual(5);
    for (const page of pages) {
      const canonical = attr(all(readHtml(page.file), (el) => el.tagName === 'link' && attr(el, 'rel') === 'canonical')[0]!, 'href');
      expect(canonical).toBe(`${SITE_URL}${page.urlPath}`);
      expect(page.urlPath.startsWith('/blog/')).toBe(true);
    }
    const { feed } = parseFeed(readFileSync(path.join(served.site.dist, 'rss.xml'), 'utf8')) as { feed: any };
    expect(feed.items[0].link).toBe(`${SITE_URL}/blog/posts/${SEED_SLUG}/`);
    expect(feed.items[0].content.encoded).not.toMatch(/href="\/(?!blog\/)/);
    expect(readFileSync(path.join(served.site.dist, 'robots.txt'), 'utf8')).toContain(`${SITE_URL}/blog/sitemap-index.xml`);
  });

  it('finds and opens essays from search under /blog/', async () => {
    const { page, href, landedOn } = await searchAndOpen(served, 'hyperparameter');
    expect(href).toBe(`/blog/posts/${SEED_SLUG}/`);
    expect(landedOn).toBe(`/blog/posts/${SEED_SLUG}/`);
    expect(served.pageErrors).toEqual([]);
    await closePage(page);
  });
});
