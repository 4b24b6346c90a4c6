import { describe, expect, it } from 'vitest';
import { promotionFor } from '../../src/markdown/plugins/rehype-promote-headings.ts';
import { all, attr } from '../../scripts/audit/html.ts';
import { renderMarkdown } from '../support/render-markdown.ts';

const levels = async (markdown: string) => {
  const { fragment } = await renderMarkdown(markdown);
  return all(fragment, (el) => /^h[1-6]$/.test(el.tagName)).map((el) => `${el.tagName}#${attr(el, 'id')}`);
};

describe('rehype-promote-headings', () => {
  it('moves an essay whose sections are #### up so that they are h2, keeping ids', async () => {
    expect(await levels('#### Setting\n\nText.\n\n##### A detail\n\n#### Results\n')).toEqual(['h2#setting', 'h3#a-detail', 'h2#results']);
  });

  it('leaves an essay that starts at ## (or uses #) as it is', async () => {
    expect(await levels('## One\n\n#### Deep\n')).toEqual(['h2#one', 'h4#deep']);
    expect(await levels('# Top\n\n### Three\n')).toEqual(['h1#top', 'h3#three']);
  });

  it('does not count the Footnotes heading Quire adds', async () => {
    expect(await levels('### Part[^1]\n\n[^1]: A note.\n')).toEqual(['h2#part1', 'h2#footnote-label']);
  });

  it('says how far to move', () => {
    expect(promotionFor([])).toBe(0);
    expect(promotionFor([4, 5, 4])).toBe(2);
    expect(promotionFor([3, 2])).toBe(0);
  });
});
