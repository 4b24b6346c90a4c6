import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

const LEVEL = /^h([1-6])$/;

/**
 * An essay whose sections are `####` (headings picked for their size in an old theme) would
 * follow the page's `<h1>` title and its `<h2>` contents with `<h4>`s: a skipped level, which
 * the HTML checker refuses and which misleads screen-reader users navigating by heading. When
 * the highest level the author used is below h2, every heading they wrote moves up by the same
 * amount (`####` → h2, `#####` → h3), so the structure is the one they meant. Headings Quire adds
 * (References, Footnotes) have no source position and stay as they are; ids are unchanged.
 */
export default function rehypePromoteHeadings() {
  return (tree: Root) => {
    const authored: Element[] = [];
    visit(tree, 'element', (element: Element) => {
      if (LEVEL.test(element.tagName) && element.position) authored.push(element);
    });
    const shift = promotionFor(authored.map((heading) => Number(LEVEL.exec(heading.tagName)![1])));
    if (shift === 0) return;
    for (const heading of authored) heading.tagName = `h${Number(LEVEL.exec(heading.tagName)![1]) - shift}`;
  };
}

/** How many levels an essay's headings move up: enough for the highest to be h2. */
export function promotionFor(depths: readonly number[]): number {
  return depths.length === 0 ? 0 : Math.max(0, Math.min(...depths) - 2);
}
