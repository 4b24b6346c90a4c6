import { describe, expect, it } from 'vitest';
import { jekyllPostUrl, permalinkTemplate } from '../../scripts/jekyll/permalinks.ts';

const post = { date: '2023-01-31', slug: 'my-post', categories: [] as string[] };
const urlFor = (permalink: string | undefined, overrides: Partial<typeof post> = {}) =>
  jekyllPostUrl(permalinkTemplate(permalink), { ...post, ...overrides }).url;

describe('old Jekyll URLs', () => {
  it('use Jekyll’s default style, /:categories/:year/:month/:day/:title.html', () => {
    expect(urlFor(undefined)).toBe('/2023/01/31/my-post.html');
    expect(urlFor('date')).toBe('/2023/01/31/my-post.html');
  });

  it('put categories in the path, lowercased, in order, without repeats', () => {
    expect(urlFor(undefined, { categories: ['Notes', 'Web', 'notes'] })).toBe('/notes/web/2023/01/31/my-post.html');
  });

  it('know the built-in styles', () => {
    expect(urlFor('pretty')).toBe('/2023/01/31/my-post/');
    expect(urlFor('none', { categories: ['ml'] })).toBe('/ml/my-post.html');
    expect(urlFor('ordinal')).toBe('/2023/031/my-post.html');
    expect(urlFor('weekdate')).toBe('/2023/W05/Tue/my-post.html');
  });

  it('fill a custom template', () => {
    expect(urlFor('/blog/:year/:title/')).toBe('/blog/2023/my-post/');
    expect(urlFor('/:short_year/:i_month/:i_day/:slug')).toBe('/23/1/31/my-post');
    expect(urlFor('/:long_month/:title:output_ext')).toBe('/January/my-post.html');
    expect(urlFor(':categories/:title', { categories: ['a'] })).toBe('/a/my-post');
  });

  it('take the date as written, time and zone included, not converted to UTC', () => {
    expect(urlFor('/:year/:month/:day/:hour:minute/:title/', { date: '2023-01-31 23:30:00 -0500' })).toBe('/2023/01/31/2330/my-post/');
  });

  it('keep the case of :title and lowercase :slug, as Jekyll does', () => {
    expect(urlFor('/:title/', { slug: 'My Post' })).toBe('/My-Post/');
    expect(urlFor('/:slug/', { slug: 'My Post' })).toBe('/my-post/');
  });

  it('report placeholders Jekyll does not know', () => {
    expect(jekyllPostUrl('/:year/:nonsense/:title/', post)).toEqual({ url: '/2023/:nonsense/my-post/', unknownPlaceholders: [':nonsense'] });
  });

  it('ISO weeks: the first days of January can belong to the year before', () => {
    expect(urlFor('/:year/W:week/:short_day/:title/', { date: '2021-01-01' })).toBe('/2021/W53/Fri/my-post/');
  });
});
