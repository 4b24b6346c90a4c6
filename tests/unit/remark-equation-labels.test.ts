import type { Root } from 'mdast';
import remarkMath from 'remark-math';
import { describe, expect, it } from 'vitest';
import remarkDisplayMathFences from '../../src/markdown/plugins/remark-display-math-fences.ts';
import remarkEquationLabels from '../../src/markdown/plugins/remark-equation-labels.ts';
import remarkMathOff from '../../src/markdown/plugins/remark-math-off.ts';
import { renderWithPlugins } from '../support/render-plugins.ts';

async function render(markdown: string, frontmatter: Record<string, unknown> = {}) {
  const labels: unknown[] = [];
  const inspect = () => (tree: Root) => {
    for (const node of tree.children) if (node.data?.label) labels.push(node.data.label);
  };
  const plugins = [remarkMath, remarkDisplayMathFences, remarkMathOff, remarkEquationLabels, inspect];
  return { ...(await renderWithPlugins({ remarkPlugins: plugins }, markdown, { frontmatter })), labels };
}

const formula = (tex: string) => `<pre><code class="language-math math-display">${tex}</code></pre>`;

describe('remark-equation-labels', () => {
  it('puts a formula whose closing $$ has {#eq-x} in a labelled div', async () => {
    const { html, labels } = await render('Before.\n\n$$\nE = mc^2\n$$ {#eq-energy}\n\nAfter.\n');
    expect(html).toBe(`<p>Before.</p>\n<div class="equation" id="eq-energy">${formula('E = mc^2')}</div>\n<p>After.</p>`);
    expect(labels).toEqual([{ id: 'eq-energy', written: '{#eq-energy}', place: { line: 5, column: 4 } }]);
  });

  it('labels a one-line $$ … $$ {#eq-x} paragraph as a display formula', async () => {
    const { html, labels } = await render('$$ a^2 + b^2 = c^2 $$ {#eq-pythagoras}\n');
    expect(html).toBe(`<div class="equation" id="eq-pythagoras">${formula('a^2 + b^2 = c^2')}</div>`);
    expect(labels).toMatchObject([{ id: 'eq-pythagoras', place: { line: 1, column: 23 } }]);
  });

  it('labels formulas inside lists and quotes, and takes MDX’s escaped brace', async () => {
    const { html } = await render('- item\n\n  $$\n  x\n  $$ {#eq-in-list}\n\n> $$\n> y\n> $$ \\{#eq-quoted}\n');
    expect(html).toContain(`<div class="equation" id="eq-in-list">${formula('x')}</div>`);
    expect(html).toContain(`<blockquote>\n<div class="equation" id="eq-quoted">${formula('y')}</div>\n</blockquote>`);
  });

  it('leaves unlabelled formulas, and every formula when math is off, as they are', async () => {
    expect((await render('$$\nx\n$$\n')).html).toBe(formula('x'));
    const off = await render('$$\nx\n$$ {#eq-x}\n', { math: false });
    expect(off.html).toBe('<p>$$\nx\n$$ {#eq-x}</p>');
    expect(off.labels).toEqual([]);
  });
});
