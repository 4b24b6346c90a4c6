import type { Element, Root } from 'hast';
import rehypeParse from 'rehype-parse';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { mapSrcset, URL_PROPERTIES } from '../site/urls.ts';

const processor = unified().use(rehypeParse, { fragment: true }).use(rehypeStringify);

/**
 * An essay's HTML with every link and image made absolute against the page it came from:
 * feed readers show the HTML out of its page, where `/posts/x/` or `#notes` would dangle.
 */
export function absolutizeUrls(html: string, pageUrl: string): string {
  const tree = processor.parse(html) as Root;
  absolutizeUrlsIn(tree, pageUrl);
  return processor.stringify(tree);
}

/** The same, in a parsed tree: for a caller that has more to change in it. */
export function absolutizeUrlsIn(tree: Root, pageUrl: string): void {
  visit(tree, 'element', (element: Element) => {
    for (const name of URL_PROPERTIES[element.tagName] ?? []) {
      const value = element.properties[name];
      if (typeof value === 'string') element.properties[name] = resolve(value, pageUrl, name === 'srcSet');
      else if (Array.isArray(value)) element.properties[name] = value.map((v) => resolve(String(v), pageUrl, true));
    }
  });
}

function resolve(value: string, pageUrl: string, isSrcset: boolean): string {
  const absolute = (url: string) => new URL(url, pageUrl).href;
  return isSrcset ? mapSrcset(value, absolute) : absolute(value);
}
