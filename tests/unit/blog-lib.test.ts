import { describe, expect, it } from 'vitest';
import { absolutizeUrls } from '../../src/feeds/absolute-urls.ts';
import { groupByYear } from '../../src/essays/listings.ts';
import { blogPostingJsonLd, serializeJsonForScript } from '../../src/site/json-ld.ts';
import { neighbours } from '../../src/essays/essay.ts';
import { pageSitePath, paginate } from '../../src/essays/listings.ts';
import { collectTags, postsTagged } from '../../src/essays/tags.ts';

const tagged = (id: string, ...tags: string[]) => ({ id, data: { tags } });

describe('tags', () => {
  it('counts each tag once per post and merges spellings that share a slug', () => {
    const posts = [tagged('a', 'ML', 'Writing'), tagged('b', 'ml'), tagged('c', 'writing', 'Writing')];
    expect(collectTags(posts)).toEqual([
      { name: 'ML', slug: 'ml', count: 2 },
      { name: 'Writing', slug: 'writing', count: 2 },
    ]);
    expect(postsTagged(posts, 'writing').map((p) => p.id)).toEqual(['a', 'c']);
  });
});

describe('groupByYear', () => {
  it('groups a newest-first list by year, undated last', () => {
    const post = (id: string, date?: string) => ({ id, data: { date: date ? new Date(date) : undefined } });
    const groups = groupByYear([post('a', '2024-05-01'), post('b', '2024-01-01'), post('c', '2022-12-31'), post('d')]);
    expect(groups.map((g) => [g.year, g.posts.map((p) => p.id)])).toEqual([
      [2024, ['a', 'b']],
      [2022, ['c']],
      [undefined, ['d']],
    ]);
  });
});

describe('paginate', () => {
  it('makes pages of ten, the first being the home page', () => {
    const pages = paginate(Array.from({ length: 23 }, (_, i) => i));
    expect(pages.map((p) => p.items.length)).toEqual([10, 10, 3]);
    expect(pages.map((p) => p.total)).toEqual([3, 3, 3]);
    expect([1, 2, 3].map(pageSitePath)).toEqual(['/', '/page/2/', '/page/3/']);
    expect(paginate([])).toEqual([{ number: 1, total: 1, items: [] }]);
  });
});

describe('neighbours', () => {
  it('finds the newer and older essay', () => {
    const posts = [{ id: 'new' }, { id: 'mid' }, { id: 'old' }];
    expect(neighbours(posts, posts[1]!)).toEqual({ newer: { id: 'new' }, older: { id: 'old' } });
    expect(neighbours(posts, posts[0]!)).toEqual({ newer: undefined, older: { id: 'mid' } });
  });
});

describe('JSON-LD', () => {
  it('describes an essay as a BlogPosting', () => {
    const data = blogPostingJsonLd({
      title: 'T',
      description: 'D',
      url: 'https://x.example/posts/t/',
      date: new Date('2023-01-02T00:00:00Z'),
      authors: [{ name: 'A' }],
      siteName: 'S',
      tags: ['ml'],
    });
    expect(data).toMatchObject({
      '@type': 'BlogPosting',
      headline: 'T',
      datePublished: '2023-01-02T00:00:00.000Z',
      dateModified: '2023-01-02T00:00:00.000Z',
      author: { '@type': 'Person', name: 'A' },
    });
  });

  it('lists several authors as people, with what is known of each', () => {
    const data = blogPostingJsonLd({
      title: 'T',
      url: 'https://x.example/posts/t/',
      authors: [{ name: 'Ada Lovelace', url: 'https://ada.example/', affiliation: 'University of London', orcid: '0000-0002-1825-0097' }, { name: 'Alan Turing' }],
      siteName: 'S',
      tags: [],
    });
    expect(data.author).toEqual([
      { '@type': 'Person', name: 'Ada Lovelace', url: 'https://ada.example/', affiliation: { '@type': 'Organization', name: 'University of London' }, sameAs: 'https://orcid.org/0000-0002-1825-0097' },
      { '@type': 'Person', name: 'Alan Turing' },
    ]);
  });

  it('can never close its script element', () => {
    const json = serializeJsonForScript({ headline: '</script><script>alert(1)</script> & <!--' });
    expect(json).not.toMatch(/[<>&]/);
    expect(JSON.parse(json)).toEqual({ headline: '</script><script>alert(1)</script> & <!--' });
  });
});

describe('absolutizeUrls', () => {
  it('makes links and images absolute against the page', () => {
    const html = '<p><a href="/posts/b/">b</a> <a href="#notes">n</a> <a href="https://e.example/">e</a><img src="../img/x.png" srcset="/a.png 1x, /b.png 2x" alt=""></p>';
    expect(absolutizeUrls(html, 'https://x.example/blog/posts/a/')).toBe(
      '<p><a href="https://x.example/posts/b/">b</a> <a href="https://x.example/blog/posts/a/#notes">n</a> <a href="https://e.example/">e</a><img src="https://x.example/blog/posts/img/x.png" srcset="https://x.example/a.png 1x, https://x.example/b.png 2x" alt=""></p>',
    );
  });
});
