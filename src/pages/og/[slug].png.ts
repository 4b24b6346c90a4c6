import type { APIRoute, GetStaticPaths } from 'astro';
import { isProductionBuild } from '../../build-mode.ts';
import { getPublishedPosts } from '../../collection/published-essays.ts';
import { essayOgCard, ogCardKey } from '../../og/card.ts';
import { ogCardForPage, queueOgCards, type OgCardJob } from '../../og/pool.ts';
import type { Post } from '../../essays/essay.ts';

const cardJob = (post: Post): OgCardJob => ({ name: post.id, card: essayOgCard(post.data) });

/**
 * One Open Graph card per essay, at /og/<slug>.png. In a build, the posts loader has already
 * queued every card not yet cached to be drawn in worker threads (src/loaders/posts-loader.ts);
 * any card it could not know of is queued here, since Astro lists every route's paths before
 * rendering any page. `astro dev` draws a card when it is asked for.
 */
export const getStaticPaths = (async () => {
  const posts = await getPublishedPosts();
  if (isProductionBuild()) queueOgCards(posts.map(cardJob));
  // The card's cache key is what it shows: an incremental rebuild copies unchanged cards.
  return posts.map((post) => ({ params: { slug: post.id }, props: { post }, cacheKey: ogCardKey(cardJob(post).card) }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ post: Post }> = async ({ props: { post } }) => {
  const png = await ogCardForPage(cardJob(post));
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
