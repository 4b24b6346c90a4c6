import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { slugFromContentPath, slugify } from '../../src/essays/slugs.ts';
import { pathWithBase } from '../../src/site/urls.ts';
import { mapFrontMatter, renderFrontMatter, splitFrontMatter, type MappedFrontMatter } from './front-matter.ts';
import { demoteHeadings } from './headings.ts';
import { removeStyleBlocks } from './html-blocks.ts';
import { convertAttributeLists, convertKramdownTables, removeKramdownExtensions } from './kramdown.ts';
import { rewriteSiteLinks, type LinkContext } from './links.ts';
import { rewriteLiquid, type LiquidContext } from './liquid.ts';
import { detectMathLoading, type MathLoading } from './math.ts';
import { jekyllPostUrl, permalinkTemplate } from './permalinks.ts';
import { MARKDOWN_EXTENSIONS, parsePostFileName, postKey } from './post-file.ts';
import { alignLines, chainLineMaps, type LineMap, type SourceWarning } from './source-lines.ts';

export interface ImportOptions {
  /** A Jekyll site (the folder with `_config.yml` and `_posts/`) or a `_posts` folder. */
  source: string;
  /** Where the posts go: `content/posts`. */
  outDir: string;
  /** Where the files posts use go, at the path the Jekyll site served them from: `public`. */
  publicDir: string;
  /** Report what would happen; write nothing. */
  dryRun?: boolean;
  /** Overwrite posts and files that already exist. */
  force?: boolean;
  /** Paths in the report are relative to this folder (the current one by default). */
  cwd?: string;
}

export interface ConvertedPost {
  source: string;
  output: string;
  /** Where Quire publishes it: `/posts/my-post/`. */
  url: string;
  /** Its old Jekyll URL(s), now redirect pages. */
  redirectFrom: string[];
}

export interface ImportReport {
  source: string;
  postsDir: string;
  /** The permalink template old URLs were computed with, unless a post has its own. */
  permalink: string;
  converted: ConvertedPost[];
  copied: { source: string; output: string }[];
  /** Per file, each message as `path:line  message`, the line in the original file. */
  warnings: { file: string; messages: string[] }[];
  skipped: { file: string; reason: string }[];
  dryRun: boolean;
}

export class ImportError extends Error {}

interface JekyllSite {
  /** The site's root, when known: config and static files are read from it. */
  root?: string;
  postsDir: string;
  config: JekyllConfig;
  /** The site's `_includes` folder, if it has one. */
  includesDir?: string;
  /** How the site's layouts load MathJax or KaTeX. */
  math: MathLoading;
}

interface JekyllConfig {
  /** The site's permalink template for posts. */
  permalink: string;
  /** A `permalink` that `defaults:` gives every post, which wins over the site's. */
  defaultPostPermalink?: string;
  url?: string;
  baseurl?: string;
  /** `_config.yml` as it is: Liquid's `site`. */
  values: Record<string, unknown>;
  /** Front matter that `defaults:` gives every post: part of Liquid's `page`. */
  postDefaults: Record<string, unknown>;
}

interface PlannedPost {
  source: string;
  sourcePath: string;
  key: string;
  fileDate: string;
  mapped: MappedFrontMatter;
  /** The front matter as Jekyll read it, for Liquid's `page`. */
  data: Record<string, unknown>;
  body: string;
  bodyLine: number;
  slug: string;
  outputPath: string;
  oldUrls: string[];
  /** The URL Jekyll gave the post, for Liquid's `page.url`. */
  jekyllUrl: string;
  warnings: SourceWarning[];
}

