import type { Element, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';

/**
 * Takes the previews out of an essay's HTML (citations', footnotes', cross-references': the
 * `role="tooltip"` elements of src/essays/previews.ts and remark-citations), and the
 * `aria-describedby` that named them. A feed reader shows the HTML without the site's CSS, so a
 * preview would be read as text in the middle of the sentence; the reader of a feed follows the
 * link (to the note, the figure, the reference) instead.
 */
export function removePreviews(tree: Root): void {
  const removed = new Set<string>();
  visit(tree, 'element', (node: Element, index, parent) => {
    if (!parent || index === undefined || node.properties.role !== 'tooltip' || !isPreview(node)) return;
    if (node.properties.id !== undefined) removed.add(String(node.properties.id));
    parent.children.splice(index, 1);
    return [SKIP, index];
  });
  if (removed.size === 0) return;
  visit(tree, 'element', (node: Element) => {
    const described = node.properties.ariaDescribedBy;
    if (!Array.isArray(described)) return;
    const kept = described.filter((id) => !removed.has(String(id)));
    if (kept.length > 0) node.properties.ariaDescribedBy = kept;
    else delete node.properties.ariaDescribedBy;
  });
}

function isPreview(node: Element): boolean {
  const value = node.properties.className;
  return Array.isArray(value) && (value.includes('preview') || value.includes('citation-preview'));
}
