/** Jekyll's post file names: `_posts/2023-01-31-my-post.md`. */

export interface JekyllPostName {
  /** `2023-01-31` */
  date: string;
  /** The title part of the name, as written: `my-post`. */
  name: string;
  /** Without the dot, lowercase: `md`, `markdown`. */
  extension: string;
}

/** Extensions Jekyll renders as Markdown (its `markdown_ext` default). */
export const MARKDOWN_EXTENSIONS: ReadonlySet<string> = new Set(['md', 'markdown', 'mkdown', 'mkdn', 'mkd']);

const POST_FILE_NAME = /^(\d{4}-\d{2}-\d{2})-(.+)\.([A-Za-z0-9]+)$/;

/** The parts of a post's file name, or undefined when Jekyll would not treat it as a post. */
export function parsePostFileName(fileName: string): JekyllPostName | undefined {
  const match = POST_FILE_NAME.exec(fileName);
  if (!match) return undefined;
  return { date: match[1]!, name: match[2]!, extension: match[3]!.toLowerCase() };
}

/** `2023-01-31-my-post.md` → `2023-01-31-my-post`: how `{% post_url %}` names a post. */
export function postKey(fileName: string): string {
  const base = fileName.replace(/\\/g, '/').split('/').at(-1)!;
  return base.replace(/\.[A-Za-z0-9]+$/, '');
}
