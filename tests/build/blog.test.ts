import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseFeed } from 'feedsmith';
import { parseFragment } from 'parse5';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OG_CACHE_DIR } from '../../src/og/card.ts';
import { emittedPages } from '../../scripts/audit/emitted-pages.ts';
import { createFixtureSite, type FixtureSite } from '../support/fixture-site.ts';
import { all, attr, byTag, hasClass, readHtml, textOf } from '../../scripts/audit/html.ts';
import { checkLinks, formatDeadLinks } from '../../scripts/audit/link-checker.ts';

const HOSTILE_TITLE = `Quotes "and" </script><script>alert(1)</script> & <b>tags</b>`;
const SITE_URL = 'https://essays.example.org';

/** Twelve essays (so the home page has two pages), a hostile title, an MDX essay and a draft. */
function posts(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 1; i <= 12; i++) {
    const month = String(i).padStart(2, '0');
    const tags = i % 2 === 0 ? '[Even, shared]' : '[odd, shared]';
    files[`posts/2023-${month}-10-essay-${i}.md`] =
      `---\ntitle: Essay ${i}\ndescription: The essay numbered ${i}.\ntags: ${tags}\n---\n\n## Part one\n\nSee [the first essay](/posts/essay-1/#part-one) and [notes](#part-one).\n`;
  }
  files['posts/2024-02-01-hostile.md'] = `---\ntitle: ${JSON.stringify(HOSTILE_TITLE)}\ndescription: "A & B <c>"\ntags: [shared]\n---\n\nBody with a [relative link](../essay-2/).\n`;
  files['posts/2024-03-01-components.mdx'] = '---\ntitle: An MDX essay\ntags: [mdx]\n---\n\nexport const n = 6 * 7;\n\n## Computed\n\nThe answer is {n}.\n';
  files['posts/2024-04-01-secret.md'] = '---\ntitle: Secret draft\ndraft: true\ntags: [secret-tag]\n---\n\nHidden.\n';
  return files;
}

let site: FixtureSite;
const file = (...segments: string[]) => path.join(site.dist, ...segments);
const html = (...segments: string[]) => readHtml(file(...segments, 'index.html'));
/** The HTML pages of the build (not redirect stubs); there are always more than twenty. */
function builtPages() {
  const pages = emittedPages(site.dist).filter((page) => page.urlPath.endsWith('/'));
  expect(pages.length).toBeGreaterThan(20);
  return pages;
}
const meta = (page: ReturnType<typeof readHtml>, key: string) =>
  attr(all(page, (el) => el.tagName === 'meta' && (attr(el, 'property') === key || attr(el, 'name') === key))[0]!, 'content');

beforeAll(async () => {
  site = createFixtureSite('blog', posts());
  const result = await site.build({ SITE_URL });
  if (result.code !== 0) throw new Error(result.output);
});
afterAll(() => site?.remove());

describe('navigation', () => {
  it('paginates the home page past ten essays, with rel=prev/next', () => {
    const first = html();
    expect(all(first, (el) => hasClass(el, 'post-summary'))).toHaveLength(10);
    expect(attr(all(first, (el) => el.tagName === 'link' && attr(el, 'rel') === 'next')[0]!, 'href')).toBe('/page/2/');
    const second = html('page', '2');
    expect(all(second, (el) => hasClass(el, 'post-summary'))).toHaveLength(4);
    expect(attr(all(second, (el) => el.tagName === 'link' && attr(el, 'rel') === 'prev')[0]!, 'href')).toBe('/');
    expect(existsSync(file('page', '3'))).toBe(false);
  });

  it('has tag pages with counts, and no tag that only a draft uses', () => {
    const index = textOf(html('tags'));
    expect(index).toMatch(/Even\s*\(6 essays\)/);
    expect(index).toMatch(/shared\s*\(13 essays\)/);
    expect(index).not.toContain('secret');
    expect(all(html('tags', 'even'), (el) => hasClass(el, 'post-summary'))).toHaveLength(6);
    expect(existsSync(file('tags', 'secret-tag'))).toBe(false);
  });

  it('groups the archive by year, newest first', () => {
    const archive = html('archive');
    expect(byTag(archive, 'h2').map(textOf)).toEqual(['2024', '2023']);
    expect(textOf(archive)).not.toContain('Secret draft');
  });

  it('links each essay to the next newer and older one', () => {
    const nav = all(html('posts', 'essay-5'), (el) => hasClass(el, 'post-nav'))[0]!;
    expect(byTag(nav, 'a').map((a) => [attr(a, 'rel'), attr(a, 'href')])).toEqual([
      ['prev', '/posts/essay-6/'],
      ['next', '/posts/essay-4/'],
    ]);
  });

  it('gives every page a header nav to Home, Archive, Tags, Search and Feed', () => {
    for (const page of builtPages()) {
      const nav = all(readHtml(page.file), (el) => el.tagName === 'nav' && attr(el, 'aria-label') === 'Site')[0];
      expect(nav && byTag(nav, 'a').map(textOf), page.urlPath).toEqual(['Home', 'Archive', 'Tags', 'Search', 'Feed']);
    }
  });

  it('has a designed 404 page and no dead links anywhere', () => {
    expect(textOf(readHtml(file('404.html')))).toContain('Page not found');
    const report = checkLinks(site.dist, '/');
    expect(report.dead, formatDeadLinks(report.dead)).toEqual([]);
  });
});

