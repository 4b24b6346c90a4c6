import { getCollection } from 'astro:content';
import { isProductionBuild } from '../build-mode.ts';
import { isVisible, sortPostsNewestFirst, type Post } from '../essays/essay.ts';

/**
 * The posts a reader may see, newest first: the one query every page, feed and index uses,
 * so a draft or scheduled post can never leak into one of them. `npm run dev` includes drafts.
 */
export async function getPublishedPosts(): Promise<Post[]> {
  const options = { includeDrafts: !isProductionBuild(), now: new Date() };
  return sortPostsNewestFirst(await getCollection('posts', (post) => isVisible(post, options)));
}
