import { parseFragment } from 'parse5';
import { describe, expect, it } from 'vitest';
import { slugOfEssayLink, withEssayLinkPreviews, type LinkedEssay } from '../../src/collection/essay-link-previews.ts';
import { linkedEssays, linkedEssaySlugs } from '../../src/essays/essay-links.ts';
import { all, attr, hasClass, textOf, type Element } from '../../scripts/audit/html.ts';

const ESSAYS: LinkedEssay[] = [
  { slug: 'margins', title: 'Why margins matter', description: 'Where a book keeps its asides.' },
  { slug: 'history', title: 'A history of notes' },
];
const previewed = (html: string, options = { base: '/', self: 'this-essay' }) =>
  parseFragment(withEssayLinkPreviews(html, ESSAYS, options)) as unknown as Element;
const byId = (root: Element, id: string) => all(root, (el) => attr(el, 'id') === id)[0];
const describedLinks = (root: Element) => all(root, (el) => el.tagName === 'a' && attr(el, 'aria-describedby') !== undefined);

describe('withEssayLinkPreviews', () => {
  it('describes a link to another essay by a tooltip of its title and description, the two in one .preview-item', () => {
    const html = withEssayLinkPreviews('<p>See <a href="/posts/margins/">this essay</a>.</p>', ESSAYS, { base: '/', self: 'this-essay' });
    expect(html).toBe(
      '<p>See <span class="preview-item"><a href="/posts/margins/" aria-describedby="preview-essay-margins">this essay</a>' +
        '<span class="preview essay-preview" role="tooltip" id="preview-essay-margins" data-pagefind-ignore="">' +
        '<span class="preview-title">Why margins matter</span> <span class="preview-description">Where a book keeps its asides.</span></span></span>.</p>',
    );
  });

  it('knows the link with the base path or without, with a #fragment or a query, and with or without its last slash', () => {
    const root = previewed(
      '<p><a href="/blog/posts/margins/#asides">a</a> <a href="/posts/history">b</a> <a href="/blog/posts/history/?x=1">c</a></p>',
      { base: '/blog/', self: 'this-essay' },
    );
    const links = describedLinks(root);
    expect(links.map((a) => textOf(a))).toEqual(['a', 'b', 'c']);
    expect(links.map((a) => textOf(byId(root, attr(a, 'aria-describedby')!)!))).toEqual([
      'Why margins matter Where a book keeps its asides.',
      'A history of notes',
      'A history of notes',
    ]);
    // Two links to one essay: two previews, each with its own id.
    expect(links.map((a) => attr(a, 'aria-describedby'))).toEqual(['preview-essay-margins', 'preview-essay-history', 'preview-essay-history-2']);
  });

  it('leaves every other link alone: other sites, other pages, essays it was not given, the essay itself, headings', () => {
    const html = [
      '<p><a href="https://example.org/posts/margins/">other site</a>',
      '<a href="//example.org/posts/margins/">other host</a>',
      '<a href="/tags/margins/">a tag</a>',
      '<a href="/posts/unknown/">an unknown essay</a>',
      '<a href="/posts/this-essay/#part">itself</a>',
      '<a href="#margins">a fragment</a>',
      '<a href="/posts/margins/extra/">a file beside it</a></p>',
      '<h2 id="x"><a href="/posts/margins/">in a heading</a></h2>',
    ].join('\n');
    expect(withEssayLinkPreviews(html, ESSAYS, { base: '/', self: 'this-essay' })).toBe(html);
  });

  it('leaves a link holding more than phrasing content alone: it may not stand in a <span>', () => {
    const html = '<a href="/posts/margins/"><div>A block</div></a>';
    expect(withEssayLinkPreviews(html, ESSAYS, { base: '/', self: 'this-essay' })).toBe(html);
    // A formula or an image is phrasing content.
    const root = previewed('<p><a href="/posts/margins/"><span class="katex"><math><mi>x</mi></math></span> and <img src="m.png" alt="m"></a></p>');
    expect(describedLinks(root)).toHaveLength(1);
  });

  it('chooses ids the page does not have yet', () => {
    const root = previewed('<p id="preview-essay-margins"><a href="/posts/margins/">a</a></p>');
    expect(attr(describedLinks(root)[0]!, 'aria-describedby')).toBe('preview-essay-margins-2');
  });

  it('returns the HTML as it came when there is nothing to preview', () => {
    const html = '<p>Text &amp; <math><mi>x</mi></math></p>';
    expect(withEssayLinkPreviews(html, [], { base: '/', self: 'x' })).toBe(html);
    expect(withEssayLinkPreviews(html, ESSAYS, { base: '/', self: 'x' })).toBe(html);
  });

  it('keeps the rest of the HTML: math, scripts, other previews', () => {
    const html =
      '<p><a href="/posts/margins/">m</a> <span class="citation-item"><a class="citation-ref" href="#ref-a" aria-describedby="c">1</a><span class="citation-preview" role="tooltip" id="c">A.</span></span> <math><mi>x</mi></math></p><script type="module">if (a < b) go();</script>';
    const root = parseFragment(withEssayLinkPreviews(html, ESSAYS, { base: '/', self: 'x' })) as unknown as Element;
    expect(describedLinks(root).map((a) => attr(a, 'aria-describedby'))).toEqual(['preview-essay-margins', 'c']);
    expect(all(root, (el) => el.tagName === 'math')).toHaveLength(1);
    expect(textOf(all(root, (el) => el.tagName === 'script')[0]!)).toBe('if (a < b) go();');
    expect(all(root, (el) => hasClass(el, 'preview-item'))).toHaveLength(1);
  });
});

describe('slugOfEssayLink', () => {
  it('is the slug of an essay’s address, decoded, with or without the base path', () => {
    expect(slugOfEssayLink('/posts/caf%C3%A9/', '/')).toBe('café');
    expect(slugOfEssayLink('/blog/posts/x/#y', '/blog/')).toBe('x');
    expect(slugOfEssayLink(' /posts/x/ ', '/')).toBe('x');
    expect(slugOfEssayLink('posts/x/', '/')).toBeUndefined();
    expect(slugOfEssayLink('/posts/', '/')).toBeUndefined();
    expect(slugOfEssayLink('/posts/x/cite.json', '/')).toBeUndefined();
  });
});

describe('linkedEssaySlugs', () => {
  it('lists the slugs a source names as /posts/<slug>, once each, in the order first written', () => {
    const source = [
      'See [one](/posts/one/) and [two](/blog/posts/two/#part), [one again](/posts/one).',
      '',
      '[ref]: /posts/three/?x=1',
      '<a href="/posts/four/">HTML</a> and <Card href="/posts/five/" />, `/posts/caf%C3%A9/`.',
    ].join('\n');
    expect(linkedEssaySlugs(source)).toEqual(['one', 'two', 'three', 'four', 'five', 'café']);
    expect(linkedEssaySlugs('No links, not even to /posts/.')).toEqual([]);
  });
});

describe('linkedEssays', () => {
  const essay = (id: string, essayLinks?: string[]) => ({ id, data: { essayLinks } });
  it('are the published essays the source names, itself and unpublished ones left out', () => {
    const a = essay('a', ['b', 'a', 'draft', 'c']);
    const b = essay('b');
    const c = essay('c');
    const published = new Map([a, b, c].map((post) => [post.id, post]));
    expect(linkedEssays(a, published)).toEqual([b, c]);
    expect(linkedEssays(b, published)).toEqual([]);
  });
});
