import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all, attr, byTag, hasClass, readHtml, textOf, type Element } from '../../scripts/audit/html.ts';
import { checkLinks, formatDeadLinks } from '../../scripts/audit/link-checker.ts';
import { checkHtml, formatNuMessages, nuCheckerIsAvailable } from '../../scripts/audit/vnu.ts';
import { createFixtureSite, type FixtureSite } from '../support/fixture-site.ts';

/** Two essays, one dated and with a DOI, one undated; built under a sub-path, as a real site may be. */
const POSTS = {
  'posts/ranking.md': '---\ntitle: Learning to Rank in Practice\ndate: 2024-03-05\ndoi: https://doi.org/10.5281/zenodo.1234567\n---\n\nText.\n',
  'posts/undated.md': '---\ntitle: Notes Without a Date\n---\n\nText.\n',
};
const SITE_URL = 'https://essays.example.org';

let site: FixtureSite;
beforeAll(async () => {
  site = createFixtureSite('cite', POSTS);
  const result = await site.build({ SITE_URL, BASE_PATH: '/blog/' });
  if (result.code !== 0) throw new Error(result.output);
});
afterAll(() => site?.remove());

const pageFile = (slug: string) => path.join(site.dist, 'posts', slug, 'index.html');
const citeSection = (slug: string) => all(readHtml(pageFile(slug)), (el) => el.tagName === 'section' && hasClass(el, 'cite'))[0]!;
const meta = (slug: string) =>
  all(readHtml(pageFile(slug)), (el) => el.tagName === 'meta' && (attr(el, 'name') ?? '').startsWith('citation_')).map((el) => [attr(el, 'name'), attr(el, 'content')]);
const collapse = (el: Element) => textOf(el).replace(/\s+/g, ' ').trim();

describe('"Cite this essay"', () => {
  it('is a labelled section with the formatted reference, its address a link', () => {
    const section = citeSection('ranking');
    expect(attr(section, 'aria-labelledby')).toBe('cite-heading');
    expect(textOf(byTag(section, 'h2')[0]!)).toBe('Cite this essay');
    const reference = all(section, (el) => hasClass(el, 'cite-reference'))[0]!;
    expect(collapse(reference)).toBe('The Quire authors. (2024, March 5). Learning to Rank in Practice. Quire. https://doi.org/10.5281/zenodo.1234567');
    expect(byTag(reference, 'a').map((a) => attr(a, 'href'))).toEqual(['https://doi.org/10.5281/zenodo.1234567']);
    const undated = all(citeSection('undated'), (el) => hasClass(el, 'cite-reference'))[0]!;
    expect(collapse(undated)).toBe(`The Quire authors. (n.d.). Notes Without a Date. Quire. ${SITE_URL}/blog/posts/undated/`);
  });

  it('gives BibTeX that a BibTeX reader reads back as this essay', () => {
    const bibtex = textOf(all(citeSection('ranking'), (el) => hasClass(el, 'cite-bibtex'))[0]!);
    const [read] = new Cite(bibtex).data as Record<string, any>[];
    expect(read!.title).toBe('Learning to Rank in Practice');
    expect(read!.URL).toBe(`${SITE_URL}/blog/posts/ranking/`);
    expect(read!.DOI).toBe('10.5281/zenodo.1234567');
    expect(read!.issued['date-parts'][0]).toEqual([2024, 3]);
  });

  it('links a CSL-JSON file beside the page, which reference managers read', () => {
    const link = all(citeSection('ranking'), (el) => el.tagName === 'a' && attr(el, 'type') === 'application/vnd.citationstyles.csl+json')[0]!;
    expect(attr(link, 'href')).toBe('cite.json');
    const items = JSON.parse(readFileSync(path.join(site.dist, 'posts', 'ranking', 'cite.json'), 'utf8'));
    expect(items).toEqual([
      expect.objectContaining({ id: 'ranking', type: 'post-weblog', title: 'Learning to Rank in Practice', issued: { 'date-parts': [[2024, 3, 5]] }, DOI: '10.5281/zenodo.1234567' }),
    ]);
    expect((new Cite(items).data as { URL: string }[])[0]!.URL).toBe(`${SITE_URL}/blog/posts/ranking/`);
  });

  it('is told to Google Scholar in Highwire tags', () => {
    expect(meta('ranking')).toEqual([
      ['citation_title', 'Learning to Rank in Practice'],
      ['citation_author', 'The Quire authors'],
      ['citation_publication_date', '2024/03/05'],
      ['citation_fulltext_html_url', `${SITE_URL}/blog/posts/ranking/`],
      ['citation_doi', '10.5281/zenodo.1234567'],
      ['citation_language', 'en'],
    ]);
    expect(meta('undated').map(([name]) => name)).not.toContain('citation_publication_date');
  });

  it('leaves no dead link', () => {
    const report = checkLinks(site.dist, '/blog/');
    expect(report.dead, formatDeadLinks(report.dead)).toEqual([]);
  });

  it.skipIf(!nuCheckerIsAvailable())('is valid HTML', async () => {
    const { errors } = await checkHtml([pageFile('ranking'), pageFile('undated')]);
    expect(errors, formatNuMessages(errors, site.dist)).toEqual([]);
  });
});
