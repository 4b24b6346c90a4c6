import type { Root } from 'hast';
import type {} from 'mdast-util-to-hast'; // its types add `raw` (HTML kept as written) to hast's nodes
import { visit } from 'unist-util-visit';
import { asBrowsersRead, mapSrcset, pathWithBase, URL_PROPERTIES, withoutTrailingSlashes } from '../../site/urls.ts';

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
  const prefix = withoutTrailingSlashes(base);
  const withBase = (written: string) => {
    // `/assets/a.png ` (a space typed at the end) is the site path `/assets/a.png` to a browser.
    const url = asBrowsersRead(written);
    if (!url.startsWith('/') || url.startsWith('//')) return written;
    if (url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}#`) || url.startsWith(`${prefix}?`)) return written;
    return pathWithBase(url, base);
  };
  return (tree: Root) => {
    if (!prefix) return;
    visit(tree, (node) => {
      if (node.type === 'element') {
        for (const name of URL_PROPERTIES[node.tagName] ?? []) {
          const value = node.properties[name];
          if (typeof value !== 'string') continue;
          node.properties[name] = name === 'srcSet' ? mapSrcset(value, withBase) : withBase(value);
        }
      } else if (node.type === 'raw') {
        // HTML written in the essay stays text until Astro parses it, after these plugins.
        node.value = node.value.replace(START_TAG, (tag) =>
          tag.replace(URL_ATTRIBUTE, (_whole, lead: string, quote: string | undefined, quoted: string | undefined, bare: string | undefined) => {
            const value = quoted ?? bare ?? '';
            const mapped = /^srcset/i.test(lead.trim()) ? mapSrcset(value, withBase) : withBase(value);
            return `${lead}${quote ?? ''}${mapped}${quote ?? ''}`;
          }),
        );
      }
    });
  };
}

const START_TAG = /<[a-z][^<>]*>/gi;
/** A URL attribute in a start tag, quoted or not; `&` entities in it are left as written. */
const URL_ATTRIBUTE = /(\s(?:href|src|srcset|poster|action|formaction|data|cite)\s*=\s*)(?:(["'])([^"']*)\2|([^\s"'>]+))/gi;
