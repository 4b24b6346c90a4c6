import { ContentError } from '../diagnostics.ts';

/**
 * Old URLs that keep working after a move (from Jekyll, say): each path in a post's
 * `redirectFrom` becomes a small HTML page at exactly that path which sends the reader, and
 * search engines, on to the post. Plain files, so they work on any static host without rules.
 */

export interface RedirectSource {
  /** The post's slug: it is published at `/posts/<slug>/`. */
  slug: string;
  title: string;
  /** The post's file, for error messages: `content/posts/x.md`. */
  file: string;
  redirectFrom: readonly string[];
}

export interface LegacyRedirect {
  /** The old path as the author wrote it: `/2023/01/31/my-essay.html`. */
  from: string;
  /** The file to write, relative to the site root: `2023/01/31/my-essay.html`. */
  outputFile: string;
  slug: string;
  title: string;
}

/**
 * The files a host needs so that an old path is answered: `/a/b.html` is that file; `/a/b/` is
 * `a/b/index.html`; an extensionless `/a/b` is both `a/b.html` (what Jekyll wrote, which GitHub
 * Pages, Netlify and Cloudflare serve at `/a/b`) and `a/b/index.html` (for hosts that redirect
 * `/a/b` to `/a/b/`).
 */
export function redirectOutputFiles(sitePath: string): string[] {
  const relative = sitePath.replace(/^\/+/, '');
  if (relative === '' || relative.endsWith('/')) return [`${relative}index.html`];
  const lastSegment = relative.slice(relative.lastIndexOf('/') + 1);
  if (lastSegment.includes('.')) return [relative];
  return [`${relative}.html`, `${relative}/index.html`];
}

/**
 * Every redirect the posts ask for. Two posts claiming one old path, or an old path that is
 * one of the site's own pages (the home page, a post), is an author's mistake: the build stops
 * and names the files.
 */
export function collectRedirects(posts: readonly RedirectSource[]): LegacyRedirect[] {
  const pages = new Set(['index.html', ...posts.map((post) => `posts/${post.slug}/index.html`)]);
  const byFile = new Map<string, { redirect: LegacyRedirect; file: string }>();
  const problems: string[] = [];
  for (const post of posts) {
    for (const from of post.redirectFrom) {
      for (const outputFile of redirectOutputFiles(from)) {
        if (pages.has(outputFile)) {
          problems.push(`${post.file}: redirectFrom: "${from}" is a page of this site; a redirect would replace it`);
          break;
        }
        const claimed = byFile.get(outputFile);
        if (claimed) {
          if (claimed.redirect.slug !== post.slug) {
            problems.push(`${post.file}: redirectFrom: "${from}" is already redirected to ${claimed.file}`);
          }
          continue;
        }
        byFile.set(outputFile, { redirect: { from, outputFile, slug: post.slug, title: post.title }, file: post.file });
      }
    }
  }
  if (problems.length > 0) throw new ContentError([...new Set(problems)]);
  return [...byFile.values()].map(({ redirect }) => redirect);
}

export interface RedirectPage {
  /** Where the reader is sent, as a path with the base: `/blog/posts/my-essay/`. */
  to: string;
  /** The same, absolute, for search engines: `https://example.org/blog/posts/my-essay/`. */
  canonical: string;
  title: string;
  lang: string;
}

/** A complete, valid HTML document that redirects at once and says so for anyone it does not. */
export function renderRedirectPage({ to, canonical, title, lang }: RedirectPage): string {
  const href = escapeHtml(to);
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Moved: ${escapeHtml(title)}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="${escapeHtml(canonical)}">
<meta http-equiv="refresh" content="0; url=${href}">
</head>
<body>
<main>
<p>This essay has moved to <a href="${href}">${escapeHtml(title)}</a>.</p>
</main>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
