import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { attachPreview, idsIn, previewContent, previewElement, uniqueId } from '../../src/essays/previews.ts';

/** What previewContent makes of some HTML, as HTML. */
const preview = (html: string) => toHtml({ type: 'root', children: previewContent(fromHtml(html, { fragment: true }).children) });

describe('previewContent', () => {
  it('keeps phrasing content, its classes and styles, and turns blocks into spans set as blocks', () => {
    expect(preview('<p>One <em class="x" style="color: red">two</em>.</p>\n<p>Three <code>4</code>.</p>')).toBe(
      '<span class="preview-block">One <em class="x" style="color: red">two</em>.</span>\n<span class="preview-block">Three <code>4</code>.</span>',
    );
  });

  it('puts a space between blocks that touch, so a screen reader does not run them together', () => {
    expect(preview('<p>One.</p><p>Two.</p>')).toBe('<span class="preview-block">One.</span> <span class="preview-block">Two.</span>');
  });

  it('gives nothing a reader could focus or that would repeat an id: links give their text, images their alt text', () => {
    expect(preview('<p id="p">A <a href="/x" id="l">link</a>, <img src="x.png" alt="an image">, <button>no</button>, <span tabindex="0" role="note" aria-label="n">a span</span>.</p>')).toBe(
      '<span class="preview-block">A link, an image, , a span.</span>',
    );
  });

  it('leaves out previews inside (a citation’s, a note’s) and a footnote’s back-links, and unwraps their items', () => {
    expect(
      preview(
        '<p>As shown<span class="citation">[<span class="citation-item"><a class="citation-ref" href="#r" aria-describedby="c">1</a><span class="citation-preview" role="tooltip" id="c">A source.</span></span>]</span> here. <a href="#back" data-footnote-backref="">↩</a></p>',
      ),
    ).toBe('<span class="preview-block">As shown<span class="citation">[1]</span> here.</span>');
  });

  it('keeps MathML and SVG whole, without their ids, and KaTeX’s display box as a block without its tab stop', () => {
    expect(
      preview('<span class="katex-display" tabindex="0" role="group" aria-label="Equation"><math id="m"><mi>x</mi></math><svg aria-hidden="true"><g id="g"></g></svg></span>'),
    ).toBe('<span class="preview-block"><math><mi>x</mi></math><svg aria-hidden="true"><g></g></svg></span>');
  });

  it('reads MDX’s elements for their content, and leaves out expressions, whose value is known only when the essay runs', () => {
    const nodes = [
      { type: 'mdxJsxTextElement', name: 'abbr', attributes: [], children: [{ type: 'text', value: 'HTML' }] },
      { type: 'text', value: ' and ' },
      { type: 'mdxTextExpression', value: 'n' },
      { type: 'mdxJsxFlowElement', name: 'Aside', attributes: [], children: [{ type: 'text', value: 'an aside' }] },
    ] as unknown as ElementContent[];
    expect(toHtml({ type: 'root', children: previewContent(nodes) })).toBe('HTML and <span class="preview-block">an aside</span>');
  });

  it('reads HTML kept as written (raw), its tags together with what is between them', () => {
    const nodes = [
      { type: 'raw', value: '<kbd>' },
      { type: 'text', value: 'Ctrl' },
      { type: 'raw', value: '</kbd>' },
    ] as unknown as ElementContent[];
    expect(toHtml({ type: 'root', children: previewContent(nodes) })).toBe('<kbd>Ctrl</kbd>');
  });
});

describe('attachPreview', () => {
  const link = (): Element => ({ type: 'element', tagName: 'a', properties: { href: '#x' }, children: [{ type: 'text', value: 'x' }] });
  const tooltip = previewElement('cross-reference', 'preview-x-1', [{ type: 'text', value: 'X' }]);

  it('wraps the link and its preview in a .preview-item, the link described by the preview', () => {
    const tree: Root = { type: 'root', children: [link()] };
    attachPreview(tree, 0, tooltip);
    expect(toHtml(tree)).toBe(
      '<span class="preview-item"><a href="#x" aria-describedby="preview-x-1">x</a><span class="preview cross-reference-preview" role="tooltip" id="preview-x-1" data-pagefind-ignore="">X</span></span>',
    );
  });

  it('or makes the link’s parent the item', () => {
    const sup: Element = { type: 'element', tagName: 'sup', properties: {}, children: [link()] };
    attachPreview(sup, 0, tooltip, { inParent: true });
    expect(toHtml(sup)).toMatch(/^<sup class="preview-item"><a href="#x" aria-describedby="preview-x-1">x<\/a><span class="preview cross-reference-preview"/);
  });
});

describe('uniqueId', () => {
  it('is the id wanted, or the first of id-2, id-3… that no element has, and is taken from then on', () => {
    const taken = idsIn(fromHtml('<p id="a"><span id="a-2"></span></p>', { fragment: true }));
    expect([...taken]).toEqual(['a', 'a-2']);
    expect(uniqueId('a', taken)).toBe('a-3');
    expect(uniqueId('a', taken)).toBe('a-4');
    expect(uniqueId('b', taken)).toBe('b');
  });
});