/** Reads the Jekyll site, converts every post and (unless `dryRun`) writes them. */
export function importJekyll(options: ImportOptions): ImportReport {
  const cwd = options.cwd ?? process.cwd();
  const shown = (file: string) => {
    const relative = path.relative(cwd, file);
    return relative.startsWith('..') ? file : relative.split(path.sep).join('/') || '.';
  };
  const site = readJekyllSite(path.resolve(cwd, options.source));
  const outDir = path.resolve(cwd, options.outDir);
  const publicDir = path.resolve(cwd, options.publicDir);
  const shownSource = (file: string) => path.relative(site.root ?? path.dirname(site.postsDir), file).split(path.sep).join('/');

  const report: ImportReport = {
    source: shown(path.resolve(cwd, options.source)),
    postsDir: shown(site.postsDir),
    permalink: site.config.defaultPostPermalink ?? site.config.permalink,
    converted: [],
    copied: [],
    warnings: [],
    skipped: [],
    dryRun: Boolean(options.dryRun),
  };
  const warningsFor = new Map<string, SourceWarning[]>();
  const warn = (file: string, warnings: SourceWarning[]) => {
    if (warnings.length === 0) return;
    if (!warningsFor.has(file)) warningsFor.set(file, []);
    warningsFor.get(file)!.push(...warnings);
  };
  /** Fields of theme features (comments…), reported once for the site: field → first post, its line, count. */
  const siteFeatures = new Map<string, { file: string; line: number; posts: number }>();
  const frontMatterMessages = new Map<string, { file: string; line: number }[]>();

  // Pass 1: every post's front matter, slug and old URL, so that links between posts resolve.
  const existing = existingSlugs(outDir, cwd);
  const usedSlugs = new Map<string, string>();
  const planned: PlannedPost[] = [];
  const postPaths = new Map<string, string>();
  for (const sourcePath of listFiles(site.postsDir)) {
    const source = shownSource(sourcePath);
    const name = parsePostFileName(path.basename(sourcePath));
    if (!name) {
      report.skipped.push({ file: source, reason: 'not a post: Jekyll posts are named YYYY-MM-DD-title.md' });
      continue;
    }
    if (!MARKDOWN_EXTENSIONS.has(name.extension)) {
      report.skipped.push({ file: source, reason: `.${name.extension} posts are not imported: Quire publishes Markdown` });
      continue;
    }
    let split;
    try {
      split = splitFrontMatter(readFileSync(sourcePath, 'utf8'));
    } catch (error) {
      report.skipped.push({ file: source, reason: `front matter cannot be read: ${firstLine(error)}` });
      continue;
    }
    const mapped = mapFrontMatter(split.data, name);
    const warnings: SourceWarning[] = [];
    for (const { field, message } of mapped.warnings) {
      const line = (field && split.fieldLines[field]) || 1;
      // The same front-matter message in many posts (`dropped layout: x`) is a site's habit.
      if (field) frontMatterMessages.set(message, [...(frontMatterMessages.get(message) ?? []), { file: source, line }]);
      else warnings.push({ line, message });
    }
    if (!split.hasFrontMatter) warnings.push({ line: 1, message: 'no front matter: Jekyll does not publish such a file, but it is imported' });
    for (const field of mapped.siteFeatureFields) {
      const seen = siteFeatures.get(field);
      if (seen) seen.posts += 1;
      else siteFeatures.set(field, { file: source, line: split.fieldLines[field] ?? 1, posts: 1 });
    }

    let slug = slugify(mapped.jekyllSlug) || slugify(name.name);
    const outputName = (candidate: string) => `${name.date}-${candidate}.md`;
    const existingFile = existsSync(path.join(outDir, outputName(slug)));
    const takenBy = existing.get(slug);
    if (existingFile && !options.force) {
      report.skipped.push({ file: source, reason: `${shown(path.join(outDir, outputName(slug)))} already exists (--force overwrites it)` });
      postPaths.set(postKey(sourcePath), newPostPath(slug));
      continue;
    }
    if (takenBy && takenBy !== shown(path.join(outDir, outputName(slug)))) {
      report.skipped.push({ file: source, reason: `its slug "${slug}" is already used by ${takenBy}` });
      continue;
    }
    if (usedSlugs.has(slug)) {
      const first = usedSlugs.get(slug)!;
      let counter = 2;
      while (usedSlugs.has(`${slug}-${counter}`) || existing.has(`${slug}-${counter}`)) counter += 1;
      warnings.push({ line: 1, message: `its slug "${slug}" is also ${first}'s: published as "${slug}-${counter}"` });
      slug = `${slug}-${counter}`;
    }
    usedSlugs.set(slug, source);

    const template = mapped.permalink ?? site.config.defaultPostPermalink ?? site.config.permalink;
    const oldUrl = jekyllPostUrl(template, { date: mapped.frontMatter.date, slug: mapped.jekyllSlug, categories: mapped.categories });
    const candidates = [...mapped.redirectFrom];
    if (oldUrl.unknownPlaceholders.length > 0) {
      warnings.push({ line: split.fieldLines.permalink ?? 1, message: `no redirect from the old URL: permalink "${template}" has placeholders Jekyll does not know (${oldUrl.unknownPlaceholders.join(', ')})` });
    } else {
      candidates.unshift(oldUrl.url);
    }
    const oldUrls = [...new Set(candidates)].filter((url) => url !== newPostPath(slug) && url !== '/');

    const key = postKey(sourcePath);
    postPaths.set(key, newPostPath(slug));
    planned.push({
      source,
      sourcePath,
      key,
      fileDate: name.date,
      mapped,
      data: split.data,
      body: split.body,
      bodyLine: countLines(readFileSync(sourcePath, 'utf8').replace(/\r\n?/g, '\n')) - countLines(split.body) + 1,
      slug,
      outputPath: path.join(outDir, outputName(slug)),
      oldUrls,
      jekyllUrl: oldUrl.url,
      warnings,
    });
  }

  // Two posts cannot both answer one old URL.
  const oldUrlOwners = new Map<string, PlannedPost>();
  for (const post of planned) {
    post.oldUrls = post.oldUrls.filter((url) => {
      const owner = oldUrlOwners.get(url);
      if (!owner) {
        oldUrlOwners.set(url, post);
        return true;
      }
      post.warnings.push({ line: 1, message: `no redirect from the old URL ${url}: it is also ${owner.source}'s` });
      return false;
    });
  }

  // Pass 2: the bodies.
  const isStaticFile = (sitePath: string) => isImportableFile(site.root, sitePath);
  const newPaths = new Set(postPaths.values());
  const filesToCopy = new Map<string, string>();
  const linkContext: LinkContext = {
    newPathForOldUrl: (url) => {
      const owner = oldUrlOwners.get(url);
      return owner ? newPostPath(owner.slug) : undefined;
    },
    isNewPostPath: (sitePath) => newPaths.has(sitePath),
    isStaticFile,
    siteUrl: site.config.url,
    baseurl: site.config.baseurl,
  };
  for (const post of planned) {
    const liquidContext: LiquidContext = {
      postPath: (key) => postPaths.get(key),
      isStaticFile,
      site: site.config.values,
      page: liquidPage(post, site.config.postDefaults),
      includesDir: site.includesDir,
    };
    // Each step rewrites the text the previous one made and reports lines of that text; the
    // chained line maps take every warning back to its line in the Jekyll file.
    const steps: ((text: string) => { body: string; warnings: SourceWarning[]; files?: string[] })[] = [
      (text) => rewriteLiquid(text, liquidContext),
      removeStyleBlocks,
      removeKramdownExtensions,
      convertAttributeLists,
      convertKramdownTables,
      demoteHeadings,
      (text) => rewriteSiteLinks(text, linkContext),
    ];
    let text = post.body;
    let toSource: LineMap = (line) => post.bodyLine + line - 1;
    const warnings = [...post.warnings];
    for (const step of steps) {
      const result = step(text);
      for (const warning of result.warnings) warnings.push({ line: toSource(warning.line), message: warning.message });
      for (const file of result.files ?? []) if (!filesToCopy.has(file)) filesToCopy.set(file, post.source);
      if (result.body !== text) toSource = chainLineMaps(toSource, alignLines(text, result.body));
      text = result.body;
    }
    warn(post.source, warnings);

    const math = mathFor(post.mapped, site.config.postDefaults, site.math);
    const frontMatter = {
      ...post.mapped.frontMatter,
      ...(post.oldUrls.length > 0 ? { redirectFrom: post.oldUrls } : {}),
      ...(math === false ? { math } : {}),
      imported: { from: 'jekyll' as const, file: post.source },
    };
    const essay = `${renderFrontMatter(frontMatter)}\n${text.replace(/^\s*\n/, '').replace(/\n{3,}/g, '\n\n').replace(/\s*$/, '\n')}`;
    if (!options.dryRun) {
      mkdirSync(path.dirname(post.outputPath), { recursive: true });
      writeFileSync(post.outputPath, essay);
    }
    report.converted.push({ source: post.source, output: shown(post.outputPath), url: newPostPath(post.slug), redirectFrom: post.oldUrls });
  }

  for (const [sitePath, usedBy] of [...filesToCopy].sort(([a], [b]) => a.localeCompare(b))) {
    const from = path.join(site.root!, sitePath);
    const to = path.join(publicDir, sitePath);
    if (existsSync(to) && !options.force) {
      if (!readFileSync(to).equals(readFileSync(from))) {
        report.skipped.push({ file: sitePath, reason: `${shown(to)} already exists and differs (--force overwrites it); used by ${usedBy}` });
      }
      continue;
    }
    if (!options.dryRun) {
      mkdirSync(path.dirname(to), { recursive: true });
      copyFileSync(from, to);
    }
    report.copied.push({ source: sitePath, output: shown(to) });
  }

  for (const [message, places] of frontMatterMessages) {
    if (places.length < SITE_HABIT) for (const { file, line } of places) warn(file, [{ line, message }]);
    else warn(places[0]!.file, [{ line: places[0]!.line, message: `${message} (in ${places.length} posts: said once, here at the first)` }]);
  }
  for (const [field, { file, line, posts }] of siteFeatures) {
    const where = posts === 1 ? 'this post' : `the ${posts} posts that set it (said once, here at the first)`;
    warn(file, [{ line, message: `dropped \`${field}\` from ${where}: ${SITE_FEATURE_NOTES[field] ?? 'a feature of the old theme that Quire does not have'}` }]);
  }

  report.warnings = [...warningsFor]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([file, warnings]) => ({ file, messages: collapseRepeats(warnings).map(({ line, message }) => `${file}:${line}  ${message}`) }));
  return report;
}

