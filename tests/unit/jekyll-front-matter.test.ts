import { describe, expect, it } from 'vitest';
import { mapFrontMatter, normaliseJekyllDate, renderFrontMatter, splitFrontMatter } from '../../scripts/jekyll/front-matter.ts';
import { postSchema } from '../../src/content.config.ts';
import { readFrontMatter } from '../support/front-matter.ts';

const file = { date: '2023-01-31', name: 'my-post' };
const map = (data: Record<string, unknown>) => mapFrontMatter(data, file);
const messages = (data: Record<string, unknown>) => map(data).warnings.map((warning) => warning.message);

describe('Jekyll front matter', () => {
  it('is split from the body, with dates kept as written', () => {
    const split = splitFrontMatter('---\r\ntitle: Hi\r\ndate: 2023-01-31 10:00:00 +0100\r\n---\r\nBody\r\n');
    expect(split).toEqual({
      data: { title: 'Hi', date: '2023-01-31 10:00:00 +0100' },
      body: 'Body\n',
      hasFrontMatter: true,
      fieldLines: { title: 2, date: 3 },
    });
    expect(splitFrontMatter('No front matter').hasFrontMatter).toBe(false);
    expect(() => splitFrontMatter('---\ntitle: [unclosed\n---\n')).toThrow();
  });

  it('keeps title, date, description', () => {
    expect(map({ title: 'T', date: '2023-02-01 10:00:00 +0100', description: 'D' }).frontMatter).toEqual({
      title: 'T',
      description: 'D',
      date: '2023-02-01 10:00:00 +0100',
    });
  });

  it('takes the date from the file name when front matter has none, or none Quire can read', () => {
    expect(map({ title: 'T' }).frontMatter.date).toBe('2023-01-31');
    const mapped = map({ title: 'T', date: 'last Tuesday' });
    expect(mapped.frontMatter.date).toBe('2023-01-31');
    expect(mapped.warnings).toEqual([{ field: 'date', message: expect.stringContaining('date "last Tuesday" is not a date Quire can read') }]);
  });

  it('reads the dates Jekyll reads, written as Quire’s schema takes them', () => {
    expect(normaliseJekyllDate('2019-04-25 9:00:00')).toBe('2019-04-25 09:00:00');
    expect(normaliseJekyllDate('2017-10-29 00:00:00 -0500')).toBe('2017-10-29 00:00:00 -0500');
    expect(normaliseJekyllDate('2018-3-7 7:05 +8')).toBe('2018-03-07 07:05:00 +0800');
    expect(normaliseJekyllDate('2018-03-07T07:05:00+08:00')).toBe('2018-03-07T07:05:00+08:00');
    expect(normaliseJekyllDate('2018-03-07 07:05:00 UTC')).toBe('2018-03-07 07:05:00 +0000');
    expect(normaliseJekyllDate('2018-02-30')).toBeUndefined();
    expect(map({ title: 'T', date: '2019-04-25 9:00:00' }).frontMatter.date).toBe('2019-04-25 09:00:00');
    const parsed = postSchema.safeParse({ title: 'T', date: normaliseJekyllDate('2019-04-25 9:00:00 +0800') });
    expect(parsed.success).toBe(true);
  });

  it('understands mathjax, usemathjax and math switches', () => {
    expect(map({ title: 'T', mathjax: true }).mathFlag).toBe(true);
    expect(map({ title: 'T', usemathjax: 'false' }).mathFlag).toBe(false);
    expect(map({ title: 'T', math: true }).mathFlag).toBe(true);
    expect(map({ title: 'T' }).mathFlag).toBeUndefined();
    expect(messages({ title: 'T', mathjax: true, usemathjax: true })).toEqual([]);
  });

  it('merges categories and tags into tags, without repeats', () => {
    const mapped = map({ title: 'T', categories: [' Notes', 'Web'], tags: ['web', 'jekyll'] });
    expect(mapped.frontMatter.tags).toEqual(['Notes', 'Web', 'jekyll']);
    expect(mapped.categories).toEqual(['Notes', 'Web']);
    expect(map({ title: 'T', categories: 'ml research', category: 'Deep Learning', tags: 'a b' }).frontMatter.tags).toEqual([
      'Deep Learning',
      'ml',
      'research',
      'a',
      'b',
    ]);
  });

  it('uses excerpt as the description, unless there is one', () => {
    expect(map({ title: 'T', excerpt: 'E' }).frontMatter.description).toBe('E');
    const both = map({ title: 'T', excerpt: 'E', description: 'D' });
    expect(both.frontMatter.description).toBe('D');
    expect(both.warnings).toEqual([{ field: 'excerpt', message: expect.stringContaining('dropped `excerpt`') }]);
  });

  it('drops fields Quire does not know, and layouts other than post, with warnings naming the field', () => {
    const mapped = map({ title: 'T', layout: 'single', comments: true, author: 'jane', image: '/x.png' });
    expect(Object.keys(mapped.frontMatter)).toEqual(['title', 'date']);
    expect(mapped.warnings).toEqual([
      { field: 'layout', message: 'dropped `layout: single`: Quire has one layout for essays, `post`' },
      { field: 'author', message: 'dropped `author`, `image`: not Quire front-matter fields' },
    ]);
    expect(map({ title: 'T', layout: 'post' }).warnings).toEqual([]);
  });

  it('sets theme features (comments, disqus, sharing) apart, to be reported once per site', () => {
    const mapped = map({ title: 'T', comments: true, disqus_identifier: 'x', share: true, author: 'jane' });
    expect(mapped.siteFeatureFields).toEqual(['comments', 'disqus_identifier', 'share']);
    expect(mapped.warnings.map((warning) => warning.message)).toEqual(['dropped `author`: not Quire front-matter fields']);
  });

  it('turns published: false into a draft and last_modified_at into updated', () => {
    expect(map({ title: 'T', published: false, last_modified_at: '2023-03-01' }).frontMatter).toMatchObject({ draft: true, updated: '2023-03-01' });
  });

  it('names an untitled post after its file, as Jekyll does', () => {
    const mapped = map({});
    expect(mapped.frontMatter.title).toBe('My Post');
    expect(mapped.warnings).toEqual([{ message: expect.stringContaining('no title') }]);
  });

  it('reads slug and permalink for the old URL, and keeps them out of Quire’s front matter', () => {
    const mapped = map({ title: 'T', slug: 'Other Name', permalink: '/old/' });
    expect(mapped.jekyllSlug).toBe('Other Name');
    expect(mapped.permalink).toBe('/old/');
    expect(mapped.frontMatter).not.toHaveProperty('slug');
    expect(mapped.warnings).toEqual([]);
  });

  it('keeps the jekyll-redirect-from plugin’s old URLs', () => {
    expect(map({ title: 'T', redirect_from: ['/old/', 'https://elsewhere.example/x'] })).toMatchObject({
      redirectFrom: ['/old/'],
      warnings: [{ field: 'redirect_from', message: 'dropped redirect_from "https://elsewhere.example/x": an old URL must be a path on the site, starting with /' }],
    });
    expect(map({ title: 'T', redirect_from: '/one.html' }).redirectFrom).toEqual(['/one.html']);
  });

  it('writes front matter that Quire’s strict schema accepts', () => {
    const mapped = map({
      layout: 'post',
      title: 'Hello: a "quoted" title',
      date: '2023-01-31 10:00:00 +0100',
      categories: [2023, 'ml'],
      excerpt: 'A long excerpt that goes on and on, well past the width where YAML would fold a line into two or three.',
      comments: true,
      published: false,
      toc: true,
    });
    const yaml = renderFrontMatter({
      ...mapped.frontMatter,
      redirectFrom: ['/ml/2023/01/31/my-post.html'],
      math: false,
      imported: { from: 'jekyll', file: '_posts/2023-01-31-my-post.md' },
    });
    const read = readFrontMatter(`${yaml}\nBody\n`);
    expect(read).toMatchObject({ title: 'Hello: a "quoted" title', date: '2023-01-31 10:00:00 +0100', tags: ['2023', 'ml'] });
    const parsed = postSchema.safeParse(read);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(parsed.data).toMatchObject({
      draft: true,
      redirectFrom: ['/ml/2023/01/31/my-post.html'],
      math: false,
      imported: { from: 'jekyll', file: '_posts/2023-01-31-my-post.md' },
    });
  });
});
