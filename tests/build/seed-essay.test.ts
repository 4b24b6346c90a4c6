import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Root, RootContent, Table } from 'mdast';
import { toString as markdownText } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FixtureSite } from '../support/fixture-site.ts';
import { all, attr, byTag, closest, hasClass, readHtml, textOf, type Element, type Node } from '../../scripts/audit/html.ts';
import { buildSeedSite, SEED_SLUG, SEED_SOURCE } from '../support/seed-site.ts';

/** The seed essay's Markdown (without its front matter), parsed independently of the site's pipeline. */
const seedBody = readFileSync(SEED_SOURCE, 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
const seedTree = unified().use(remarkParse).use(remarkGfm).parse(seedBody) as Root;
const seedBlocks = (type: RootContent['type']) => seedTree.children.filter((node) => node.type === type);
const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();
/** What the author wrote: the text without the citation markers Quire adds after cited links. */
const textWithoutCitations = (node: Node): string =>
  'tagName' in node ? (hasClass(node, 'citation') ? '' : (node.childNodes as Node[]).map(textWithoutCitations).join('')) : textOf(node);

let site: FixtureSite;
let page: Element;
let prose: Element;

beforeAll(async () => {
  site = await buildSeedSite('seed');
  page = readHtml(path.join(site.dist, 'posts', SEED_SLUG, 'index.html'));
  prose = all(page, (el) => hasClass(el, 'prose'))[0]!;
});
afterAll(() => site?.remove());

describe('the seed essay at /posts/ml-research-vs-production/', () => {
  it('has its title as the only <h1>', () => {
    expect(byTag(page, 'h1').map(textOf)).toEqual(['Machine Learning in Research vs Production']);
    expect(textOf(byTag(page, 'title')[0]!)).toBe('Machine Learning in Research vs Production · Quire');
  });

  it('publishes every paragraph of the author’s text unchanged (citation markers aside)', () => {
    const published = new Set(byTag(prose, 'p').map((p) => collapse(textWithoutCitations(p))));
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

  it('renders the generated References: its four sources numbered and linked, with back-links that resolve', () => {
    const [references] = all(prose, (el) => el.tagName === 'section' && hasClass(el, 'references'));
    expect(references).toBeDefined();
    expect(attr(byTag(references!, 'h2')[0]!, 'id')).toBe('references');
    const entries = byTag(byTag(references!, 'ol')[0]!, 'li');
    // Numbered in the order the essay first cites them (SQuAD, IMDB, GLUE); the cost article is
    // listed but never cited in the text, so it comes last.
    expect(entries.map((li) => attr(byTag(byTag(li, 'cite')[0]!, 'a')[0]!, 'href'))).toEqual([
      'https://huggingface.co/datasets/squad',
      'https://www.kaggle.com/datasets/lakshmi25npathi/imdb-dataset-of-50k-movie-reviews',
      'https://huggingface.co/datasets/glue',
      'https://syncedreview.com/2019/06/27/the-staggering-cost-of-training-sota-ai-models/',
    ]);
    expect(entries.map((li) => textOf(byTag(li, 'cite')[0]!))).toEqual([
      'SQuAD: The Stanford Question Answering Dataset',
      'IMDB Dataset of 50K Movie Reviews',
      'GLUE: The General Language Understanding Evaluation Benchmark',
      'The Staggering Cost of Training SOTA AI Models',
    ]);
    expect(textOf(entries[3]!)).toContain('Synced Review, 2019.');

    const backlinks = entries.map((li) => all(li, (el) => hasClass(el, 'reference-backlink')));
    expect(backlinks.map((links) => links.length)).toEqual([1, 1, 1, 0]);
    backlinks.flat().forEach((backlink, index) => {
      const marker = all(page, (el) => `#${attr(el, 'id')}` === attr(backlink, 'href'))[0]!;
      expect(marker, attr(backlink, 'href')).toBeDefined();
      expect(attr(marker, 'href')).toBe(`#${attr(entries[index]!, 'id')}`);
      expect(textOf(marker)).toBe(String(index + 1));
    });
    expect(byTag(prose, 'a').some((a) => attr(a, 'target') === '_blank')).toBe(false);
  });

  it('keeps the author’s SQuAD, IMDB and GLUE links, each followed by its citation marker', () => {
    for (const [words, number] of [['SQUAD', '1'], ['IMDB', '2'], ['GLUE', '3']] as const) {
      const link = byTag(prose, 'a').find((a) => textOf(a) === words)!;
      expect(link, words).toBeDefined();
      const siblings = link.parentNode!.childNodes;
      const marker = siblings[siblings.indexOf(link) + 1] as Element;
      expect(hasClass(marker, 'citation'), words).toBe(true);
      expect(textOf(all(marker, (el) => hasClass(el, 'citation-ref'))[0]!)).toBe(number);
    }
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
