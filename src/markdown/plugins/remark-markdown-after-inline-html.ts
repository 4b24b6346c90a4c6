import type { Html, Parent, Root, RootContent } from 'mdast';
import type { Processor } from 'unified';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { endOfHtmlLine, lastLineOfLeadingHtml, parseHtmlLines } from './parse-markdown-lines.ts';

/** Nodes that hold blocks: an `html` node in one of them is an HTML block, not inline HTML. */
const blockParents = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition']);

/** HTML blocks CommonMark ends at their own end marker, not at a blank line: nothing to give back. */
const endsAtItsOwnMarker = /^\s*<(?:!--|\?|![A-Za-z]|!\[CDATA\[|(?:script|pre|style|textarea)(?:\s|>|$))/i;

/**
 * Gives back to Markdown what CommonMark swallowed into an HTML block. A line holding only a
 * tag (`<br/>`, `<a name="x"></a>`, `<img …>`, `</div>`) opens an HTML block that runs to the
 * next blank line, so a `## Heading`, an image, a formula or a fenced code block right after it
 * was published as raw text. kramdown, which these essays were written for, ends the HTML where
 * its elements close. So does this: the `html` node keeps the lines up to the one where every
 * element it opened is closed, and the lines after it are parsed again as Markdown (a further
 * HTML line among them is an HTML block of its own, and is looked at in turn). Run it before the
 * plugins that rewrite math, so that they see the formulas given back.
 */
export default function remarkMarkdownAfterInlineHtml(this: Processor) {
  const processor = this;
  return (tree: Root, file: VFile) => {
    visit(tree, 'html', (node: Html, index, parent: Parent | undefined) => {
      if (!parent || index === undefined || !blockParents.has(parent.type) || endsAtItsOwnMarker.test(node.value)) return;
      const last = lastLineOfLeadingHtml(node.value);
      const lines = node.value.split('\n');
      if (last === undefined || last >= lines.length - 1 || !node.position) return;
      // Indented four spaces, the lines would become a code block: they were HTML, leave them.
      if (/^( {4}|\t)/.test(lines[last + 1]!)) return;
      const markdown = parseHtmlLines(processor, file, node, last + 1);
      node.value = lines.slice(0, last + 1).join('\n');
      node.position = { start: node.position.start, end: endOfHtmlLine(file, node, last) };
      (parent.children as RootContent[]).splice(index + 1, 0, ...markdown);
    });
  };
}
