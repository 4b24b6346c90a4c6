import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import remarkMarkdownAfterInlineHtml from '../../src/markdown/plugins/remark-markdown-after-inline-html.ts';
import { all, attr, byTag, hasClass, textOf } from '../../scripts/audit/html.ts';
import { renderWithPlugins } from '../support/render-plugins.ts';

const render = (markdown: string) => renderWithPlugins({ remarkPlugins: [remarkMath, remarkMarkdownAfterInlineHtml] }, markdown);

describe('remark-markdown-after-inline-html', () => {
  it('gives back the heading, image, formula and code after a `<br/>` line', async () => {
    const { fragment, html } = await render('<br/>\n## A heading\n![A chart](chart.png)\n$$K(x,y)$$\n```py\nx = 1\n```\n');
    expect(byTag(fragment, 'br')).toHaveLength(1);
    expect(byTag(fragment, 'h2').map(textOf)).toEqual(['A heading']);
    expect(byTag(fragment, 'img').map((img) => attr(img, 'src'))).toEqual(['chart.png']);
    expect(all(fragment, (el) => hasClass(el, 'language-math')).map(textOf)).toEqual(['K(x,y)']);
    expect(byTag(fragment, 'pre').map(textOf)).toEqual(['x = 1\n']);
    expect(html).not.toContain('## A heading');
  });

  it('ends an anchor, a closing `</div>` and a whole element where they close', async () => {
    const { fragment } = await render('<a name="intro" />\n**Bold** start.\n\n</div>\nText with *emphasis*.\n\n<div class="figure">\n<img src="a.png">\n</div>\nA caption, *in Markdown*.\n');
    expect(byTag(fragment, 'strong').map(textOf)).toEqual(['Bold']);
    expect(byTag(fragment, 'em').map(textOf)).toEqual(['emphasis', 'in Markdown']);
    expect(byTag(fragment, 'p').map(textOf)).toEqual(['Bold start.', 'Text with emphasis.', 'A caption, in Markdown.']);
  });

  it('leaves text inside an element that is still open, and comments, as HTML', async () => {
    const { fragment } = await render('<div class="note">\nStays *raw*\n</div>\n\n<!--\n## Not a heading\n-->\n');
    expect(byTag(fragment, 'em')).toHaveLength(0);
    expect(byTag(fragment, 'h2')).toHaveLength(0);
    expect(textOf(byTag(fragment, 'div')[0]!)).toContain('Stays *raw*');
  });

  it('works inside block quotes and list items', async () => {
    const { fragment } = await render('> <br/>\n> ## Quoted heading\n\n- <img src="b.png">\n  *item text*\n');
    expect(byTag(byTag(fragment, 'blockquote')[0]!, 'h2').map(textOf)).toEqual(['Quoted heading']);
    expect(byTag(byTag(fragment, 'li')[0]!, 'em').map(textOf)).toEqual(['item text']);
  });

  it('gives the nodes it gives back their positions in the essay', () => {
    const source = 'Intro.\n\n> <br/>\n> ## Heading\n> Some *text*\n';
    const processor = unified().use(remarkParse).use(remarkGfm).use(remarkMath).use(remarkMarkdownAfterInlineHtml);
    const file = new VFile(source);
    const tree = processor.runSync(processor.parse(file), file) as unknown as { children: { children: Node[] }[] };
    type Node = { type: string; position?: { start: { line: number; column: number; offset?: number }; end: { offset?: number } } };
    const quoted = tree.children[1]!.children;
    expect(quoted.map((node) => [node.type, node.position!.start.line, node.position!.start.column, source.slice(node.position!.start.offset, node.position!.end.offset)])).toEqual([
      ['html', 3, 3, '<br/>'],
      ['heading', 4, 3, '## Heading'],
      ['paragraph', 5, 3, 'Some *text*'],
    ]);
  });
});
