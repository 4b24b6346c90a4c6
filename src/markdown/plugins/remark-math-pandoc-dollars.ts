import type { Root, RootContent, Text } from 'mdast';
import type {} from 'remark-math'; // its types add remark-math's nodes to mdast's
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

type InlineMath = Extract<RootContent, { type: 'inlineMath' }>;

/**
 * remark-math reads any two dollar signs in a paragraph as math, so "it cost $5 and $10" would
 * be typeset as the formula `5 and`. This applies Pandoc's rule for `$…$` (run it right after
 * remark-math): the opening `$` must be followed by a non-space, the closing `$` must follow a
 * non-space and must not be followed by a digit. Anything else is put back as the text it was.
 * `$$…$$` and a backslash-escaped `\$` are unaffected.
 */
export default function remarkMathPandocDollars() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value);
    visit(tree, 'inlineMath', (node: InlineMath, index, parent) => {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (!parent || index === undefined || start === undefined || end === undefined) return;
      const written = source.slice(start, end);
      // Only `$…$` is subject to the rule: `\(…\)` and the like are math however they sit.
      if (!written.startsWith('$') || written.startsWith('$$') || isPandocMath(written, source[end])) return;
      const text: Text = { type: 'text', value: written, position: node.position };
      parent.children[index] = text;
      return SKIP;
    });
  };
}

/** `written` is `$…$` exactly as typed; `next` is the character after the closing `$`. */
export function isPandocMath(written: string, next: string | undefined): boolean {
  const inner = written.slice(1, -1);
  return inner.length > 0 && !/^\s/.test(inner) && !/\s$/.test(inner) && !/^[0-9]$/.test(next ?? '');
}
