import type { APIRoute } from 'astro';
import { absoluteUrl, pathWithBase } from '../site/urls.ts';
import { site } from '../site.config.ts';

export const GET: APIRoute = (context) => {
  const siteUrl = String(context.site ?? site.url);
  const body = ['User-agent: *', 'Allow: /', '', `Sitemap: ${absoluteUrl(pathWithBase('sitemap-index.xml'), siteUrl)}`, ''].join('\n');
  return new Response(body, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
