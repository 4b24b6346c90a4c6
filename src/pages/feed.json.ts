import type { APIRoute } from 'astro';
import { getPublishedPosts } from '../collection/published-essays.ts';
import { feedItems } from '../feeds/feed-items.ts';
import { absoluteUrl, pathWithBase } from '../site/urls.ts';
import { site } from '../site.config.ts';

/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1) with the full HTML of each essay. */
export const GET: APIRoute = async (context) => {
  const siteUrl = String(context.site ?? site.url);
  const items = await feedItems(await getPublishedPosts(), siteUrl);
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: site.title,
    home_page_url: absoluteUrl(pathWithBase('/'), siteUrl),
    feed_url: absoluteUrl(pathWithBase('feed.json'), siteUrl),
    description: site.description,
    language: site.lang,
    authors: [{ name: site.author }],
    items: items.map((item) => ({
      id: item.url,
      url: item.url,
      title: item.title,
      content_html: item.html,
      ...(item.description ? { summary: item.description } : {}),
      ...(item.date ? { date_published: item.date.toISOString() } : {}),
      ...(item.updated ? { date_modified: item.updated.toISOString() } : {}),
      ...(item.tags.length ? { tags: item.tags } : {}),
      authors: item.authors.map((author) => ({ name: author.name, ...(author.url ? { url: author.url } : {}) })),
    })),
  };
  return new Response(JSON.stringify(feed, null, 2), { headers: { 'Content-Type': 'application/feed+json; charset=utf-8' } });
};
