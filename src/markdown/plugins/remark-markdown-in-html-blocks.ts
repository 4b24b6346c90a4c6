import type { Html, Root } from 'mdast';
import type { Processor } from 'unified';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { endOfHtmlLine, parseHtmlLines } from './parse-markdown-lines.ts';

const markdownAttribute = /\s+markdown\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`/]+))/i;
const openingTag = /^\s*<([A-Za-z][\w-]*)(?:[^>"']|"[^"]*"|'[^']*')*>\s*$/;

/**
 * kramdown's `markdown="1"` on an HTML block (`<div class="note" markdown="1">`): its content
 * is Markdown. When the content follows the opening tag without a blank line, CommonMark kept it
 * in the HTML block; here the lines between the opening tag and its closing tag are parsed as
 * Markdown (from the opening tag to the end of the block when the closing tag comes after a blank
 * line, where CommonMark already reads Markdown). `markdown` itself, any value, is dropped from
 * every tag: it told kramdown what to do and is not HTML. Run it before
 * remark-markdown-after-inline-html, which then looks at the HTML lines given back here.
 */
export default function remarkMarkdownInHtmlBlocks(this: Processor) {
  const processor = this;
  return (tree: Root, file: VFile) => {
    visit(tree, 'html', (node: Html, index, parent) => {
      const lines = node.value.split('\n');
      const attribute = markdownAttribute.exec(lines[0]!);
      const value = attribute?.[1] ?? attribute?.[2] ?? attribute?.[3];
      const tag = openingTag.exec(lines[0]!)?.[1]?.toLowerCase();
      if (parent && index !== undefined && node.position && lines.length > 1 && tag && ['1', 'block'].includes(value ?? '')) {
        let close = lines.findIndex((line, at) => at > 0 && new RegExp(`^\\s*</${tag}\\s*>`, 'i').test(line));
        if (close === -1) close = lines.length;
        const markdown = close > 1 ? parseHtmlLines(processor, file, node, 1, close) : [];
        const after: Html[] = [];
        if (close < lines.length) {
          const end = endOfHtmlLine(file, node, close);
          const start = { line: end.line, column: end.column - lines[close]!.length, offset: end.offset! - lines[close]!.length };
          after.push({ type: 'html', value: lines.slice(close).join('\n'), position: { start, end: node.position.end } });
        }
        node.position = { start: node.position.start, end: endOfHtmlLine(file, node, 0) };
        node.value = lines[0]!;
        parent.children.splice(index + 1, 0, ...(markdown as typeof parent.children), ...after);
      }
      node.value = node.value.replace(new RegExp(markdownAttribute.source, 'gi'), '');
    });
  };
}
