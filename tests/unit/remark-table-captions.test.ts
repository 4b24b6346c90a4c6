import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import rehypeTableCaptions from '../../src/markdown/plugins/rehype-table-captions.ts';
import remarkTableCaptions from '../../src/markdown/plugins/remark-table-captions.ts';
import { renderWithPlugins } from '../support/render-plugins.ts';

const table = '| a | b |\n|---|---|\n| 1 | 2 |';
/** The table's HTML, with its caption inside (where rehype-table-captions moves it). */
const tableHtml = (attributes = '', caption = '') => `<table${attributes}>${caption && `<caption>${caption}</caption>`}\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>`;

async function render(markdown: string) {
  const messages: string[] = [];
  const labels: unknown[] = [];
  const inspect = () => (tree: Root, file: VFile) => {
    for (const node of tree.children) if (node.data?.label) labels.push(node.data.label);
    messages.push(...file.messages.map((m) => `${m.line}:${m.column} ${m.reason}`));
  };
  // This plugin leaves the caption just before its table; rehype-table-captions moves it in.
  const result = await renderWithPlugins({ remarkPlugins: [remarkTableCaptions, inspect], rehypePlugins: [rehypeTableCaptions] }, markdown);
  return { ...result, messages, labels };
}

describe('remark-table-captions', () => {
  it('makes `: Caption {#tbl-x}` after a table its caption, and labels the table', async () => {
    const { html, labels } = await render(`${table}\n\n: Accuracy by *model* {#tbl-accuracy}\n`);
    expect(html).toBe(tableHtml(' id="tbl-accuracy"', 'Accuracy by <em>model</em>'));
    expect(labels).toEqual([{ id: 'tbl-accuracy', written: '{#tbl-accuracy}', place: { line: 5, column: 23 } }]);
  });

  it('takes a caption line before the table, and `Table:` as Pandoc does', async () => {
    expect((await render(`Table: Before it {#tbl-b}\n\n${table}\n`)).html).toBe(tableHtml(' id="tbl-b"', 'Before it'));
  });

  it('takes a caption GFM read as the table’s last row', async () => {
    const { html, labels } = await render(`${table}\n: No blank line {#tbl-c}\n`);
    expect(html).toBe(tableHtml(' id="tbl-c"', 'No blank line'));
    expect(labels).toMatchObject([{ id: 'tbl-c', place: { line: 4, column: 17 } }]);
  });

  it('captions a table without a label, unnumbered', async () => {
    const { html, labels } = await render(`${table}\n\n: Just a caption\n`);
    expect(html).toBe(tableHtml('', 'Just a caption'));
    expect(labels).toEqual([]);
  });

  it('leaves paragraphs that are no caption, or not beside a table, alone', async () => {
    const markdown = `${table}\n\nA paragraph: not a caption.\n\n: far from any table {#tbl-x}\n`;
    expect((await render(markdown)).html).toBe(`${tableHtml()}\n<p>A paragraph: not a caption.</p>\n<p>: far from any table {#tbl-x}</p>`);
  });

  it('gives each of two tables its own caption', async () => {
    const { html } = await render(`${table}\n\n: First {#tbl-1}\n\n${table}\n\n: Second {#tbl-2}\n`);
    expect(html).toBe(`${tableHtml(' id="tbl-1"', 'First')}\n${tableHtml(' id="tbl-2"', 'Second')}`);
  });

  it('warns about attributes it does not use', async () => {
    expect((await render(`${table}\n\n: C {#tbl-c .striped}\n`)).messages).toEqual(['5:5 .striped in {#tbl-c .striped} is ignored: Quire reads only the #label there']);
  });
});
