import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * How a Jekyll site's own layouts load MathJax or KaTeX, which decides what a post's `$…$` was:
 * - `per-post`: inside `{% if page.mathjax %}` (or another `page.*` switch): only posts that set
 *   it had math, and in the others a dollar sign was a dollar sign;
 * - `always`: on every page, so every post had math;
 * - `none`: not in the site's `_layouts` or `_includes` (a gem theme may still load it).
 */
export type MathLoading = { kind: 'per-post'; fields: string[] } | { kind: 'always' } | { kind: 'none' };

const MATH_LIBRARY = /mathjax|katex/i;
const CONDITIONAL = /\{%-?\s*(if|unless)\b([^%]*?)-?%\}([\s\S]*?)\{%-?\s*end(?:if|unless)\s*-?%\}/g;

export function detectMathLoading(root: string | undefined): MathLoading {
  if (!root) return { kind: 'none' };
  const texts = ['_layouts', '_includes']
    .map((folder) => path.join(root, folder))
    .filter((folder) => existsSync(folder))
    .flatMap((folder) => readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile() && /\.(html?|liquid)$/i.test(entry.name)).map((entry) => readFileSync(path.join(entry.parentPath, entry.name), 'utf8')));
  return mathLoadingIn(texts);
}

/** The same, from the text of the site's layouts and includes. */
export function mathLoadingIn(templates: readonly string[]): MathLoading {
  const fields = new Set<string>();
  let always = false;
  for (const template of templates) {
    const outside = template.replace(CONDITIONAL, (block, kind: string, condition: string, inner: string) => {
      if (!MATH_LIBRARY.test(inner)) return block;
      const switches = [...condition.matchAll(/\bpage\.(\w+)/g)].map((match) => match[1]!);
      // `{% unless page.nomath %}` loads it unless a post opts out: that is every other post.
      if (kind === 'if' && switches.length > 0 && !/\bsite\./.test(condition)) {
        switches.forEach((field) => fields.add(field));
        return '';
      }
      return block;
    });
    if (scriptsLoadMath(outside)) always = true;
  }
  if (always) return { kind: 'always' };
  if (fields.size > 0) return { kind: 'per-post', fields: [...fields] };
  return { kind: 'none' };
}

/** Whether a `<script>` (its src or its text) or an include outside any switch names MathJax or KaTeX. */
function scriptsLoadMath(template: string): boolean {
  return (
    [...template.matchAll(/<script\b[^>]*>[\s\S]*?<\/script>/gi)].some((script) => MATH_LIBRARY.test(script[0])) ||
    [...template.matchAll(/\{%-?\s*include\s+([^\s%]+)/g)].some((include) => MATH_LIBRARY.test(include[1]!))
  );
}
