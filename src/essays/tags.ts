import { slugify } from './slugs.ts';

export interface TagSummary {
  /** The tag as first written by an author. */
  name: string;
  /** URL segment: `/tags/<slug>/`. Tags that differ only in case or punctuation share one. */
  slug: string;
  count: number;
}

interface Tagged {
  data: { tags: readonly string[] };
}

export const tagSlug = (tag: string) => slugify(tag);

/** Every tag in use, with how many posts carry it, alphabetically. */
export function collectTags(posts: readonly Tagged[]): TagSummary[] {
  const bySlug = new Map<string, TagSummary>();
  for (const post of posts) {
    for (const slug of new Set(post.data.tags.map(tagSlug))) {
      const name = post.data.tags.find((tag) => tagSlug(tag) === slug)!;
      const summary = bySlug.get(slug) ?? { name, slug, count: 0 };
      summary.count += 1;
      bySlug.set(slug, summary);
    }
  }
  return [...bySlug.values()].sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
}

export function postsTagged<T extends Tagged>(posts: readonly T[], slug: string): T[] {
  return posts.filter((post) => post.data.tags.some((tag) => tagSlug(tag) === slug));
}
