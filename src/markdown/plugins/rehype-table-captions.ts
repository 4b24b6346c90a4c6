import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

/**
 * A `<caption>` standing just before a `<table>` (where remark-table-captions leaves a table's
 * caption, as mdast has no place for it inside the table) moves into the table, as its first
 * child, where HTML wants it and where screen readers announce it as the table's name. Run it
 * before the table plugins that read the caption (rehype-table-scroll-region names its region
 * after it).
 */
export default function rehypeTableCaptions() {
  return (tree: Root) => {
    visit(tree, 'element', (caption: Element, index, parent) => {
      if (caption.tagName !== 'caption' || !parent || index === undefined || parent.type === 'element' && parent.tagName === 'table') return;
      // Between the two, remark-rehype leaves a line break (a whitespace text node).
      let next = index + 1;
      while (parent.children[next]?.type === 'text' && /^\s*$/.test((parent.children[next] as { value: string }).value)) next++;
      const table = parent.children[next];
      if (table?.type !== 'element' || table.tagName !== 'table') return;
      parent.children.splice(index, next - index);
      table.children.unshift(caption);
      return index;
    });
  };
}
