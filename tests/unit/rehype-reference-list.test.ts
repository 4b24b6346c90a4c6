import { describe, expect, it } from 'vitest';
import rehypeReferenceList from '../../src/markdown/plugins/rehype-reference-list.ts';
import remarkCitations from '../../src/markdown/plugins/remark-citations.ts';
import { all, attr, byTag, hasClass, textOf } from '../../scripts/audit/html.ts';
import { renderWithPlugins } from '../support/render-plugins.ts';

const references = [
  { id: 'knuth', title: 'Literate Programming', url: 'https://example.org/lp', authors: ['Donald E. Knuth'], publisher: 'The Computer Journal', year: 1984 },
  { id: 'tufte', title: 'Beautiful Evidence?', url: 'https://example.org/be' },
  { id: 'listed', title: 'Listed only', url: 'https://example.org/listed' },
];

const render = (markdown: string, options: Parameters<typeof rehypeReferenceList>[0] = {}) =>
  renderWithPlugins({ remarkPlugins: [remarkCitations], rehypePlugins: [[rehypeReferenceList, options]] }, markdown, { frontmatter: { references } });

describe('rehype-reference-list', () => {
  it('appends a References section: numbered entries, title first and linked, back-links last', async () => {
    const { html } = await render('A [@tufte], B [@knuth], C [@tufte].\n');
    expect(html.slice(html.indexOf('<section'))).toBe(
      '<section class="references"><h2 id="references">References</h2><ol class="reference-list">' +
        '<li id="ref-tufte" class="reference"><cite class="reference-title"><a href="https://example.org/be">Beautiful Evidence?</a></cite> ' +
        '<span class="reference-backlinks"><a href="#cite-tufte-1" class="reference-backlink" aria-label="Back to citation a of reference 1">↩ a</a> ' +
        '<a href="#cite-tufte-2" class="reference-backlink" aria-label="Back to citation b of reference 1">↩ b</a></span></li>' +
        '<li id="ref-knuth" class="reference"><cite class="reference-title"><a href="https://example.org/lp">Literate Programming</a></cite>. ' +
        'Donald E. Knuth. The Computer Journal, 1984. ' +
        '<span class="reference-backlinks"><a href="#cite-knuth-1" class="reference-backlink" aria-label="Back to the citation of reference 2">↩</a></span></li>' +
        '<li id="ref-listed" class="reference"><cite class="reference-title"><a href="https://example.org/listed">Listed only</a></cite>.</li>' +
        '</ol></section>',
    );
  });

  it('back-links point at the markers that cite the entry', async () => {
    const { fragment } = await render('A [@knuth; @tufte] and [@knuth].\n');
    const ids = new Set(all(fragment, (el) => attr(el, 'id') !== undefined).map((el) => attr(el, 'id')));
    for (const backlink of all(fragment, (el) => hasClass(el, 'reference-backlink'))) {
      expect(ids.has(attr(backlink, 'href')!.slice(1))).toBe(true);
    }
  });

  it('takes another heading', async () => {
    const { fragment } = await render('[@knuth]\n', { heading: 'Sources' });
    expect(textOf(byTag(fragment, 'h2')[0]!)).toBe('Sources');
  });

  it('adds nothing when the essay has no references', async () => {
    const { html } = await renderWithPlugins({ remarkPlugins: [remarkCitations], rehypePlugins: [rehypeReferenceList] }, 'Plain.\n');
    expect(html).toBe('<p>Plain.</p>');
  });
});
