import path from 'node:path';
import rehypeKatex from 'rehype-katex';
import remarkMath from 'remark-math';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEssayRenderer, rendererSettings } from '../../src/markdown/render/essay-renderer.ts';
import type { Finding } from '../../src/markdown/findings.ts';
import { shikiConfig } from '../../src/markdown/pipeline.ts';
import rehypeRenderMath from '../../src/markdown/plugins/rehype-render-math.ts';
import { all, attr, byTag, closest, descendants, hasClass, textOf, type Element } from '../../scripts/audit/html.ts';
import { repoRoot } from '../support/paths.ts';
import { renderMarkdown } from '../support/render-markdown.ts';
import { renderWithPlugins } from '../support/render-plugins.ts';

const essayRenderer = createEssayRenderer(
  rendererSettings({
    image: { domains: [], remotePatterns: [] },
    markdown: { syntaxHighlight: { type: 'shiki', excludeLangs: ['math'] }, shikiConfig, gfm: true, smartypants: true },
  }),
);

/** What the plugins reported about `body`, rendered as an essay is (lines count from the body's first). */
async function findingsOf(body: string): Promise<Finding[]> {
  const rendered = await (await essayRenderer).render({ filePath: path.join(repoRoot, 'content/posts/math.md'), body, data: {} });
  return rendered.findings.filter((finding) => finding.rule.startsWith('math-'));
}

const byClass = (root: Element, name: string) => all(root, (el) => hasClass(el, name));

afterEach(() => vi.restoreAllMocks());

describe('rehype-render-math: KaTeX first, exactly as rehype-katex', () => {
  const everydayTeX = [
    'Inline $E = mc^2$, $\\alpha_{t+1} \\leftarrow \\alpha_t - \\eta \\nabla_\\theta \\mathcal{L}$ and $\\text{KL}[p \\| q]$.',
    '$$\n\\begin{aligned}\n\\mathcal{L}(\\theta) &= \\mathbb{E}_{x \\sim p}[\\log q_\\theta(x)] \\\\\n&\\approx \\frac{1}{N}\\sum_{i=1}^N \\log q_\\theta(x_i)\n\\end{aligned}\n$$',
    '$$\nf(x) = \\begin{cases} x & \\text{if } x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}\n$$',
    '```math\n\\sqrt[3]{x} + \\binom{n}{k} + \\color{red}{y}\n```',
    // KaTeX remarks on these (strict mode) and typesets them all the same.
    '$$\na \\\\ b\n$$',
    'Primes typed as quotes: $W’$.',
  ];

  it.each(everydayTeX)('writes the markup rehype-katex wrote: %s', async (markdown) => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const ours = await renderWithPlugins({ remarkPlugins: [remarkMath], rehypePlugins: [rehypeRenderMath] }, markdown);
    const theirs = await renderWithPlugins({ remarkPlugins: [remarkMath], rehypePlugins: [[rehypeKatex, { output: 'htmlAndMathml' }]] }, markdown);
    expect(byClass(ours.fragment, 'katex').length).toBeGreaterThan(0);
    expect(ours.html).toBe(theirs.html);
  });

  it('keeps what the later plugins need: a focusable display box, MathML alone in headings', async () => {
    const { fragment } = await renderMarkdown('## The $O(n)$ bound\n\n$$\nx^2\n$$');
    const [display] = byClass(fragment, 'katex-display');
    expect(attr(display!, 'tabindex')).toBe('0');
    const heading = byTag(fragment, 'h2')[0]!;
    expect(byTag(heading, 'math')).toHaveLength(1);
    expect(byClass(heading, 'katex')).toEqual([]);
  });
});

describe('rehype-render-math: TeX written for MathJax', () => {
  it.each([
    ['a command as a bare subscript', '$\\tau_\\max = \\vert b - d \\vert$', 'max'],
    ['a command with its argument as a bare superscript', '$Q^\\vec{\\mu}_i(\\vec{o}, a)$', 'μ'],
    ['an underscore in text', '$\\mathcal{L}_\\text{style_fwd}$', 'style_fwd'],
    ['an ampersand in text, inside an alignment', '$$\n\\begin{aligned}\na &\\approx b & \\text{; p & q are close.}\n\\end{aligned}\n$$', 'p & q'],
  ])('typesets %s with KaTeX, after rewriting it', async (_what, markdown, shown) => {
    const { fragment } = await renderMarkdown(markdown);
    expect(byClass(fragment, 'katex-error')).toEqual([]);
    expect(byClass(fragment, 'math-error')).toEqual([]);
    // KaTeX writes the spaces of `\text{}` as no-break spaces.
    expect(textOf(byTag(fragment, 'math')[0]!).replace(/\s+/g, ' ')).toContain(shown);
    expect(await findingsOf(markdown)).toEqual([]);
  });

  it('typesets with MathJax what KaTeX cannot, as SVG for the eye and MathML for a screen reader', async () => {
    const markdown = 'A highlighted $\\bbox[yellow]{E = mc^2}$ result, and one cancelled:\n\n$$\n\\cancelto{0}{x} + \\unicode{x2208}\n$$';
    const { fragment, html } = await renderMarkdown(markdown);
    const typeset = byClass(fragment, 'math-mathjax');
    expect(typeset).toHaveLength(2);
    for (const formula of typeset) {
      const [svg] = byTag(formula, 'svg');
      expect(attr(svg!, 'aria-hidden')).toBe('true');
      const [math] = byTag(formula, 'math');
      expect(closest(math!, (el) => hasClass(el, 'visually-hidden'))).toBeDefined();
      // Self-contained: no script, no ids to clash with, none of MathJax's data-* bookkeeping.
      const inside = [...descendants(formula)];
      expect(inside.filter((el) => el.tagName === 'script' || attr(el, 'id') !== undefined)).toEqual([]);
      expect(inside.filter((el) => el.attrs.some((a) => a.name.startsWith('data-')))).toEqual([]);
    }
    expect(textOf(byTag(typeset[0]!, 'math')[0]!)).toBe('E=mc2');
    expect(closest(typeset[0]!, (el) => el.tagName === 'p')).toBeDefined();
    // The display formula is a block, in the same focusable box as KaTeX's.
    expect(hasClass(typeset[1]!, 'katex-display')).toBe(true);
    expect(attr(typeset[1]!, 'tabindex')).toBe('0');
    expect(attr(byTag(typeset[1]!, 'math')[0]!, 'display')).toBe('block');
    expect((await renderMarkdown(markdown)).html).toBe(html);
    expect(await findingsOf(markdown)).toEqual([]);
  });

  it('typesets an alignment inside inline math, which KaTeX allows only on display', async () => {
    const { fragment } = await renderMarkdown('Where $\\begin{align} a &= b \\\\ c &= d \\end{align}$ holds.');
    expect(byClass(fragment, 'math-mathjax')).toHaveLength(1);
    expect(byClass(fragment, 'math-error')).toEqual([]);
  });
});

