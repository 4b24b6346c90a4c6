import type { Paragraph, Parent, PhrasingContent, Root, RootContent, Table, TableRow, Text } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { trailingAttributeBlock } from '../../essays/cross-references.ts';
import { labelOf, warnIgnored, type TableCaption } from './cross-reference-labels.ts';

/** Pandoc's caption line: a paragraph that starts `: `, `Table: ` or `table: `. */
const CAPTION_START = /^(?::|[Tt]able:)[ \t]+/;

/**
 * Pandoc's table caption: a paragraph starting `: ` (or `Table: `) right after a table, or right
 * before it, is the table's caption, as Markdown; an attribute block at its end labels the table,
 * `: Results by model {#tbl-results}`, which then gets the id and is numbered by
 * remark-cross-reference-numbers. A caption line written with no blank line after the table is
 * read by GFM as the table's last row (one cell, starting `: `): that row is the caption too.
 *
 * The caption becomes a `tableCaption` node (`<caption>`) just before the table, which
 * rehype-table-captions moves into it: mdast has no place for a caption inside a table.
 */
export default function remarkTableCaptions() {
  return (tree: Root, file: VFile) => {
    const tables: { table: Table; parent: Parent }[] = [];
    visit(tree, 'table', (table: Table, _index, parent) => {
      if (parent) tables.push({ table, parent });
    });
    for (const { table, parent } of tables) {
      const siblings = parent.children as RootContent[];
      const at = siblings.indexOf(table);
      const caption = captionRow(table) ?? takeCaption(siblings, at + 1) ?? takeCaption(siblings, at - 1);
      if (!caption) continue;
      const block = lastText(caption) && trailingAttributeBlock(lastText(caption)!.value);
      const node: TableCaption = {
        type: 'tableCaption',
        children: caption,
        data: { hName: 'caption' },
      };
      if (block) {
        const text = lastText(caption)!;
        const label = block.id ? labelOf(text, { ...block, id: block.id }) : undefined;
        if (label) warnIgnored(file, label, block, []);
        text.value = text.value.slice(0, block.index).trimEnd();
        if (text.value === '') caption.pop();
        if (label) {
          table.data = { ...table.data, hProperties: { ...table.data?.hProperties, id: label.id }, label };
        }
      }
      siblings.splice(siblings.indexOf(table), 0, node);
    }
  };
}

/** The caption paragraph at `index`, taken out of `siblings` (its content, `: ` removed), or undefined. */
function takeCaption(siblings: RootContent[], index: number): PhrasingContent[] | undefined {
  const paragraph = siblings[index];
  if (paragraph?.type !== 'paragraph') return undefined;
  const content = captionContent(paragraph);
  if (content) siblings.splice(index, 1);
  return content;
}

/** A caption line GFM read as the table's last row: one cell that starts `: `, the others empty. */
function captionRow(table: Table): PhrasingContent[] | undefined {
  if (table.children.length < 3) return undefined;
  const row = table.children.at(-1) as TableRow;
  const [first, ...rest] = row.children;
  if (!first || rest.some((cell) => cell.children.length > 0)) return undefined;
  const content = captionContent({ type: 'paragraph', children: first.children });
  if (content) table.children.pop();
  return content;
}

function captionContent(paragraph: Paragraph): PhrasingContent[] | undefined {
  const [first] = paragraph.children;
  if (first?.type !== 'text') return undefined;
  const start = CAPTION_START.exec(first.value);
  if (!start) return undefined;
  const rest: Text = { ...first, value: first.value.slice(start[0].length) };
  if (rest.position?.start.offset !== undefined) {
    const { line, column, offset } = rest.position.start;
    rest.position = { ...rest.position, start: { line, column: column + start[0].length, offset: offset + start[0].length } };
  }
  return [...(rest.value === '' ? [] : [rest]), ...paragraph.children.slice(1)];
}

function lastText(content: PhrasingContent[]): Text | undefined {
  const last = content.at(-1);
  return last?.type === 'text' ? last : undefined;
}
