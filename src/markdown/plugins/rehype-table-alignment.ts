import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

/**
 * GFM column alignment arrives as the `align` attribute, which HTML no longer allows.
 * Keep the author's alignment as a class the stylesheet understands.
 */
export default function rehypeTableAlignment() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'td' && node.tagName !== 'th') return;
      const align = node.properties.align;
      if (typeof align !== 'string') return;
      delete node.properties.align;
      node.properties.className = [...classList(node), `align-${align}`];
    });
  };
}

function classList(node: Element): string[] {
  const value: unknown = node.properties.className;
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(' ') : [];
}
