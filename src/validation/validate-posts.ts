import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { formatSchemaIssues } from '../diagnostics.ts';
import { isUnpublished } from '../essays/essay.ts';
import { redirectOutputFiles } from '../site/redirects.ts';
import { essaySlug } from '../essays/slugs.ts';
import { seriesSlug } from '../essays/series.ts';
import { asBrowsersRead, pathWithoutBase, withoutTrailingSlashes } from '../site/urls.ts';
import { promotionFor } from '../markdown/plugins/rehype-promote-headings.ts';
import { readOutline, type Outline } from '../markdown/outline.ts';
import { ALWAYS_ERROR_RULES, type Finding } from '../markdown/findings.ts';
import type { Problem } from '../diagnostics.ts';
import { lineOfField, readPostSource } from './read-post-source.ts';

export interface PostFile {
  /** Relative to the project root, with forward slashes: `content/posts/x.md`. */
  file: string;
  /** Relative to the posts folder: `x.md`, `2023/y.md`. */
  entry: string;
  text: string;
}

interface SchemaLike {
  /** The fields of the schema, for "did you mean" on an unknown one. */
  shape?: Record<string, unknown>;
  safeParse(data: unknown):
    | { success: true; data: { slug?: string; draft?: boolean; publishDate?: Date; imported?: unknown; redirectFrom?: string[]; series?: { name: string; part: number }; authors?: (string | object)[] } }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string; code?: string; keys?: string[] }[] } };
}

export interface ValidationOptions {
  schema: SchemaLike;
  /** Absolute path of the project root: relative image paths are resolved against it. */
  root: string;
  /** Site paths that exist besides posts, such as `/`, `/archive/`, `/tags/*` (one `*` per segment). */
  routes: readonly string[];
  /** Base path the site is served under (`/` or `/blog/`); links may include it. */
  base: string;
  /** The site's origin: absolute links to it are internal links. */
  siteUrl: string;
  /** Whether drafts and scheduled posts are left out (a production build), so links to them dangle. */
  production: boolean;
  now?: Date;
  /**
   * Outlines already read while rendering (src/markdown/render/render-essays.ts), by `file`; any post
   * not in it is parsed here.
   */
  outlines?: ReadonlyMap<string, Outline>;
  /**
   * What rendering found wrong in the output (src/markdown/findings.ts), by `file`, with lines
   * of the file. Their errors are errors here only in a production build (or `npm run check`).
   */
  findings?: ReadonlyMap<string, readonly Finding[]>;
  /** The keys of content/authors/ (src/loaders/authors.ts): an essay's `authors:` may name only these. */
  authorKeys?: ReadonlySet<string>;
}

interface CheckedPost extends PostFile {
  slug: string;
  published: boolean;
  /** Written for another generator and brought over (front matter `imported:`). */
  imported: boolean;
  outline: Outline;
  redirectFrom: readonly string[];
  /** Where `redirectFrom:` is written. */
  redirectLine: number;
  series?: { name: string; part: number; line: number };
}

/**
 * Everything `npm run check` and the build say about the content, in one pass over all posts:
 * unreadable files, schema errors, duplicate slugs, internal links and `#fragments` that point
 * nowhere, missing images, `javascript:` URLs (errors), and headings that skip a level
 * (warnings). Errors stop the build; warnings are printed.
 */
