import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { parseFragment } from 'parse5';
import { describe, expect, it } from 'vitest';
import { removePreviews } from '../../src/feeds/without-previews.ts';
import { all, attr, textOf, type Element } from '../../scripts/audit/html.ts';
import { renderMarkdown } from '../support/render-markdown.ts';

/** An essay's HTML as a feed carries it: what src/feeds/feed-items.ts does besides making links absolute. */
const forFeed = (html: string) => {
  const tree = fromHtml(html, { fragment: true });
  removePreviews(tree);
  return toHtml(tree);
};

describe('removePreviews (feeds)', () => {
  it('takes out every preview of an essay, citations’ included, and the descriptions that named them; the links stay', async () => {
    const { html } = await renderMarkdown(
      'As @fig-x shows [@src], margins matter.[^n]\n\n![A chart](https://example.org/x.png){#fig-x}\n\n[^n]: A note, once.\n',
      { frontmatter: { title: 'Feeds', references: [{ id: 'src', title: 'A Source', url: 'https://example.org/source' }] } },
    );
    // Rendered, the essay's previews repeat the note, the caption and the source in the sentence.
    expect(all(parseFragment(html) as unknown as Element, (el) => attr(el, 'role') === 'tooltip')).toHaveLength(3);
    const feed = parseFragment(forFeed(html)) as unknown as Element;
    expect(all(feed, (el) => attr(el, 'role') === 'tooltip' || attr(el, 'aria-describedby') !== undefined)).toEqual([]);
    const [paragraph] = all(feed, (el) => el.tagName === 'p');
    expect(textOf(paragraph!).replace(/\u00a0/g, ' ')).toBe('As Figure 1 shows [1], margins matter.1');
    expect(all(feed, (el) => el.tagName === 'a').map((a) => attr(a, 'href'))).toEqual(
      expect.arrayContaining(['#fig-x', '#ref-src', '#user-content-fn-n', 'https://example.org/source']),
    );
    expect(textOf(feed).split('A note, once.')).toHaveLength(2);
  });

  it('keeps what is not a preview: an author’s own tooltip-less spans and other descriptions', () => {
    const html = '<p><a href="#a" aria-describedby="hint">a</a><span id="hint">A hint.</span> <span class="preview-block">kept</span></p>';
    expect(forFeed(html)).toBe(html);
  });
});
