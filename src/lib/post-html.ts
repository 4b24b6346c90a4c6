import { getContainerRenderer } from '@astrojs/mdx/container-renderer';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { loadRenderers } from 'astro:container';
import { render } from 'astro:content';
import { storedEssayHtml } from './essay-html.ts';
import type { Post } from './posts.ts';

let container: Promise<AstroContainer> | undefined;

/**
 * An essay's body as HTML, for feeds. Markdown posts were rendered once by the content layer
 * and that HTML is reused as it is (from the render cache or the store); MDX posts are
 * components, rendered here once each.
 */
export async function renderPostHtml(post: Post): Promise<string> {
  const stored = storedEssayHtml(post);
  if (stored !== undefined) return stored;
  if (post.rendered?.html !== undefined) return post.rendered.html;
  container ??= loadRenderers([getContainerRenderer()]).then((renderers) => AstroContainer.create({ renderers }));
  const { Content } = await render(post);
  return (await container).renderToString(Content);
}