export function validatePosts(files: readonly PostFile[], options: ValidationOptions): Problem[] {
  const problems: Problem[] = [];
  const posts: CheckedPost[] = [];
  const now = options.now ?? new Date();
  const knownFields = Object.keys(options.schema.shape ?? {});

  for (const post of files) {
    const report = (line: number, column: number, message: string, severity: Problem['severity'] = 'error') =>
      problems.push({ file: post.file, line, column, severity, message });
    const source = readPostSource(post.text);
    if (!source.ok) {
      report(source.line, source.column, source.message);
      continue;
    }
    const checked = options.schema.safeParse(source.frontMatter);
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        if (issue.code === 'unrecognized_keys' && issue.keys) {
          // One line per unknown field, on its own line, with what it probably meant.
          for (const key of issue.keys) report(lineOfField(source.frontMatterLines, key), 1, unknownField(key, knownFields));
          continue;
        }
        const [message] = formatSchemaIssues('', [issue]);
        report(lineOfField(source.frontMatterLines, issue.path[0]?.toString()), 1, message!.replace(/^: /, ''));
      }
      continue;
    }
    const { data } = checked;
    const slug = essaySlug(data.slug, post.entry);
    if (slug === '') {
      report(1, 1, `the file name "${path.basename(post.entry)}" has no letter or digit, so the essay has no address: rename the file or set \`slug:\``);
      continue;
    }
    for (const key of (data.authors ?? []).filter((author): author is string => typeof author === 'string')) {
      if (options.authorKeys?.has(key)) continue;
      const known = [...(options.authorKeys ?? [])];
      report(
        lineOfField(source.frontMatterLines, 'authors'),
        1,
        `authors: "${key}" is not an author of this site: add content/authors/${key}.yaml${known.length > 0 ? ` (the site's authors are ${known.join(', ')})` : ''}, or write the author out as { name: … }`,
      );
    }
    const outline =
      options.outlines?.get(post.file) ?? readOutline(source.body, { mdx: post.file.endsWith('.mdx'), firstLine: source.bodyLine });
    const published = !isUnpublished({ data: { draft: data.draft ?? false, publishDate: data.publishDate } }, now);
    posts.push({
      ...post,
      slug,
      published,
      imported: data.imported !== undefined,
      outline,
      redirectFrom: data.redirectFrom ?? [],
      redirectLine: lineOfField(source.frontMatterLines, 'redirectFrom'),
      series: data.series && { ...data.series, line: lineOfField(source.frontMatterLines, 'series') },
    });
  }

  const bySlug = new Map<string, CheckedPost>();
  for (const post of posts) {
    const first = bySlug.get(post.slug);
    if (first) {
      problems.push({
        file: post.file,
        line: 1,
        column: 1,
        severity: 'error',
        message: `slug "${post.slug}" is already used by ${first.file}; rename the file or set \`slug:\``,
      });
    } else {
      bySlug.set(post.slug, post);
    }
  }

  problems.push(...checkRedirects(posts, options), ...checkSeries(posts));

  const linkTargets = new LinkTargets(bySlug, options);
  for (const post of posts) {
    const report = (at: { line: number; column: number }, message: string, severity: Problem['severity'] = 'error') =>
      problems.push({ file: post.file, line: at.line, column: at.column, severity, message });
    // A dead link or a missing image in an imported essay was already dead on the old site, and
    // one in a post that is not published reaches no reader: worth fixing, not worth a refused
    // build. Essays written for Quire keep them as errors. (Unsafe URLs stay errors everywhere.)
    const rot: Problem['severity'] = post.imported || (options.production && !post.published) ? 'warning' : 'error';

    for (const link of post.outline.links) {
      const problem = linkTargets.check(link.url, post);
      if (problem) report(link, problem.message, problem.unsafe ? 'error' : rot);
    }
    for (const image of post.outline.images) {
      const problem = checkImage(image, post, options);
      // A missing image beside a published essay stops Astro's build whoever wrote it.
      const unbuildable = problem && !problem.unsafe && !EXTERNAL.test(image.url.trim()) && !image.url.trim().startsWith('/') && post.published;
      if (problem) report(image, problem.message, problem.unsafe || unbuildable ? 'error' : rot);
    }
    for (const finding of options.findings?.get(post.file) ?? []) {
      const severity =
        finding.severity === 'error' && (ALWAYS_ERROR_RULES.has(finding.rule) || (options.production && !post.imported && post.published)) ? 'error' : 'warning';
      report(finding, finding.message, severity);
    }
    // As rendered: an essay whose sections are `####` is published with them as h2 (rehype-promote-headings).
    const shift = promotionFor(post.outline.headings.map((heading) => heading.depth));
    let previousDepth = 1;
    for (const { depth: written, ...heading } of post.outline.headings) {
      const depth = written - shift;
      if (depth === 1) {
        report(heading, `heading "${heading.text}" is an h1; the title is the page's h1, so start sections at ##`, 'warning');
      } else if (depth > previousDepth + 1) {
        report(heading, `heading "${heading.text}" skips from h${previousDepth} to h${depth}`, 'warning');
      }
      previousDepth = depth;
    }
  }
  return problems;
}

const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/** What other generators call the fields Quire has under another name. */
const FIELD_ALIASES: Readonly<Record<string, string>> = {
  tag: 'tags',
  categories: 'tags',
  category: 'tags',
  keywords: 'tags',
  excerpt: 'description',
  summary: 'description',
  subtitle: 'description',
  published: 'draft (its opposite)',
  modified: 'updated',
  last_modified_at: 'updated',
  lastmod: 'updated',
  permalink: 'slug, and redirectFrom for the old URL',
  redirect_from: 'redirectFrom',
  aliases: 'redirectFrom',
  mathjax: 'math',
  usemathjax: 'math',
  katex: 'math',
};

