import { describe, expect, it } from 'vitest';
import { KNOWN_FIELDS, POST_LAYOUTS, postSchema } from '../../src/content.config.ts';
import { formatSchemaIssues } from '../../src/diagnostics.ts';
import { readFrontMatter } from '../support/front-matter.ts';

/** What an author would read for this front matter, or [] when it is valid. */
function errorsFor(frontMatter: Record<string, unknown>): string[] {
  const result = postSchema.safeParse(frontMatter);
  return result.success ? [] : formatSchemaIssues('content/posts/x.md', result.error.issues);
}

describe('post schema', () => {
  it('accepts the seed essay’s Jekyll front matter as it is', () => {
    const data = postSchema.parse(readFrontMatter('---\nlayout: post\ntitle: Machine Learning in Research vs Production\n\n---\n'));
    expect(data).toEqual({
      layout: 'post',
      title: 'Machine Learning in Research vs Production',
      tags: [],
      draft: false,
      toc: 'auto',
      references: [],
      math: true,
    });
  });

  it('reads every documented field', () => {
    const data = postSchema.parse({
      title: 'T',
      description: 'D',
      date: '2023-01-31',
      updated: '2023-02-01 10:00',
      tags: ['ml', 'essays'],
      draft: true,
      toc: { minDepth: 2, maxDepth: 4 },
      layout: 'post',
      slug: 'my-essay',
    });
    expect(data.date).toEqual(new Date('2023-01-31T00:00:00Z'));
    expect(data.updated).toEqual(new Date('2023-02-01T10:00:00Z'));
    expect(data.toc).toEqual({ minDepth: 2, maxDepth: 4 });
    expect(postSchema.parse({ title: 'T', toc: false }).toc).toBe(false);
  });

  it.each([
    [{}, 'content/posts/x.md: title: is required (the essay’s title)'],
    [{ title: '   ' }, 'content/posts/x.md: title: must not be empty'],
    [{ title: 42 }, 'content/posts/x.md: title: must be text'],
    [{ title: 'T', date: '2023-02-30' }, 'content/posts/x.md: date: "2023-02-30" is not a real date'],
    [{ title: 'T', date: 'last tuesday' }, 'content/posts/x.md: date: "last tuesday" is not a date (expected YYYY-MM-DD, optionally with a time)'],
    [{ title: 'T', updated: 20230101 }, 'content/posts/x.md: updated: 20230101 is not a date (expected YYYY-MM-DD)'],
    [{ title: 'T', draft: 'yes' }, 'content/posts/x.md: draft: "yes" is not true or false'],
    [{ title: 'T', tags: 'ml, essays' }, 'content/posts/x.md: tags: must be a list of text, like [essays, ml]'],
    [{ title: 'T', tags: ['ok', 3] }, 'content/posts/x.md: tags.1: each tag must be text'],
    [{ title: 'T', layout: 'poster' }, 'content/posts/x.md: layout: "poster" is not a layout (accepted: post)'],
    [{ title: 'T', toc: 'yes' }, 'content/posts/x.md: toc: must be true, false or { minDepth, maxDepth } (heading levels 1–6)'],
    [{ title: 'T', slug: 'Not A Slug' }, 'content/posts/x.md: slug: must be lowercase words joined by single hyphens, like my-essay'],
  ])('explains %j as "%s"', (frontMatter, message) => {
    expect(errorsFor(frontMatter)).toEqual([message]);
  });

  it('names unknown fields instead of dropping them silently', () => {
    expect(errorsFor({ title: 'T', tittle: 'typo' })).toEqual([
      `content/posts/x.md: unknown field "tittle" (known fields: ${KNOWN_FIELDS.join(', ')})`,
    ]);
  });

  it('reports every problem at once', () => {
    expect(errorsFor({ draft: 'no', layout: 'page' })).toHaveLength(3);
  });

  it('lists the layouts that exist', () => {
    expect(POST_LAYOUTS).toEqual(['post']);
  });
});

describe('readFrontMatter', () => {
  it('keeps dates as the author typed them, so impossible ones can be caught', () => {
    expect(readFrontMatter('---\ntitle: T\ndate: 2023-02-30\n---\nbody')).toEqual({ title: 'T', date: '2023-02-30' });
  });

  it('reads a file with no front matter as empty', () => {
    expect(readFrontMatter('just text')).toEqual({});
  });
});
