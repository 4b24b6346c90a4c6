/*
 * An essay's body as HTML, for its page and for feeds: kept from the render cache, or rendered
 * by Astro where only Astro can (MDX, local images).
 */
import { readCacheEntry } from '../markdown/render/render-cache-entry.ts';
import type { Post } from '../essays/essay.ts';
import { getContainerRenderer } from '@astrojs/mdx/container-renderer';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { loadRenderers } from 'astro:container';
import { render } from 'astro:content';

/**
 * The HTML of a Markdown essay whose HTML the posts loader kept out of the content store
 * (src/loaders/posts-loader.ts): it is read from the render cache when its page or a feed is
 * built. Undefined for an essay whose HTML is in the store (MDX, or Markdown with local images,
 * which Astro's `render()` must process).
 */
export function storedEssayHtml(post: Post): string | undefined {
  const storedAt = post.rendered?.metadata?.storedAt;
  if (typeof storedAt !== 'string') return undefined;
  const contents = readCacheEntry(storedAt);
  // The loader checked this entry moments ago; if it has changed since, publish nothing of it.
  if (contents === undefined) throw new Error(`${storedAt} changed while the site was being built: build again`);
  return (JSON.parse(contents) as { html: string }).html;
}

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
