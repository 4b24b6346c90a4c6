/*
 * What an essay is to the site: its collection entry (the collection is `posts`, as its URLs
 * are `/posts/<slug>/`), the order essays are listed in, and who may see one.
 */
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

export interface VisibilityOptions {
  /** `npm run dev` shows drafts and scheduled posts so the author can see them. */
  includeDrafts: boolean;
  now: Date;
}

/** A draft, or a post whose `publishDate` is still ahead: for the author's eyes only. */
export function isUnpublished(post: { data: { draft: boolean; publishDate?: Date } }, now: Date): boolean {
  return post.data.draft || (post.data.publishDate !== undefined && post.data.publishDate > now);
}

export function isVisible(post: Pick<Post, 'data'>, { includeDrafts, now }: VisibilityOptions): boolean {
  return includeDrafts || !isUnpublished(post, now);
}

/** The essays either side of `current` in a newest-first list: `newer` and `older`. */
export function neighbours<T extends { id: string }>(posts: readonly T[], current: T): { newer?: T; older?: T } {
  const index = posts.findIndex((post) => post.id === current.id);
  if (index === -1) return {};
  return { newer: posts[index - 1], older: posts[index + 1] };
}
