import { cpSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureSite, type BuildResult, type FixtureSite } from '../support/fixture-site.ts';
import { all, attr, byTag, hasClass, readHtml, textOf, type Element } from '../../scripts/audit/html.ts';
import { repoRoot } from '../support/paths.ts';
import { checkHtml, formatNuMessages, nuCheckerIsAvailable } from '../../scripts/audit/vnu.ts';

/**
 * Essays written for another engine (Jekyll's kramdown, MathJax), each reproducing in its own
 * words a pattern found in real public blogs, built as they are: nothing may come out broken,
 * and what cannot be fixed is a located warning.
 */
let site: FixtureSite;
let build: BuildResult;
const page = (slug: string) => readHtml(path.join(site.dist, 'posts', slug, 'index.html'));
const prose = (slug: string) => all(page(slug), (el) => hasClass(el, 'prose'))[0]!;

beforeAll(async () => {
  site = createFixtureSite('real-essays');
  cpSync(path.join(repoRoot, 'tests', 'fixtures', 'real-essays'), path.join(site.root, 'content'), { recursive: true });
  site.write('public/assets/results.svg', '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="40" height="30" fill="teal"/></svg>');
  build = await site.build();
});
afterAll(() => site?.remove());

describe('real essays', () => {
  it.skipIf(!nuCheckerIsAvailable())('are valid HTML (W3C Nu checker), MathJax’s SVG and MathML included', async () => {
    const files = all(readHtml(path.join(site.dist, 'archive', 'index.html')), (el) => el.tagName === 'a')
      .map((a) => attr(a, 'href') ?? '')
      .filter((href) => /^\/posts\/[^/]+\/$/.test(href))
      .map((href) => path.join(site.dist, href, 'index.html'));
    expect(files.length).toBeGreaterThan(0);
    const { errors } = await checkHtml([...new Set(files)]);
    expect(errors.length, formatNuMessages(errors, site.dist)).toBe(0);
  });

  it('build, with what cannot be fixed as located warnings', () => {
    expect(build.code, build.output).toBe(0);
    expect(build.output).toContain('content/posts/2016-02-11-mathjax-era.md:26:18  warning: math: cannot typeset Undefined control sequence \\foobar: \\foobar{x}');
  });

  describe('math written for MathJax', () => {
    const typeset = (root: Element) => all(root, (el) => hasClass(el, 'katex') || hasClass(el, 'math-mathjax'));

    it('is typeset where KaTeX refuses what MathJax accepted', () => {
      const essay = prose('mathjax-era');
      const paragraphs = byTag(essay, 'p');
      expect(typeset(paragraphs[0]!)).toHaveLength(3);
      expect(all(essay, (el) => hasClass(el, 'katex-error'))).toEqual([]);
    });

    it('falls back to MathJax at build time, as SVG for the eye and MathML for screen readers', () => {
      const boxed = all(prose('mathjax-era'), (el) => hasClass(el, 'math-mathjax'));
      expect(boxed).toHaveLength(1);
      expect(attr(byTag(boxed[0]!, 'svg')[0]!, 'aria-hidden')).toBe('true');
      expect(byTag(boxed[0]!, 'math')).toHaveLength(1);
      // Typeset at build time: no MathJax for the reader to download (JSON-LD data is not code).
      const code = byTag(page('mathjax-era'), 'script').filter((script) => attr(script, 'type') !== 'application/ld+json');
      expect(code.filter((script) => /mathjax/i.test(`${attr(script, 'src') ?? ''} ${textOf(script)}`))).toEqual([]);
    });

    it('falls back to MathJax in an MDX essay too, which Astro compiles apart', () => {
      const boxed = all(prose('written-in-mdx'), (el) => hasClass(el, 'math-mathjax'));
      expect(boxed).toHaveLength(1);
      expect(byTag(boxed[0]!, 'svg')).toHaveLength(1);
    });

    it('keeps an essay’s own macros for the formulas after them', () => {
      const loss = byTag(prose('mathjax-era'), 'p').find((p) => textOf(p).includes('is the loss'))!;
      expect(typeset(loss)).toHaveLength(1);
      expect(textOf(byTag(loss, 'math')[0]!)).toMatch(/^L\(θ\)/);
    });

    it('shows TeX nobody can typeset as the code it is', () => {
      const unknown = all(prose('mathjax-era'), (el) => hasClass(el, 'math-error'));
      expect(unknown.map((el) => textOf(el))).toEqual(['\\foobar{x}']);
    });
  });

  describe('kramdown habits', () => {
    const essay = () => prose('kramdown-habits');
    const displayed = (root: Element) => all(root, (el) => hasClass(el, 'katex-display'));

    it('reads \\(…\\) and \(…\) as inline math, with no delimiter left as text', () => {
      const first = byTag(essay(), 'p')[0]!;
      expect(all(first, (el) => hasClass(el, 'katex'))).toHaveLength(2);
      expect(textOf(first)).not.toMatch(/\\\(|\\\)/);
    });

    it('displays $$…$$ alone in a paragraph, in a list item, mid-paragraph and closed by $$<br/>', () => {
      expect(displayed(essay()).length).toBe(4);
      const item = byTag(essay(), 'li')[0]!;
      expect(displayed(item)).toHaveLength(1);
      expect(byTag(item, 'em')).toEqual([]);
      expect(textOf(essay())).not.toContain('$$');
    });

    it('keeps Markdown after a lone tag line as Markdown, and <a name> as a link target', () => {
      const heading = all(essay(), (el) => el.tagName === 'h2' && textOf(el) === 'Results');
      expect(heading).toHaveLength(1);
      expect(byTag(essay(), 'img').map((img) => attr(img, 'alt'))).toContain('A plot of the results');
      expect(textOf(essay())).not.toMatch(/## Results|!\[/);
    });

    it('processes markdown="1" blocks and drops the attribute', () => {
      const bold = byTag(essay(), 'strong').find((el) => textOf(el) === 'Bold inside a div');
      expect(bold).toBeDefined();
      expect(all(essay(), (el) => attr(el, 'markdown') !== undefined)).toEqual([]);
    });
  });
});
