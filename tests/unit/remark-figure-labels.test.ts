import type { Root } from 'mdast';
import remarkMath from 'remark-math';
import type { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import remarkCitations from '../../src/markdown/plugins/remark-citations.ts';
import remarkFigureLabels from '../../src/markdown/plugins/remark-figure-labels.ts';
import { all, attr, byTag, hasClass, textOf } from '../../scripts/audit/html.ts';
import { renderWithPlugins } from '../support/render-plugins.ts';

async function render(markdown: string, frontmatter: Record<string, unknown> = {}) {
  const messages: string[] = [];
  const labels: unknown[] = [];
  const inspect = () => (tree: Root, file: VFile) => {
    for (const node of tree.children) if (node.data?.label) labels.push(node.data.label);
    messages.push(...file.messages.map((m) => `${m.line}:${m.column} ${m.reason}`));
  };
  const result = await renderWithPlugins({ remarkPlugins: [remarkMath, remarkFigureLabels, inspect, remarkCitations] }, markdown, { frontmatter });
  return { ...result, messages, labels };
}

describe('remark-figure-labels', () => {
  it('makes a labelled image a figure with the label as its id and the brackets as its caption and alt text', async () => {
    const { html, labels } = await render('Before.\n\n![Sales by year](chart.png){#fig-sales}\n');
    expect(html).toBe('<p>Before.</p>\n<figure class="figure" id="fig-sales"><img src="chart.png" alt="Sales by year"><figcaption>Sales by year</figcaption></figure>');
    expect(labels).toEqual([{ id: 'fig-sales', written: '{#fig-sales}', place: { line: 3, column: 28 } }]);
  });

  it('keeps the caption’s Markdown: emphasis, math, citations', async () => {
    const references = [{ id: 'squad', title: 'SQuAD', url: 'https://example.org/squad' }];
    const { fragment } = await render('![Loss *against* $\\lambda$ [@squad]](loss.png){#fig-loss}\n', { references });
    const [caption] = byTag(fragment, 'figcaption');
    expect(byTag(caption!, 'em').map(textOf)).toEqual(['against']);
    expect(all(caption!, (el) => hasClass(el, 'math-inline')).map(textOf)).toEqual(['\\lambda']);
    expect(all(caption!, (el) => hasClass(el, 'citation-ref')).map(textOf)).toEqual(['1']);
    expect(attr(byTag(fragment, 'img')[0]!, 'alt')).toBe('Loss against \\lambda [@squad]');
  });

  it('takes fig-alt as the alt text, and a title as the caption', async () => {
    const { html } = await render('![Sales by year](chart.png){#fig-a fig-alt="Bars rising from 2019 to 2023"}\n\n![A chart](c.png "Sales by year"){#fig-b}\n');
    expect(html).toBe(
      '<figure class="figure" id="fig-a"><img src="chart.png" alt="Bars rising from 2019 to 2023"><figcaption>Sales by year</figcaption></figure>\n' +
        '<figure class="figure" id="fig-b"><img src="c.png" alt="A chart"><figcaption>Sales by year</figcaption></figure>',
    );
  });

  it('keeps the link of an image that is a link, inside the figure', async () => {
    const { html } = await render('[![Chart](c.png)](https://example.org/data){#fig-c}\n');
    expect(html).toBe('<figure class="figure" id="fig-c"><a href="https://example.org/data"><img src="c.png" alt="Chart"></a><figcaption>Chart</figcaption></figure>');
  });

  it('leaves images without a label, inside a sentence or with other attributes alone', async () => {
    const markdown = '![A](a.png)\n\nSee ![B](b.png){#fig-b} here.\n\n![C](c.png){width=50%}\n';
    expect((await render(markdown)).html).toBe('<p><img src="a.png" alt="A"></p>\n<p>See <img src="b.png" alt="B">{#fig-b} here.</p>\n<p><img src="c.png" alt="C">{width=50%}</p>');
  });

  it('warns about attributes it does not use', async () => {
    const { messages } = await render('![C](c.png){#fig-c width=50% .wide}\n');
    expect(messages).toEqual(['1:12 .wide width="50%" in {#fig-c width=50% .wide} are ignored: Quire reads only the #label and fig-alt there']);
  });
});
