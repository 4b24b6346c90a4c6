import { getContainerRenderer } from '@astrojs/mdx/container-renderer';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { loadRenderers } from 'astro:container';
import { render } from 'astro:content';
import { storedEssayHtml } from './essay-html.ts';
import type { Post } from './posts.ts';

let container: Promise<AstroContainer> | undefined;

/**
 * An essay's body as HTML, for feeds. Markdown posts were rendered once by the content layer
 * and that HTML is reused as it is (from the render cache or the store); MDX posts, and
 * Markdown posts with local images (whose optimised images only render() produces), are
 * components, rendered here once each.
 */
export async function renderPostHtml(post: Post): Promise<string> {
  const stored = storedEssayHtml(post);
  if (stored !== undefined) return stored;
  // Local images in Markdown are placeholders in the stored HTML until render() resolves them.
  const hasLocalImages = (post.rendered?.metadata?.localImagePaths as unknown[] | undefined)?.length;
  if (post.rendered?.html !== undefined && !hasLocalImages) return post.rendered.html;
  container ??= loadRenderers([getContainerRenderer()]).then((renderers) => AstroContainer.create({ renderers }));
  const { Content } = await render(post);
  return (await container).renderToString(Content);
}
