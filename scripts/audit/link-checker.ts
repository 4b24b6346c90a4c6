import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { emittedPages, listFiles, urlPathOf } from './emitted-pages.ts';
import { attr, descendants, readHtml, type Element } from './html.ts';
import { normaliseBasePath } from './static-server.ts';

/**
 * Checks a built site's internal links offline, the way a reader's browser would follow them:
 * every internal `href`, `src`, `srcset` and stylesheet of every emitted page (and every `url()`
 * in its CSS) must name a file of the build, and every `#fragment` an id on the target page.
 * External links are collected for the report, never fetched (the tests have no network).
 *
 * The site may be built for a base path (`/blog/`): internal URLs must then stay inside it.
 */

export interface LinkReference {
  /** URL path of the page (or stylesheet) the link is on, e.g. `/posts/x/`. */
  from: string;
  /** Where the link was written: `a[href]`, `link[rel=stylesheet]`, `img[srcset]`, `css url()`… */
  where: string;
  /** The URL exactly as written. */
  url: string;
}

export interface DeadLink extends LinkReference {
  reason: string;
}

export interface ExternalLink {
  url: string;
  /** Pages (or stylesheets) linking to it. */
  from: string[];
}

export interface LinkReport {
  pagesChecked: number;
  internalLinksChecked: number;
  dead: DeadLink[];
  external: ExternalLink[];
}

export interface LinkCheckOptions {
  /**
   * The origin the site is published on (Astro's `site`, e.g. `https://quire.example.com`).
   * Absolute links to it, such as the canonical link, are checked as internal links instead of
   * being listed as external.
   */
  siteOrigin?: string;
}

/** The origin built pages are resolved against; it never reaches the network. */
const LOCAL_ORIGIN = 'http://site.invalid';

/** Schemes that name no document: nothing to check, nothing to list. */
const IGNORED_SCHEMES = new Set(['mailto:', 'tel:', 'sms:', 'data:', 'javascript:', 'blob:', 'about:']);

/** Which attributes of which elements hold URLs (srcset-style lists are handled separately). */
const URL_ATTRIBUTES: Record<string, string[]> = {
  a: ['href'],
  area: ['href'],
  link: ['href', 'imagesrcset'],
  script: ['src'],
  img: ['src', 'srcset'],
  source: ['src', 'srcset'],
  video: ['src', 'poster'],
  audio: ['src'],
  track: ['src'],
  iframe: ['src'],
  embed: ['src'],
  object: ['data'],
  image: ['href'],
  use: ['href'],
};

export function checkLinks(distDir: string, basePath = '/', options: LinkCheckOptions = {}): LinkReport {
  const base = normaliseBasePath(basePath);
  const site = new BuiltSite(distDir, base, options.siteOrigin);
  const pages = emittedPages(distDir, base);
  const references = [
    ...pages.flatMap((page) => referencesInPage(page.file, page.urlPath)),
    ...listFiles(distDir)
      .filter((file) => file.endsWith('.css'))
      .flatMap((file) => referencesInStylesheet(path.join(distDir, file), urlPathOf(file, base))),
  ];

  const dead: DeadLink[] = [];
  const external = new Map<string, Set<string>>();
  let internalLinksChecked = 0;
  for (const reference of references) {
    const target = site.classify(reference);
    if (target.kind === 'ignored') continue;
    if (target.kind === 'invalid') {
      dead.push({ ...reference, reason: 'not a valid URL' });
      continue;
    }
    if (target.kind === 'external') {
      const from = external.get(target.url) ?? new Set<string>();
      external.set(target.url, from.add(reference.from));
      continue;
    }
    internalLinksChecked += 1;
    const problem = site.problemWith(target.url);
    if (problem) dead.push({ ...reference, reason: problem });
  }

  return {
    pagesChecked: pages.length,
    internalLinksChecked,
    dead,
    external: [...external]
      .map(([url, from]) => ({ url, from: [...from].sort() }))
      .sort((a, b) => a.url.localeCompare(b.url)),
  };
}

export function formatDeadLinks(dead: DeadLink[]): string {
  return dead.map((link) => `  ${link.from}  ${link.where} "${link.url}": ${link.reason}`).join('\n');
}

export function formatExternalLinks(external: ExternalLink[]): string {
  return external.map((link) => `  ${link.url}  (from ${link.from.join(', ')})`).join('\n');
}

type Classified = { kind: 'ignored' } | { kind: 'invalid' } | { kind: 'external'; url: string } | { kind: 'internal'; url: URL };

/** The dist folder seen as a web server would serve it. */
class BuiltSite {
  private readonly idsByFile = new Map<string, Set<string>>();
  private readonly distDir: string;
  private readonly basePath: string;
  private readonly siteOrigin: string | undefined;

  constructor(distDir: string, basePath: string, siteOrigin: string | undefined) {
    this.distDir = path.resolve(distDir);
    this.basePath = basePath;
    this.siteOrigin = siteOrigin ? new URL(siteOrigin).origin : undefined;
  }

