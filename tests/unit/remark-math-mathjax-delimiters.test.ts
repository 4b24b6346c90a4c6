import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import remarkMathMathjaxDelimiters from '../../src/markdown/plugins/remark-math-mathjax-delimiters.ts';
import { all, byTag, hasClass, textOf, type Element } from '../../scripts/audit/html.ts';
import { renderWithPlugins } from '../support/render-plugins.ts';

const render = (markdown: string) => renderWithPlugins({ remarkPlugins: [remarkMath, remarkMathMathjaxDelimiters] }, markdown);
const formulas = (fragment: Element) => all(fragment, (el) => hasClass(el, 'language-math'));

describe('remark-math-mathjax-delimiters', () => {
  it('reads kramdown’s \\\\(…\\\\) as one inline formula, leaving no backslash or parenthesis in the text', async () => {
    const { fragment } = await render('The score \\\\(x^2\\\\) grows.\n');
    const [formula, ...others] = formulas(fragment);
    expect(others).toHaveLength(0);
    expect(hasClass(formula!, 'math-inline')).toBe(true);
    expect(textOf(formula!)).toBe('x^2');
    expect(textOf(fragment)).toBe('The score x^2 grows.');
  });

  it('keeps the TeX of \\(…\\) as typed: no emphasis, no escapes', async () => {
    const { fragment } = await render('Take \\(a_1 * b_2 * c_\\{3\\}\\) here.\n');
    expect(formulas(fragment).map(textOf)).toEqual(['a_1 * b_2 * c_\\{3\\}']);
    expect(byTag(fragment, 'em')).toHaveLength(0);
  });

  it('resolves the Markdown escapes kramdown resolved before MathJax read \\\\(…\\\\)', async () => {
    const { fragment } = await render('State \\\\(h\\_t = W\\_{hh} h\\_{t-1}\\\\) and \\\\(a \\\\\\\\ b\\\\).\n');
    expect(formulas(fragment).map(textOf)).toEqual(['h_t = W_{hh} h_{t-1}', 'a \\\\ b']);
  });

  it('marks \\[…\\] at the start of a line and \\\\[…\\\\] anywhere as display math', async () => {
    const { fragment } = await render('So:\n\\[ \\sum_i x_i \\]\nand \\\\[y\\\\] too.\n');
    const found = formulas(fragment);
    expect(found.map(textOf)).toEqual([' \\sum_i x_i ', 'y']);
    expect(found.every((el) => hasClass(el, 'math-display'))).toBe(true);
  });

  it('leaves a bracket escaped mid-sentence alone: \\[-1,1\\] is a range, not a formula', async () => {
    const { fragment } = await render('Its active range of \\[-1,1\\] suits tanh.\n');
    expect(formulas(fragment)).toHaveLength(0);
    expect(textOf(fragment)).toBe('Its active range of [-1,1] suits tanh.');
  });

  it('leaves code spans and fenced code untouched', async () => {
    const { fragment } = await render('Write `\\(x\\)` for math.\n\n```\n\\\\(y\\\\)\n```\n');
    expect(formulas(fragment)).toHaveLength(0);
    expect(byTag(fragment, 'code').map(textOf)).toEqual(['\\(x\\)', '\\\\(y\\\\)\n']);
  });

  it('needs a closing delimiter and something between', async () => {
    const { fragment } = await render('Open \\(x stays text.\n\nSo does an empty \\(\\).\n');
    expect(formulas(fragment)).toHaveLength(0);
    expect(textOf(fragment)).toBe('Open (x stays text.\nSo does an empty ().');
  });

  it('gives each formula the position of what the author typed', () => {
    const source = 'A line.\n\nThen \\\\(x\\\\) and\n  \\(y\\).\n';
    const processor = unified().use(remarkParse).use(remarkMath).use(remarkMathMathjaxDelimiters);
    const tree = processor.parse(source);
    const paragraph = tree.children[1]! as { children: { type: string; position?: { start: { offset?: number }; end: { offset?: number } } }[] };
    const typed = paragraph.children
      .filter((node) => node.type === 'inlineMath')
      .map((node) => source.slice(node.position!.start.offset, node.position!.end.offset));
    expect(typed).toEqual(['\\\\(x\\\\)', '\\(y\\)']);
  });
});