/** A front-matter message in this many posts or more is said once for the site. */
const SITE_HABIT = 3;

/** In line order; a message repeated in one file (`highlight options dropped`) is said once, with the count. */
function collapseRepeats(warnings: readonly SourceWarning[]): SourceWarning[] {
  const sorted = warnings.map((warning, order) => ({ ...warning, order })).sort((a, b) => a.line - b.line || a.order - b.order);
  const byMessage = new Map<string, number[]>();
  for (const { line, message } of sorted) byMessage.set(message, [...(byMessage.get(message) ?? []), line]);
  const said = new Set<string>();
  return sorted.flatMap(({ line, message }) => {
    if (said.has(message)) return [];
    said.add(message);
    const lines = byMessage.get(message)!;
    if (lines.length === 1) return [{ line, message }];
    const others = lines.slice(1);
    const shown = others.length > 5 ? `${others.slice(0, 5).join(', ')}…` : others.join(', ');
    return [{ line, message: `${message} (also on line${others.length > 1 ? 's' : ''} ${shown})` }];
  });
}

const SITE_FEATURE_NOTES: Record<string, string> = {
  comments: 'Quire has no comments (the old theme showed Disqus or similar under a post)',
  disqus: 'Quire has no comments',
};

/** Liquid's `page`: the post's front matter with the site's defaults, and what Jekyll adds. */
function liquidPage(post: PlannedPost, defaults: Record<string, unknown>): Record<string, unknown> {
  return {
    ...defaults,
    ...post.data,
    title: post.mapped.frontMatter.title,
    date: new Date(Date.parse(post.mapped.frontMatter.date.replace(' ', 'T').replace(/ ?([+-]\d{2})(\d{2})$/, '$1:$2')) || Date.parse(post.fileDate)),
    url: post.jekyllUrl,
    id: post.jekyllUrl.replace(/\.html$/, '').replace(/\/$/, ''),
    slug: post.mapped.jekyllSlug,
    categories: post.mapped.categories,
    tags: post.mapped.frontMatter.tags ?? [],
    path: post.source,
    collection: 'posts',
  };
}

