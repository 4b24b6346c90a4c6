import type { ElementContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { SKIP, visit } from 'unist-util-visit';
import { decodedSlug } from '../essays/essay-links.ts';
import { attachPreview, holdsPhrasingOnly, idsIn, isHeading, isPreview, previewElement, uniqueId } from '../essays/previews.ts';
import { asBrowsersRead, pathWithoutBase } from '../site/urls.ts';

/** What a link to another essay previews of it. */
export interface LinkedEssay {
  slug: string;
  title: string;
  description?: string | undefined;
}

export interface EssayLinkPreviewOptions {
  /** The site's base path, `/` or `/blog/`, which the essay's links carry. */
  base: string;
  /** The slug of the essay itself: a link to a place in it is no link to another essay. */
  self: string;
}

/**
 * An essay's HTML with each link to another essay of the site (`/posts/<slug>/`, with or
 * without the base path, with or without a `#fragment`) described by a preview of that essay,
 * its title and description, shown on hover and keyboard focus as a citation's is
 * (src/essays/previews.ts). Done when the essay's page is built, not when the essay is rendered:
 * the render (and the render cache) depends on the essay alone, while another essay's title can
 * change without it. Only the essays in `essays` get a preview: the page's cache key covers
 * what theirs show (src/site/page-cache-keys.ts). A link to an essay the site does not publish
 * is the link checks' business, and a link in a heading gets no preview (a heading's text is
 * also its table-of-contents entry). HTML with no such link is returned as it came.
 */
export function withEssayLinkPreviews(html: string, essays: readonly LinkedEssay[], { base, self }: EssayLinkPreviewOptions): string {
  if (essays.length === 0) return html;
  const bySlug = new Map(essays.map((essay) => [essay.slug, essay]));
  const tree = fromHtml(html, { fragment: true });
  const taken = idsIn(tree);
  let previews = 0;
  visit(tree, 'element', (node, index, parent) => {
    if (isHeading(node) || isPreview(node)) return SKIP;
    if (node.tagName !== 'a' || typeof node.properties.href !== 'string' || !parent || index === undefined) return;
    const slug = slugOfEssayLink(node.properties.href, base);
    const essay = slug === undefined || slug === self ? undefined : bySlug.get(slug);
    if (!essay || node.properties.ariaDescribedBy !== undefined || !holdsPhrasingOnly(node)) return SKIP;
    attachPreview(parent, index, previewElement('essay', uniqueId(`preview-essay-${essay.slug}`, taken), essayPreview(essay)));
    previews++;
    return SKIP;
  });
  return previews > 0 ? toHtml(tree) : html;
}

/** The slug of the essay a site path leads to (`/blog/posts/x/#y` → `x`), or undefined for any other link. */
export function slugOfEssayLink(href: string, base: string): string | undefined {
  const url = asBrowsersRead(href);
  if (!url.startsWith('/') || url.startsWith('//')) return undefined;
  const match = /^\/posts\/([^/]+)\/?$/.exec(pathWithoutBase(url.replace(/[?#].*$/s, ''), base));
  return match ? decodedSlug(match[1]!) : undefined;
}

function essayPreview({ title, description }: LinkedEssay): ElementContent[] {
  const part = (className: string, text: string): ElementContent => ({
    type: 'element',
    tagName: 'span',
    properties: { className: [className] },
    children: [{ type: 'text', value: text }],
  });
  return description ? [part('preview-title', title), { type: 'text', value: ' ' }, part('preview-description', description)] : [part('preview-title', title)];
}