describe('feeds', () => {
  it('RSS 2.0 parses, carries the full HTML with absolute links, and no draft', () => {
    const { format, feed } = parseFeed(readFileSync(file('rss.xml'), 'utf8')) as { format: string; feed: any };
    expect(format).toBe('rss');
    expect(feed.items).toHaveLength(14);
    const essay = feed.items.find((item: any) => item.title === 'Essay 3');
    expect(essay.link).toBe(`${SITE_URL}/posts/essay-3/`);
    expect(essay.content.encoded).toContain('<h2 id="part-one">Part one</h2>');
    expect(essay.content.encoded).toContain(`href="${SITE_URL}/posts/essay-1/#part-one"`);
    expect(essay.content.encoded).toContain(`href="${SITE_URL}/posts/essay-3/#part-one"`);
    expect(feed.items.some((item: any) => item.title === 'Secret draft')).toBe(false);
    const hostile = feed.items.find((item: any) => item.title === HOSTILE_TITLE);
    expect(hostile.content.encoded).toContain(`href="${SITE_URL}/posts/essay-2/"`);
  });

  it('JSON Feed 1.1 parses, with MDX essays rendered too', () => {
    const { format, feed } = parseFeed(readFileSync(file('feed.json'), 'utf8')) as { format: string; feed: any };
    expect(format).toBe('json');
    const mdx = feed.items.find((item: any) => item.title === 'An MDX essay');
    expect(mdx.content_html).toContain('The answer is 42.');
    expect(feed.items.map((item: any) => item.title)).toContain(HOSTILE_TITLE);
  });

  it('Atom 1.0 parses, with the same entries as RSS, full HTML with absolute links, and no build time in it', () => {
    const { format, feed } = parseFeed(readFileSync(file('atom.xml'), 'utf8')) as { format: string; feed: any };
    expect(format).toBe('atom');
    const rss = (parseFeed(readFileSync(file('rss.xml'), 'utf8')) as { feed: any }).feed;
    // An Atom title is HTML (type="html"): the hostile title's text, escaped, reads as that text.
    const asText = (html: string) => (parseFragment(html).childNodes as { value?: string }[]).map((node) => node.value ?? '').join('');
    expect(feed.entries.map((entry: any) => asText(entry.title.value))).toEqual(rss.items.map((item: any) => item.title));
    expect(feed.entries.map((entry: any) => asText(entry.title.value))).toContain(HOSTILE_TITLE);
    expect(feed.links).toEqual(expect.arrayContaining([expect.objectContaining({ rel: 'self', href: `${SITE_URL}/atom.xml` })]));
    const essay = feed.entries.find((entry: any) => entry.title.value === 'Essay 3');
    expect(essay.id).toBe(`${SITE_URL}/posts/essay-3/`);
    expect(essay.content.value).toContain('<h2 id="part-one">Part one</h2>');
    expect(essay.content.value).toContain(`href="${SITE_URL}/posts/essay-1/#part-one"`);
    expect(feed.entries.some((entry: any) => entry.title.value === 'Secret draft')).toBe(false);
    // The feed changed when its newest essay did: the same essays give the same bytes.
    const newest = Math.max(...feed.entries.map((entry: any) => Date.parse(entry.updated)));
    expect(Date.parse(feed.updated)).toBe(newest);
  });

  it('are linked from every page', () => {
    for (const page of builtPages()) {
      const alternates = all(readHtml(page.file), (el) => el.tagName === 'link' && attr(el, 'rel') === 'alternate');
      expect(alternates.map((link) => attr(link, 'href')), page.urlPath).toEqual(['/rss.xml', '/atom.xml', '/feed.json']);
    }
  });
});