/**
 * `false` when the old site showed this post's `$…$` as text: its layouts load MathJax only for
 * posts that ask (`{% if page.mathjax %}`) and this one does not. Otherwise Quire's default.
 */
function mathFor(mapped: MappedFrontMatter, defaults: Record<string, unknown>, loading: MathLoading): boolean | undefined {
  if (loading.kind !== 'per-post') return undefined;
  const asked = mapped.mathFlag ?? loading.fields.some((field) => defaults[field] === true);
  return asked ? undefined : false;
}

/** The report the CLI prints: converted, copied, warnings per file, skipped. */
export function formatReport(report: ImportReport): string {
  const lines = [`Jekyll import from ${report.source} (posts in ${report.postsDir}, permalink ${report.permalink})`, ''];
  lines.push(`Converted: ${report.converted.length}`);
  for (const post of report.converted) {
    lines.push(`  ${post.source} → ${post.output}  ${post.url}`);
    for (const url of post.redirectFrom) lines.push(`      old URL ${url} redirects there`);
  }
  lines.push('', `Copied: ${report.copied.length}`);
  for (const file of report.copied) lines.push(`  ${file.source} → ${file.output}`);
  const warningCount = report.warnings.reduce((sum, file) => sum + file.messages.length, 0);
  lines.push('', `Warnings: ${warningCount}${warningCount > 0 ? ` in ${report.warnings.length} file${report.warnings.length === 1 ? '' : 's'}` : ''}`);
  for (const file of report.warnings) for (const message of file.messages) lines.push(`  ${message}`);
  lines.push('', `Skipped: ${report.skipped.length}`);
  for (const file of report.skipped) lines.push(`  ${file.file}: ${file.reason}`);
  if (report.dryRun) lines.push('', 'Dry run: nothing was written.');
  return `${lines.join('\n')}\n`;
}

