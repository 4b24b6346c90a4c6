import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Point } from 'unist';
import type { VFile } from 'vfile';

export interface SourceLocation {
  /** The file as the author knows it, relative to the project: `content/posts/x.md`. */
  file: string;
  /** Line and column in that file, when known. */
  point?: { line: number; column: number };
}

/**
 * Where a point of the Markdown a plugin is given lies in the file on disk. Astro renders a `.md`
 * collection entry without its front matter (and trimmed), so plugin positions count lines from
 * the end of the front matter; this moves them back to the file's own lines. `near`, the text
 * found at the point, corrects the column where the parser's text lost indentation or escapes.
 */
export function sourceLocation(file: VFile, point: Point | undefined, near?: string): SourceLocation {
  const name = file.path ? path.relative(file.cwd, file.path).split(path.sep).join('/') : 'Markdown';
  if (!point) return { file: name };
  const source = readSource(file);
  const value = String(file.value ?? '');
  let line = point.line;
  let column = point.column;
  if (source !== undefined && source !== value) {
    const start = value ? source.indexOf(value) : -1;
    if (start > 0) line += countLineBreaks(source.slice(0, start));
  }
  if (source !== undefined && near) {
    const text = source.split(/\r?\n/)[line - 1] ?? '';
    const found = text.indexOf(near, Math.max(0, column - 1));
    const anywhere = found >= 0 ? found : text.indexOf(near);
    if (anywhere >= 0) column = anywhere + 1;
  }
  return { file: name, point: { line, column } };
}

function readSource(file: VFile): string | undefined {
  if (!file.path) return undefined;
  try {
    return readFileSync(file.path, 'utf8');
  } catch {
    return undefined;
  }
}

function countLineBreaks(text: string): number {
  return text.split('\n').length - 1;
}

/** 1-based line of `offset` in `text`. */
export function lineAt(text: string, offset: number): number {
  if (offset <= 0) return 1;
  return text.slice(0, offset).split(/\r\n|\r|\n/).length;
}
