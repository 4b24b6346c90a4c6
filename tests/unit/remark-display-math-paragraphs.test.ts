import type { Root } from 'mdast';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import remarkDisplayMathFences from '../../src/markdown/plugins/remark-display-math-fences.ts';
import remarkDisplayMathParagraphs from '../../src/markdown/plugins/remark-display-math-paragraphs.ts';
import remarkMathMathjaxDelimiters from '../../src/markdown/plugins/remark-math-mathjax-delimiters.ts';
import { all, byTag, closest, hasClass, textOf, type Element } from '../../scripts/audit/html.ts';
import { renderWithPlugins } from '../support/render-plugins.ts';

const plugins = [remarkMath, remarkMathMathjaxDelimiters, remarkDisplayMathFences, remarkDisplayMathParagraphs];
const render = (markdown: string) => renderWithPlugins({ remarkPlugins: plugins }, markdown);
const formulas = (fragment: Element) => all(fragment, (el) => hasClass(el, 'language-math'));
const isBlock = (formula: Element) => hasClass(formula, 'math-display') && closest(formula, (el) => el.tagName === 'pre') !== undefined;

describe('remark-display-math-paragraphs', () => {
  it('makes a paragraph that is just `$$ E = mc^2 $$` a display block', async () => {
    const { fragment } = await render('Before.\n\n$$ E = mc^2 $$\n\nAfter.\n');
    const [formula] = formulas(fragment);
    expect(isBlock(formula!)).toBe(true);
    expect(textOf(formula!)).toBe('E = mc^2');
    expect(byTag(fragment, 'p').map(textOf)).toEqual(['Before.', 'After.']);
  });

  it('does so for one spanning lines, and for \\[…\\] and \\\\[…\\\\] alone', async () => {
    const { fragment } = await render('$$ a +\nb $$\n\n\\[ c \\]\n\n\\\\[ d \\\\]\n');
    const found = formulas(fragment);
    expect(found.map(textOf)).toEqual(['a +\nb', ' c ', ' d ']);
    expect(found.every(isBlock)).toBe(true);
    expect(byTag(fragment, 'p')).toHaveLength(0);
  });

  it('leaves `$$x$$` in a sentence inline', async () => {
    const { fragment } = await render('Let $$x$$ be given.\n');
    const [formula] = formulas(fragment);
    expect(hasClass(formula!, 'math-inline')).toBe(true);
    expect(closest(formula!, (el) => el.tagName === 'p')).toBeDefined();
  });

  it('marks display a formula whose `$$` stand on lines of their own inside a paragraph', async () => {
    const { fragment } = await render('Then $$\n\\begin{aligned} a &= b \\end{aligned}\n$$ follows.\n');
    const [formula] = formulas(fragment);
    expect(hasClass(formula!, 'math-display')).toBe(true);
    expect(closest(formula!, (el) => el.tagName === 'p')).toBeDefined();
  });

  it('gives the display block the position of its paragraph', () => {
    const source = 'Intro.\n\n$$ E = mc^2 $$\n';
    const processor = unified().use(remarkParse);
    for (const plugin of plugins) processor.use(plugin);
    const file = new VFile(source);
    const tree = processor.runSync(processor.parse(file), file) as Root;
    const math = tree.children[1]!;
    expect(math.type).toBe('math');
    expect(source.slice(math.position!.start.offset, math.position!.end.offset)).toBe('$$ E = mc^2 $$');
  });
});
