import type { CollectionEntry } from 'astro:content';

export type Post = CollectionEntry<'posts'>;

/** Newest first; undated posts last, alphabetically, so the order never depends on the disk. */
export function sortPostsNewestFirst(posts: readonly Post[]): Post[] {
  return [...posts].sort((a, b) => {
    const da = a.data.date?.getTime();
    const db = b.data.date?.getTime();
    if (da !== undefined && db !== undefined && da !== db) return db - da;
    if (da === undefined && db !== undefined) return 1;
    if (db === undefined && da !== undefined) return -1;
    return a.data.title.localeCompare(b.data.title);
  });
}

/** Drafts are for the author's eyes: shown by `npm run dev`, never built. */
export function isPublished(post: Post, { includeDrafts = import.meta.env.DEV } = {}): boolean {
  return includeDrafts || !post.data.draft;
}
