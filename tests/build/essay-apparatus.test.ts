import { cpSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureSite, runScript, type BuildResult, type FixtureSite } from '../support/fixture-site.ts';
import { repoRoot } from '../support/paths.ts';
import { all, attr, byTag, closest, hasClass, readHtml, textOf, type Element } from '../../scripts/audit/html.ts';
import { checkHtml, formatNuMessages, nuCheckerIsAvailable } from '../../scripts/audit/vnu.ts';
import { isPreview, shownText } from '../support/shown-text.ts';

/**
 * References, citations and footnotes/sidenotes on a real build: the essay-apparatus fixture
 * (tests/fixtures/essay-apparatus/, one `.md` and one `.mdx` essay using every feature), read
 * back from the built HTML; and essays whose references or citations are wrong.
 */
const ids = (root: Element) => all(root, (el) => attr(el, 'id') !== undefined).map((el) => attr(el, 'id')!);
const byId = (root: Element, id: string) => all(root, (el) => attr(el, 'id') === id)[0];
const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('an essay with references, citations and footnotes', () => {
  let site: FixtureSite;
  let build: BuildResult;
  let page: Element;
  let prose: Element;
  let references: Element;

  beforeAll(async () => {
    site = createFixtureSite('apparatus');
    cpSync(path.join(repoRoot, 'tests/fixtures/essay-apparatus'), path.join(site.root, 'content'), { recursive: true });
    build = await site.build();
    if (build.code !== 0) throw new Error(`build failed:\n${build.output}`);
    page = readHtml(path.join(site.dist, 'posts', 'apparatus', 'index.html'));
    prose = all(page, (el) => hasClass(el, 'prose'))[0]!;
    references = all(prose, (el) => el.tagName === 'section' && hasClass(el, 'references'))[0]!;
  });
  afterAll(() => site?.remove());

  const markers = () => all(prose, (el) => hasClass(el, 'citation-ref'));
  const entries = () => all(references, (el) => el.tagName === 'li');

  it('numbers citations in the order the text first cites them, one link per source', () => {
    expect(markers().map((a) => textOf(a))).toEqual(['1', '2', '3', '2', '1', '3']);
    expect(markers().map((a) => attr(a, 'href'))).toEqual([
      '#ref-knuth-1984',
      '#ref-tufte',
      '#ref-bringhurst',
      '#ref-tufte',
      '#ref-knuth-1984',
      '#ref-bringhurst',
    ]);
    const visible = all(prose, (el) => hasClass(el, 'citation') && !closest(el, isPreview)).map(shownText);
    expect(visible).toEqual(['[1]', '[2, 3]', '[2]', '[1]', '[3]']);
  });

  it('counts a link to a reference’s URL as a citation, keeping the author’s link and words', () => {
    const link = byTag(prose, 'a').find((a) => attr(a, 'href') === 'https://example.org/beautiful-evidence')!;
    expect(textOf(link)).toBe('Tufte’s book');
    const next = link.parentNode!.childNodes[link.parentNode!.childNodes.indexOf(link) + 1] as Element;
    expect(hasClass(next, 'citation')).toBe(true);
    expect(attr(byTag(next, 'a')[0]!, 'href')).toBe('#ref-tufte');
  });

  it('leaves [@…] in code alone', () => {
    expect(byTag(prose, 'code').map(textOf)).toContain('[@not-a-citation]');
  });

  it('describes every marker by a preview of its full reference', () => {
    for (const marker of markers()) {
      const preview = byId(page, attr(marker, 'aria-describedby')!)!;
      expect(preview, attr(marker, 'id')).toBeDefined();
      expect(attr(preview, 'role')).toBe('tooltip');
      expect(closest(preview, (el) => hasClass(el, 'citation-item'))).toBe(closest(marker, (el) => hasClass(el, 'citation-item')));
    }
    const first = byId(page, attr(markers()[0]!, 'aria-describedby')!)!;
    expect(textOf(first)).toBe(
      'Literate Programming. Donald E. Knuth. The Computer Journal, 1984. Accessed 1 February 2024. Reprinted in his book of the same name.',
    );
  });

  it('generates a numbered References section at the end, listed in the table of contents', () => {
    expect(references).toBeDefined();
    const heading = byTag(references, 'h2')[0]!;
    expect(textOf(heading)).toBe('References');
    expect(attr(heading, 'id')).toBe('references');
    expect(byTag(references, 'ol')).toHaveLength(1);
    expect(entries().map((li) => attr(li, 'id'))).toEqual(['ref-knuth-1984', 'ref-tufte', 'ref-bringhurst', 'ref-listed-only']);
    // Nothing of the essay's own follows it.
    expect(prose.childNodes.filter((n) => 'tagName' in n).at(-1)).toBe(references);
    const toc = all(page, (el) => el.tagName === 'nav' && hasClass(el, 'toc'))[0]!;
    expect(byTag(toc, 'a').map((a) => attr(a, 'href'))).toEqual(['#sources', '#notes', '#references']);
  });

  it('writes each entry title first, linked, then authors, publisher and year', () => {
    const texts = entries().map((li) => collapse(textOf(li)));
    expect(texts).toEqual([
      'Literate Programming. Donald E. Knuth. The Computer Journal, 1984. Accessed 1 February 2024. Reprinted in his book of the same name. ↩ a ↩ b',
      'Beautiful Evidence. Edward Tufte. Graphics Press, 2006. ↩ a ↩ b',
      'The Elements of Typographic Style. Robert Bringhurst. 1992. ↩ a ↩ b',
      'A Source Listed but Never Cited.',
    ]);
    const titles = entries().map((li) => byTag(byTag(li, 'cite')[0]!, 'a')[0]!);
    expect(titles.map((a) => attr(a, 'href'))).toEqual([
      'https://example.org/literate-programming',
      'https://example.org/beautiful-evidence',
      'https://example.org/elements',
      'https://example.org/listed-only',
    ]);
  });

  it('links back from each entry to every place that cites it, and those places link to it', () => {
    const pageIds = new Set(ids(page));
    for (const entry of entries()) {
      const backlinks = all(entry, (el) => hasClass(el, 'reference-backlink'));
      for (const backlink of backlinks) {
        const target = attr(backlink, 'href')!.slice(1);
        expect(pageIds.has(target), target).toBe(true);
        expect(attr(byId(page, target)!, 'href')).toBe(`#${attr(entry, 'id')}`);
        expect(attr(backlink, 'aria-label')).toMatch(/^Back to citation [ab] of reference \d$/);
      }
    }
    const knuth = all(entries()[0]!, (el) => hasClass(el, 'reference-backlink'));
    expect(knuth.map((a) => attr(a, 'href'))).toEqual(['#cite-knuth-1984-1', '#cite-knuth-1984-2']);
    expect(knuth.map(textOf)).toEqual(['↩ a', '↩ b']);
  });

  it('keeps footnotes as one numbered list with back-links, each note anchored for the margin', () => {
    const [section] = all(prose, (el) => el.tagName === 'section' && attr(el, 'data-footnotes') !== undefined);
    expect(section).toBeDefined();
    expect(hasClass(section!, 'sidenotes')).toBe(true);
    const notes = byTag(byTag(section!, 'ol')[0]!, 'li');
    expect(notes.map((li) => collapse(shownText(li)))).toEqual([
      'Sidenotes sit beside the line that calls them [3]. ↩ ↩2',
      'A second note, close to the first. ↩',
    ]);
    const refs = all(prose, (el) => attr(el, 'data-footnote-ref') !== undefined);
    expect(refs.map(textOf)).toEqual(['1', '2', '1']);
    expect(refs.map((a) => attr(a, 'href'))).toEqual([`#${attr(notes[0]!, 'id')}`, `#${attr(notes[1]!, 'id')}`, `#${attr(notes[0]!, 'id')}`]);
    // Each note's anchor name is its first reference's.
    expect(attr(refs[0]!, 'style')).toBe('--sidenote-ref: --sidenote-ref-1');
    expect(attr(refs[1]!, 'style')).toBe('--sidenote-ref: --sidenote-ref-2');
    expect(attr(refs[2]!, 'style')).toBeUndefined();
    expect(attr(notes[1]!, 'style')).toBe('--sidenote-ref: --sidenote-ref-2; --sidenote: --sidenote-2; --sidenote-previous: --sidenote-1');
    for (const backref of all(section!, (el) => attr(el, 'data-footnote-backref') !== undefined)) {
      expect(byId(page, attr(backref, 'href')!.slice(1)), attr(backref, 'href')).toBeDefined();
    }
    // One copy of each note in the page (its reference's preview aside, which repeats it).
    expect(collapse(shownText(page)).split('A second note, close to the first.')).toHaveLength(2);
  });

  it('has unique ids', () => {
    const pageIds = ids(page);
    expect(new Set(pageIds).size).toBe(pageIds.length);
  });

  it('does the same for an MDX essay', () => {
    const mdx = readHtml(path.join(site.dist, 'posts', 'apparatus-mdx', 'index.html'));
    const [marker] = all(mdx, (el) => hasClass(el, 'citation-ref'));
    expect(attr(marker!, 'href')).toBe('#ref-mdx-source');
    expect(textOf(byId(mdx, 'ref-mdx-source')!)).toContain('Markdown for the Component Era');
    expect(all(mdx, (el) => hasClass(el, 'sidenotes'))).toHaveLength(1);
    expect(textOf(mdx)).toContain('with 1 note.');
  });

  it.skipIf(!nuCheckerIsAvailable())('is valid HTML (W3C Nu Html Checker)', async () => {
    const files = ['apparatus', 'apparatus-mdx'].map((slug) => path.join(site.dist, 'posts', slug, 'index.html'));
    const { errors } = await checkHtml(files);
    expect(errors, formatNuMessages(errors, site.dist)).toEqual([]);
  });
});

