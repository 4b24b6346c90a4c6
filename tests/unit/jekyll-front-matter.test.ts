import { describe, expect, it } from 'vitest';
import { mapFrontMatter, renderFrontMatter, splitFrontMatter } from '../../scripts/jekyll/front-matter.ts';
import { postSchema } from '../../src/content.config.ts';
import { readFrontMatter } from '../../src/lib/front-matter.ts';

const file = { date: '2023-01-31', name: 'my-post' };
const map = (data: Record<string, unknown>) => mapFrontMatter(data, file);

describe('Jekyll front matter', () => {
  it('is split from the body, with dates kept as written', () => {
    const split = splitFrontMatter('---\r\ntitle: Hi\r\ndate: 2023-01-31 10:00:00 +0100\r\n---\r\nBody\r\n');
    expect(split).toEqual({ data: { title: 'Hi', date: '2023-01-31 10:00:00 +0100' }, body: 'Body\n', hasFrontMatter: true });
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
    expect(mapped.warnings).toEqual([expect.stringContaining('date "last Tuesday" is not a date Quire can read')]);
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
    expect(both.warnings).toEqual([expect.stringContaining('dropped `excerpt`')]);
  });

  it('drops fields Quire does not know, and layouts other than post, with warnings', () => {
    const mapped = map({ title: 'T', layout: 'single', comments: true, author: 'jane', image: '/x.png' });
    expect(Object.keys(mapped.frontMatter)).toEqual(['title', 'date']);
    expect(mapped.warnings).toEqual([
      'dropped `layout: single`: Quire has one layout for essays, `post`',
      'dropped `comments`, `author`, `image`: not Quire front-matter fields',
    ]);
    expect(map({ title: 'T', layout: 'post' }).warnings).toEqual([]);
  });

  it('turns published: false into a draft and last_modified_at into updated', () => {
    expect(map({ title: 'T', published: false, last_modified_at: '2023-03-01' }).frontMatter).toMatchObject({ draft: true, updated: '2023-03-01' });
  });

  it('names an untitled post after its file, as Jekyll does', () => {
    const mapped = map({});
    expect(mapped.frontMatter.title).toBe('My Post');
    expect(mapped.warnings).toEqual([expect.stringContaining('no title')]);
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
      warnings: ['dropped redirect_from "https://elsewhere.example/x": an old URL must be a path on the site, starting with /'],
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
    const yaml = renderFrontMatter({ ...mapped.frontMatter, redirectFrom: ['/ml/2023/01/31/my-post.html'] });
    const read = readFrontMatter(`${yaml}\nBody\n`);
    expect(read).toMatchObject({ title: 'Hello: a "quoted" title', date: '2023-01-31 10:00:00 +0100', tags: ['2023', 'ml'] });
    const parsed = postSchema.safeParse(read);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(parsed.data).toMatchObject({ draft: true, redirectFrom: ['/ml/2023/01/31/my-post.html'] });
  });
});
