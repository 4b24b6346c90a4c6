import { describe, expect, it } from 'vitest';
import { essayPageCacheKey } from '../../src/site/page-cache-keys.ts';
import type { Post } from '../../src/essays/essay.ts';

const post = (id: string, overrides: Partial<Post['data']> = {}, rest: Partial<Post> = {}) =>
  ({
    id,
    collection: 'posts',
    digest: `digest-${id}`,
    data: { title: `Title ${id}`, date: new Date('2023-01-01'), tags: ['ml'], draft: false, toc: { minDepth: 2, maxDepth: 3 }, layout: 'post', ...overrides },
    rendered: { html: '', metadata: { headings: [], imagePaths: [], storedAt: `/cache/${id}.json` } },
    ...rest,
  }) as unknown as Post;

describe('essayPageCacheKey', () => {
  const a = post('a');
  const key = essayPageCacheKey(a, { newer: post('n'), older: post('o') });

  it('is the same for the same essay and neighbours', () => {
    expect(essayPageCacheKey(post('a'), { newer: post('n'), older: post('o') })).toBe(key);
  });

  it('changes with anything the essay page shows', () => {
    const variants = [
      essayPageCacheKey(post('a', { title: 'Renamed' }), { newer: post('n'), older: post('o') }),
      essayPageCacheKey(post('a', { tags: ['ml', 'new'] }), { newer: post('n'), older: post('o') }),
      essayPageCacheKey(post('a', { date: new Date('2023-01-02') }), { newer: post('n'), older: post('o') }),
      essayPageCacheKey(post('a', {}, { digest: 'edited' }), { newer: post('n'), older: post('o') }),
      // The same text rendered by a changed pipeline is stored under another key.
      essayPageCacheKey(post('a', {}, { rendered: { html: '', metadata: { headings: [], imagePaths: [], storedAt: '/cache/other.json' } } }), { newer: post('n'), older: post('o') }),
      essayPageCacheKey(a, { newer: post('n', { title: 'Neighbour renamed' }), older: post('o') }),
      essayPageCacheKey(a, { newer: post('m'), older: post('o') }),
      essayPageCacheKey(a, { newer: post('n') }),
    ];
    expect(new Set([key, ...variants]).size).toBe(variants.length + 1);
  });

  it('changes with the title or description of an essay it links to, whose preview shows them', () => {
    const linked = essayPageCacheKey(a, { newer: post('n'), older: post('o'), linked: [post('l', { description: 'About l.' })] });
    const variants = [
      essayPageCacheKey(a, { newer: post('n'), older: post('o'), linked: [post('l', { title: 'Renamed', description: 'About l.' })] }),
      essayPageCacheKey(a, { newer: post('n'), older: post('o'), linked: [post('l', { description: 'Described anew.' })] }),
      essayPageCacheKey(a, { newer: post('n'), older: post('o'), linked: [post('l', { description: 'About l.' }), post('m')] }),
    ];
    expect(new Set([key, linked, ...variants]).size).toBe(variants.length + 2);
    // Not with what the linked essay shows only on its own page.
    expect(essayPageCacheKey(a, { newer: post('n'), older: post('o'), linked: [post('l', { description: 'About l.', tags: ['other'] }, { digest: 'edited' })] })).toBe(linked);
  });

  it('does not change with what a neighbour shows only on its own page', () => {
    expect(essayPageCacheKey(a, { newer: post('n', { tags: ['other'] }, { digest: 'edited' }), older: post('o') })).toBe(key);
  });
});
