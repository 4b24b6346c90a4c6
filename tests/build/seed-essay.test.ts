import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { List, Root, RootContent, Table } from 'mdast';
import { toString as markdownText } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FixtureSite } from '../support/fixture-site.ts';
import { all, attr, byTag, closest, hasClass, readHtml, textOf, type Element } from '../support/html.ts';
import { buildRepositorySite, SEED_SLUG, SEED_SOURCE } from '../support/seed-site.ts';

/** The seed essay's Markdown, parsed independently of the site's pipeline. */
const seedTree = unified().use(remarkParse).use(remarkGfm).parse(readFileSync(SEED_SOURCE, 'utf8')) as Root;
const seedBlocks = (type: RootContent['type']) => seedTree.children.filter((node) => node.type === type);
const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

let site: FixtureSite;
let page: Element;
let prose: Element;

beforeAll(async () => {
  site = await buildRepositorySite('seed');
  page = readHtml(path.join(site.dist, 'posts', SEED_SLUG, 'index.html'));
  prose = all(page, (el) => hasClass(el, 'prose'))[0]!;
});
afterAll(() => site?.remove());

describe('the seed essay at /posts/ml-research-vs-production/', () => {
  it('has its title as the only <h1>', () => {
    expect(byTag(page, 'h1').map(textOf)).toEqual(['Machine Learning in Research vs Production']);
    expect(textOf(byTag(page, 'title')[0]!)).toBe('Machine Learning in Research vs Production · Quire');
  });

  it('publishes every paragraph of the author’s text unchanged', () => {
    const published = new Set(byTag(prose, 'p').map((p) => collapse(textOf(p))));
    const paragraphs = seedBlocks('paragraph').map((p) => collapse(markdownText(p)));
    expect(paragraphs.length).toBeGreaterThanOrEqual(20);
    for (const paragraph of paragraphs) expect(published).toContain(paragraph);
  });

  it('publishes every table cell verbatim', () => {
    const cells = (seedBlocks('table') as Table[]).flatMap((table) =>
      table.children.flatMap((row) => row.children.map((cell) => collapse(markdownText(cell)))),
    );
    const publishedCells = all(prose, (el) => el.tagName === 'td' || el.tagName === 'th').map((cell) => collapse(textOf(cell)));
    expect(cells).toHaveLength(18);
    expect(publishedCells).toEqual(cells);
  });

  it('drops the hand-written "Content" list for the generated table of contents', () => {
    expect(textOf(prose)).not.toMatch(/^\s*Content\s*$/m);
    expect(all(prose, (el) => /^h[1-6]$/.test(el.tagName) && textOf(el).trim() === 'Content')).toHaveLength(0);
  });

  it('lists every h2 and h3 in a labelled, nested table of contents whose links all land', () => {
    const [toc] = all(page, (el) => el.tagName === 'nav' && hasClass(el, 'toc'));
    expect(toc).toBeDefined();
    const labelId = attr(toc!, 'aria-labelledby')!;
    expect(textOf(all(page, (el) => attr(el, 'id') === labelId)[0]!)).toBe('Contents');

    const headings = all(prose, (el) => el.tagName === 'h2' || el.tagName === 'h3');
    const tocLinks = byTag(toc!, 'a');
    expect(tocLinks.map((a) => attr(a, 'href'))).toEqual(headings.map((h) => `#${attr(h, 'id')}`));
    expect(tocLinks.map((a) => textOf(a))).toEqual(headings.map((h) => textOf(h)));
    expect(headings).toHaveLength(2 + 7 + 1);

    // h3 entries are nested inside the list item of their h2.
    const dataLink = tocLinks.find((a) => textOf(a).startsWith('1. Data'))!;
    expect(textOf(closest(closest(dataLink, (el) => el.tagName === 'ol')!, (el) => el.tagName === 'li')!)).toMatch(
      /^Factors differentiating the both/,
    );
  });

  it('has unique ids', () => {
    const ids = all(page, (el) => attr(el, 'id') !== undefined).map((el) => attr(el, 'id'));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('proves the unified pipeline ran: rehype-slug ids, GFM tables, our table plugin', () => {
    expect(attr(byTag(prose, 'h2')[0]!, 'id')).toBe('overview-the-problem-statement');
    const tables = byTag(prose, 'table');
    expect(tables).toHaveLength(1);
    for (const table of tables) {
      const region = closest(table, (el) => hasClass(el, 'table-scroll'))!;
      expect(attr(region, 'tabindex')).toBe('0');
      expect(attr(region, 'role')).toBe('region');
      expect(attr(region, 'aria-label')).toBe('Table: Data in Research, Data in Production');
    }
  });

  it('renders the References list as links whose URLs are the author’s', () => {
    const references = seedBlocks('list').at(-1) as List;
    const urls = references.children.map((item) => markdownText(item));
    expect(urls).toHaveLength(4);
    const heading = all(prose, (el) => attr(el, 'id') === 'references')[0]!;
    expect(heading).toBeDefined();
    const publishedLinks = byTag(prose, 'ul').at(-1)!;
    expect(byTag(publishedLinks, 'a').map((a) => attr(a, 'href'))).toEqual(urls);
    expect(byTag(prose, 'a').some((a) => attr(a, 'target') === '_blank')).toBe(false);
  });

  it('shows reading time and a description written from the essay', () => {
    expect(textOf(all(page, (el) => hasClass(el, 'post-meta'))[0]!)).toMatch(/\d+ min read/);
    const description = all(page, (el) => el.tagName === 'meta' && attr(el, 'name') === 'description')[0]!;
    expect(attr(description, 'content')).toMatch(/^Machine learning in industry is at a very early stage/);
  });

  it('is listed on the home page with its title, description and reading time', () => {
    const home = readHtml(path.join(site.dist, 'index.html'));
    const [summary] = all(home, (el) => hasClass(el, 'post-summary'));
    expect(attr(byTag(summary!, 'a')[0]!, 'href')).toBe(`/posts/${SEED_SLUG}/`);
    expect(textOf(summary!)).toContain('Machine Learning in Research vs Production');
    expect(textOf(summary!)).toMatch(/\d+ min read/);
    expect(byTag(home, 'a')[0] && attr(byTag(home, 'a')[0]!, 'href')).toBe('#content');
  });
});
