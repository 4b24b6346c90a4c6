import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit, SKIP } from 'unist-util-visit';
import { tableRegionLabel } from '../../essays/elements.ts';

/**
 * Wraps every table in a labelled, keyboard-focusable region that scrolls sideways on its own,
 * so a wide comparison table never makes the whole page scroll on a phone, and a keyboard user
 * can still reach the hidden columns (WCAG 2.1.1, and axe's `scrollable-region-focusable`).
 */
export default function rehypeTableScrollRegion() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'table' || !parent || index === undefined) return;
      // A table built with its region already (a data table: src/essays/data-tables.ts).
      if (parent.type === 'element' && isScrollRegion(parent)) return SKIP;
      const region: Element = {
        type: 'element',
        tagName: 'div',
        properties: { className: ['table-scroll'], role: 'region', tabIndex: 0, ariaLabel: tableLabel(node) },
        children: [node],
      };
      parent.children[index] = region;
      return SKIP;
    });
  };
}

function isScrollRegion(element: Element): boolean {
  const className: unknown = element.properties.className;
  return element.properties.role === 'region' && Array.isArray(className) && className.includes('table-scroll');
}

/** The caption if there is one, otherwise the column headings: "Table: Data in Research, Data in Production". */
export function tableLabel(table: Element): string {
  const caption = table.children.find((c): c is Element => c.type === 'element' && c.tagName === 'caption');
  const columnHeadings: string[] = [];
  visit(table, 'element', (cell: Element) => {
    if (cell.tagName === 'th' && cell.properties.scope !== 'row') columnHeadings.push(toString(cell));
  });
  return tableRegionLabel({ caption: caption && toString(caption), columnHeadings });
}