  classify(reference: LinkReference): Classified {
    let url: URL;
    try {
      url = new URL(reference.url.trim(), LOCAL_ORIGIN + encodeURI(reference.from));
    } catch {
      return { kind: 'invalid' };
    }
    if (IGNORED_SCHEMES.has(url.protocol)) return { kind: 'ignored' };
    if (url.origin === LOCAL_ORIGIN) return { kind: 'internal', url };
    if (url.origin === this.siteOrigin) return { kind: 'internal', url: new URL(url.pathname + url.search + url.hash, LOCAL_ORIGIN) };
    return { kind: 'external', url: url.href };
  }

  /** Why an internal URL does not resolve, or undefined when it does. */
  problemWith(url: URL): string | undefined {
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return 'not a valid URL';
    }
    if (!pathname.startsWith(this.basePath) && `${pathname}/` !== this.basePath) {
      return `outside the base path ${this.basePath}`;
    }
    const file = this.fileFor(pathname.slice(this.basePath.length));
    if (!file) return 'no such file in the build';
    const fragment = decodeFragment(url.hash);
    if (fragment === undefined || !file.endsWith('.html')) return undefined;
    if (!this.idsIn(file).has(fragment)) return `no element with id "${fragment}" on that page`;
    return undefined;
  }

  /** The built file a host serves for a path below the base path, if any. */
  private fileFor(sitePath: string): string | undefined {
    const candidate = path.resolve(this.distDir, `./${sitePath}`);
    const insideDist = candidate === this.distDir || candidate.startsWith(this.distDir + path.sep);
    if (!insideDist) return undefined;
    if (sitePath === '' || sitePath.endsWith('/')) return isFile(path.join(candidate, 'index.html'));
    // A directory named without its slash is redirected to `dir/` by static hosts.
    return isFile(candidate) ?? isFile(path.join(candidate, 'index.html'));
  }

  private idsIn(file: string): Set<string> {
    let ids = this.idsByFile.get(file);
    if (!ids) {
      ids = new Set();
      for (const element of descendants(readHtml(file))) {
        const id = attr(element, 'id');
        if (id) ids.add(id);
        // Fragment navigation also finds `<a name>`, the pre-HTML5 anchor.
        const name = element.tagName === 'a' ? attr(element, 'name') : undefined;
        if (name) ids.add(name);
      }
      this.idsByFile.set(file, ids);
    }
    return ids;
  }
}

/** The id a fragment points to; undefined for `#` and `#top`, which always scroll to the top. */
function decodeFragment(hash: string): string | undefined {
  if (hash === '' || hash === '#') return undefined;
  let fragment: string;
  try {
    fragment = decodeURIComponent(hash.slice(1));
  } catch {
    fragment = hash.slice(1);
  }
  return fragment.toLowerCase() === 'top' ? undefined : fragment;
}

function isFile(file: string): string | undefined {
  return existsSync(file) && statSync(file).isFile() ? file : undefined;
}

function referencesInPage(file: string, urlPath: string): LinkReference[] {
  const html = readHtml(file);
  const baseElement = [...descendants(html)].find((el) => el.tagName === 'base' && attr(el, 'href'));
  // `<base href>` changes what every relative URL on the page means.
  const from = baseElement ? new URL(attr(baseElement, 'href')!, LOCAL_ORIGIN + urlPath).pathname : urlPath;
  const references: LinkReference[] = [];
  for (const element of descendants(html)) {
    for (const name of URL_ATTRIBUTES[element.tagName] ?? []) {
      const value = attr(element, name);
      if (value === undefined) continue;
      const where = describe(element, name);
      const urls = name.endsWith('srcset') ? srcsetUrls(value) : [value];
      for (const url of urls) references.push({ from, where, url });
    }
  }
  return references;
}

function describe(element: Element, attribute: string): string {
  if (element.tagName === 'link') {
    const rel = (attr(element, 'rel') ?? '').trim().toLowerCase();
    return rel.split(/\s+/).includes('stylesheet') ? `link[rel=stylesheet]` : `link[rel=${rel || '?'}][${attribute}]`;
  }
  return `${element.tagName}[${attribute}]`;
}

/**
 * The URLs of a `srcset` list, parsed as the HTML standard does: a candidate is a URL (a run of
 * non-space characters; trailing commas end the candidate) and then descriptors up to a comma.
 * Splitting on every comma would break URLs that contain one.
 */
export function srcsetUrls(srcset: string): string[] {
  const urls: string[] = [];
  let rest = srcset;
  for (;;) {
    rest = rest.replace(/^[\s,]+/, '');
    if (rest === '') return urls;
    const url = rest.match(/^\S+/)![0];
    rest = rest.slice(url.length);
    if (url.endsWith(',')) {
      urls.push(url.replace(/,+$/, ''));
      continue;
    }
    urls.push(url);
    const comma = rest.indexOf(',');
    rest = comma === -1 ? '' : rest.slice(comma + 1);
  }
}

function referencesInStylesheet(file: string, urlPath: string): LinkReference[] {
  const css = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const references: LinkReference[] = [];
  for (const match of css.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)/g)) {
    const url = match[1] ?? match[2] ?? match[3] ?? '';
    // `url(#id)` points into the document using the style (SVG filters, masks), not a file.
    if (url && !url.startsWith('#')) references.push({ from: urlPath, where: 'css url()', url });
  }
  for (const match of css.matchAll(/@import\s+(?:"([^"]*)"|'([^']*)')/g)) {
    references.push({ from: urlPath, where: 'css @import', url: match[1] ?? match[2] ?? '' });
  }
  return references;
}
