import { describe, expect, it } from 'vitest';
import { all, attr, byTag, hasClass, textOf, type Element } from '../../scripts/audit/html.ts';
import { renderMarkdown } from '../support/render-markdown.ts';

/**
 * rehype-cross-reference-previews in the whole pipeline: it previews what the pipeline's other
 * plugins make (numbered captions, section numbers, typeset equations).
 */
const render = (markdown: string) => renderMarkdown(markdown, { frontmatter: { title: 'Cross-references' } });
const crossReferences = (root: Element) => all(root, (el) => el.tagName === 'a' && hasClass(el, 'cross-reference'));
const byId = (root: Element, id: string) => all(root, (el) => attr(el, 'id') === id)[0];
const previewOf = (root: Element, link: Element) => byId(root, attr(link, 'aria-describedby')!)!;
const text = (node: Element) => textOf(node).replace(/\u00a0/g, ' ');

const ESSAY = `See @fig-chart, @tbl-sizes, @eq-loss and @sec-method; @fig-chart again.

## Method {#sec-method}

![A chart of *scores*](https://example.org/chart.png){#fig-chart}

| size | score |
| --- | ---: |
| small | 1 |

: Scores by *size* {#tbl-sizes}

$$
L = -\\log p
$$ {#eq-loss}
`;

describe('rehype-cross-reference-previews', () => {
  it('describes each cross-reference by a tooltip of what it refers to, the two in one .preview-item', async () => {
    const { fragment } = await render(ESSAY);
    const links = crossReferences(fragment).slice(0, 5);
    expect(links.map((link) => [attr(link, 'href'), attr(link, 'aria-describedby')])).toEqual([
      ['#fig-chart', 'preview-fig-chart-1'],
      ['#tbl-sizes', 'preview-tbl-sizes-1'],
      ['#eq-loss', 'preview-eq-loss-1'],
      ['#sec-method', 'preview-sec-method-1'],
      ['#fig-chart', 'preview-fig-chart-2'],
    ]);
    for (const link of links) {
      const item = link.parentNode as Element;
      expect(item.tagName).toBe('span');
      expect(hasClass(item, 'preview-item')).toBe(true);
      const preview = previewOf(fragment, link);
      expect(preview.parentNode).toBe(item);
      expect([attr(preview, 'role'), attr(preview, 'class'), attr(preview, 'data-pagefind-ignore')]).toEqual(['tooltip', 'preview cross-reference-preview', '']);
      // The link reads as before.
      expect(text(link)).toMatch(/^(Figure|Table|Equation|Section) /);
    }
  });

  it('shows a figure’s caption and a table’s caption, as Markdown made them, without the image', async () => {
    const { fragment } = await render(ESSAY);
    const [figure, table] = crossReferences(fragment).map((link) => previewOf(fragment, link));
    expect(text(figure!)).toBe('Figure 1: A chart of scores');
    expect(byTag(figure!, 'em').map(textOf)).toEqual(['scores']);
    expect(byTag(figure!, 'img')).toEqual([]);
    expect(text(table!)).toBe('Table 1: Scores by size');
  });

  it('shows a section’s heading with its number', async () => {
    const { fragment } = await render(ESSAY);
    const section = previewOf(fragment, crossReferences(fragment)[3]!);
    expect(text(section)).toBe('1 Method');
    expect(all(section, (el) => hasClass(el, 'section-number')).map(textOf)).toEqual(['1']);
  });

  it('shows an equation as KaTeX typeset it, its MathML and its number, with no id, tab stop or role of the original', async () => {
    const { fragment } = await render(ESSAY);
    const equation = previewOf(fragment, crossReferences(fragment)[2]!);
    expect(byTag(equation, 'math')).toHaveLength(1);
    expect(textOf(byTag(equation, 'annotation')[0]!)).toBe('L = -\\log p');
    expect(all(equation, (el) => hasClass(el, 'katex-html')).map((el) => attr(el, 'aria-hidden'))).toEqual(['true']);
    expect(all(equation, (el) => hasClass(el, 'equation-number')).map(textOf)).toEqual(['(1)']);
    expect(all(equation, (el) => attr(el, 'id') !== undefined || attr(el, 'tabindex') !== undefined || attr(el, 'role') !== undefined)).toEqual([]);
    expect(all(equation, (el) => hasClass(el, 'katex-display'))).toEqual([]);
    // The equation itself keeps its scroll region.
    const original = byId(fragment, 'eq-loss')!;
    expect(all(original, (el) => hasClass(el, 'katex-display')).map((el) => attr(el, 'tabindex'))).toEqual(['0']);
  });

  it('keeps every id unique, however often a label is referred to', async () => {
    const { fragment } = await render(ESSAY);
    const ids = all(fragment, (el) => attr(el, 'id') !== undefined).map((el) => attr(el, 'id')!);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('leaves out the previews of cross-references in a caption it copies', async () => {
    const { fragment } = await render('See @fig-b.\n\n![Like @fig-a, but later](https://example.org/b.png){#fig-b}\n\n![The first](https://example.org/a.png){#fig-a}\n');
    const preview = previewOf(fragment, crossReferences(fragment)[0]!);
    expect(text(preview)).toBe('Figure 1: Like Figure 2, but later');
    expect(all(preview, (el) => el.tagName === 'a' || attr(el, 'role') === 'tooltip')).toEqual([]);
  });

  it('gives a reference in a heading no preview: the heading’s text is its table-of-contents entry', async () => {
    const { fragment, headings } = await render('## As @sec-b says\n\nText.\n\n## Second {#sec-b}\n\nMore.\n');
    const [link] = crossReferences(fragment);
    expect(attr(link!, 'aria-describedby')).toBeUndefined();
    expect(headings.map((heading) => heading.text.replace(/\u00a0/g, ' '))).toEqual(['1 As Section 2 says', '2 Second']);
  });
});
