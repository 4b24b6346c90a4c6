import { readCacheEntry } from '../markdown/render-cache-entry.ts';
import type { Post } from './posts.ts';

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
