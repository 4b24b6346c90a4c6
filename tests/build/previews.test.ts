import { cpSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseFragment } from 'parse5';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all, attr, byTag, closest, hasClass, readHtml, textOf, type Element, type Node } from '../../scripts/audit/html.ts';
import { checkLinks, formatDeadLinks } from '../../scripts/audit/link-checker.ts';
import { checkHtml, formatNuMessages, nuCheckerIsAvailable } from '../../scripts/audit/vnu.ts';
import { createFixtureSite, type BuildResult, type FixtureSite } from '../support/fixture-site.ts';
import { repoRoot } from '../support/paths.ts';
import { isPreview, shownText } from '../support/shown-text.ts';

/**
 * tests/fixtures/previews: an essay whose footnotes (one called twice, one of two paragraphs
 * with math and a link), cross-references of the four kinds and links to two other essays (one
 * written with the base path and a #fragment) are described by previews; the same in MDX; and
 * the two essays linked to. Built under /blog/, read back from dist/ with an HTML parser.
 */
const FIXTURE = path.join(repoRoot, 'tests', 'fixtures', 'previews');
const BASE_PATH = '/blog/';
const ESSAYS = ['previews', 'previews-mdx', 'margins', 'marginalia-history'];

let site: FixtureSite;
let build: BuildResult;
beforeAll(async () => {
  site = createFixtureSite('previews');
  cpSync(FIXTURE, path.join(site.root, 'content'), { recursive: true });
  build = await site.build({ BASE_PATH });
  if (build.code !== 0) throw new Error(build.output);
});
afterAll(() => site?.remove());

const pageFile = (slug: string) => path.join(site.dist, 'posts', slug, 'index.html');
const page = (slug: string) => readHtml(pageFile(slug));
const prose = (root: Element) => all(root, (el) => hasClass(el, 'prose'))[0]!;
const byId = (root: Element, id: string) => all(root, (el) => attr(el, 'id') === id)[0];
const collapse = (text: string) => text.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();
/** A preview's words as a screen reader gets them: without KaTeX's visual copy of a formula. */
const spoken = (node: Node): string =>
  'tagName' in node ? (hasClass(node, 'katex-html') ? '' : (node.childNodes as Node[]).map(spoken).join('')) : textOf(node);
