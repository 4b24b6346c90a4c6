import type { Root } from 'mdast';
import rehypeSlug from 'rehype-slug';
import { describe, expect, it } from 'vitest';
import rehypeSectionNumbers from '../../src/markdown/plugins/rehype-section-numbers.ts';
import { renderWithPlugins } from '../support/render-plugins.ts';

/** Gives each `##` heading the section number remark-cross-reference-numbers would. */
const numbered = () => (tree: Root) => {
  let n = 0;
  for (const node of tree.children) {
    if (node.type === 'heading') node.data = { hProperties: { dataSectionNumber: `${++n}` } };
  }
};

describe('rehype-section-numbers', () => {
  it('shows a heading’s number before its text, in the TOC entry too, and not in the id rehype-slug gave it', async () => {
    const { html, headings } = await renderWithPlugins({ remarkPlugins: [numbered], rehypePlugins: [rehypeSlug, rehypeSectionNumbers] }, '## The *method*\n\n## Results\n');
    expect(html).toBe('<h2 id="the-method"><span class="section-number">1</span> The <em>method</em></h2>\n<h2 id="results"><span class="section-number">2</span> Results</h2>');
    expect(headings.map((h) => h.text)).toEqual(['1 The method', '2 Results']);
  });

  it('leaves headings without a number alone', async () => {
    const { html } = await renderWithPlugins({ rehypePlugins: [rehypeSectionNumbers] }, '## Plain\n');
    expect(html).toBe('<h2 id="plain">Plain</h2>');
  });
});
