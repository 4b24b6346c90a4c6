import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all, attr, byTag, hasClass, readHtml, textOf, type Element } from '../../scripts/audit/html.ts';
import { checkLinks, formatDeadLinks } from '../../scripts/audit/link-checker.ts';
import { checkHtml, formatNuMessages, nuCheckerIsAvailable } from '../../scripts/audit/vnu.ts';
import { createFixtureSite, runScript, startDevServer, type BuildResult, type FixtureSite } from '../support/fixture-site.ts';
import { repoRoot } from '../support/paths.ts';
import { shownText } from '../support/shown-text.ts';

/**
 * tests/fixtures/bibliography: a site-wide `references.bib`, an essay citing numerically from its
 * own BibTeX and CSL-JSON files, its front matter and the site's bibliography in every form
 * Pandoc knows, and an essay citing by author and year. Built with `astro build` and read back
 * from dist/ with an HTML parser.
 */
const FIXTURE = path.join(repoRoot, 'tests', 'fixtures', 'bibliography');

let site: FixtureSite;
let build: BuildResult;
beforeAll(async () => {
  site = createFixtureSite('bibliography');
  cpSync(FIXTURE, path.join(site.root, 'content'), { recursive: true });
  build = await site.build();
  if (build.code !== 0) throw new Error(build.output);
});
afterAll(() => site?.remove());

const page = (slug: string) => readHtml(path.join(site.dist, 'posts', slug, 'index.html'));
const prose = (slug: string) => all(page(slug), (el) => hasClass(el, 'prose'))[0]!;
const text = (node: Element) => textOf(node).replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();
const visibleText = (node: Element): string => shownText(node).replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();
const paragraphs = (slug: string) => byTag(prose(slug), 'p').map(visibleText);
const references = (slug: string) => all(prose(slug), (el) => el.tagName === 'li' && hasClass(el, 'reference'));
const byId = (root: Element, id: string) => all(root, (el) => attr(el, 'id') === id)[0];

