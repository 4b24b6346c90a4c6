import type { Root } from 'hast';
import rehypeParse from 'rehype-parse';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { absolutizeUrlsIn } from './absolute-urls.ts';
import { removePreviews } from './without-previews.ts';
import type { Post } from '../essays/essay.ts';
import { renderPostHtml } from '../collection/essay-html.ts';
import { creditedAuthors, type Author } from '../essays/authors.ts';
import { site } from '../site.config.ts';
import { absoluteUrl, postPath } from '../site/urls.ts';

export interface FeedItem {
  title: string;
  url: string;
  description?: string;
  date?: Date;
  updated?: Date;
  tags: string[];
  /** Who wrote it: its `authors:`, or the site's author. */
  authors: Author[];
  /** The whole essay as HTML, with absolute links, so it reads in any feed reader. */
  html: string;
}

/** The newest essays as feed items: the same list and the same HTML for every feed format. */
export async function feedItems(posts: readonly Post[], siteUrl: string, limit = 20): Promise<FeedItem[]> {
  return Promise.all(
    posts.slice(0, limit).map(async (post) => {
      const url = absoluteUrl(postPath(post.id), siteUrl);
      return {
        title: post.data.title,
        url,
        description: post.data.description,
        date: post.data.date,
        updated: post.data.updated,
        tags: post.data.tags,
        authors: creditedAuthors(post.data.authors, site.author),
        html: feedHtml(await renderPostHtml(post), url),
      };
    }),
  );
}

/**
 * When a feed last changed, as Atom must say: its newest essay's update or date. Never the time
 * of the build, so the same essays give the same bytes; with no dated essay, the Unix epoch.
 */
export function feedUpdated(items: readonly Pick<FeedItem, 'date' | 'updated'>[]): Date {
  const times = items.flatMap((item) => [item.date, item.updated]).flatMap((date) => (date ? [date.getTime()] : []));
  return new Date(times.length > 0 ? Math.max(...times) : 0);
}

const processor = unified().use(rehypeParse, { fragment: true }).use(rehypeStringify);

/**
 * The feeds (RSS, Atom, JSON Feed) carry the same items, so each essay's feed HTML (parsed and
 * written again to make its links absolute and take out its previews: a few ms an essay) is
 * made once, not once per feed. Keyed by the HTML itself, so an essay edited under `astro dev`
 * is made again; kept small.
 */
const feedHtmlMade = new Map<string, string>();
function feedHtml(html: string, url: string): string {
  const key = `${url}\n${html}`;
  let made = feedHtmlMade.get(key);
  if (made === undefined) {
    if (feedHtmlMade.size >= 100) feedHtmlMade.clear();
    const tree = processor.parse(html) as Root;
    absolutizeUrlsIn(tree, url);
    removePreviews(tree);
    made = withoutNonXmlCharacters(processor.stringify(tree));
    feedHtmlMade.set(key, made);
  }
  return made;
}

/** Characters outside XML 1.0's `Char` production: an XML feed holding one does not parse. */
const NOT_XML_CHARACTER = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/**
 * The essay's HTML without characters XML forbids (a stray U+000B pasted into a paragraph, say).
 * The checks report them in the essay (src/markdown/plugins/rehype-check-output.ts); an imported essay
 * may still hold one, and its feed must parse all the same.
 */
export function withoutNonXmlCharacters(html: string): string {
  return html.replace(NOT_XML_CHARACTER, '');
}
