import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { site as siteConfig } from '../../src/site.config.ts';
import { emittedPages } from '../../scripts/audit/emitted-pages.ts';
import { createFixtureSite, type BuildResult, type FixtureSite } from '../support/fixture-site.ts';
import { all, attr, byTag, readHtml, textOf, type Element } from '../../scripts/audit/html.ts';
import { checkLinks, formatDeadLinks } from '../../scripts/audit/link-checker.ts';
import { repoRoot } from '../support/paths.ts';
import { checkHtml, formatNuMessages, nuCheckerIsAvailable } from '../../scripts/audit/vnu.ts';
import { shownText } from '../support/shown-text.ts';

/**
 * `npm run import:jekyll` on a small Jekyll site (tests/fixtures/jekyll-site), then a real build
 * of the imported posts: at the site root and under a base path.
 */
const JEKYLL_SITE = path.join(repoRoot, 'tests', 'fixtures', 'jekyll-site');
const IMPORTER = path.join(repoRoot, 'scripts', 'import-jekyll.ts');

const POSTS = {
  'hello-jekyll': { title: 'Hello, Jekyll: a first post', oldFile: '2023/01/31/hello-jekyll.html' },
  'with-categories': { title: 'Categories and permalinks', oldFile: 'notes/web/2023/02/14/with-categories.html' },
  'liquid-and-raw': { title: 'Liquid, raw and unknown tags', oldFile: 'liquid-notes/index.html' },
  'kramdown-figures': { title: 'Figures, tables and sections', oldFile: '2023/05/01/kramdown-figures.html' },
} as const;

function importInto(site: FixtureSite, ...options: string[]) {
  const run = spawnSync(
    process.execPath,
    [IMPORTER, JEKYLL_SITE, '--out', path.join(site.root, 'content', 'posts'), '--public', path.join(site.root, 'public'), ...options],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  return { status: run.status, report: run.stdout, stderr: run.stderr };
}

/** The lines of one section of the report ("Converted: 3" and the lines under it). */
function section(report: string, title: string): string[] {
  const lines = report.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`${title}:`));
  if (start === -1) return [];
  const end = lines.findIndex((line, index) => index > start && line.trim() === '');
  return lines.slice(start, end === -1 ? undefined : end);
}

/** Dead links on the imported posts' pages and their redirect pages (the rest of the site has its own tests). */
function deadLinksOfImport(dist: string, base: string) {
  const ours = (from: string) =>
    Object.entries(POSTS).some(([slug, { oldFile }]) => from.startsWith(`${base}posts/${slug}/`) || from === base + oldFile.replace(/index\.html$/, ''));
  // Four posts, four redirect pages: the filter must see them all, or it would check nothing.
  expect(emittedPages(dist, base).filter((page) => ours(page.urlPath))).toHaveLength(8);
  return checkLinks(dist, base, { siteOrigin: siteConfig.url }).dead.filter((link) => ours(link.from));
}

const metaContent = (page: Element, predicate: (meta: Element) => boolean) => attr(byTag(page, 'meta').find(predicate)!, 'content');
const refreshTarget = (page: Element) => /^0; url=(.*)$/.exec(metaContent(page, (m) => attr(m, 'http-equiv') === 'refresh') ?? '')?.[1];
const canonicalOf = (page: Element) => attr(all(page, (el) => el.tagName === 'link' && attr(el, 'rel') === 'canonical')[0]!, 'href');

