/**
 * Every internal URL goes through here, so a site deployed under a sub-path (`/blog/`) works
 * without a single hand-written prefix.
 */
export function pathWithBase(path: string, base: string = import.meta.env.BASE_URL): string {
  const trimmedBase = base.replace(/\/+$/, '');
  const trimmedPath = path.replace(/^\/+/, '');
  return `${trimmedBase}/${trimmedPath}`;
}

export function postPath(slug: string): string {
  return pathWithBase(`posts/${slug}/`);
}

export function tagPath(slug: string): string {
  return pathWithBase(`tags/${slug}/`);
}

/** An absolute URL for a site path (already including the base), for feeds and meta tags. */
export function absoluteUrl(sitePath: string, siteUrl: string): string {
  return new URL(sitePath, siteUrl).href;
}

/**
 * A URL as a browser reads an attribute's value: without leading and trailing spaces, and with
 * tabs and line breaks inside removed (WHATWG URL parsing). `src="/a.png "` and an `href`
 * broken over two lines work on the web, so they count as the URL they become.
 */
export function asBrowsersRead(url: string): string {
  return url.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
}