describe('citing a source the essay does not list', () => {
  let site: FixtureSite;
  let build: BuildResult;
  let npmBuild: BuildResult;

  beforeAll(async () => {
    site = createFixtureSite('unknown-citation', {
      'posts/fine.md': '---\ntitle: Fine\ndate: 2024-01-01\n---\n\nNothing cited.\n',
      'posts/cites-unknown.md': [
        '---',
        'title: Cites something unlisted',
        'date: 2024-01-02',
        'references:',
        '  - id: known',
        '    title: Known',
        '    url: https://example.org/known',
        '---',
        '',
        'This is fine [@known].',
        '',
        '- A list item',
        '  that cites [@missing] on its second line.',
        '',
      ].join('\n'),
    });
    build = await site.build();
    npmBuild = await runScript(site.root, 'build.ts');
  });
  afterAll(() => site?.remove());

  it('fails the build with the file, line and column, and what the essay does list', () => {
    expect(build.code).not.toBe(0);
    const message = 'content/posts/cites-unknown.md:13:14  [@missing] cites "missing", which is not one of this essay’s references (its references are known)';
    expect(build.output).toContain(message);
    expect(npmBuild.code).not.toBe(0);
    expect(npmBuild.output).toContain(message);
    expect(npmBuild.output).not.toContain('fine.md');
  });
});

