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
