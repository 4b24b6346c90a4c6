import { postKey } from './post-file.ts';

/**
 * The Liquid a Jekyll post uses, rewritten as plain Markdown:
 * - `{% highlight lang %}…{% endhighlight %}` → a fenced code block;
 * - `{% post_url 2023-01-31-other %}`, `{% link _posts/2023-01-31-other.md %}` → `/posts/other/`;
 * - `{% link assets/file.pdf %}` → `/assets/file.pdf`;
 * - `{{ site.baseurl }}`, `{{ site.url }}` → nothing before a path (or `/` on their own), and
 *   `{{ '/x' | relative_url }}` (or `absolute_url`) → `/x`;
 * - `{% raw %}…{% endraw %}` → its text, untouched; `{% comment %}…{% endcomment %}` → nothing.
 * Anything else is left exactly where it is and reported, with its line.
 */

export interface LiquidContext {
  /** The new path of a post named as `{% post_url %}` does (`2023-01-31-other`), if it is imported. */
  postPath(key: string): string | undefined;
  /** Whether a path of the Jekyll site (`assets/file.pdf`) is a static file that is imported with the posts. */
  isStaticFile(sitePath: string): boolean;
}

export interface LiquidResult {
  body: string;
  warnings: string[];
}

const TOKEN = new RegExp(
  [
    String.raw`\{%-?\s*raw\s*-?%\}([\s\S]*?)\{%-?\s*endraw\s*-?%\}`,
    String.raw`\{%-?\s*comment\s*-?%\}[\s\S]*?\{%-?\s*endcomment\s*-?%\}`,
    String.raw`\{%-?\s*highlight\b([^%]*?)-?%\}([\s\S]*?)\{%-?\s*endhighlight\s*-?%\}`,
    String.raw`\{%-?([\s\S]*?)-?%\}`,
    String.raw`\{\{-?([\s\S]*?)-?\}\}`,
  ].join('|'),
  'g',
);

/** `firstLine`: the line of the source file `body` starts on, so warnings point into that file. */
export function rewriteLiquid(body: string, context: LiquidContext, firstLine = 1): LiquidResult {
  const warnings: string[] = [];
  const lineAt = (offset: number) => firstLine + countNewlines(body.slice(0, offset));

  const rewritten = body.replace(
    TOKEN,
    (token: string, raw: string | undefined, highlightArgs: string | undefined, code: string | undefined, tag: string | undefined, output: string | undefined, offset: number) => {
      const line = lineAt(offset);
      const warn = (message: string) => warnings.push(`line ${line}: ${message}`);
      if (raw !== undefined) return raw;
      if (highlightArgs !== undefined) {
        const inner = rewriteLiquid(code ?? '', context, line + countNewlines(token.slice(0, token.indexOf('%}'))));
        warnings.push(...inner.warnings);
        return fencedCode(highlightArgs, inner.body, { before: lineBefore(body, offset), after: body[offset + token.length], warn });
      }
      if (tag !== undefined) return rewriteTag(tag, token, context, warn);
      if (output !== undefined) return rewriteOutput(output, token, body[offset + token.length], warn);
      return ''; // a comment
    },
  );
  return { body: rewritten, warnings };
}

function rewriteTag(tag: string, token: string, context: LiquidContext, warn: (message: string) => void): string {
  const [, name = '', rawArgument = ''] = /^\s*(\w+)\s*([\s\S]*?)\s*$/.exec(tag) ?? [];
  const argument = rawArgument.replace(/^(["'])(.*)\1$/, '$2');
  if (name === 'post_url') {
    const path = context.postPath(postKey(argument));
    if (path) return path;
    warn(`${oneLine(token)} names no imported post: left in place`);
    return token;
  }
  if (name === 'link') {
    const target = argument.replace(/^\/+/, '');
    if (/(^|\/)_posts\//.test(target)) {
      const path = context.postPath(postKey(target));
      if (path) return path;
      warn(`${oneLine(token)} names no imported post: left in place`);
      return token;
    }
    if (context.isStaticFile(target)) return `/${target}`;
    warn(`${oneLine(token)} links to a page of the Jekyll site, which is not imported: left in place`);
    return token;
  }
  warn(`unknown Liquid left in place: ${oneLine(token)}`);
  return token;
}

/** `{{ site.baseurl }}` and friends: every new link is written from the site root. */
function rewriteOutput(expression: string, token: string, nextCharacter: string | undefined, warn: (message: string) => void): string {
  const [subject = '', ...filters] = expression.split('|').map((part) => part.trim());
  if (/^site\.(baseurl|url)$/.test(subject) && filters.length === 0) {
    // Before a path (or another tag that makes one) it disappears; on its own it is the site's root.
    return nextCharacter === '/' || nextCharacter === '{' ? '' : '/';
  }
  const literal = /^(["'])(.*)\1$/.exec(subject)?.[2];
  const rootFilters = filters.every((filter) => /^(relative_url|absolute_url|prepend:\s*site\.(baseurl|url))$/.test(filter));
  if (literal !== undefined && filters.length > 0 && rootFilters) {
    return /^[a-z][a-z0-9+.-]*:/i.test(literal) ? literal : `/${literal.replace(/^\/+/, '')}`;
  }
  warn(`unknown Liquid left in place: ${oneLine(token)}`);
  return token;
}

interface FenceSurroundings {
  /** The text on the tag's line before it. */
  before: string;
  /** The character right after `{% endhighlight %}`. */
  after: string | undefined;
  warn: (message: string) => void;
}

function fencedCode(highlightArgs: string, code: string, { before, after, warn }: FenceSurroundings): string {
  const [language = '', ...options] = highlightArgs.trim().split(/\s+/).filter(Boolean);
  if (options.length > 0) warn(`highlight options dropped (${options.join(' ')}): Quire highlights code without line numbers or marked lines`);
  // The fence goes where the tag was: indented like it inside a list, on a line of its own otherwise.
  const indent = /^[ \t]*$/.test(before) ? before : '';
  const lead = indent === before ? '' : '\n';
  const lines = code
    .replace(/^[ \t]*\n/, '')
    .replace(/\n[ \t]*$/, '')
    .split('\n')
    .map((line) => (line === '' || line.startsWith(indent) ? line : indent + line));
  const longestRun = Math.max(0, ...[...code.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  const trail = after === undefined || after === '\n' ? '' : '\n';
  return `${lead}${fence}${language}\n${lines.join('\n')}\n${indent}${fence}${trail}`;
}

function lineBefore(text: string, offset: number): string {
  return text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset);
}

function countNewlines(text: string): number {
  let count = 0;
  for (const character of text) if (character === '\n') count += 1;
  return count;
}

function oneLine(token: string): string {
  const flat = token.replace(/\s+/g, ' ');
  return flat.length > 80 ? `${flat.slice(0, 77)}…` : flat;
}
