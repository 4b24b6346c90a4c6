import remarkMath from 'remark-math';
import { describe, expect, it } from 'vitest';
import remarkDisplayMathFences from '../../src/markdown/plugins/remark-display-math-fences.ts';
import remarkMathMathjaxDelimiters from '../../src/markdown/plugins/remark-math-mathjax-delimiters.ts';
import remarkMathOff from '../../src/markdown/plugins/remark-math-off.ts';
import { all, byTag, hasClass, textOf } from '../../scripts/audit/html.ts';
import { renderMarkdown } from '../support/render-markdown.ts';
import { renderWithPlugins } from '../support/render-plugins.ts';

const render = (markdown: string, frontmatter: Record<string, unknown> = { math: false }) =>
  renderWithPlugins({ remarkPlugins: [remarkMath, remarkMathMathjaxDelimiters, remarkDisplayMathFences, remarkMathOff] }, markdown, { frontmatter });

describe('remark-math-off', () => {
  it('with `math: false`, keeps every formula as the text its author typed', async () => {
    const { fragment } = await render('It cost $5 and $10, or $x$ and \\(y\\).\n\n- In a list:\n  $$\n  a = b\n  $$\n');
    expect(all(fragment, (el) => hasClass(el, 'language-math'))).toHaveLength(0);
    expect(textOf(byTag(fragment, 'p')[0]!)).toBe('It cost $5 and $10, or $x$ and \\(y\\).');
    expect(textOf(byTag(fragment, 'li')[0]!)).toContain('$$\na = b\n$$');
  });

  it('leaves math alone otherwise', async () => {
    const { fragment } = await render('Let $x$ be.\n', {});
    expect(all(fragment, (el) => hasClass(el, 'language-math')).map(textOf)).toEqual(['x']);
  });

  it('keeps code spans as they are', async () => {
    const { fragment } = await render('Use `$x$` and `\\(y\\)`.\n');
    expect(byTag(fragment, 'code').map(textOf)).toEqual(['$x$', '\\(y\\)']);
  });

  it('turns a whole essay’s math off in the real pipeline: no KaTeX, no math flag', async () => {
    const { fragment, frontmatter } = await renderMarkdown('Prices: $5 and $10.\n\n$$ E = mc^2 $$\n', { frontmatter: { math: false } });
    expect(all(fragment, (el) => hasClass(el, 'katex'))).toHaveLength(0);
    expect(textOf(fragment)).toContain('$$ E = mc^2 $$');
    expect(frontmatter.hasMath).toBeUndefined();
  });
});
