import { attr, hasClass, textOf, type Node } from '../../scripts/audit/html.ts';

/** Whether an element is a preview (a citation's, a footnote's, an essay's), whose text repeats what is elsewhere on the page. */
export const isPreview = (node: Node): boolean => 'tagName' in node && attr(node, 'role') === 'tooltip';

/**
 * Text as the line shows it before anything is hovered or focused: without the previews, and
 * without KaTeX's MathML copy of a formula (the visual copy beside it holds the same symbols).
 */
export function shownText(node: Node): string {
  if (!('tagName' in node)) return textOf(node);
  if (isPreview(node) || hasClass(node, 'katex-mathml')) return '';
  return (node.childNodes as Node[]).map(shownText).join('');
}