describe('numeric citations from bibliography files', () => {
  it('reads each form of Pandoc’s syntax as a numbered marker', () => {
    expect(paragraphs('numbered').slice(0, 5)).toEqual([
      'Serving is hard [1]. Drift makes it harder [see 2, pp. 3-5; 3, ch. 2].',
      'Perrault [4] says to measure first, and Okafor et al. [1, p. 7] agrees.',
      'Two at once [5, 6], and a page alone [4, p. 12].',
      'The author is named in the sentence: Okafor and colleagues [1] again.',
      'A handle is not a citation when escaped: write to @quire-team.',
    ]);
  });

  it('lists what the text cites, then the front matter’s uncited references, then what nocite names; nothing else', () => {
    const entries = references('numbered');
    expect(byTag(all(prose('numbered'), (el) => hasClass(el, 'reference-list'))[0]!, 'li')).toHaveLength(8);
    expect(entries.map((entry) => attr(entry, 'id'))).toEqual([
      'ref-okafor2021serving',
      'ref-vale2022drift',
      'ref-handbook',
      'ref-perrault2008',
      'ref-lindqvist2019tides',
      'ref-arxiv-preprint',
      'ref-uncited-own',
      'ref-only-by-nocite',
    ]);
    const html = readFileSync(path.join(site.dist, 'posts', 'numbered', 'index.html'), 'utf8');
    expect(html).not.toContain('In the File, Never Cited');
    expect(html).not.toContain('An Entry No Essay Cites');
  });

  it('writes each entry title first, from BibTeX, CSL-JSON and front matter alike, with DOI and arXiv links', () => {
    const entries = references('numbered');
    expect(entries.map(visibleText)).toEqual([
      'Serving Models at the Edge of Latency. Chidi Okafor, Lena Brandt, Ren Ishikawa, et al. Transactions on Invented Systems, 2021. doi:10.5555/tis.2021.88. ↩ a ↩ b ↩ c',
      'When the Data Drifts. Sorrel Vale. 2022. Accessed 9 January 2024. ↩ a ↩ b',
      'The Deployment Handbook. Ines Albescu. 2020. ↩',
      'Measuring What Matters: A Field Guide to Evaluation. Anouk Perrault. Harbour Lane Press, 2008. ↩ a ↩ b',
      'Tidal Patterns in Learning-Rate Schedules. Maren Lindqvist and Tobi Oduya. Journal of Imaginary Optimisation, 2019. doi:10.5555/jio.2019.0417. ↩',
      'A Preprint Known by Its arXiv Number. Mei Sato and Jan Kowalski. arXiv, 2023. doi:10.48550/arXiv.2303.04567. arXiv:2303.04567. ↩',
      'A Source Listed by Hand.',
      'Listed Without Being Cited. Deirdre Halloran. 2020.',
    ]);
    const links = (entry: Element) => byTag(entry, 'a').filter((a) => !hasClass(a, 'reference-backlink')).map((a) => attr(a, 'href'));
    expect(links(entries[0]!)).toEqual(['https://doi.org/10.5555/tis.2021.88', 'https://doi.org/10.5555/tis.2021.88']);
    expect(links(entries[1]!)).toEqual(['https://example.org/vale/drift']);
    expect(links(entries[5]!)).toEqual(['https://doi.org/10.48550/arXiv.2303.04567', 'https://doi.org/10.48550/arXiv.2303.04567', 'https://arxiv.org/abs/2303.04567']);
    // No address at all: the title is not a link.
    expect(links(entries[7]!)).toEqual([]);
  });

  it('links both ways: every marker to its entry, every back-link to its marker', () => {
    const essay = prose('numbered');
    const markers = all(essay, (el) => el.tagName === 'a' && hasClass(el, 'citation-ref'));
    expect(markers).toHaveLength(10);
    for (const marker of markers) {
      const entry = byId(essay, attr(marker, 'href')!.slice(1));
      expect(entry, attr(marker, 'href')).toBeDefined();
      const preview = byId(essay, attr(marker, 'aria-describedby')!);
      expect(attr(preview!, 'role')).toBe('tooltip');
      // The preview reads as the entry does, without its back-links.
      expect(text(preview!)).toBe(visibleText(entry!).replace(/ ↩.*$/, ''));
      const backlinks = all(entry!, (el) => hasClass(el, 'reference-backlink')).map((a) => attr(a, 'href'));
      expect(backlinks).toContain(`#${attr(marker, 'id')}`);
    }
  });
});

describe('author-year citations', () => {
  it('read as (Names, year), with locators, prefixes, the author suppressed and in the sentence', () => {
    expect(paragraphs('author-year')).toEqual([
      'Schedules have tides (Lindqvist and Oduya, 2019b), and warm restarts ebb (Lindqvist and Oduya, 2019a, sec. 3).',
      'Perrault (2008) argues for measuring first (see also The Quarry Collective, 2021; Lindqvist and Oduya, 2019b, pp. 101-103).',
      'Perrault says it twice (2008, p. 9).',
      'Lindqvist and Oduya (2019a, ch. 2) is the other one.',
    ]);
  });

  it('list the sources in author order, author and year first, telling apart the same authors’ same year by letter', () => {
    const list = all(prose('author-year'), (el) => hasClass(el, 'reference-list'))[0]!;
    expect(list.tagName).toBe('ul');
    expect(references('author-year').map(visibleText)).toEqual([
      'Maren Lindqvist and Tobi Oduya (2019a). Ebb and Flow: Warm Restarts Revisited. Proceedings of the Workshop on Fictional Methods. arXiv:1907.01234. ↩ a ↩ b',
      'Maren Lindqvist and Tobi Oduya (2019b). Tidal Patterns in Learning-Rate Schedules. Journal of Imaginary Optimisation. doi:10.5555/jio.2019.0417. ↩ a ↩ b',
      'Anouk Perrault (2008). Measuring What Matters: A Field Guide to Evaluation. Harbour Lane Press. ↩ a ↩ b',
      'The Quarry Collective (2021). Notes on Shipping Models. Kept up to date by its authors. ↩',
    ]);
    const backlink = all(prose('author-year'), (el) => hasClass(el, 'reference-backlink'))[0]!;
    expect(attr(backlink, 'aria-label')).toBe('Back to citation a of Lindqvist and Oduya, 2019a');
  });

  it('gives an essay that cites nothing no References, whatever the site’s bibliography holds', () => {
    expect(references('numeric-site')).toEqual([]);
    expect(paragraphs('numeric-site')).toEqual(['Nothing here cites a source, and @someone is just a name.']);
  });
});

