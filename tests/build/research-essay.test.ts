import { cpSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseFeed } from 'feedsmith';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all, attr, byTag, hasClass, readHtml, textOf, type Element } from '../../scripts/audit/html.ts';
import { checkLinks, formatDeadLinks } from '../../scripts/audit/link-checker.ts';
import { checkHtml, formatNuMessages, nuCheckerIsAvailable } from '../../scripts/audit/vnu.ts';
import { createFixtureSite, runScript, type BuildResult, type FixtureSite } from '../support/fixture-site.ts';
import { repoRoot } from '../support/paths.ts';
import { shownText } from '../support/shown-text.ts';

/**
 * tests/fixtures/research-essay: one essay using everything issue #14 asked for — a bibliography
 * file and the site's, Pandoc citations in author-year style with `nocite`, numbered figure,
 * table, equation and sections referred to, its own DOI and the "Cite" block, two authors (one
 * kept in content/authors/), part 2 of a series with a related essay, a footnote, a link to
 * another essay (previews of each), and a sortable table from a CSV file — built with
 * `npm run build` (every check on) and read back with an HTML parser. The same page in Chromium:
 * tests/browser/research-essay.test.ts.
 */
const FIXTURE = path.join(repoRoot, 'tests', 'fixtures', 'research-essay');

let site: FixtureSite;
let build: BuildResult;
beforeAll(async () => {
  site = createFixtureSite('research-essay');
  cpSync(FIXTURE, path.join(site.root, 'content'), { recursive: true });
  build = await runScript(site.root, 'build.ts');
  if (build.code !== 0) throw new Error(build.output);
});
afterAll(() => site?.remove());

const essayFile = () => path.join(site.dist, 'posts', 'attention-budget', 'index.html');
const page = () => readHtml(essayFile());
const prose = () => all(page(), (el) => hasClass(el, 'prose'))[0]!;
const text = (node: Element) => textOf(node).replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();
const visibleText = (node: Element) => shownText(node).replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();
const byId = (root: Element, id: string) => all(root, (el) => attr(el, 'id') === id)[0];
const meta = (name: string) => all(page(), (el) => el.tagName === 'meta' && attr(el, 'name') === name).map((el) => attr(el, 'content'));

