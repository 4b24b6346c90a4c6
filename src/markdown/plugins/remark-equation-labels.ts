import type { Paragraph, Parents, Root, RootContent } from 'mdast';
import type {} from 'remark-math'; // its types add remark-math's nodes to mdast's
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { trailingAttributeBlock, type AttributeBlock } from '../../essays/cross-references.ts';
import { warnIgnored, type Equation, type Label } from './cross-reference-labels.ts';
import { displayMath } from './remark-display-math-paragraphs.ts';

type InlineMath = Extract<RootContent, { type: 'inlineMath' }>;
type Math = Extract<RootContent, { type: 'math' }>;

/**
 * Quarto's labelled display equation: an attribute block after the closing `$$`,
 *
 *     $$
 *     E = mc^2
 *     $$ {#eq-energy}
 *
 * or after a one-line `$$ E = mc^2 $$ {#eq-energy}` alone in its paragraph, puts the formula in a
 * `<div class="equation" id="eq-energy">`, which remark-cross-reference-numbers numbers (the
 * number, "(1)", follows the formula in the div). remark-display-math-fences
 * lets the `$$ {…}` line close the formula; the block is read here from the source.
 *
 * A parse plugin, run after remark-math-off: with `math: false` there is no equation to label.
 */
export default function remarkEquationLabels() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value);
    const labelled: { node: Math; parent: Parents; block: AttributeBlock & { id: string }; label: Label }[] = [];

    visit(tree, (node, index, parent) => {
      if (!parent || index === undefined) return;
      if (node.type === 'math') {
        const found = closingFenceBlock(source, node);
        if (found) labelled.push({ node, parent, ...found });
        return SKIP;
      }
      if (node.type !== 'paragraph') return;
      const found = oneLineEquation(source, node);
      if (!found) return;
      const math = displayMath(found.formula.value, node);
      (parent.children as RootContent[])[index] = math;
      labelled.push({ node: math, parent, block: found.block, label: found.label });
      return SKIP;
    });

    for (const { node, parent, block, label } of labelled) {
      warnIgnored(file, label, block, []);
      const equation: Equation = {
        type: 'equation',
        children: [node],
        position: node.position,
        data: { hName: 'div', hProperties: { className: ['equation'], id: block.id }, label },
      };
      const siblings = parent.children as RootContent[];
      siblings[siblings.indexOf(node)] = equation;
    }
  };
}

/** The attribute block after a `$$` fence's closing `$$`, read from the source. */
function closingFenceBlock(source: string, node: Math) {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  const written = source.slice(start, end);
  const lastLine = written.slice(written.lastIndexOf('\n') + 1);
  const fence = /^[ \t>]*\$\$+[ \t]*\\?\{/.exec(lastLine);
  const block = fence ? trailingAttributeBlock(lastLine) : undefined;
  if (!block?.id) return undefined;
  const lines = written.split('\n').length;
  const line = node.position!.start.line + lines - 1;
  const column = (lines === 1 ? node.position!.start.column : 1) + block.index;
  return { block: { ...block, id: block.id }, label: { id: block.id, place: { line, column }, written: block.written } };
}

/** `$$ E = mc^2 $$ {#eq-x}` alone in a paragraph: the formula and its block. */
function oneLineEquation(source: string, paragraph: Paragraph) {
  const content = paragraph.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
  if (content.length !== 2) return undefined;
  const [formula, after] = content;
  if (formula?.type !== 'inlineMath' || after?.type !== 'text') return undefined;
  const written = source.slice(formula.position?.start.offset ?? 0, formula.position?.end.offset ?? 0);
  if (!/^(\$\$|\\\\?\[)/.test(written)) return undefined;
  const block = trailingAttributeBlock(after.value);
  if (!block?.id || after.value.slice(0, block.index).trim() !== '') return undefined;
  const start = after.position?.start;
  const place = start && { line: start.line, column: start.column + block.index };
  return { formula: formula as InlineMath, block: { ...block, id: block.id }, label: { id: block.id, place, written: block.written } };
}