describe('citations in a CSL style file', () => {
  it('read as the style writes them, each a link to its first source’s entry, with a preview of every source it cites', () => {
    expect(paragraphs('styled')).toEqual([
      'Latency matters [1, p. 104], and so does measuring [2; 3].',
      'Perrault [2] says it first, then Lindqvist and Oduya [1, chap. 2] again.',
    ]);
    const essay = prose('styled');
    const links = all(essay, (el) => hasClass(el, 'citation-ref'));
    expect(links.map((a) => attr(a, 'href'))).toEqual(['#ref-lindqvist2019tides', '#ref-perrault2008', '#ref-perrault2008', '#ref-lindqvist2019tides']);
    const preview = byId(essay, attr(links[1]!, 'aria-describedby')!)!;
    expect(text(preview)).toBe('2. Perrault, A. Measuring What Matters: A Field Guide to Evaluation. 2008. 3. Ines Albescu. The Deployment Handbook. 2020.');
  });

  it('list the references as the style writes them, its italics kept, with back-links to every citation', () => {
    const list = all(prose('styled'), (el) => hasClass(el, 'reference-list'))[0]!;
    expect(list.tagName).toBe('ul');
    expect(references('styled').map(visibleText)).toEqual([
      '1. Lindqvist, M. and Oduya, T. Tidal Patterns in Learning-Rate Schedules. Journal of Imaginary Optimisation. 2019. ↩ a ↩ b',
      '2. Perrault, A. Measuring What Matters: A Field Guide to Evaluation. 2008. ↩ a ↩ b',
      '3. Ines Albescu. The Deployment Handbook. 2020. ↩',
    ]);
    expect(byTag(references('styled')[0]!, 'i').map(text)).toEqual(['Tidal Patterns in Learning-Rate Schedules']);
    // Every back-link lands on an element of the text, the second source of [2; 3] included.
    for (const backlink of all(prose('styled'), (el) => hasClass(el, 'reference-backlink'))) {
      expect(byId(prose('styled'), attr(backlink, 'href')!.slice(1)), attr(backlink, 'href')).toBeDefined();
    }
  });
});

describe('the built pages', () => {
  it.skipIf(!nuCheckerIsAvailable())('are valid HTML', async () => {
    const files = ['numbered', 'author-year', 'styled'].map((slug) => path.join(site.dist, 'posts', slug, 'index.html'));
    const { errors } = await checkHtml(files);
    expect(errors, formatNuMessages(errors, site.dist)).toEqual([]);
  });

  it('have no dead links', () => {
    const report = checkLinks(site.dist, '/');
    expect(report.dead, formatDeadLinks(report.dead)).toEqual([]);
  });
});

