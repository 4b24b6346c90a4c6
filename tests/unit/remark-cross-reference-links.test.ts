import { describe, expect, it } from 'vitest';
import remarkCitations from '../../src/markdown/plugins/remark-citations.ts';
import remarkCrossReferenceLinks from '../../src/markdown/plugins/remark-cross-reference-links.ts';
import remarkCrossReferenceNumbers from '../../src/markdown/plugins/remark-cross-reference-numbers.ts';
import remarkFigureLabels from '../../src/markdown/plugins/remark-figure-labels.ts';
import remarkHeadingAttributes from '../../src/markdown/plugins/remark-heading-attributes.ts';
import { all, attr, hasClass, textOf, type Element } from '../../scripts/audit/html.ts';
import { renderWithPlugins } from '../support/render-plugins.ts';

const references = [{ id: 'squad', title: 'SQuAD', url: 'https://example.org/squad' }];
const figures = '\n\n## Method {#sec-method}\n\n![First](a.png){#fig-a}\n\n![Second](b.png){#fig-b}\n';

const render = (markdown: string) =>
  renderWithPlugins(
    { remarkPlugins: [remarkHeadingAttributes, remarkFigureLabels, remarkCrossReferenceNumbers, remarkCrossReferenceLinks, remarkCitations] },
    markdown,
    { frontmatter: { references } },
  );
const crossReferences = (fragment: Element) =>
  all(fragment, (el) => hasClass(el, 'cross-reference')).map((a) => [textOf(a).replace(/\u00a0/g, ' '), attr(a, 'href')]);

describe('remark-cross-reference-links', () => {
  it('turns @label into a link to the labelled element, reading its kind and number', async () => {
    const { html, fragment } = await render(`See @fig-b, then @fig-a and @sec-method.${figures}`);
    expect(html).toMatch(/^<p>See <a href="#fig-b" class="cross-reference">Figure\u00a02<\/a>, then <a href="#fig-a" class="cross-reference">Figure\u00a01<\/a> and /);
    expect(crossReferences(fragment)).toEqual([
      ['Figure 2', '#fig-b'],
      ['Figure 1', '#fig-a'],
      ['Section 1', '#sec-method'],
    ]);
  });

  it('reads [@label] and @Label as @label', async () => {
    const { fragment } = await render(`As [@fig-a] shows, and @Fig-b.${figures}`);
    expect(textOf(all(fragment, (el) => el.tagName === 'p')[0]!).replace(/\u00a0/g, ' ')).toBe('As Figure 1 shows, and Figure 2.');
  });

  it('works in headings, lists, tables and footnotes', async () => {
    const markdown = `- item @fig-a\n\n| x |\n|---|\n| @fig-b |\n\nNote.[^1]\n\n[^1]: See @sec-method.${figures}`;
    expect(crossReferences((await render(markdown)).fragment)).toEqual([
      ['Figure 1', '#fig-a'],
      ['Figure 2', '#fig-b'],
      ['Section 1', '#sec-method'],
    ]);
  });

  it('leaves other @names, code, links and citations alone', async () => {
    const markdown = `Ask \\@someone or x@fig-a.org; \`@fig-a\`; [@fig-a here](https://example.org); [@squad].${figures}`;
    const { fragment } = await render(markdown);
    expect(crossReferences(fragment)).toEqual([]);
    expect(all(fragment, (el) => hasClass(el, 'citation-ref')).map(textOf)).toEqual(['1']);
    expect(textOf(all(fragment, (el) => el.tagName === 'p')[0]!)).toContain('Ask @someone or x@fig-a.org; @fig-a; @fig-a here;');
  });

  it('stops at a reference to a label the essay does not have, with the labels it has', async () => {
    await expect(render(`Fine.\n\nBut @fig-c is not.${figures}`)).rejects.toThrow(
      'Markdown:3:5  @fig-c refers to fig-c, which is not a label in this essay (its fig- labels are fig-a, fig-b)',
    );
    await expect(render('See [@tbl-x].\n')).rejects.toThrow('Markdown:1:5  [@tbl-x] refers to tbl-x, which is not a label in this essay (no table in it is labelled {#tbl-…})');
  });

  it('leaves a citation group that cites a source as well to remark-citations, which refuses the figure', async () => {
    await expect(render(`See [@squad; @fig-a].${figures}`)).rejects.toThrow('[@squad; @fig-a] cites "fig-a", which is not one of this essay’s references');
  });
});