describe('importing a Jekyll site', () => {
  let site: FixtureSite;
  let underBase: FixtureSite;
  let imported: ReturnType<typeof importInto>;
  let build: BuildResult;
  let baseBuild: BuildResult;
  const page = (slug: string) => readHtml(path.join(site.dist, 'posts', slug, 'index.html'));

  beforeAll(async () => {
    site = createFixtureSite('jekyll-import');
    underBase = createFixtureSite('jekyll-import-base');
    imported = importInto(site);
    importInto(underBase);
    [build, baseBuild] = await Promise.all([site.build(), underBase.build({ BASE_PATH: '/blog/' })]);
  });
  afterAll(() => {
    site?.remove();
    underBase?.remove();
  });

  describe('the report', () => {
    it('lists every converted post with its new and old URL', () => {
      expect(imported.status, imported.stderr).toBe(0);
      const converted = section(imported.report, 'Converted');
      expect(converted[0]).toBe('Converted: 4');
      for (const [slug, { oldFile }] of Object.entries(POSTS)) {
        expect(converted.join('\n')).toContain(`/posts/${slug}/`);
        expect(converted.join('\n')).toContain(`old URL /${oldFile.replace(/index\.html$/, '')} redirects there`);
      }
    });

    it('lists the files it copied', () => {
      expect(section(imported.report, 'Copied')).toEqual([
        'Copied: 2',
        expect.stringMatching(/^ {2}assets\/cheatsheet\.txt → .*public\/assets\/cheatsheet\.txt$/),
        expect.stringMatching(/^ {2}assets\/img\.png → .*public\/assets\/img\.png$/),
      ]);
    });

    it('gives every warning as path:line in the Jekyll file: what was dropped, removed or left as written', () => {
      const warnings = section(imported.report, 'Warnings');
      expect(warnings[0]).toMatch(/^Warnings: \d+ in 4 files$/);
      for (const line of warnings.slice(1)) expect(line).toMatch(/^ {2}_posts\/[\w-]+\.md:\d+ {2}\S/);
      expect(warnings).toEqual(
        expect.arrayContaining([
          '  _posts/2023-01-31-hello-jekyll.md:7  dropped `comments` from the 2 posts that set it (said once, here at the first): Quire has no comments (the old theme showed Disqus or similar under a post)',
          '  _posts/2023-01-31-hello-jekyll.md:8  dropped `author`: not Quire front-matter fields',
          '  _posts/2023-02-14-with-categories.md:15  {% link about.md %} links to a page of the Jekyll site, which is not imported: left as written',
          '  _posts/2023-03-01-liquid-and-raw.md:2  dropped `layout: single`: Quire has one layout for essays, `post`',
          '  _posts/2023-03-01-liquid-and-raw.md:19  {% gist 12345 %} left as written: Jekyll’s Liquid has no tag "gist" (a plugin’s?)',
          '  _posts/2023-05-01-kramdown-figures.md:9  removed a <style> block (p): on Quire it would restyle the whole site, not just this post',
          '  _posts/2023-05-01-kramdown-figures.md:13  the sections are `#` headings (h1), but the essay title is the page’s only h1: every heading was moved down one level',
          '  _posts/2023-05-01-kramdown-figures.md:24  {: class="info"} dropped: Quire has no class "info" for this table',
        ]),
      );
    });

    it('marks every essay as imported, with the file it came from', () => {
      for (const [slug, file] of [
        ['hello-jekyll', '2023-01-31-hello-jekyll.md'],
        ['kramdown-figures', '2023-05-01-kramdown-figures.md'],
      ]) {
        const text = readFileSync(path.join(site.root, 'content', 'posts', file), 'utf8');
        expect(text, slug).toContain(`imported: {from: jekyll, file: _posts/${file}}`);
      }
    });

    it('lists what it skipped, and why', () => {
      expect(section(imported.report, 'Skipped')).toEqual([
        'Skipped: 2',
        '  _posts/2023-04-01-an-html-post.html: .html posts are not imported: Quire publishes Markdown',
        '  _posts/notes.txt: not a post: Jekyll posts are named YYYY-MM-DD-title.md',
      ]);
    });

    it('refuses to overwrite posts it imported before, unless forced', () => {
      const postFile = path.join(site.root, 'content', 'posts', '2023-01-31-hello-jekyll.md');
      const before = readFileSync(postFile, 'utf8');
      const again = importInto(site);
      expect(again.status).toBe(0);
      expect(section(again.report, 'Converted')).toEqual(['Converted: 0']);
      expect(section(again.report, 'Skipped').join('\n')).toMatch(/2023-01-31-hello-jekyll\.md: .*content\/posts\/2023-01-31-hello-jekyll\.md already exists \(--force overwrites it\)/);
      expect(readFileSync(postFile, 'utf8')).toBe(before);
      expect(section(importInto(site, '--force', '--dry-run').report, 'Converted')[0]).toBe('Converted: 4');
    });
  });

  describe('the built site', () => {
    it('builds', () => {
      expect(build.code, build.output).toBe(0);
    });

    it('publishes every post at /posts/<slug>/ under its title', () => {
      for (const [slug, { title }] of Object.entries(POSTS)) {
        expect(byTag(page(slug), 'h1').map(textOf), slug).toEqual([title]);
      }
      expect(existsSync(path.join(site.dist, 'posts', 'an-html-post'))).toBe(false);
    });

    it('turns {% highlight %} into highlighted code, and {% raw %} into its text', () => {
      const [ruby] = byTag(page('hello-jekyll'), 'pre');
      expect(attr(ruby!, 'data-language')).toBe('ruby');
      expect(byTag(ruby!, 'span').some((span) => (attr(span, 'style') ?? '').includes('--shiki'))).toBe(true);
      expect(textOf(ruby!)).toContain('puts "Hello, #{name}"');
      const [liquid] = byTag(page('liquid-and-raw'), 'pre');
      expect(textOf(liquid!).trim()).toBe('{{ page.title | upcase }}');
    });

    it('rewrites post_url, link, site.baseurl and old post URLs into links that resolve', () => {
      const hrefs = (slug: string) => byTag(page(slug), 'a').map((a) => attr(a, 'href'));
      expect(hrefs('hello-jekyll')).toContain('/posts/with-categories/');
      expect(hrefs('with-categories')).toEqual(expect.arrayContaining(['/posts/hello-jekyll/', '/posts/hello-jekyll/#some-code', '/assets/cheatsheet.txt']));
      const dead = deadLinksOfImport(site.dist, '/');
      expect(dead, `Dead links:\n${formatDeadLinks(dead)}`).toEqual([]);
    });

    it('renders includes and page variables, and keeps Liquid it cannot evaluate as written', () => {
      const text = textOf(page('liquid-and-raw'));
      expect(text).toContain("An include is rendered from the site's _includes.");
      expect(text).toContain('{% gist 12345 %}');
      expect(text).toContain("This page's title is Liquid, raw and unknown tags.");
    });

    it('turns an image with a kramdown caption into a figure, keeps its width, and makes a GFM table', () => {
      const figures = page('kramdown-figures');
      const [figure] = all(figures, (el) => el.tagName === 'figure');
      expect(attr(figure!, 'style')).toBe('width: 50%');
      expect(attr(byTag(figure!, 'img')[0]!, 'src')).toBe('/assets/img.png');
      const caption = byTag(figure!, 'figcaption')[0]!;
      expect(shownText(caption)).toContain('Fig. 1. The square, from the first post.');
      expect(byTag(caption, 'a').map((a) => attr(a, 'href'))).toEqual(['/posts/hello-jekyll/']);
      const [table] = byTag(figures, 'table');
      expect(byTag(table!, 'th').map(textOf)).toEqual(['Symbol', 'Meaning']);
      expect(byTag(table!, 'tr')).toHaveLength(3);
      expect(byTag(figures, 'h1').map(textOf)).toEqual(['Figures, tables and sections']);
      expect(byTag(figures, 'h2').map(textOf)).toEqual(expect.arrayContaining(['Figures', 'Tables']));
      expect(byTag(figures, 'style')).toEqual([]);
    });

    it('keeps math where the old site had MathJax, and dollars as text where it did not', () => {
      expect(byTag(page('kramdown-figures'), 'math').length).toBeGreaterThan(0);
      expect(readFileSync(path.join(site.root, 'content', 'posts', '2023-01-31-hello-jekyll.md'), 'utf8')).toContain('math: false');
    });

    it('removes kramdown attribute lists and the {:toc} marker', () => {
      const text = textOf(page('hello-jekyll'));
      expect(text).not.toMatch(/\{:|TOC/);
      expect(text).toContain('This paragraph had a class.');
    });

    it('serves the images from where the Jekyll site did', () => {
      const image = byTag(page('hello-jekyll'), 'img').find((img) => attr(img, 'alt') === 'A red square')!;
      expect(attr(image, 'src')).toBe('/assets/img.png');
      expect(readFileSync(path.join(site.dist, 'assets', 'img.png'))).toEqual(readFileSync(path.join(JEKYLL_SITE, 'assets', 'img.png')));
      expect(attr(byTag(page('liquid-and-raw'), 'img')[0]!, 'src')).toBe('/assets/img.png');
    });

    it('keeps every old URL as a redirect page to the new one', () => {
      for (const [slug, { oldFile, title }] of Object.entries(POSTS)) {
        const redirect = readHtml(path.join(site.dist, oldFile));
        expect(refreshTarget(redirect), oldFile).toBe(`/posts/${slug}/`);
        expect(canonicalOf(redirect)).toBe(new URL(`/posts/${slug}/`, siteConfig.url).href);
        expect(metaContent(redirect, (m) => attr(m, 'name') === 'robots')).toBe('noindex');
        expect(byTag(redirect, 'a').map((a) => attr(a, 'href'))).toEqual([`/posts/${slug}/`]);
        expect(attr(redirect, 'lang')).toBe(siteConfig.lang);
        expect(textOf(byTag(redirect, 'title')[0]!)).toContain(title);
        expect(byTag(redirect, 'meta').some((m) => attr(m, 'charset') === 'utf-8')).toBe(true);
      }
    });

    it('makes redirect pages that are valid HTML', async () => {
      if (!nuCheckerIsAvailable()) return;
      const files = Object.values(POSTS).map(({ oldFile }) => path.join(site.dist, oldFile));
      const { errors } = await checkHtml(files);
      expect(errors, formatNuMessages(errors, site.dist)).toEqual([]);
    });
  });

  describe('the built site under a base path', () => {
    const basePage = (slug: string) => readHtml(path.join(underBase.dist, 'posts', slug, 'index.html'));

    it('builds', () => {
      expect(baseBuild.code, baseBuild.output).toBe(0);
    });

    it('redirects old URLs to the new ones below the base path', () => {
      const redirect = readHtml(path.join(underBase.dist, POSTS['hello-jekyll'].oldFile));
      expect(refreshTarget(redirect)).toBe('/blog/posts/hello-jekyll/');
      expect(canonicalOf(redirect)).toBe(new URL('/blog/posts/hello-jekyll/', siteConfig.url).href);
    });

    it('puts the base path in front of links and images written from the site root', () => {
      expect(byTag(basePage('hello-jekyll'), 'a').map((a) => attr(a, 'href'))).toContain('/blog/posts/with-categories/');
      expect(byTag(basePage('hello-jekyll'), 'img').map((img) => attr(img, 'src'))).toContain('/blog/assets/img.png');
      // HTML written in the post too, which Astro parses only after Quire's plugins.
      const inHtml = byTag(basePage('hello-jekyll'), 'img').find((img) => attr(img, 'alt') === 'The same square, in HTML')!;
      expect(attr(inHtml, 'src')).toBe('/blog/assets/img.png');
      const dead = deadLinksOfImport(underBase.dist, '/blog/');
      expect(dead, `Dead links:\n${formatDeadLinks(dead)}`).toEqual([]);
    });
  });
});