function readJekyllSite(source: string): JekyllSite {
  if (!existsSync(source) || !statSync(source).isDirectory()) throw new ImportError(`${source} is not a folder`);
  let root: string | undefined;
  let postsDir: string;
  if (path.basename(source) === '_posts') {
    postsDir = source;
    root = path.dirname(source);
  } else if (existsSync(path.join(source, '_posts'))) {
    root = source;
    postsDir = path.join(source, '_posts');
  } else {
    // A folder of posts that is not called `_posts`: there is no site around it to read.
    postsDir = source;
  }
  const includesDir = root && existsSync(path.join(root, '_includes')) ? path.join(root, '_includes') : undefined;
  return { root, postsDir, config: readConfig(root), includesDir, math: detectMathLoading(root) };
}

function readConfig(root: string | undefined): JekyllConfig {
  const file = root && ['_config.yml', '_config.yaml'].map((name) => path.join(root, name)).find((candidate) => existsSync(candidate));
  if (!file) return { permalink: permalinkTemplate(undefined), values: {}, postDefaults: {} };
  let config: Record<string, any>;
  try {
    config = (yaml.load(readFileSync(file, 'utf8'), { schema: yaml.CORE_SCHEMA }) ?? {}) as Record<string, any>;
  } catch (error) {
    throw new ImportError(`${file}: ${firstLine(error)}`);
  }
  const collectionPermalink = textOf(config.collections?.posts?.permalink);
  // `defaults:` entries that apply to posts, in order: a later one wins.
  const postDefaults: Record<string, unknown> = Object.assign(
    {},
    ...(Array.isArray(config.defaults) ? config.defaults : [])
      .filter((entry: any) => {
        const scope = entry?.scope ?? {};
        const scopePath = textOf(scope.path) ?? '';
        return (scope.type === undefined || scope.type === 'posts') && ['', '_posts', '_posts/'].includes(scopePath);
      })
      .map((entry: any) => (entry?.values && typeof entry.values === 'object' ? entry.values : {})),
  );
  return {
    permalink: permalinkTemplate(collectionPermalink ?? textOf(config.permalink)),
    defaultPostPermalink: textOf(postDefaults.permalink) || undefined,
    url: textOf(config.url) || undefined,
    baseurl: textOf(config.baseurl)?.replace(/\/+$/, '') || undefined,
    values: config,
    postDefaults,
  };
}

/** Slugs of the posts already in the output folder, and their files. */
function existingSlugs(outDir: string, cwd: string): Map<string, string> {
  const slugs = new Map<string, string>();
  if (!existsSync(outDir)) return slugs;
  for (const file of listFiles(outDir)) {
    if (!/\.(md|mdx)$/i.test(file)) continue;
    const entry = path.relative(outDir, file).split(path.sep).join('/');
    let slug = slugFromContentPath(entry);
    try {
      const declared = splitFrontMatter(readFileSync(file, 'utf8')).data.slug;
      if (typeof declared === 'string' && declared.trim()) slug = slugify(declared);
    } catch {
      // A post whose front matter does not parse keeps the slug of its file name.
    }
    slugs.set(slug, path.relative(cwd, file).split(path.sep).join('/'));
  }
  return slugs;
}

/** Files Jekyll copies as they are: not in `_folders` or hidden ones, and not pages or Sass. */
function isImportableFile(root: string | undefined, sitePath: string): boolean {
  if (!root) return false;
  const segments = sitePath.split('/');
  if (segments.some((segment) => segment === '' || segment === '..' || segment.startsWith('_') || segment.startsWith('.'))) return false;
  if (/\.(md|markdown|mkdown|mkdn|mkd|html?|liquid|ya?ml|scss|sass)$/i.test(sitePath)) return false;
  const file = path.join(root, ...segments);
  return existsSync(file) && statSync(file).isFile();
}

function newPostPath(slug: string): string {
  return pathWithBase(`posts/${slug}/`, '/');
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

function countLines(text: string): number {
  return text.split('\n').length;
}

function textOf(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}
