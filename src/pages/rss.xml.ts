import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { getPublishedPosts } from '../collection/published-essays.ts';
import { feedItems } from '../feeds/feed-items.ts';
import { absoluteUrl, pathWithBase } from '../site/urls.ts';
import { site } from '../site.config.ts';

/** RSS 2.0 with the full HTML of each essay. */
export const GET: APIRoute = async (context) => {
  const siteUrl = String(context.site ?? site.url);
  const items = await feedItems(await getPublishedPosts(), siteUrl);
  return rss({
    title: site.title,
    description: site.description,
    site: absoluteUrl(pathWithBase('/'), siteUrl),
    trailingSlash: true,
    // RSS's own <author> is an e-mail address; Dublin Core's creator is a name, as feed readers show it.
    xmlns: { atom: 'http://www.w3.org/2005/Atom', dc: 'http://purl.org/dc/elements/1.1/' },
    customData: `<language>${site.lang}</language><atom:link href="${absoluteUrl(pathWithBase('rss.xml'), siteUrl)}" rel="self" type="application/rss+xml"/>`,
    items: items.map((item) => ({
      title: item.title,
      link: item.url,
      pubDate: item.date,
      description: item.description,
      content: item.html,
      categories: item.tags,
      customData: item.authors.map((author) => `<dc:creator>${escapeXml(author.name)}</dc:creator>`).join(''),
    })),
  });
};

const escapeXml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
