import type { Element, ElementContent, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import { crossReferenceKind } from '../../essays/cross-references.ts';
import { attachPreview, holdsPhrasingOnly, idsIn, isHeading, isPreview, previewContent, previewElement, uniqueId } from '../../essays/previews.ts';

/**
 * Each cross-reference (`<a class="cross-reference" href="#fig-x">Figure 1</a>`, made by
 * remark-cross-reference-links) is described by a preview of what it refers to, shown on hover
 * and keyboard focus as a citation's is (src/essays/previews.ts): a figure's caption, a table's
 * caption, a section's heading (its number and title), a display equation's formula (KaTeX's
 * HTML for the eye, its MathML for screen readers, without ids) and its number, which is also
 * the text that names the tooltip where a tool reads no MathML. A figure's image is left out:
 * its caption says what it shows, and a second image would be a second download and a second
 * alt text to read. A reference in a heading gets no preview: a heading's text is also its
 * table of contents entry.
 *
 * Run it after the math is typeset and the captions are in their place (rehype-render-math,
 * rehype-figure-captions, rehype-table-captions), and after rehype-section-numbers.
 */
export default function rehypeCrossReferencePreviews() {
  return (tree: Root) => {
    const targets = new Map<string, Element>();
    visit(tree, 'element', (node: Element) => {
      if (isPreview(node)) return SKIP;
      const id = node.properties.id;
      if (typeof id === 'string' && crossReferenceKind(id) && !targets.has(id)) targets.set(id, node);
    });
    if (targets.size === 0) return;

    const taken = idsIn(tree);
    const counts = new Map<string, number>();
    visit(tree, 'element', (node: Element, index, parent) => {
      if (isHeading(node) || isPreview(node)) return SKIP;
      if (node.tagName !== 'a' || !hasClass(node, 'cross-reference') || !parent || index === undefined) return;
      const label = String(node.properties.href ?? '').replace(/^#/, '');
      const target = targets.get(label);
      const content = target && previewContent(shownOf(label, target));
      if (!content || content.length === 0 || !holdsPhrasingOnly(node)) return SKIP;
      const n = (counts.get(label) ?? 0) + 1;
      counts.set(label, n);
      attachPreview(parent, index, previewElement('cross-reference', uniqueId(`preview-${label}-${n}`, taken), content));
      return SKIP;
    });
  };
}

/** What the preview of a labelled element shows of it. */
function shownOf(label: string, target: Element): ElementContent[] {
  const child = (tagName: string) => target.children.find((node): node is Element => node.type === 'element' && node.tagName === tagName);
  switch (crossReferenceKind(label)) {
    case 'fig':
      return child('figcaption')?.children ?? [];
    case 'tbl':
      return child('caption')?.children ?? [];
    case 'eq':
      return target.children;
    default:
      return isHeading(target) ? target.children : [];
  }
}

function hasClass(node: Element, className: string): boolean {
  const value = node.properties.className;
  return Array.isArray(value) && value.includes(className);
}
