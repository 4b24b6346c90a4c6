import type { Root } from 'mdast';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import remarkDisplayMathFences from '../../src/markdown/plugins/remark-display-math-fences.ts';
import { all, byTag, closest, hasClass, textOf, type Element } from '../../scripts/audit/html.ts';
import { renderWithPlugins } from '../support/render-plugins.ts';

const render = (markdown: string) => renderWithPlugins({ remarkPlugins: [remarkMath, remarkDisplayMathFences] }, markdown);
const formulas = (fragment: Element) => all(fragment, (el) => hasClass(el, 'language-math'));

describe('remark-display-math-fences', () => {
  it('closes a formula at `$$ {#eq-x}`, Quarto’s label, and at `$$ \\{#eq-x}` (MDX)', async () => {
    const { fragment } = await render('$$\nE = mc^2\n$$ {#eq-energy}\n\nAfter.\n\n$$\nx\n$$ \\{#eq-x}\n\nEnd.\n');
    expect(formulas(fragment).map(textOf)).toEqual(['E = mc^2', 'x']);
    expect(byTag(fragment, 'p').map(textOf)).toEqual(['After.', 'End.']);
  });

  it('does not close a formula at `$$` followed by other braces', async () => {
    const { fragment } = await render('$$\na\n$$ {x}\nb\n$$\n');
    expect(formulas(fragment).map(textOf)).toEqual(['a\n$$ {x}\nb']);
  });

  it('lets a `$$` line close the formula a list item opened mid-line, and the list go on', async () => {
    const { fragment } = await render('- The loss $$\nL = a_1 * b_2 * c\n$$\n- Next item\n');
    expect(formulas(fragment).map(textOf)).toEqual(['L = a_1 * b_2 * c']);
    expect(byTag(fragment, 'em')).toHaveLength(0);
    expect(byTag(fragment, 'li').map((li) => textOf(li).trim())).toEqual([expect.stringContaining('The loss'), 'Next item']);
  });

  it('lets a paragraph’s `$$` that opens mid-line close lines later', async () => {
    const { fragment } = await render('We set $$\nx_1 * y_2\n$$ and go on.\n\nNext paragraph.\n');
    expect(formulas(fragment).map(textOf)).toEqual(['x_1 * y_2']);
    expect(byTag(fragment, 'p').map(textOf)).toEqual(['We set x_1 * y_2 and go on.', 'Next paragraph.']);
  });

  it('still opens a display block on a `$$` line right after a sentence', async () => {
    const { fragment } = await render('Intro:\n$$\n- x + y\n$$\n\nAfter.\n');
    const [formula] = formulas(fragment);
    expect(closest(formula!, (el) => el.tagName === 'pre')).toBeDefined();
    expect(textOf(formula!)).toBe('- x + y');
    expect(byTag(fragment, 'p').map(textOf)).toEqual(['Intro:', 'After.']);
  });

  it('ends the block at a closing `$$` followed by inline HTML, which stays', async () => {
    const { fragment } = await render('$$\na = b\n$$<br/>\n\n## After\n');
    expect(formulas(fragment).map(textOf)).toEqual(['a = b']);
    expect(byTag(fragment, 'br')).toHaveLength(1);
    expect(byTag(fragment, 'h2').map(textOf)).toEqual(['After']);
  });

  it('keeps a nested list item’s formula whose lines are indented less than the item', async () => {
    const { fragment } = await render('- Goal:\n    - $$\n    \\begin{aligned}\n    a_1 * b_2 &= c\n    \\end{aligned}\n    $$\n\n- Next\n');
    const [formula, ...others] = formulas(fragment);
    expect(others).toHaveLength(0);
    expect(textOf(formula!)).toContain('a_1 * b_2 &= c');
    expect(textOf(formula!)).toContain('\\end{aligned}');
    expect(byTag(fragment, 'li')).toHaveLength(3);
    expect(byTag(fragment, 'em')).toHaveLength(0);
  });

  it('reports display math that is never closed, at its `$$`', () => {
    const processor = unified().use(remarkParse).use(remarkMath).use(remarkDisplayMathFences);
    const file = new VFile('Fine.\n\n$$\nx = 1\n\nMore text.\n');
    processor.runSync(processor.parse(file), file);
    expect(file.messages.map((m) => [m.ruleId, m.source, m.line, m.column])).toEqual([['math-unclosed', 'quire', 3, 1]]);
    expect(file.messages[0]!.reason).toContain('`$$` on line 3 opens display math that is never closed');
  });

  it('gives the HTML after a closing `$$` its own position', () => {
    const source = '$$\na\n$$<br/>\n';
    const processor = unified().use(remarkParse).use(remarkMath).use(remarkDisplayMathFences);
    const tree = processor.runSync(processor.parse(source)) as Root;
    expect(tree.children.map((node) => [node.type, source.slice(node.position!.start.offset, node.position!.end.offset)])).toEqual([
      ['math', '$$\na\n$$'],
      ['html', '<br/>'],
    ]);
  });
});