describe('mistakes in citations and bibliographies', () => {
  const essay = (title: string, frontMatter: string, body: string) => `---\ntitle: ${title}\ndate: 2024-01-01\n${frontMatter}---\n\n${body}\n`;
  const bib = '@book{known2020, author = {Known, Kay}, title = {A Known Book}, year = {2020}}\n';
  let failing: FixtureSite;
  let failed: BuildResult;
  let check: BuildResult;
  beforeAll(async () => {
    failing = createFixtureSite('bibliography-errors', {
      'posts/unknown/index.md': essay('Unknown', 'bibliography: refs.bib\n', 'Intro.\n\nAs [see @known2020, p. 3; @knwon2020] shows.'),
      'posts/unknown/refs.bib': bib,
      'posts/narrative.md': essay('Narrative', 'references:\n  - { id: handbook, title: Own, url: "https://example.org/own" }\n', 'As @handbook and @stranger say, and @hnadbook.'),
      'posts/missing.md': essay('Missing', 'bibliography: nowhere.bib\n', 'Text [@x].'),
      'posts/broken/index.md': essay('Broken', 'bibliography: [broken.bib]\n', 'Text.'),
      'posts/broken/broken.bib': '@article{oops, title = {Unclosed\n',
      'posts/late.md': essay('Late', '', 'Cites the site [@late2024].'),
      'posts/noted/index.md': essay('Noted', 'csl: footnotes.csl\nreferences:\n  - { id: own, title: Own, url: "https://example.org/own" }\n', 'Text [@own].'),
      'posts/noted/footnotes.csl': readFileSync(path.join(FIXTURE, 'posts', 'styled', 'bracketed-numbers.csl'), 'utf8').replace('class="in-text"', 'class="note"'),
    });
    [failed, check] = await Promise.all([runScript(failing.root, 'build.ts'), runScript(failing.root, 'check.ts', ['--content-only'])]);
  });
  afterAll(() => failing?.remove());

  const UNKNOWN = 'content/posts/unknown/index.md:9:4  [see @known2020, p. 3; @knwon2020] cites "knwon2020", which is not one of this essay’s references (did you mean "known2020"?); it reads its references from content/posts/unknown/refs.bib';
  const NARRATIVE = 'content/posts/narrative.md:8:37  @hnadbook cites "hnadbook", which is not one of this essay’s references (did you mean "handbook"?); an @ that is not a citation is written \\@';
  const MISSING = 'content/posts/missing.md:4:1  bibliography: "nowhere.bib" (content/posts/nowhere.bib) does not exist';
  const BROKEN = 'content/posts/broken/index.md:4:1  bibliography: "broken.bib" (content/posts/broken/broken.bib) is not a bibliography Quire can read: expected "text", got EOF at line 2 col 1';
  const NOTE_STYLE = 'content/posts/noted/index.md:4:1  csl: "footnotes.csl" (content/posts/noted/footnotes.csl) is a note style (its citations are footnotes): use an in-text style, numeric or author-date';
  const LATE = 'content/posts/late.md:6:16  [@late2024] cites "late2024", which is not one of this essay’s references (it has no `references:` or `bibliography:` in its front matter)';

  it('stop the build with a located error each, and no stack trace', () => {
    expect(failed.code).toBe(1);
    for (const message of [UNKNOWN, NARRATIVE, MISSING, BROKEN, NOTE_STYLE, LATE]) expect(failed.output).toContain(message);
    expect(failed.output).not.toMatch(/^\s+at /m);
  });

  it('are errors in npm run check too', () => {
    expect(check.code).toBe(1);
    for (const message of [UNKNOWN, NARRATIVE, MISSING, BROKEN, NOTE_STYLE, LATE]) expect(check.output).toContain(message);
  });

  it('are mended by adding the site-wide bibliography the essay cites from, which the render cache notices', async () => {
    writeFileSync(path.join(failing.root, 'content', 'references.bib'), '@misc{late2024, author = {Later, Lou}, title = {Arrived Late}, year = {2024}}\n');
    const again = await runScript(failing.root, 'check.ts', ['--content-only']);
    expect(again.output).not.toContain('content/posts/late.md');
    // The other essays are told of the site's bibliography too.
    expect(again.output).toContain('(did you mean "known2020"?); it reads its references from content/posts/unknown/refs.bib and content/references.bib');
    expect(again.code).toBe(1);
  });
});

describe('npm run dev', () => {
  it('renders again the essays made from a bibliography file when it is edited', async () => {
    const server = await startDevServer(site.root);
    const bibliography = path.join(site.root, 'content', 'references.bib');
    const original = readFileSync(bibliography, 'utf8');
    try {
      const essay = () => fetch(`${server.url}/posts/author-year/`).then((response) => response.text());
      expect(await essay()).toContain('Measuring What Matters');
      writeFileSync(bibliography, original.replace('Measuring What Matters', 'Measuring What Really Matters'));
      await expect.poll(essay, { timeout: 30_000, interval: 500 }).toContain('Measuring What Really Matters');
    } finally {
      writeFileSync(bibliography, original);
      await server.stop();
    }
  });
});
