import { describe, expect, it } from 'vitest';
import rehypeFootnotePreviews from '../../src/markdown/plugins/rehype-footnote-previews.ts';
import rehypeSidenotes from '../../src/markdown/plugins/rehype-sidenotes.ts';
import { all, attr, byTag, hasClass, textOf, type Element } from '../../scripts/audit/html.ts';
import { renderWithPlugins } from '../support/render-plugins.ts';
import { renderMarkdown } from '../support/render-markdown.ts';

const render = (markdown: string) => renderWithPlugins({ rehypePlugins: [rehypeFootnotePreviews] }, markdown);
const refs = (root: Element) => all(root, (el) => attr(el, 'data-footnote-ref') !== undefined);
const byId = (root: Element, id: string) => all(root, (el) => attr(el, 'id') === id)[0];
const ids = (root: Element) => all(root, (el) => attr(el, 'id') !== undefined).map((el) => attr(el, 'id')!);

describe('rehype-footnote-previews', () => {
  it('describes each footnote reference by a tooltip of its note, beside it in its <sup>, without the back-links', async () => {
    const { html, fragment } = await render('One.[^a] Two.[^b]\n\n[^a]: The *first* note.\n[^b]: The second.\n');
    expect(html).toContain(
      '<sup class="preview-item"><a href="#user-content-fn-a" id="user-content-fnref-a" data-footnote-ref="" aria-describedby="preview-user-content-fnref-a">1</a>' +
        '<span class="preview footnote-preview" role="tooltip" id="preview-user-content-fnref-a" data-pagefind-ignore="">' +
        '<span class="preview-block">The <em>first</em> note.</span></span></sup>',
    );
    const previews = refs(fragment).map((ref) => byId(fragment, attr(ref, 'aria-describedby')!)!);
    expect(previews.map((preview) => textOf(preview))).toEqual(['The first note.', 'The second.']);
    // The notes themselves are where GFM put them, with their back-links.
    expect(all(fragment, (el) => attr(el, 'data-footnote-backref') !== undefined)).toHaveLength(2);
  });

  it('gives a note called twice a preview at each call, each with its own id', async () => {
    const { fragment } = await render('One.[^a] Again.[^a]\n\n[^a]: The note.\n');
    const described = refs(fragment).map((ref) => attr(ref, 'aria-describedby'));
    expect(described).toEqual(['preview-user-content-fnref-a', 'preview-user-content-fnref-a-2']);
    const everyId = ids(fragment);
    expect(new Set(everyId).size).toBe(everyId.length);
  });

  it('gives a note of several paragraphs as phrasing content: a block for each paragraph, its links as text', async () => {
    const { fragment } = await render('Text.[^long]\n\n[^long]: First, with [a link](https://example.org).\n\n    Second, with `code`.\n\n    - and a list\n');
    const preview = byId(fragment, attr(refs(fragment)[0]!, 'aria-describedby')!)!;
    expect(byTag(preview, 'p')).toEqual([]);
    expect(byTag(preview, 'a')).toEqual([]);
    expect(byTag(preview, 'ul')).toEqual([]);
    const blocks = preview.childNodes.filter((node): node is Element => 'tagName' in node);
    expect(blocks.every((block) => block.tagName === 'span' && hasClass(block, 'preview-block'))).toBe(true);
    expect(blocks.map((block) => textOf(block).trim())).toEqual(['First, with a link.', 'Second, with code.', 'and a list']);
    expect(byTag(preview, 'code').map(textOf)).toEqual(['code']);
  });

  it('reads HTML written in a note, whose tags are separate nodes until Astro parses them', async () => {
    const { fragment } = await render('Keys.[^k]\n\n[^k]: Press <kbd>Ctrl</kbd> then <img src="x.png" alt="the X key">.\n');
    const preview = byId(fragment, attr(refs(fragment)[0]!, 'aria-describedby')!)!;
    expect(byTag(preview, 'kbd').map(textOf)).toEqual(['Ctrl']);
    expect(byTag(preview, 'img')).toEqual([]);
    expect(textOf(preview)).toBe('Press Ctrl then the X key.');
  });

  it('gives a reference in a heading no preview: the heading’s text is its table-of-contents entry', async () => {
    const { fragment, headings } = await render('## A heading[^h]\n\nText.[^h]\n\n[^h]: The note.\n');
    const [inHeading, inText] = refs(fragment);
    expect(attr(inHeading!, 'aria-describedby')).toBe('footnote-label');
    expect(attr(inText!, 'aria-describedby')).toBe('preview-user-content-fnref-h-2');
    expect(headings[0]!.text).toBe('A heading1');
  });

  it('leaves a text without footnotes alone', async () => {
    expect((await render('No notes.\n')).html).toBe('<p>No notes.</p>');
  });

  it('keeps the sidenote anchors of rehype-sidenotes, which the stylesheet reads to hide the preview beside its sidenote', async () => {
    const { fragment } = await renderWithPlugins({ rehypePlugins: [rehypeSidenotes, rehypeFootnotePreviews] }, 'One.[^a] Again.[^a]\n\n[^a]: The note.\n');
    expect(refs(fragment).map((ref) => attr(ref, 'style'))).toEqual(['--sidenote-ref: --sidenote-ref-1', undefined]);
    expect(refs(fragment).map((ref) => hasClass(ref.parentNode as Element, 'preview-item'))).toEqual([true, true]);
  });

  it('in the whole pipeline, copies a note’s math as KaTeX and MathML without ids, and a citation in it without its preview', async () => {
    const { fragment } = await renderMarkdown('Text.[^m]\n\n[^m]: As $x^2$ shows [@src], and as @eq-e says.\n\n$$ e = 1 $$ {#eq-e}\n', {
      frontmatter: { title: 'Notes', references: [{ id: 'src', title: 'A Source', url: 'https://example.org/source' }] },
    });
    const preview = byId(fragment, attr(refs(fragment)[0]!, 'aria-describedby')!)!;
    expect(byTag(preview, 'math')).toHaveLength(1);
    expect(all(preview, (el) => attr(el, 'role') === 'tooltip' || attr(el, 'id') !== undefined || attr(el, 'tabindex') !== undefined)).toEqual([]);
    expect(byTag(preview, 'a')).toEqual([]);
    expect(textOf(preview)).toContain('[1]');
    expect(textOf(preview)).toContain('Equation\u00a0(1)');
    const everyId = ids(fragment);
    expect(everyId.filter((id, i) => everyId.indexOf(id) !== i)).toEqual([]);
  });
});