describe('discovery', () => {
  it('lists every published page in the sitemap, which robots.txt names', () => {
    expect(readFileSync(file('robots.txt'), 'utf8')).toContain(`Sitemap: ${SITE_URL}/sitemap-index.xml`);
    const sitemap = readFileSync(file('sitemap-0.xml'), 'utf8');
    const urls = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    expect(urls).toContain(`${SITE_URL}/posts/essay-7/`);
    expect(urls).toContain(`${SITE_URL}/tags/even/`);
    expect(urls.some((url) => url!.includes('secret') || url!.includes('404'))).toBe(false);
  });

  it('gives every page a canonical URL and social meta', () => {
    for (const page of builtPages()) {
      const doc = readHtml(page.file);
      const canonical = attr(all(doc, (el) => el.tagName === 'link' && attr(el, 'rel') === 'canonical')[0]!, 'href');
      expect(canonical, page.urlPath).toBe(`${SITE_URL}${page.urlPath}`);
      expect(meta(doc, 'og:url')).toBe(canonical);
      expect(meta(doc, 'twitter:card'), page.urlPath).toBeDefined();
    }
  });

  it('describes an essay as an article with its card, and as escaped JSON-LD BlogPosting', () => {
    const essay = html('posts', 'hostile');
    expect(meta(essay, 'og:type')).toBe('article');
    expect(meta(essay, 'og:title')).toBe(HOSTILE_TITLE);
    expect(meta(essay, 'og:image')).toBe(`${SITE_URL}/og/hostile.png`);
    expect(meta(essay, 'twitter:card')).toBe('summary_large_image');
    const scripts = all(essay, (el) => el.tagName === 'script' && attr(el, 'type') === 'application/ld+json');
    expect(scripts).toHaveLength(1);
    const raw = textOf(scripts[0]!);
    expect(raw).not.toContain('</script');
    const data = JSON.parse(raw);
    expect(data).toMatchObject({
      '@type': 'BlogPosting',
      headline: HOSTILE_TITLE,
      description: 'A & B <c>',
      url: `${SITE_URL}/posts/hostile/`,
      datePublished: '2024-02-01T00:00:00.000Z',
    });
    expect(byTag(essay, 'b')).toHaveLength(0);
    expect(meta(html(), 'og:type')).toBe('website');
  });

  it('draws a 1200×630 PNG card per essay, and not again when nothing changed', async () => {
    const png = readFileSync(file('og', 'essay-1.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
    expect(existsSync(file('og', 'secret.png'))).toBe(false);

    const cache = path.join(site.root, path.relative(process.cwd(), OG_CACHE_DIR));
    const before = Object.fromEntries(readdirSync(cache).map((name) => [name, statSync(path.join(cache, name)).mtimeMs]));
    expect(Object.keys(before)).toHaveLength(14);
    const rebuilt = await site.build({ SITE_URL });
    expect(rebuilt.code).toBe(0);
    const after = Object.fromEntries(readdirSync(cache).map((name) => [name, statSync(path.join(cache, name)).mtimeMs]));
    expect(after).toEqual(before);
  });
});

describe('search index', () => {
  it('indexes essays only, and no draft', () => {
    const entry = JSON.parse(readFileSync(file('pagefind', 'pagefind-entry.json'), 'utf8'));
    const pages = Object.values(entry.languages as Record<string, { page_count: number }>).reduce((n, l) => n + l.page_count, 0);
    expect(pages).toBe(14);
  });
});
