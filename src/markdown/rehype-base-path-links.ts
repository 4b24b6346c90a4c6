import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { asBrowsersRead, pathWithBase } from '../lib/urls.ts';
import { URL_PROPERTIES } from '../lib/url-properties.ts';

export interface RehypeBasePathLinksOptions {
  /** The site's base path, `/` or `/blog/`. */
  base: string;
}


/**
 * Puts the base path in front of links written from the site root, so an essay can say
 * `/posts/other/` or `/assets/figure.png` and still be right when the site is served under
 * `/blog/`. Links that already start with the base path, relative links and other sites'
 * URLs are left alone.
 */
export default function rehypeBasePathLinks({ base }: RehypeBasePathLinksOptions) {
  const prefix = base.replace(/\/+$/, '');
  const withBase = (written: string) => {
    // `/assets/a.png ` (a space typed at the end) is the site path `/assets/a.png` to a browser.
    const url = asBrowsersRead(written);
    if (!url.startsWith('/') || url.startsWith('//')) return written;
    if (url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}#`) || url.startsWith(`${prefix}?`)) return written;
    return pathWithBase(url, base);
  };
  return (tree: Root) => {
    if (!prefix) return;
    visit(tree, 'element', (element: Element) => {
      for (const name of URL_PROPERTIES[element.tagName] ?? []) {
        const value = element.properties[name];
        if (typeof value !== 'string') continue;
        element.properties[name] = name === 'srcSet' ? mapSrcset(value, withBase) : withBase(value);
      }
    });
  };
}

/**
 * The URLs of a `srcset` list changed, its descriptors kept. Parsed as the HTML standard does:
 * a URL is a run of non-space characters (trailing commas end it), then descriptors up to a comma.
 */
function mapSrcset(srcset: string, mapUrl: (url: string) => string): string {
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
