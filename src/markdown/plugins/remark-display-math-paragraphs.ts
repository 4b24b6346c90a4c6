import type { Paragraph, Root, RootContent } from 'mdast';
import type {} from 'remark-math'; // its types add remark-math's nodes to mdast's
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

type InlineMath = Extract<RootContent, { type: 'inlineMath' }>;
type Math = Extract<RootContent, { type: 'math' }>;

/**
 * Display math that CommonMark parsed as inline, made display as its author wrote it:
 *
 * - a paragraph that is nothing but one formula written `$$…$$`, `\[…\]` or `\\[…\\]`
 *   (kramdown's display math, e.g. `$$ E = mc^2 $$`, on one line or several) becomes a display
 *   `math` node, as remark-math's `$$` fence gives;
 * - mid-paragraph, a `$$` formula whose `$$` stand on lines of their own (`text $$` / `a = b` /
 *   `$$`) is marked `math-display`, like the `\[…\]` forms (remark-math-mathjax-delimiters).
 *
 * Run it after remark-math, remark-math-mathjax-delimiters and remark-display-math-fences.
 */
export default function remarkDisplayMathParagraphs() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value);
    const written = (node: InlineMath) => source.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);

    visit(tree, 'paragraph', (paragraph: Paragraph, index, parent) => {
      if (!parent || index === undefined) return;
      const content = paragraph.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
      const [formula] = content;
      if (content.length !== 1 || formula?.type !== 'inlineMath' || !/^(\$\$|\\\\?\[)/.test(written(formula))) return;
      parent.children[index] = displayMath(formula.value, paragraph);
      return SKIP;
    });

    visit(tree, 'inlineMath', (node: InlineMath) => {
      if (!/^\$\$[ \t]*(\r?\n|\r)[\s\S]*(\r?\n|\r)[ \t>]*\$\$$/.test(written(node))) return;
      node.data = { ...node.data, hProperties: { className: ['language-math', 'math-display'] } };
    });
  };
}

/** The node remark-math makes of a `$$` fence (mdast-util-math's `enterMathFlow`). */
export function displayMath(value: string, paragraph: Paragraph): Math {
  return {
    type: 'math',
    meta: null,
    value,
    position: paragraph.position,
    data: {
      hName: 'pre',
      hChildren: [
        { type: 'element', tagName: 'code', properties: { className: ['language-math', 'math-display'] }, children: [{ type: 'text', value }] },
      ],
    },
  };
}
