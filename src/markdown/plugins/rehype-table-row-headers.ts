import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';

/**
 * A comparison table whose top-left header cell is empty has a first column that labels
 * each row (`| 1. | Available | Not always available |`). Mark that up as such: the corner
 * becomes a plain cell (an empty `<th>` names nothing), first cells become `<th scope="row">`,
 * and column headers get `scope="col"`. Screen readers then announce "1., Data in Research".
 */
export default function rehypeTableRowHeaders() {
  return (tree: Root) => {
    visit(tree, 'element', (table: Element) => {
      if (table.tagName !== 'table') return;
      const rows = childElements(table).flatMap((section) =>
        section.tagName === 'tr' ? [section] : childElements(section).filter((r) => r.tagName === 'tr'),
      );
      const headerRow = rows.find((row) => childElements(row).every((cell) => cell.tagName === 'th'));
      if (!headerRow) return;
      const headerCells = childElements(headerRow);
      for (const cell of headerCells) cell.properties.scope = 'col';
      const corner = headerCells[0];
      if (!corner || toString(corner).trim() !== '') return;
      corner.tagName = 'td';
      delete corner.properties.scope;
      for (const row of rows) {
        if (row === headerRow) continue;
        const first = childElements(row)[0];
        if (first) {
          first.tagName = 'th';
          first.properties.scope = 'row';
        }
      }
    });
  };
}

function childElements(node: Element): Element[] {
  return node.children.filter((child: ElementContent): child is Element => child.type === 'element');
}
