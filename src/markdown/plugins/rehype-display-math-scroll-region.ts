import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

export interface DisplayMathScrollRegionOptions {
  /** What a screen reader calls the focusable box before reading the equation. */
  label?: string;
}

/**
 * A display equation wider than a phone scrolls sideways inside its own box (essay-elements.css).
 * Make that box reachable from the keyboard, as table scroll regions are (WCAG 2.1.1, axe's
 * `scrollable-region-focusable`): KaTeX's `.katex-display` gets `tabindex="0"` and a name.
 * Run it after rehype-katex.
 */
export default function rehypeDisplayMathScrollRegion({ label = 'Equation' }: DisplayMathScrollRegionOptions = {}) {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      const className = node.properties.className;
      if (!Array.isArray(className) || !className.includes('katex-display')) return;
      node.properties.tabIndex = 0;
      node.properties.role = 'group';
      node.properties.ariaLabel = label;
    });
  };
}