describe('the essay that uses everything', () => {
  it('builds with every check on and nothing to warn about', () => {
    expect(build.output).not.toMatch(/warning|error/i);
  });

  it('cites by author and year from its bibliography and the site’s, listing what nocite names', () => {
    const [first] = byTag(prose(), 'p');
    expect(visibleText(first!)).toBe(
      'Attention grows with the square of the context (Okafor and Brandt, 2021, sec. 2), and schedules have tides of their own (see Lindqvist and Oduya, 2019, pp. 4-6). Okafor and Brandt (2021, ch. 3) proposed a fixed budget; we measure it.1 The first part of this series, Counting tokens, set up the harness.',
    );
    const entries = all(prose(), (el) => hasClass(el, 'reference'));
    expect(entries.map(visibleText)).toEqual([
      'Maren Lindqvist and Tobi Oduya (2019). Tidal Patterns in Learning-Rate Schedules. Journal of Imaginary Optimisation. doi:10.5555/jio.2019.0417. ↩',
      'Chidi Okafor and Lena Brandt (2021). Budgets for Attention at Inference Time. Proceedings of the Imaginary Systems Conference. arXiv:2104.05678. ↩ a ↩ b',
      'Anouk Perrault (2008). Measuring What Matters. Harbour Lane Press.',
    ]);
    expect(byTag(entries[1]!, 'a').map((a) => attr(a, 'href')).slice(0, 2)).toEqual(['https://arxiv.org/abs/2104.05678', 'https://arxiv.org/abs/2104.05678']);
  });

  it('numbers its figure, table, equation and sections, and each reference reads and links to its number', () => {
    const references = all(prose(), (el) => el.tagName === 'a' && hasClass(el, 'cross-reference'));
    expect(references.map((a) => [visibleText(a), attr(a, 'href')])).toEqual([
      ['Figure 1', '#fig-latency'],
      ['Table 1', '#tbl-models'],
      ['Equation (1)', '#eq-cost'],
      ['Section 1', '#sec-why'],
    ]);
    expect(visibleText(byTag(byId(prose(), 'fig-latency')!, 'figcaption')[0]!)).toBe('Figure 1: Latency grows with the model\'s size');
    expect(visibleText(byTag(byId(prose(), 'tbl-models')!, 'caption')[0]!)).toBe('Table 1: Latency and accuracy of four models');
    expect(visibleText(all(byId(prose(), 'eq-cost')!, (el) => hasClass(el, 'equation-number'))[0]!)).toBe('(1)');
    expect(visibleText(byId(prose(), 'sec-why')!)).toBe('1 Why a budget');
  });

  it('links both ways: every described link has its preview, every citation its entry and back again', () => {
    const essay = prose();
    const described = all(essay, (el) => el.tagName === 'a' && attr(el, 'aria-describedby') !== undefined);
    // 3 citations, the footnote, 4 cross-references and the link to the other essay.
    expect(described).toHaveLength(9);
    for (const link of described) {
      const preview = byId(page(), attr(link, 'aria-describedby')!);
      expect(preview && attr(preview, 'role'), attr(link, 'href')).toBe('tooltip');
      expect(text(preview!)).not.toBe('');
    }
    for (const citation of all(essay, (el) => hasClass(el, 'citation-ref'))) {
      const entry = byId(essay, attr(citation, 'href')!.slice(1))!;
      expect(all(entry, (el) => hasClass(el, 'reference-backlink')).map((a) => attr(a, 'href'))).toContain(`#${attr(citation, 'id')}`);
    }
    const essayLink = described.find((a) => attr(a, 'href') === '/posts/counting-tokens/')!;
    expect(text(byId(page(), attr(essayLink, 'aria-describedby')!)!)).toContain('The harness the attention budget is measured with.');
    const ids = all(page(), (el) => attr(el, 'id') !== undefined).map((el) => attr(el, 'id'));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has a sortable table from its CSV, numbers aligned, with the file linked for download', () => {
    const [table] = all(prose(), (el) => el.tagName === 'table' && attr(el, 'data-sortable') !== undefined);
    expect(visibleText(byTag(table!, 'caption')[0]!)).toBe('All four models, measured');
    expect(all(table!, (el) => el.tagName === 'td').every((cell) => /numeric|right/.test(`${attr(cell, 'class')} ${attr(cell, 'style')} ${attr(cell, 'align')}`))).toBe(true);
    const download = all(prose(), (el) => el.tagName === 'a' && /Download the data/.test(textOf(el)))[0]!;
    const file = path.join(site.dist, 'posts', 'attention-budget', decodeURIComponent(attr(download, 'href')!));
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(path.join(FIXTURE, 'posts', 'attention-budget', 'latency.csv'), 'utf8'));
  });

  it('names its two authors, with affiliations, in the byline and in Google Scholar’s tags', () => {
    expect(text(all(page(), (el) => hasClass(el, 'byline'))[0]!)).toBe('By Ada Lovelace (University of London) and Tobi Oduya (Harbour Lane Institute)');
    expect(meta('citation_title')).toEqual(['An attention budget for inference']);
    expect(meta('citation_author')).toEqual(['Ada Lovelace', 'Tobi Oduya']);
    expect(meta('citation_author_institution')).toEqual(['University of London', 'Harbour Lane Institute']);
    expect(meta('citation_publication_date')).toEqual(['2024/05/02']);
    expect(meta('citation_doi')).toEqual(['10.5555/quire.attention-budget']);
  });

  it('can be cited: a BibTeX entry and a reference with its DOI, and a CSL-JSON file', () => {
    const cite = all(page(), (el) => hasClass(el, 'cite'))[0]!;
    expect(text(cite)).toContain('Ada Lovelace & Tobi Oduya. (2024, May 2). An attention budget for inference. Quire. https://doi.org/10.5555/quire.attention-budget');
    expect(text(cite)).toContain('doi = {10.5555/quire.attention-budget}');
    const [item] = JSON.parse(readFileSync(path.join(site.dist, 'posts', 'attention-budget', 'cite.json'), 'utf8'));
    expect(item).toMatchObject({ DOI: '10.5555/quire.attention-budget', author: [{ literal: 'Ada Lovelace' }, { literal: 'Tobi Oduya' }] });
  });

  it('is part 2 of its series, with the part before it linked, and has a related essay', () => {
    expect(text(all(page(), (el) => hasClass(el, 'series-note'))[0]!)).toBe('Part 2 of 2 in the series Inference on a budget');
    const related = all(page(), (el) => el.tagName === 'section' && hasClass(el, 'related'))[0]!;
    expect(byTag(related, 'a').map(text)).toEqual(['Caching keys and values']);
    const seriesNav = all(page(), (el) => hasClass(el, 'series-nav'))[0]!;
    expect(byTag(seriesNav, 'a').map((a) => [text(a), attr(a, 'href')])).toEqual([['Part 1 of the series Counting tokens', '/posts/counting-tokens/']]);
  });

  it('is in the Atom feed, whole, which every page links', () => {
    expect(all(page(), (el) => el.tagName === 'link' && attr(el, 'type') === 'application/atom+xml').map((el) => attr(el, 'href'))).toEqual(['/atom.xml']);
    const feed = (parseFeed(readFileSync(path.join(site.dist, 'atom.xml'), 'utf8')) as { format: string; feed: any }).feed;
    const entry = feed.entries.find((e: any) => e.title.value === 'An attention budget for inference');
    const content = String(entry.content.value);
    expect(content).toContain('Budgets for Attention at Inference Time');
    // Previews are for a page with a stylesheet; a feed reader would show them inline.
    expect(content).not.toContain('role="tooltip"');
  });

  it.skipIf(!nuCheckerIsAvailable())('is valid HTML', async () => {
    const { errors } = await checkHtml([essayFile()]);
    expect(errors, formatNuMessages(errors, site.dist)).toEqual([]);
  });

  it('has no dead links', () => {
    const report = checkLinks(site.dist, '/');
    expect(report.dead, formatDeadLinks(report.dead)).toEqual([]);
    expect(existsSync(path.join(site.dist, 'posts', 'attention-budget', 'latency.png')) || byTag(prose(), 'img').length === 1).toBe(true);
  });
});
