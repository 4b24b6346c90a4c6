import type { Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import remarkMarkdownAfterInlineHtml from '../../src/markdown/plugins/remark-markdown-after-inline-html.ts';
import remarkMarkdownInHtmlBlocks from '../../src/markdown/plugins/remark-markdown-in-html-blocks.ts';
import { all, attr, byTag, textOf } from '../../scripts/audit/html.ts';
import { renderWithPlugins } from '../support/render-plugins.ts';

const render = (markdown: string) => renderWithPlugins({ remarkPlugins: [remarkMarkdownInHtmlBlocks, remarkMarkdownAfterInlineHtml] }, markdown);
const withMarkdownAttribute = (fragment: Parameters<typeof all>[0]) => all(fragment, (el) => attr(el, 'markdown') !== undefined);

describe('remark-markdown-in-html-blocks', () => {
  it('reads the content of a `markdown="1"` block as Markdown and drops the attribute', async () => {
    const { fragment } = await render('<div class="figure" markdown="1">\n  <img src="a.png"/>\n  A caption with *emphasis* and a [link](/x/).\n</div>\n\nAfter.\n');
    const [figure] = byTag(fragment, 'div');
    expect(attr(figure!, 'class')).toBe('figure');
    expect(withMarkdownAttribute(fragment)).toHaveLength(0);
    expect(byTag(figure!, 'img')).toHaveLength(1);
    expect(byTag(figure!, 'em').map(textOf)).toEqual(['emphasis']);
    expect(byTag(figure!, 'a').map((a) => attr(a, 'href'))).toEqual(['/x/']);
    expect(byTag(fragment, 'p').map(textOf).at(-1)).toBe('After.');
  });

  it('drops the attribute when a blank line already made the content Markdown', async () => {
    const { fragment } = await render('<div class="cite" markdown="1">\n\n**Cite as**\n\n</div>\n');
    expect(withMarkdownAttribute(fragment)).toHaveLength(0);
    expect(byTag(byTag(fragment, 'div')[0]!, 'strong').map(textOf)).toEqual(['Cite as']);
  });

  it('leaves `markdown="0"` content as HTML, without the attribute', async () => {
    const { fragment } = await render('<div class="img" markdown="0">\n  <img src="a.png"/>\n  Raw *text*\n</div>\n');
    expect(withMarkdownAttribute(fragment)).toHaveLength(0);
    expect(byTag(fragment, 'em')).toHaveLength(0);
  });

  it('gives the content and the closing tag their positions in the essay', () => {
    const source = '<div markdown="1">\n*a*\n</div>\n';
    const processor = unified().use(remarkParse).use(remarkMarkdownInHtmlBlocks);
    const file = new VFile(source);
    const tree = processor.runSync(processor.parse(file), file) as Root;
    expect(tree.children.map((node) => [node.type, source.slice(node.position!.start.offset, node.position!.end.offset)])).toEqual([
      ['html', '<div markdown="1">'],
      ['paragraph', '*a*'],
      ['html', '</div>'],
    ]);
  });
});
