import { describe, expect, it } from 'vitest';
import rehypeTableCaptions from '../../src/markdown/plugins/rehype-table-captions.ts';
import rehypeTableScrollRegion from '../../src/markdown/plugins/rehype-table-scroll-region.ts';
import remarkTableCaptions from '../../src/markdown/plugins/remark-table-captions.ts';
import { attr, byTag } from '../../scripts/audit/html.ts';
import { renderWithPlugins } from '../support/render-plugins.ts';

const table = '| a | b |\n|---|---|\n| 1 | 2 |';

describe('rehype-table-captions', () => {
  it('moves the caption before a table into it, as its first child', async () => {
    const { html } = await renderWithPlugins({ remarkPlugins: [remarkTableCaptions], rehypePlugins: [rehypeTableCaptions] }, `${table}\n\n: Results {#tbl-r}\n`);
    expect(html).toMatch(/^<table id="tbl-r"><caption>Results<\/caption>\n<thead>/);
    expect(html).not.toMatch(/<\/table>[\s\S]*<caption>/);
  });

  it('lets the scroll region be named by the caption', async () => {
    const { fragment } = await renderWithPlugins(
      { remarkPlugins: [remarkTableCaptions], rehypePlugins: [rehypeTableCaptions, rehypeTableScrollRegion] },
      `${table}\n\n: Results by model\n`,
    );
    expect(attr(byTag(fragment, 'div')[0]!, 'aria-label')).toBe('Results by model');
  });

  it('leaves a caption already inside a table, and tables without one, alone', async () => {
    const { html } = await renderWithPlugins({ rehypePlugins: [rehypeTableCaptions] }, `<table><caption>Kept</caption><tr><td>1</td></tr></table>\n\n${table}\n`);
    expect(html).toContain('<table><caption>Kept</caption>');
    expect(html).toContain('<table>\n<thead>');
  });
});
