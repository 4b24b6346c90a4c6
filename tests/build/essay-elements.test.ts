import { cpSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureSite, type BuildResult, type FixtureSite } from '../support/fixture-site.ts';
import { all, attr, byTag, closest, hasClass, readHtml, textOf, type Element } from '../../scripts/audit/html.ts';
import { repoRoot } from '../support/paths.ts';
import { checkHtml, formatNuMessages, nuCheckerIsAvailable } from '../../scripts/audit/vnu.ts';

/**
 * The essay elements of a real build: math, figures, callouts, MDX components and code blocks,
 * written in tests/fixtures/essay-elements/ as an author would (one `.md`, one `.mdx`, one post
 * without math), read back from dist/ with an HTML parser.
 */
let site: FixtureSite;
let build: BuildResult;
const page = (slug: string) => readHtml(path.join(site.dist, 'posts', slug, 'index.html'));
const prose = (slug: string) => all(page(slug), (el) => hasClass(el, 'prose'))[0]!;
const byClass = (root: Element, className: string) => all(root, (el) => hasClass(el, className));
const distFile = (url: string) => path.join(site.dist, decodeURI(url.split(/[?#]/)[0]!));
const stylesheets = (slug: string) =>
  all(page(slug), (el) => el.tagName === 'link' && attr(el, 'rel') === 'stylesheet').map((link) => attr(link, 'href')!);
const katexStylesheet = (slug: string) => stylesheets(slug).find((href) => /\/katex[^/]*\.css$/.test(href));

beforeAll(async () => {
  site = createFixtureSite('essay-elements');
  cpSync(path.join(repoRoot, 'tests/fixtures/essay-elements'), path.join(site.root, 'content'), { recursive: true });
  build = await site.build();
});
afterAll(() => site?.remove());

describe('a site of essays using every essay element', () => {
  it('builds', () => {
    expect(build.output).not.toMatch(/\berror\b/i);
    expect(build.code).toBe(0);
  });
});

describe.skipIf(!nuCheckerIsAvailable())('valid HTML', () => {
  it('on every essay page, as the W3C Nu Html Checker reads it', async () => {
    const files = ['essay-elements', 'essay-components', 'no-math'].map((slug) => path.join(site.dist, 'posts', slug, 'index.html'));
    const { errors } = await checkHtml(files);
    expect(errors, formatNuMessages(errors, site.dist)).toEqual([]);
  });
});

describe('math', () => {
  it('is typeset at build time, with MathML for screen readers and the visual HTML hidden from them', () => {
    const md = prose('essay-elements');
    const inline = byClass(md, 'katex').filter((el) => !closest(el, (a) => hasClass(a, 'katex-display')));
    expect(inline).toHaveLength(1);
    expect(textOf(byTag(inline[0]!, 'annotation')[0]!)).toBe('e^{i\\pi} + 1 = 0');
    expect(byTag(byClass(inline[0]!, 'katex-mathml')[0]!, 'math')).toHaveLength(1);
    expect(attr(byClass(inline[0]!, 'katex-html')[0]!, 'aria-hidden')).toBe('true');

    const displays = byClass(md, 'katex-display');
    expect(displays).toHaveLength(2);
    expect(attr(byTag(displays[0]!, 'math')[0]!, 'display')).toBe('block');
    expect(textOf(byTag(displays[0]!, 'annotation')[0]!)).toBe('\\int_0^1 x\\,dx = \\frac{1}{2}');
    // A wide equation scrolls in its own box, which the keyboard can reach.
    for (const display of displays) expect([attr(display, 'tabindex'), attr(display, 'role'), attr(display, 'aria-label')]).toEqual(['0', 'group', 'Equation']);
  });

  it('works in MDX, where braces would otherwise be JavaScript', () => {
    const mdx = prose('essay-components');
    const annotations = byTag(mdx, 'annotation').map(textOf);
    expect(annotations).toEqual(['a^2 + b^2 = c^2', '\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}']);
  });

  it('in a heading, is MathML alone, so the table of contents lists the heading’s text once', () => {
    const toc = all(page('essay-components'), (el) => hasClass(el, 'toc'))[0]!;
    const entry = byTag(toc, 'a').find((a) => attr(a, 'href') === '#the-on-bound')!;
    expect(textOf(entry)).toBe('The O(n) bound');
    const heading = all(prose('essay-components'), (el) => attr(el, 'id') === 'the-on-bound')[0]!;
    expect(byTag(heading, 'math')).toHaveLength(1);
    expect(byClass(heading, 'katex')).toHaveLength(0);
  });

  it('leaves dollar amounts alone', () => {
    expect(byClass(prose('no-math'), 'katex')).toHaveLength(0);
    expect(textOf(prose('no-math'))).toContain('Prices are $5 and $10, which is not math.');
  });

  it('links KaTeX’s stylesheet, self-hosted with its fonts, only on pages with math', () => {
    const href = katexStylesheet('essay-elements');
    expect(href).toBeDefined();
    expect(href).toMatch(/^\/_astro\//);
    expect(katexStylesheet('essay-components')).toBe(href);
    expect(katexStylesheet('no-math')).toBeUndefined();
    expect(all(page('no-math'), (el) => el.tagName === 'link' && /katex/i.test(attr(el, 'href') ?? ''))).toHaveLength(0);

    const css = readFileSync(distFile(href!), 'utf8');
    // Vite inlines the smallest fonts as data: URLs; every other one must be a file of ours.
    const fonts = [...css.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/g)].map((m) => m[1]!).filter((url) => !url.startsWith('data:'));
    expect(fonts.filter((font) => font.endsWith('.woff2')).length).toBeGreaterThan(10);
    for (const font of fonts) {
      expect(font, 'a font on another host').not.toMatch(/^(https?:)?\/\//);
      const file = font.startsWith('/') ? distFile(font) : path.resolve(path.dirname(distFile(href!)), font);
      expect(existsSync(file), font).toBe(true);
    }
  });
});

describe('figures', () => {
  const imageAttributes = (img: Element) => ({
    width: attr(img, 'width'),
    height: attr(img, 'height'),
    loading: attr(img, 'loading'),
    decoding: attr(img, 'decoding'),
  });

  it('turn a titled Markdown image into a figure whose caption is the title', () => {
    const [figure, ...others] = byClass(prose('essay-elements'), 'figure');
    expect(others).toHaveLength(0);
    expect(figure!.tagName).toBe('figure');
    const [img] = byTag(figure!, 'img');
    expect(attr(img!, 'alt')).toBe('A bar chart of sales rising each year');
    expect(attr(img!, 'title')).toBeUndefined();
    expect(textOf(byTag(figure!, 'figcaption')[0]!)).toBe('Sales by year, 2019 to 2023');
  });

  it('leave an untitled image as an image', () => {
    const img = byTag(prose('essay-elements'), 'img').find((el) => attr(el, 'alt') === 'The same bar chart, untitled')!;
    expect(closest(img, (el) => el.tagName === 'figure')).toBeUndefined();
  });

  it('send local images through Astro’s image pipeline: sizes, lazy loading, width and height', () => {
    const images = [...byTag(prose('essay-elements'), 'img'), ...byTag(prose('essay-components'), 'img')];
    expect(images).toHaveLength(5);
    for (const img of images) {
      expect(imageAttributes(img)).toEqual({ width: '1600', height: '800', loading: 'lazy', decoding: 'async' });
      expect(attr(img, 'src')).toMatch(/^\/_astro\/chart\.[\w-]+\.webp$/);
      const candidates = attr(img, 'srcset')!.split(',').map((candidate) => candidate.trim().split(/\s+/));
      expect(candidates.map(([, width]) => width)).toContain('640w');
      for (const [url] of candidates) expect(existsSync(distFile(url!)), url).toBe(true);
      expect(attr(img, 'sizes')).toBeTruthy();
    }
  });

  it('are what <Figure> renders too, with a text or a rich caption and an optional id', () => {
    const figures = byClass(prose('essay-components'), 'figure');
    expect(figures.map((figure) => [attr(figure, 'id'), textOf(byTag(figure, 'figcaption')[0]!)])).toEqual([
      ['sales-chart', 'Sales by year, as a component'],
      [undefined, 'A caption with emphasis.'],
      [undefined, 'A Markdown figure in MDX'],
    ]);
    expect(byTag(byTag(figures[1]!, 'figcaption')[0]!, 'em').map(textOf)).toEqual(['emphasis']);
  });
});

describe('callouts', () => {
  const callouts = (slug: string) =>
    byClass(prose(slug), 'callout').map((callout) => ({
      kind: attr(callout, 'class'),
      role: attr(callout, 'role'),
      title: textOf(byClass(callout, 'callout-title')[0]!),
      iconHidden: attr(byTag(callout, 'svg')[0]!, 'aria-hidden'),
    }));

  it('render GitHub’s five alert kinds in order, each titled, with a decorative icon', () => {
    expect(callouts('essay-elements')).toEqual(
      ['Note', 'Tip', 'Important', 'Warning', 'Caution'].map((title) => ({
        kind: `callout callout-${title.toLowerCase()}`,
        role: 'note',
        title,
        iconHidden: 'true',
      })),
    );
  });

  it('keep the alert’s body, markup and paragraphs, without the [!KIND] marker', () => {
    const [note] = byClass(prose('essay-elements'), 'callout-note');
    const paragraphs = byTag(note!, 'p').filter((p) => !hasClass(p, 'callout-title'));
    expect(paragraphs.map(textOf)).toEqual(['Useful information, with bold text.', 'And a second paragraph.']);
    expect(byTag(note!, 'strong').map(textOf)).toEqual(['bold']);
    expect(textOf(prose('essay-elements'))).not.toContain('[!');
  });

  it('leave an ordinary blockquote alone', () => {
    expect(byTag(prose('essay-elements'), 'blockquote').map((q) => textOf(q).trim())).toEqual(['A plain quotation stays a blockquote.']);
  });

  it('are what <Aside> renders in MDX, and alerts work there too', () => {
    expect(callouts('essay-components').map(({ kind, title }) => [kind, title])).toEqual([
      ['callout callout-note', 'Note'],
      ['callout callout-warning', 'Mind the gap'],
      ['callout callout-tip', 'Tip'],
    ]);
  });
});

describe('<Comparison>', () => {
  const [comparisonRegion, gfmRegion] = [0, 1].map((i) => () => byClass(prose('essay-components'), 'table-scroll')[i]!);

  it('is a table in the same labelled, focusable scroll region as a Markdown table', () => {
    for (const region of [comparisonRegion(), gfmRegion()]) {
      expect(region.tagName).toBe('div');
      expect(attr(region, 'role')).toBe('region');
      expect(attr(region, 'tabindex')).toBe('0');
      expect(byTag(region, 'table')).toHaveLength(1);
    }
    expect(attr(comparisonRegion(), 'aria-label')).toBe('Data in research and in production');
    expect(attr(gfmRegion(), 'aria-label')).toBe('Table: Research, Production');
    expect(textOf(byTag(comparisonRegion(), 'caption')[0]!)).toBe('Data in research and in production');
  });

  it('has column headers, row headers and an empty corner, as a Markdown comparison table has', () => {
    const shape = (region: Element) =>
      byTag(region, 'tr').map((row) =>
        row.childNodes.filter((n): n is Element => 'tagName' in n).map((cell) => `${cell.tagName}${attr(cell, 'scope') ? `[${attr(cell, 'scope')}]` : ''}`),
      );
    expect(shape(comparisonRegion())).toEqual([
      ['td', 'th[col]', 'th[col]'],
      ['th[row]', 'td', 'td'],
      ['th[row]', 'td', 'td'],
      ['th[row]', 'td', 'td'],
    ]);
    expect(shape(gfmRegion())).toEqual(shape(comparisonRegion()).slice(0, 2));
    expect(all(comparisonRegion(), (el) => attr(el, 'scope') === 'row').map(textOf)).toEqual(['Data', 'Quality', 'Size (GB)']);
    expect(byTag(comparisonRegion(), 'td').map(textOf)).toEqual(['', 'Static', 'Dynamic', 'Clean', 'Messy', '12', '3400']);
  });

  it('aligns a column as GFM’s `--:` would', () => {
    expect(byClass(comparisonRegion(), 'align-right').map(textOf)).toEqual(['Production', 'Dynamic', 'Messy', '3400']);
  });
});

describe('code blocks', () => {
  const frames = (slug: string) => byClass(prose(slug), 'code-block');
  const lineClasses = (frame: Element) =>
    byClass(frame, 'line').map((line) => (attr(line, 'class') ?? '').replace(/^line\s*/, ''));

  it('get a title bar that names the block when the fence has title="…"', () => {
    const [titled, plain] = frames('essay-elements');
    expect(titled!.tagName).toBe('figure');
    const [caption] = byTag(titled!, 'figcaption');
    expect(textOf(caption!)).toBe('site.config.ts');
    expect(hasClass(caption!, 'code-title')).toBe(true);
    expect(plain!.tagName).toBe('div');
    expect(byTag(plain!, 'figcaption')).toHaveLength(0);
  });

  it('highlight the lines listed as {1,3-4}', () => {
    const [titled] = frames('essay-elements');
    expect(lineClasses(titled!)).toEqual(['highlighted', '', 'highlighted', 'highlighted']);
  });

  it('mark lines // [!code --] and // [!code ++] removed and added, without showing the notation', () => {
    const [, diff] = frames('essay-elements');
    expect(lineClasses(diff!)).toEqual(['diff remove', 'diff add', '']);
    expect(byClass(diff!, 'line').map((line) => textOf(line).trimEnd())).toEqual([
      'const answer = 41;',
      'const answer = 42;',
      'export default answer;',
    ]);
  });

  it('work the same in MDX', () => {
    const [block] = frames('essay-components');
    expect(textOf(byTag(block!, 'figcaption')[0]!)).toBe('copy-me.js');
    expect(lineClasses(block!)).toEqual(['', 'highlighted']);
  });

  it('ship no copy button in the HTML: it is added by a script, so a reader without JavaScript sees no dead control', () => {
    for (const slug of ['essay-elements', 'essay-components', 'no-math']) {
      expect(byTag(page(slug), 'button')).toHaveLength(0);
      const scripts = byTag(page(slug), 'script').map((script) => {
        const src = attr(script, 'src');
        return src ? readFileSync(distFile(src), 'utf8') : textOf(script);
      });
      expect(scripts.some((script) => script.includes('code-copy'))).toBe(true);
    }
  });
});

describe('ids', () => {
  it('give every section heading of the fixture its own id, and keep an author’s figure id', () => {
    const ids = (slug: string) => all(prose(slug), (el) => /^h[2-4]$/.test(el.tagName)).map((h) => attr(h, 'id'));
    expect(ids('essay-elements')).toEqual(['math', 'figures', 'callouts', 'code']);
    expect(ids('essay-components')).toEqual(['components', 'markdown-inside-mdx', 'the-on-bound']);
    const allIds = all(page('essay-components'), (el) => attr(el, 'id') !== undefined).map((el) => attr(el, 'id'));
    expect(allIds).toContain('sales-chart');
    expect(new Set(allIds).size).toBe(allIds.length);
  });
});