describe('references that are not valid', () => {
  let site: FixtureSite;
  let build: BuildResult;

  beforeAll(async () => {
    const essay = (title: string, references: string[]) =>
      ['---', `title: ${title}`, 'date: 2024-01-03', 'references:', ...references, '---', '', 'Text.', ''].join('\n');
    site = createFixtureSite('bad-references', {
      'posts/duplicate-ids.md': essay('Duplicate ids', [
        '  - id: twice',
        '    title: First',
        '    url: https://example.org/1',
        '  - id: twice',
        '    title: Second',
        '    url: https://example.org/2',
      ]),
      'posts/bad-entries.md': essay('Bad entries', [
        '  - id: no-title',
        '    url: https://example.org/3',
        '  - id: bad-url',
        '    title: Bad URL',
        '    url: example.org/4',
      ]),
    });
    build = await site.build();
  });
  afterAll(() => site?.remove());

  it('stop the build, each with the file and what is wrong', () => {
    expect(build.code).not.toBe(0);
    expect(build.output).toMatch(
      /content\/posts\/duplicate-ids\.md:\d+:\d+ {2}references\.1\.id: "twice" is already the id of references\.0 \(ids must be unique\)/,
    );
    expect(build.output).toMatch(/content\/posts\/bad-entries\.md:\d+:\d+ {2}references\.0\.title: is required \(the source’s title\)/);
    expect(build.output).toMatch(
      /content\/posts\/bad-entries\.md:\d+:\d+ {2}references\.1\.url: "example\.org\/4" is not a web address \(expected https:\/\/…\)/,
    );
  });
});