/** `unknown field "tittle": did you mean "title"? (known fields: …)` */
export function unknownField(key: string, known: readonly string[]): string {
  const alias = FIELD_ALIASES[key.toLowerCase()];
  const near = known.find((field) => field.toLowerCase() === key.toLowerCase()) ?? known.find((field) => editDistance(field.toLowerCase(), key.toLowerCase()) <= 2);
  const hint = alias ? `: Quire calls it ${alias}` : near ? `: did you mean "${near}"?` : '';
  return `unknown field "${key}"${hint}${known.length ? ` (known fields: ${known.join(', ')})` : ''}`;
}

/** Levenshtein distance, for short field names. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

/** Folders and files the build writes besides the pages of src/pages/. */
const GENERATED = [/^_astro\//, /^pagefind\//, /^sitemap-[^/]*\.xml$/, /^404\.html$/];

/**
 * An old URL in `redirectFrom` becomes a file of the site (src/site/redirects.ts): one that
 * would replace a page, a feed, the stylesheet, a file from public/ or another post's redirect
 * is an error, located at the field, before anything is built.
 */
function checkRedirects(posts: readonly CheckedPost[], options: ValidationOptions): Problem[] {
  const problems: Problem[] = [];
  const routes = options.routes.map((route) => routeFileMatcher(route));
  const claimed = new Map<string, CheckedPost>();
  for (const post of posts) {
    const report = (message: string) => problems.push({ file: post.file, line: post.redirectLine, column: 1, severity: 'error', message });
    for (const from of post.redirectFrom) {
      for (const file of redirectOutputFiles(from)) {
        const owner = claimed.get(file);
        if (owner && owner !== post) report(`redirectFrom: "${from}" is already redirected to ${owner.file}`);
        else if (GENERATED.some((pattern) => pattern.test(file)) || routes.some((matches) => matches(file))) {
          report(`redirectFrom: "${from}" is a page or file the site already has (${file}); a redirect would replace it`);
        } else if (existsSync(path.join(options.root, 'public', file))) {
          report(`redirectFrom: "${from}" is public/${file}; a redirect would replace it`);
        } else {
          claimed.set(file, post);
          continue;
        }
        break;
      }
    }
  }
  return problems;
}

/** Whether an output file (`tags/ml/index.html`) is one a route of src/pages/ writes. */
function routeFileMatcher(route: string): (file: string) => boolean {
  const pattern = route.replace(/^\//, '');
  const asFile = pattern === '' || pattern.endsWith('/') ? `${pattern}index.html` : /\.[a-z0-9]+$/i.test(pattern) ? pattern : `${pattern}/index.html`;
  const regex = new RegExp(`^${asFile.split('**').map((part) => part.split('*').map(escapeRegExp).join('[^/]+')).join('.*')}$`);
  return (file) => regex.test(file);
}

class LinkTargets {
  private readonly routes: RegExp[];
  private readonly posts: Map<string, CheckedPost>;
  private readonly options: ValidationOptions;

  constructor(posts: Map<string, CheckedPost>, options: ValidationOptions) {
    this.posts = posts;
    this.options = options;
    this.routes = options.routes.map(
      (route) =>
        new RegExp(`^${route.split('**').map((part) => part.split('*').map(escapeRegExp).join('[^/]+')).join('.*')}$`),
    );
  }

  /** Why `written`, a link in `from`, points nowhere; undefined when it lands. */
  check(written: string, from: CheckedPost): UrlProblem | undefined {
    const url = asBrowsersRead(written);
    if (/^(javascript|vbscript|data):/i.test(url)) {
      return { unsafe: true, message: `link "${url.slice(0, 40)}" uses a ${url.split(':')[0]!.toLowerCase()}: URL, which Quire does not publish` };
    }
    const problem = this.whyDangling(url, from);
    return problem === undefined ? undefined : { unsafe: false, message: problem };
  }

  private whyDangling(url: string, from: CheckedPost): string | undefined {
    const sitePath = this.toSitePath(url, from);
    if (sitePath === undefined) return undefined;
    const [pathname = '', fragment] = sitePath.split('#', 2);
    const decodedFragment = fragment === undefined ? undefined : safeDecode(fragment);

    const postMatch = /^\/posts\/([^/]+)\/?$/.exec(pathname);
    const target = pathname === '' ? from : postMatch ? this.posts.get(safeDecode(postMatch[1]!)) : undefined;
    if (postMatch && !target) return `link "${url}" points to no post (no post has the slug "${postMatch[1]}")`;
    if (target) {
      if (target !== from && this.options.production && !target.published) {
        return `link "${url}" points to ${target.file}, a draft or scheduled post that is not published`;
      }
      if (decodedFragment && !hasId(target, decodedFragment)) {
        return `link "${url}" points to "#${decodedFragment}", which is not a heading or id in ${target === from ? 'this post' : target.file}`;
      }
      return undefined;
    }
    if (this.routes.some((route) => route.test(pathname))) return undefined;
    if (existsSync(path.join(this.options.root, 'public', safeDecode(pathname)))) return undefined;
    if (/^(www\.|[a-z0-9-]+\.(com|org|net|io|edu|gov)\b)/i.test(url)) {
      return `link "${url}" has no scheme, so browsers read it as a page of this site: write https://${url}`;
    }
    return `link "${url}" points to no page or file of the site`;
  }

  /** The link as a path from the site root (`/posts/x/#y`), or undefined when it leaves the site. */
  private toSitePath(url: string, from: CheckedPost): string | undefined {
    const trimmed = url.trim();
    if (trimmed.startsWith('#')) return trimmed;
    let absolute = trimmed;
    if (EXTERNAL.test(trimmed)) {
      const origin = withoutTrailingSlashes(this.options.siteUrl);
      if (!trimmed.startsWith(`${origin}/`)) return undefined;
      absolute = trimmed.slice(origin.length);
    }
    if (!absolute.startsWith('/')) {
      // Relative links resolve against the post's own URL, /posts/<slug>/.
      absolute = new URL(absolute, `https://site.invalid/posts/${from.slug}/`).pathname + fragmentOf(absolute);
    }
    return pathWithoutBase(absolute.replace(/\?[^#]*/, ''), this.options.base);
  }
}

interface UrlProblem {
  message: string;
  /** A URL that runs code: refused in every essay, imported or not. */
  unsafe: boolean;
}

function checkImage({ url: written, element }: { url: string; element: string }, post: CheckedPost, options: ValidationOptions): UrlProblem | undefined {
  const url = asBrowsersRead(written);
  if (EXTERNAL.test(url)) {
    return /^javascript:/i.test(url) ? { unsafe: true, message: `image "${url.slice(0, 40)}" uses a javascript: URL` } : undefined;
  }
  const clean = safeDecode(url.split(/[?#]/)[0]!);
  const file = clean.startsWith('/')
    ? path.join(options.root, 'public', pathWithoutBase(clean, options.base))
    : path.join(options.root, path.dirname(post.file), clean);
  // Refused as unsafe (an error even in imported essays): the build would publish that file.
  if (!isInside(options.root, file)) return { unsafe: true, message: `image "${url}" is outside the project (${file}); Quire publishes only files of the site` };
  if (!existsSync(file)) return { unsafe: false, message: `image "${url}" does not exist (looked for ${path.relative(options.root, file)})` };
  if (!isInside(options.root, realpathSync(file))) return { unsafe: true, message: `image "${url}" is a link to a file outside the project; Quire publishes only files of the site` };
  const extension = path.extname(file).toLowerCase();
  // A video's or audio's source is media, not an image; an <img> or `![]()` must be an image.
  if (element === 'img' && !IMAGE_EXTENSIONS.has(extension)) return { unsafe: true, message: `image "${url}" is not an image (${extension || 'no extension'}); images are ${[...IMAGE_EXTENSIONS].join(' ')}` };
  return undefined;
}

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.gif', '.webp', '.avif', '.svg', '.apng', '.bmp', '.ico', '.tif', '.tiff']);

function isInside(root: string, file: string): boolean {
  const relative = path.relative(path.resolve(root), path.resolve(file));
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * Two parts of one series with the same number: the series page could not say which comes
 * first. An error when both are published; a warning when one of them is a draft or scheduled.
 */
function checkSeries(posts: readonly CheckedPost[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, CheckedPost>();
  for (const post of posts) {
    if (!post.series) continue;
    const key = `${seriesSlug(post.series.name)}\0${post.series.part}`;
    const first = seen.get(key);
    if (!first) {
      seen.set(key, post);
      continue;
    }
    problems.push({
      file: post.file,
      line: post.series.line,
      column: 1,
      severity: first.published && post.published ? 'error' : 'warning',
      message: `series: part ${post.series.part} of "${post.series.name}" is already ${first.file}; give each part its own number`,
    });
  }
  return problems;
}

/** Ids on a post's page that come from the body, from GFM footnotes, or from our layout. */
function hasId(post: CheckedPost, id: string): boolean {
  return post.outline.ids.has(id) || id.startsWith('user-content-') || LAYOUT_IDS.has(id);
}

const LAYOUT_IDS = new Set(['content', 'toc-heading', 'footnote-label', 'references', 'related-heading']);

function fragmentOf(url: string): string {
  const index = url.indexOf('#');
  return index === -1 ? '' : url.slice(index);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
