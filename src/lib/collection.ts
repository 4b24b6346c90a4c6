import { getCollection } from 'astro:content';
import { isPublished, sortPostsNewestFirst, type Post } from './posts.ts';

/** The posts a reader may see, newest first. The one query every page uses. */
export async function getPublishedPosts(): Promise<Post[]> {
  return sortPostsNewestFirst(await getCollection('posts', (post) => isPublished(post)));
}
