import { describe, expect, it } from 'vitest';
import { postSchema } from '../../src/content.config.ts';
import { collectSeries, relatedEssays, seriesPlace } from '../../src/essays/series.ts';

interface Essay {
  id: string;
  data: { title: string; date?: Date; tags: string[]; series?: { name: string; part: number } };
}

const essay = (id: string, data: Partial<Essay['data']> = {}): Essay => ({ id, data: { title: id, tags: [], ...data } });
const ids = (essays: readonly Essay[]) => essays.map((each) => each.id);

describe('series', () => {
  const posts = [
    essay('three', { series: { name: 'Learning to rank', part: 3 } }),
    essay('one', { series: { name: 'Learning to Rank', part: 1 } }),
    essay('other', { series: { name: 'Another', part: 1 } }),
    essay('two', { series: { name: 'learning to rank', part: 2 } }),
    essay('alone'),
  ];

  it('gathers the parts of each series in part order; names differing in case are one series', () => {
    expect(collectSeries(posts).map((series) => [series.name, series.slug, ids(series.parts)])).toEqual([
      ['Another', 'another', ['other']],
      ['Learning to Rank', 'learning-to-rank', ['one', 'two', 'three']],
    ]);
  });

  it('places a part among the published parts, with the parts either side', () => {
    const place = seriesPlace(posts, posts[3]!)!;
    expect([place.position, place.count, place.previous?.id, place.next?.id]).toEqual([2, 3, 'one', 'three']);
    expect(seriesPlace(posts, posts[1]!)!.previous).toBeUndefined();
    expect(seriesPlace(posts, posts[4]!)).toBeUndefined();
    // A part missing (a draft left out) leaves no gap in "Part n of m".
    const published = posts.filter((post) => post.id !== 'two');
    expect(seriesPlace(published, posts[0]!)).toMatchObject({ position: 2, count: 2 });
  });
});

describe('related essays', () => {
  const at = (day: number) => new Date(Date.UTC(2024, 0, day));
  const posts = [
    essay('this', { tags: ['ml', 'research', 'writing'], series: { name: 'S', part: 1 } }),
    essay('two-tags-old', { tags: ['ML', 'research'], date: at(1) }),
    essay('two-tags-new', { tags: ['ml', 'research'], date: at(5) }),
    essay('one-tag-b', { tags: ['writing'], date: at(3) }),
    essay('one-tag-a', { tags: ['writing'], date: at(3) }),
    essay('one-tag-undated', { tags: ['ml'] }),
    essay('same-series', { tags: ['ml', 'research', 'writing'], series: { name: 'S', part: 2 } }),
    essay('unrelated', { tags: ['cooking'], date: at(9) }),
  ];

  it('ranks by tags shared, then newest, then title; never itself or its own series', () => {
    expect(ids(relatedEssays(posts, posts[0]!, 10))).toEqual(['two-tags-new', 'two-tags-old', 'one-tag-a', 'one-tag-b', 'one-tag-undated']);
    expect(ids(relatedEssays(posts, posts[0]!))).toEqual(['two-tags-new', 'two-tags-old', 'one-tag-a']);
  });

  it('gives the same answer whatever order the essays come in', () => {
    expect(ids(relatedEssays([...posts].reverse(), posts[0]!, 10))).toEqual(ids(relatedEssays(posts, posts[0]!, 10)));
  });

  it('is empty for an essay without tags', () => {
    expect(relatedEssays(posts, essay('untagged'))).toEqual([]);
  });
});

describe('the series field', () => {
  const parse = (series: unknown) => postSchema.safeParse({ title: 'T', series });
  const messages = (series: unknown) => {
    const result = parse(series);
    return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  };

  it('takes a name and a part number', () => {
    expect(parse({ name: ' Learning to rank ', part: 2 })).toMatchObject({ success: true, data: { series: { name: 'Learning to rank', part: 2 } } });
  });

  it('refuses what is not a series, saying what is expected', () => {
    expect(messages('Learning to rank')).toEqual(['series: must be { name, part }, like { name: Learning to rank, part: 2 }']);
    expect(messages({ name: 'X' })).toEqual(['series.part: is required (this essay’s number in the series: 1, 2, …)']);
    expect(messages({ name: 'X', part: 0 })).toEqual(['series.part: must be 1 or more']);
    expect(messages({ name: 'X', part: 1.5 })).toEqual(['series.part: 1.5 is not a part number (1, 2, …)']);
    expect(messages({ name: '!!', part: 1 })).toEqual(['series.name: "!!" has no letter or digit, so the series has no page address (/series/…/): use words']);
    expect(messages({ name: 'X', part: 1, order: 2 })).toEqual(['series: unknown field "order" (a series has name and part)']);
  });
});
