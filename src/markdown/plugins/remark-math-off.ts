import type { Paragraph, Root, RootContent, Text } from 'mdast';
import type {} from 'remark-math'; // its types add remark-math's nodes to mdast's
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

/**
 * `math: false` in an essay's front matter says it has no math: every formula the parse found
 * (`$…$`, `$$…$$`, `\(…\)`, …) goes back to being the text its author typed, so "$5 and $10" or
 * a `\(` stays as written and no KaTeX is loaded for the page. A display formula becomes a
 * paragraph of its text. Run it last of the parse plugins, after every plugin that makes math.
 */
export default function remarkMathOff() {
  return (tree: Root, file: VFile) => {
    const frontmatter = (file.data as { astro?: { frontmatter?: { math?: unknown } } }).astro?.frontmatter;
    if (frontmatter?.math !== false) return;
    const source = String(file.value);

    visit(tree, (node, index, parent) => {
      if ((node.type !== 'inlineMath' && node.type !== 'math') || !parent || index === undefined) return;
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start === undefined || end === undefined) return;
      const text: Text = { type: 'text', value: typedText(source.slice(start, end), node.position!.start.column), position: node.position };
      const replacement: RootContent = node.type === 'math' ? ({ type: 'paragraph', children: [text], position: node.position } satisfies Paragraph) : text;
      (parent.children as RootContent[])[index] = replacement;
      return SKIP;
    });
  };
}

/** The source of a formula without the list indentation or `>` of the lines after its first. */
function typedText(written: string, column: number): string {
  const prefix = new RegExp(`^[ \\t>]{0,${column - 1}}`);
  return written
    .split(/\r?\n|\r/)
    .map((line, index) => (index === 0 ? line : line.replace(prefix, '')))
    .join('\n');
}
