import type { APIRoute, GetStaticPaths } from 'astro';
import { getPublishedPosts } from '../../../collection/published-essays.ts';
import { citableEssay } from '../../../collection/citable-essay.ts';
import { essayCslItem } from '../../../essays/citation.ts';
import type { Post } from '../../../essays/essay.ts';

/** `/posts/<slug>/cite.json`: the essay as a CSL-JSON item, for Zotero and other reference managers. */
export const getStaticPaths = (async () => (await getPublishedPosts()).map((post) => ({ params: { slug: post.id }, props: { post } }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ post: Post }> = ({ props: { post }, site }) =>
  new Response(`${JSON.stringify([essayCslItem(citableEssay(post.id, post.data, site))], null, 2)}\n`, {
    headers: { 'Content-Type': 'application/vnd.citationstyles.csl+json; charset=utf-8' },
  });
