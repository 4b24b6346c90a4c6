import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import remarkHeadingAttributes from '../../src/markdown/plugins/remark-heading-attributes.ts';
import { renderWithPlugins } from '../support/render-plugins.ts';

/** What the plugin left: the HTML, the headings Astro collected, and each heading's data. */
async function render(markdown: string) {
  const data: unknown[] = [];
  const messages: string[] = [];
  const inspect = () => (tree: Root, file: VFile) => {
    for (const node of tree.children) if (node.type === 'heading') data.push(node.data ?? {});
    messages.push(...file.messages.map((m) => `${m.line}:${m.column} ${m.reason}`));
  };
  const result = await renderWithPlugins({ remarkPlugins: [remarkHeadingAttributes, inspect] }, markdown);
  return { ...result, data, messages };
}

describe('remark-heading-attributes', () => {
  it('gives a heading the id of its {#id}, which leaves its text and the table of contents', async () => {
    const { html, headings, data } = await render('## The method {#sec-method}\n\n## Results\n');
    expect(html).toBe('<h2 id="sec-method">The method</h2>\n<h2 id="results">Results</h2>');
    expect(headings).toEqual([
      { depth: 2, slug: 'sec-method', text: 'The method' },
      { depth: 2, slug: 'results', text: 'Results' },
    ]);
    expect(data[0]).toMatchObject({ label: { id: 'sec-method', written: '{#sec-method}', place: { line: 1, column: 15 } } });
  });

  it('reads the block after inline Markdown, and in setext headings', async () => {
    const { html } = await render('## The *best* `fit` {#sec-fit}\n\nOverview {#intro}\n========\n');
    expect(html).toBe('<h2 id="sec-fit">The <em>best</em> <code>fit</code></h2>\n<h1 id="intro">Overview</h1>');
  });

  it('marks {.unnumbered} and {-} headings, with or without an id', async () => {
    const { html, data } = await render('## Preface {.unnumbered}\n\n## Notes {#sec-notes -}\n');
    expect(html).toBe('<h2 id="preface">Preface</h2>\n<h2 id="sec-notes">Notes</h2>');
    expect(data).toMatchObject([{ unnumbered: true }, { unnumbered: true, label: { id: 'sec-notes' } }]);
    expect(data[0]).not.toHaveProperty('label');
  });

  it('leaves braces that are no attribute block as they are', async () => {
    const { html } = await render('## The set {a, b}\n\n## Objects {}\n\n## A {#x} in the middle\n');
    expect(html).toBe('<h2 id="the-set-a-b">The set {a, b}</h2>\n<h2 id="objects-">Objects {}</h2>\n<h2 id="a-x-in-the-middle">A {#x} in the middle</h2>');
  });

  it('warns about classes and attributes it does not use, at the block', async () => {
    const { html, messages } = await render('Text.\n\n## Method {#sec-method .wide data-x=1}\n');
    expect(html).toContain('<h2 id="sec-method">Method</h2>');
    expect(messages).toEqual(['3:11 .wide data-x="1" in {#sec-method .wide data-x=1} are ignored: Quire reads only the #label there']);
  });
});
