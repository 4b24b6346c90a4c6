import type { Html, Root, RootContent } from 'mdast';
import type { Processor } from 'unified';
import type { Point, Position } from 'unist';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

/**
 * Lines of an `html` node parsed again as Markdown, as a block of their own, with the essay's
 * own syntax (the processor's: GFM, math, …), for plugins that give back to Markdown what
 * CommonMark swallowed into an HTML block. The nodes come back with positions in the essay:
 * each line of the node's value is found in the source, after the list indentation or `>`
 * CommonMark stripped from it, and the new nodes are shifted there.
 *
 * `from` and `to` index the lines of `html.value` (`to` excluded, default: all).
 */
export function parseHtmlLines(processor: Processor, file: VFile, html: Html, from: number, to?: number): RootContent[] {
  const lines = html.value.split('\n').slice(from, to);
  const first = html.position!.start.line + from;
  const source = sourceLines(file);
  // How many characters of each source line CommonMark took as container prefix.
  const prefixes = lines.map((line, index) => {
    const text = source.lines[first + index - 1] ?? '';
    return text.endsWith(line) ? text.length - line.length : 0;
  });
  const shift = (point: Point): Point => {
    const index = Math.min(point.line - 1, lines.length - 1);
    const line = first + index;
    const column = point.column + prefixes[index]!;
    return { line, column, offset: source.starts[line - 1]! + column - 1 };
  };

  const tree = processor.parse(lines.join('\n')) as Root;
  visit(tree, (node) => {
    if (node.position) node.position = { start: shift(node.position.start), end: shift(node.position.end) };
  });
  return tree.children;
}

/** Where line `index` (0-based) of an `html` node ends in the essay, for trimming the node there. */
export function endOfHtmlLine(file: VFile, html: Html, index: number): Position['end'] {
  const source = sourceLines(file);
  const line = html.position!.start.line + index;
  const text = source.lines[line - 1] ?? '';
  const value = html.value.split('\n')[index] ?? '';
  const column = (text.endsWith(value) ? text.length : value.length) + 1;
  return { line, column, offset: source.starts[line - 1]! + column - 1 };
}

const cache = new WeakMap<VFile, { lines: string[]; starts: number[] }>();

function sourceLines(file: VFile) {
  let found = cache.get(file);
  if (!found) {
    const lines = String(file.value).split('\n');
    const starts: number[] = [];
    let offset = 0;
    for (const line of lines) {
      starts.push(offset);
      offset += line.length + 1;
    }
    found = { lines: lines.map((line) => line.replace(/\r$/, '')), starts };
    cache.set(file, found);
  }
  return found;
}

const voidElements = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const tagOrComment = /<!--[\s\S]*?-->|<(\/?)([A-Za-z][\w-]*)(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/g;

/**
 * The index of the line of `html` where the HTML it starts with is complete: every element
 * opened from its first line on is closed again (void and self-closed elements need no closing
 * tag, a stray closing tag closes nothing). Undefined while some element is still open at the end.
 */
export function lastLineOfLeadingHtml(html: string): number | undefined {
  const open: string[] = [];
  const lineEnds = [...html.matchAll(/\n/g)].map((match) => match.index).concat(html.length);
  let line = 0;
  let position = 0;
  for (const match of html.matchAll(tagOrComment)) {
    const end = match.index + match[0].length;
    // A line where nothing is open and no tag is under way ends the leading HTML.
    while (lineEnds[line]! < match.index) {
      if (open.length === 0 && lineEnds[line]! >= position) return line;
      line++;
    }
    position = end;
    const [, closing, name = '', selfClosing] = match;
    const tag = name.toLowerCase();
    if (match[0].startsWith('<!--') || voidElements.has(tag) || selfClosing) continue;
    if (!closing) open.push(tag);
    else if (open.includes(tag)) open.length = open.lastIndexOf(tag);
  }
  if (open.length > 0) return undefined;
  while (lineEnds[line]! < position) line++;
  return line;
}
