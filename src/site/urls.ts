/*
 * The one module for the site's addresses: every internal URL goes through here, so a site
 * deployed under a sub-path (`/blog/`) works without a single hand-written prefix; and what
 * counts as a URL in HTML (which attributes, `srcset` lists, a browser's reading of spaces).
 */

/** A site path with the base path in front; the base defaults to Astro's `BASE_URL`. */
export function pathWithBase(path: string, base: string = import.meta.env.BASE_URL): string {
  const trimmedBase = withoutTrailingSlashes(base);
  const trimmedPath = path.replace(/^\/+/, '');
  return `${trimmedBase}/${trimmedPath}`;
}

/** `/blog/posts/x/` → `/posts/x/` on a site served under `/blog/`; other paths unchanged. */
export function pathWithoutBase(sitePath: string, base: string): string {
  const prefix = withoutTrailingSlashes(base);
  return prefix && sitePath.startsWith(`${prefix}/`) ? sitePath.slice(prefix.length) : sitePath;
}

/** `/blog/` → `/blog`, `/` → ``, `https://example.com/` → `https://example.com`. */
export function withoutTrailingSlashes(text: string): string {
  return text.replace(/\/+$/, '');
}

export function postPath(slug: string): string {
  return pathWithBase(`posts/${slug}/`);
}

export function tagPath(slug: string): string {
  return pathWithBase(`tags/${slug}/`);
}

export function authorPath(key: string): string {
  return pathWithBase(`authors/${key}/`);
}

export function seriesPath(slug: string): string {
  return pathWithBase(`series/${slug}/`);
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

/**
 * Which properties of which HTML elements hold URLs, in hast's names (`srcSet`, not `srcset`):
 * the one list for every transformation that rewrites an essay's links.
 */
export const URL_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  a: ['href'],
  area: ['href'],
  img: ['src', 'srcSet'],
  source: ['src', 'srcSet'],
  video: ['src', 'poster'],
  audio: ['src'],
  track: ['src'],
  iframe: ['src'],
  embed: ['src'],
  object: ['data'],
  form: ['action'],
  button: ['formAction'],
  input: ['formAction', 'src'],
  blockquote: ['cite'],
  q: ['cite'],
  ins: ['cite'],
  del: ['cite'],
};

/**
 * The URLs of a `srcset` list changed, its descriptors kept. Parsed as the HTML standard does:
 * a URL is a run of non-space characters (trailing commas end it), then descriptors up to a comma.
 */
export function mapSrcset(srcset: string, mapUrl: (url: string) => string): string {
  const candidates: string[] = [];
  let rest = srcset;
  for (;;) {
    rest = rest.replace(/^[\s,]+/, '');
    if (rest === '') return candidates.join(', ');
    const url = rest.match(/^\S+/)![0];
    rest = rest.slice(url.length);
    if (url.endsWith(',')) {
      candidates.push(mapUrl(url.replace(/,+$/, '')));
      continue;
    }
    const comma = rest.indexOf(',');
    const descriptors = (comma === -1 ? rest : rest.slice(0, comma)).trim();
    candidates.push(descriptors ? `${mapUrl(url)} ${descriptors}` : mapUrl(url));
    rest = comma === -1 ? '' : rest.slice(comma + 1);
  }
}
