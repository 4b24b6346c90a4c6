import type { APIRoute, GetStaticPaths } from 'astro';
import { getPublishedPosts } from '../collection/published-essays.ts';
import { collectRedirects, renderRedirectPage, type LegacyRedirect } from '../site/redirects.ts';
import { postPath } from '../site/urls.ts';
import { site } from '../site.config.ts';

/** One page per old URL a published post lists in `redirectFrom`; see src/site/redirects.ts. */
export const getStaticPaths = (async () => {
  const posts = await getPublishedPosts();
  const redirects = collectRedirects(
    posts.map((post) => ({
      slug: post.id,
      title: post.data.title,
      file: post.filePath ?? post.id,
      redirectFrom: post.data.redirectFrom ?? [],
    })),
  );
  return redirects.map((redirect) => ({ params: { legacyPath: redirect.outputFile }, props: { redirect } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ redirect: LegacyRedirect }> = ({ props: { redirect }, site: origin }) => {
  const to = postPath(redirect.slug);
  const html = renderRedirectPage({ to, canonical: new URL(to, origin ?? site.url).href, title: redirect.title, lang: site.lang });
  return new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
};
