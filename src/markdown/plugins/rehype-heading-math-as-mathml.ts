import type { Element, ElementContent, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';

/**
 * KaTeX writes each formula three times: MathML, its TeX source (an annotation) and the visual
 * HTML. Astro takes a heading's text for the table of contents from all three, so
 * `## The $O(n)$ bound` would be listed as "The O(n)O(n)O(n) bound". Inside headings, keep only
 * the MathML, which browsers typeset natively and screen readers read. Run after rehype-katex.
 */
export default function rehypeHeadingMathAsMathml() {
  return (tree: Root) => {
    visit(tree, 'element', (heading: Element) => {
      if (!/^h[1-6]$/.test(heading.tagName)) return;
      visit(heading, 'element', (node: Element, index, parent) => {
        if (!parent || index === undefined || !hasClass(node, 'katex')) return;
        const math = findElement(node, (el) => el.tagName === 'math');
        if (!math) return;
        removeAnnotations(math);
        parent.children[index] = math;
        return SKIP;
      });
      return SKIP;
    });
  };
}

function hasClass(node: Element, className: string): boolean {
  const value = node.properties.className;
  return Array.isArray(value) && value.includes(className);
}

function findElement(node: Element, test: (el: Element) => boolean): Element | undefined {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (test(child)) return child;
    const found = findElement(child, test);
    if (found) return found;
  }
  return undefined;
}

/** `<semantics><mrow>…</mrow><annotation>TeX</annotation></semantics>` → `<mrow>…</mrow>`. */
function removeAnnotations(math: Element): void {
  math.children = math.children.flatMap((child): ElementContent[] => {
    if (child.type !== 'element' || child.tagName !== 'semantics') return [child];
    return child.children.filter((part) => !(part.type === 'element' && part.tagName.startsWith('annotation')));
  });
}