/** The preview describing a link (its `aria-describedby`), which must be the link's next sibling. */
const previewOf = (root: Element, link: Element): Element => {
  const preview = byId(root, attr(link, 'aria-describedby') ?? '')!;
  expect(preview, attr(link, 'href')).toBeDefined();
  const siblings = link.parentNode!.childNodes.filter((node): node is Element => 'tagName' in node);
  expect(siblings[siblings.indexOf(link) + 1]).toBe(preview);
  return preview;
};
const footnoteRefs = (root: Element) => all(root, (el) => el.tagName === 'a' && attr(el, 'data-footnote-ref') !== undefined);
const crossReferences = (root: Element) => all(root, (el) => el.tagName === 'a' && hasClass(el, 'cross-reference'));
const essayLinks = (root: Element) => all(root, (el) => el.tagName === 'a' && /\/posts\/[^/]+\//.test(attr(el, 'href') ?? ''));

describe('previews of footnotes, cross-references and other essays', () => {
  it('builds without an error', () => {
    expect(build.output).not.toMatch(/\berror\b/i);
  });

  it('describe each footnote reference by its note, back-links left out, the <sup> holding both', () => {
    const essay = page('previews');
    const refs = footnoteRefs(prose(essay));
    expect(refs.map((a) => [textOf(a), attr(a, 'href')])).toEqual([
      ['1', '#user-content-fn-choice'],
      ['1', '#user-content-fn-choice'],
      ['2', '#user-content-fn-long'],
      ['3', '#user-content-fn-short'],
    ]);
    for (const ref of refs) {
      const preview = previewOf(essay, ref);
      expect(ref.parentNode).toMatchObject({ tagName: 'sup' });
      expect(hasClass(ref.parentNode as Element, 'preview-item')).toBe(true);
      expect(hasClass(preview, 'footnote-preview')).toBe(true);
      // The note, as the list at the end has it, without its ↩ links.
      const note = byId(essay, attr(ref, 'href')!.slice(1))!;
      expect(collapse(spoken(preview))).toBe(collapse(spoken(note)).replace(/\s*↩.*$/, ''));
    }
    const previews = refs.map((ref) => previewOf(essay, ref));
    expect(collapse(textOf(previews[0]!))).toBe('Which is why some books print their notes at the foot of the page, and others beside the text.');
    // Called twice: two previews, each with its own id.
    expect(attr(previews[0]!, 'id')).not.toBe(attr(previews[1]!, 'id'));
  });

  it('give a note of two paragraphs as two blocks of phrasing content, its math as MathML and its link as text', () => {
    const essay = page('previews');
    const preview = previewOf(essay, footnoteRefs(prose(essay))[2]!);
    expect(byTag(preview, 'p')).toEqual([]);
    expect(byTag(preview, 'a')).toEqual([]);
    const blocks = preview.childNodes.filter((node): node is Element => 'tagName' in node);
    expect(blocks.map((block) => attr(block, 'class'))).toEqual(['preview-block', 'preview-block']);
    expect(blocks.map((block) => collapse(spoken(block)))).toEqual([
      'A note may run to more than one paragraph, with math such as s<1s < 1 and a link in it.',
      'Its second paragraph follows, indented, as Markdown wants it.',
    ]);
    const [math] = byTag(preview, 'math');
    expect(textOf(byTag(math!, 'annotation')[0]!)).toBe('s < 1');
  });

  it('describe each cross-reference by what it refers to: a caption, a heading, a formula', () => {
    const essay = page('previews');
    const previews: Record<string, Element> = Object.fromEntries(crossReferences(prose(essay)).map((link) => [attr(link, 'href'), previewOf(essay, link)]));
    expect(Object.keys(previews).sort()).toEqual(['#eq-measure', '#fig-margin', '#sec-method', '#tbl-widths']);
    expect(collapse(textOf(previews['#fig-margin']!))).toBe('Figure 1: A page with a wide margin, its notes set beside the text');
    expect(byTag(previews['#fig-margin']!, 'img')).toEqual([]);
    expect(collapse(textOf(previews['#tbl-widths']!))).toBe('Table 1: The widths of the two columns');
    expect(collapse(textOf(previews['#sec-method']!))).toBe('1 Method');
    // The formula: KaTeX's HTML for the eye (aria-hidden), its MathML for screen readers.
    const equation = previews['#eq-measure']!;
    expect(byTag(equation, 'math')).toHaveLength(1);
    expect(textOf(byTag(equation, 'annotation')[0]!)).toBe(String.raw`s = \frac{w_\text{text}}{w_\text{page}}`);
    expect(all(equation, (el) => hasClass(el, 'katex-html')).map((el) => attr(el, 'aria-hidden'))).toEqual(['true']);
    for (const preview of Object.values(previews)) expect(hasClass(preview, 'cross-reference-preview')).toBe(true);
  });

  it('describe each link to another essay by its title and description, with the base path or without, with a #fragment or without', () => {
    const essay = page('previews');
    const links = essayLinks(prose(essay));
    expect(links.map((a) => attr(a, 'href'))).toEqual(['/blog/posts/margins/', '/blog/posts/marginalia-history/#early-printing']);
    const shown = links.map((link) => {
      const preview = previewOf(essay, link);
      expect(hasClass(preview, 'essay-preview')).toBe(true);
      return [textOf(all(preview, (el) => hasClass(el, 'preview-title'))[0]!), textOf(all(preview, (el) => hasClass(el, 'preview-description'))[0]!)];
    });
    // What the linked essays' own pages say of themselves.
    const said = (slug: string) => {
      const other = page(slug);
      return [textOf(byTag(other, 'h1')[0]!), textOf(all(other, (el) => hasClass(el, 'standfirst'))[0]!)];
    };
    expect(shown).toEqual([said('margins'), said('marginalia-history')]);
    // Links elsewhere on the page (the essays either side, the table of contents) get none.
    const outside = byTag(essay, 'a').filter((a) => !closest(a, (el) => hasClass(el, 'prose')) && attr(a, 'aria-describedby') !== undefined);
    expect(outside).toEqual([]);
  });

  it('are the same in an MDX essay', () => {
    const mdx = page('previews-mdx');
    const [ref] = footnoteRefs(prose(mdx));
    expect(collapse(textOf(previewOf(mdx, ref!)))).toBe('A note in an MDX essay.');
    const [reference] = crossReferences(prose(mdx));
    expect(collapse(textOf(previewOf(mdx, reference!)))).toBe('1 A part of it');
    const [link] = essayLinks(prose(mdx));
    expect(collapse(textOf(previewOf(mdx, link!)))).toBe('Why margins matter White space beside a column of text is where a book keeps its asides.');
  });

  it('are tooltips of one link each, left out of the search index, with nothing focusable and no id inside', () => {
    for (const slug of ['previews', 'previews-mdx']) {
      const root = page(slug);
      const previews = all(prose(root), isPreview);
      const described = all(root, (el) => attr(el, 'aria-describedby') !== undefined).flatMap((el) => attr(el, 'aria-describedby')!.split(/\s+/));
      for (const preview of previews) {
        expect(described.filter((id) => id === attr(preview, 'id')), attr(preview, 'id')).toHaveLength(1);
        expect(attr(preview, 'data-pagefind-ignore'), attr(preview, 'id')).toBe('');
        expect(preview.tagName).toBe('span');
        expect(all(preview, (el) => ['a', 'button', 'input', 'img', 'p', 'div'].includes(el.tagName) || attr(el, 'tabindex') !== undefined || attr(el, 'id') !== undefined)).toEqual([]);
      }
      expect(previews.length).toBeGreaterThanOrEqual(3);
    }
  });

  it('keep every id on each page unique', () => {
    for (const slug of ESSAYS) {
      const ids = all(page(slug), (el) => attr(el, 'id') !== undefined).map((el) => attr(el, 'id')!);
      expect(ids.filter((id, i) => ids.indexOf(id) !== i), slug).toEqual([]);
    }
  });

  it('leave each note once in the page’s own text, in the list at the end', () => {
    const essay = page('previews');
    const text = collapse(shownText(essay));
    for (const note of ['others beside the text.', 'Its second paragraph follows', 'the width of the letter M']) {
      expect(text.split(note), note).toHaveLength(2);
    }
  });

  it('are left out of the search index, which reads each note once and no other essay’s description', () => {
    // Pagefind keeps each page's indexed text in a gzipped fragment: a signature, then JSON.
    const dir = path.join(site.dist, 'pagefind', 'fragment');
    const fragments = readdirSync(dir).map((file) => {
      const data = gunzipSync(readFileSync(path.join(dir, file))).toString('utf8');
      return JSON.parse(data.slice(data.indexOf('{'))) as { url: string; content: string };
    });
    const { content } = fragments.find((fragment) => fragment.url.endsWith('/posts/previews/'))!;
    expect(content.split('others beside the text').length - 1).toBe(1);
    expect(content.split('The widths of the two columns').length - 1).toBe(1);
    expect(content).not.toContain('Readers have written beside the text');
  });

  it.skipIf(!nuCheckerIsAvailable())('are valid HTML (W3C Nu Html Checker)', async () => {
    const { errors } = await checkHtml(ESSAYS.map(pageFile));
    expect(errors, formatNuMessages(errors, site.dist)).toEqual([]);
  });

  it('leave no dead link', () => {
    const report = checkLinks(site.dist, BASE_PATH);
    expect(report.dead, formatDeadLinks(report.dead)).toEqual([]);
  });

  it('are left out of the feeds, whose readers have no CSS to hide them; the links stay', () => {
    for (const file of ['rss.xml', 'atom.xml', 'feed.json']) {
      const feed = readFileSync(path.join(site.dist, file), 'utf8');
      expect(feed, file).not.toMatch(/tooltip|(footnote|cross-reference|citation)-preview|aria-describedby/);
    }
    const items = (JSON.parse(readFileSync(path.join(site.dist, 'feed.json'), 'utf8')) as { items: { title: string; content_html: string }[] }).items;
    const html = parseFragment(items.find((item) => item.title === 'Reading sideways')!.content_html) as unknown as Element;
    const text = collapse(textOf(html));
    expect(text).toContain('lose the note.1 A preview removes the choice. So it is for Figure 1, for Table 1,');
    expect(text.split('others beside the text.')).toHaveLength(2);
    expect(footnoteRefs(html)).toHaveLength(4);
    expect(crossReferences(html).map((a) => attr(a, 'href'))).toEqual(expect.arrayContaining(['https://quire.example.com/blog/posts/previews/#fig-margin']));
  });
});

describe('a rebuild after a linked essay’s title and description change', () => {
  it('shows the new ones in the previews of the essay linking to it, not the page cached before', async () => {
    // Not a neighbour of the essay linking to it, nor related: only the preview shows its title.
    const file = path.join(site.root, 'content', 'posts', 'marginalia-history.md');
    const source = readFileSync(file, 'utf8');
    site.write(
      'content/posts/marginalia-history.md',
      source.replace('title: A short history of marginalia', 'title: Marginalia, a history').replace(/^description: .*$/m, 'description: Notes in the margin, from scribes to printers.'),
    );
    const rebuilt = await site.build({ BASE_PATH });
    expect(rebuilt.code, rebuilt.output).toBe(0);
    const essay = page('previews');
    const link = essayLinks(prose(essay)).find((a) => attr(a, 'href')!.includes('marginalia-history'))!;
    expect(collapse(textOf(previewOf(essay, link)))).toBe('Marginalia, a history Notes in the margin, from scribes to printers.');
  });
});
