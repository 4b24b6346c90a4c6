import type { APIRoute, GetStaticPaths } from 'astro';
import { getPublishedPosts } from '../../lib/collection.ts';
import { formatDisplayDate } from '../../lib/dates.ts';
import { OG_CACHE_DIR, ogCardPng } from '../../lib/og-image.ts';
import type { Post } from '../../lib/posts.ts';
import { site } from '../../site.config.ts';

/** One Open Graph card per essay, at /og/<slug>.png. */
export const getStaticPaths = (async () =>
  (await getPublishedPosts()).map((post) => ({ params: { slug: post.id }, props: { post } }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ post: Post }> = async ({ props: { post } }) => {
  const png = await ogCardPng(
    { title: post.data.title, siteName: site.title, date: post.data.date && formatDisplayDate(post.data.date) },
    OG_CACHE_DIR,
  );
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
