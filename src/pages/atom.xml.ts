import type { APIRoute } from 'astro';
import { Feed } from 'feed';
import { getPublishedPosts } from '../collection/published-essays.ts';
import { feedItems, feedUpdated } from '../feeds/feed-items.ts';
import { absoluteUrl, pathWithBase } from '../site/urls.ts';
import { site } from '../site.config.ts';

/** Atom 1.0 (RFC 4287) with the full HTML of each essay, beside RSS and JSON Feed. */
export const GET: APIRoute = async (context) => {
  const siteUrl = String(context.site ?? site.url);
  const items = await feedItems(await getPublishedPosts(), siteUrl);
  const home = absoluteUrl(pathWithBase('/'), siteUrl);
  const updated = feedUpdated(items);
  const feed = new Feed({
    id: home,
    title: site.title,
    description: site.description,
    link: home,
    language: site.lang,
    feedLinks: { atom: absoluteUrl(pathWithBase('atom.xml'), siteUrl) },
    author: { name: site.author },
    updated,
    generator: false,
  });
  for (const item of items) {
    feed.addItem({
      id: item.url,
      link: item.url,
      title: htmlOfText(item.title),
      description: item.description && htmlOfText(item.description),
      content: cdataSafe(item.html),
      // Atom requires an entry's `updated`: an undated essay takes the feed's.
      date: item.updated ?? item.date ?? updated,
      published: item.date,
      category: item.tags.map((tag) => ({ term: tag })),
      author: item.authors.map((author) => ({ name: author.name, ...(author.url ? { link: author.url } : {}) })),
    });
  }
  return new Response(feed.atom1(), { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
};

/** The library marks titles and summaries as HTML (`type="html"`): an essay's title is text, so escaped. */
const htmlOfText = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** The library wraps HTML in CDATA sections, which `]]>` would end early; in HTML `]]&gt;` reads the same. */
const cdataSafe = (html: string) => html.replaceAll(']]>', ']]&gt;');