describe('rehype-render-math: an essay’s macros', () => {
  it('serve the expressions after the one that defines them', async () => {
    const markdown = 'Let $\\newcommand{\\vx}{\\mathbf{x}} \\vx \\in X$ and $\\def\\E{\\mathbb{E}} \\E[\\vx]$.\n\nThen $\\vx + \\E[y]$.';
    const { fragment } = await renderMarkdown(markdown);
    expect(byClass(fragment, 'katex')).toHaveLength(3);
    expect(byClass(fragment, 'math-error')).toEqual([]);
    expect(await findingsOf(markdown)).toEqual([]);
  });

  it('reach the MathJax that typesets what KaTeX cannot', async () => {
    const { fragment } = await renderMarkdown('Let $\\newcommand{\\vx}[1]{\\mathbf{x}_{#1}}\\vx{1}$; then $\\bbox[yellow]{\\vx{2}}$.');
    const [mathjax] = byClass(fragment, 'math-mathjax');
    expect(textOf(byTag(mathjax!, 'math')[0]!)).toBe('x2');
  });

  it('never reach another essay', async () => {
    await renderMarkdown('Let $\\newcommand{\\leaky}{L}\\leaky$.');
    const { fragment } = await renderMarkdown('Here $\\leaky$ means nothing.');
    expect(byClass(fragment, 'math-error')).toHaveLength(1);
  });
});

describe('rehype-render-math: what cannot be typeset', () => {
  it('stays visible as code and is reported at the formula', async () => {
    const markdown = 'Intro.\n\nA made-up $\\nosuchcommand{x}$ command.\n\n$$\n\\alsonotacommand\n$$';
    const { fragment } = await renderMarkdown(markdown);
    const errors = byClass(fragment, 'math-error');
    expect(errors.map((el) => [el.tagName, textOf(el)])).toEqual([
      ['code', '\\nosuchcommand{x}'],
      ['pre', '\\alsonotacommand'],
    ]);
    expect(byClass(fragment, 'katex-error')).toEqual([]);
    const findings = await findingsOf(markdown);
    expect(findings.map((f) => [f.line, f.column, f.rule, f.severity])).toEqual([
      [3, 11, 'math-error', 'error'],
      [5, 1, 'math-error', 'error'],
    ]);
    expect(findings[0]!.message).toBe('math: cannot typeset Undefined control sequence \\nosuchcommand: \\nosuchcommand{x}');
  });

  it('is prose that Markdown paired into a formula: never typeset as math', async () => {
    const markdown = '$$\nx\n$$ and then $$y$$ text\n$$';
    const { fragment } = await renderMarkdown(markdown);
    expect(byClass(fragment, 'math-mathjax')).toEqual([]);
    const findings = await findingsOf(markdown);
    expect(findings.some((f) => f.rule === 'math-error' && f.message.includes('$$ inside a formula'))).toBe(true);
  });
});

describe('rehype-render-math: KaTeX’s remarks', () => {
  it('arrive as located warnings, not on the console', async () => {
    const warn = vi.spyOn(console, 'warn');
    const markdown = 'The primes: $\\theta’$.\n\nAnd a break KaTeX ignores:\n\n$$\na \\\\ b\n$$';
    const findings = await findingsOf(markdown);
    expect(findings.map((f) => [f.line, f.column, f.rule, f.severity])).toEqual([
      [1, 13, 'math-warning', 'warning'],
      [5, 1, 'math-warning', 'warning'],
    ]);
    expect(findings[0]!.message).toContain('Unrecognized Unicode character "’"');
    expect(findings[1]!.message).toContain('newLineInDisplayMode');
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('rehype-render-math: MathML that HTML accepts', () => {
  it('groups a function name written as a script, which KaTeX leaves as two scripts', async () => {
    const { fragment } = await renderMarkdown('Bounded by $\\tau_{\\max}$ and $x^{\\sin}$.');
    const scripts = all(fragment, (el) => el.tagName === 'msub' || el.tagName === 'msup');
    expect(scripts).toHaveLength(2);
    for (const script of scripts) {
      const children = script.childNodes.filter((child) => 'tagName' in child) as Element[];
      expect(children.map((child) => child.tagName)).toEqual(['mi', 'mrow']);
      expect(textOf(children[1]!)).toMatch(/^(max|sin)\u2061$/);
    }
  });
});
