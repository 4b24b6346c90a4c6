import { describe, expect, it } from 'vitest';
import { postSchema } from '../../src/content.config.ts';
import { newPostFile } from '../../scripts/new-post/draft.ts';
import { readFrontMatter } from '../support/front-matter.ts';

describe('newPostFile', () => {
  const today = new Date('2026-11-28T15:00:00Z');

  it('writes a draft with valid front matter', () => {
    const post = newPostFile({ title: 'On "Tables" & <Lists>', tags: ['writing', 'design'], mdx: false, today });
    expect(post.fileName).toBe('on-tables-lists.md');
    const data = postSchema.parse(readFrontMatter(post.text));
    expect(data).toMatchObject({ title: 'On "Tables" & <Lists>', tags: ['writing', 'design'], draft: true, description: '' });
    expect(data.date).toEqual(new Date('2026-11-28T00:00:00Z'));
  });

  it('can start an MDX essay', () => {
    expect(newPostFile({ title: 'Hello', tags: [], mdx: true, today }).fileName).toBe('hello.mdx');
  });
});
