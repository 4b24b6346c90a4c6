import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { slugFromContentPath, slugify } from '../../src/lib/slugs.ts';
import { pathWithBase } from '../../src/lib/urls.ts';
import { mapFrontMatter, renderFrontMatter, splitFrontMatter, type MappedFrontMatter } from './front-matter.ts';
import { removeKramdownMarkup } from './kramdown.ts';
import { rewriteSiteLinks } from './links.ts';
import { rewriteLiquid } from './liquid.ts';
import { jekyllPostUrl, permalinkTemplate } from './permalinks.ts';
import { MARKDOWN_EXTENSIONS, parsePostFileName, postKey } from './post-file.ts';

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
}

interface JekyllConfig {
  /** The site's permalink template for posts. */
  permalink: string;
  /** A `permalink` that `defaults:` gives every post, which wins over the site's. */
  defaultPostPermalink?: string;
  url?: string;
  baseurl?: string;
}

interface PlannedPost {
  source: string;
  sourcePath: string;
  key: string;
  fileDate: string;
  mapped: MappedFrontMatter;
  body: string;
  bodyLine: number;
  slug: string;
  outputPath: string;
  oldUrls: string[];
  warnings: string[];
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
  const warningsFor = new Map<string, string[]>();
  const warn = (file: string, messages: string[]) => {
    if (messages.length === 0) return;
    if (!warningsFor.has(file)) warningsFor.set(file, []);
    warningsFor.get(file)!.push(...messages);
  };

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
    const warnings = [...mapped.warnings];
    if (!split.hasFrontMatter) warnings.push('no front matter: Jekyll does not publish such a file, but it is imported');

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
      warnings.push(`its slug "${slug}" is also ${first}'s: published as "${slug}-${counter}"`);
      slug = `${slug}-${counter}`;
    }
    usedSlugs.set(slug, source);

    const template = mapped.permalink ?? site.config.defaultPostPermalink ?? site.config.permalink;
    const oldUrl = jekyllPostUrl(template, { date: mapped.frontMatter.date, slug: mapped.jekyllSlug, categories: mapped.categories });
    const candidates = [...mapped.redirectFrom];
    if (oldUrl.unknownPlaceholders.length > 0) {
      warnings.push(`no redirect from the old URL: permalink "${template}" has placeholders Jekyll does not know (${oldUrl.unknownPlaceholders.join(', ')})`);
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
      body: split.body,
      bodyLine: countLines(readFileSync(sourcePath, 'utf8').replace(/\r\n?/g, '\n')) - countLines(split.body) + 1,
      slug,
      outputPath: path.join(outDir, outputName(slug)),
      oldUrls,
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
      post.warnings.push(`no redirect from the old URL ${url}: it is also ${owner.source}'s`);
      return false;
    });
  }

  // Pass 2: the bodies.
  const isStaticFile = (sitePath: string) => isImportableFile(site.root, sitePath);
  const newPaths = new Set(postPaths.values());
  const filesToCopy = new Map<string, string>();
  for (const post of planned) {
    const liquid = rewriteLiquid(post.body, { postPath: (key) => postPaths.get(key), isStaticFile }, post.bodyLine);
    const kramdown = removeKramdownMarkup(liquid.body);
    const links = rewriteSiteLinks(kramdown.body, {
      newPathForOldUrl: (url) => {
        const owner = oldUrlOwners.get(url);
        return owner ? newPostPath(owner.slug) : undefined;
      },
      isNewPostPath: (sitePath) => newPaths.has(sitePath),
      isStaticFile,
      siteUrl: site.config.url,
      baseurl: site.config.baseurl,
    });
    for (const file of links.files) if (!filesToCopy.has(file)) filesToCopy.set(file, post.source);
    warn(post.source, [...post.warnings, ...liquid.warnings, ...kramdown.warnings, ...links.warnings]);

    const frontMatter = { ...post.mapped.frontMatter, ...(post.oldUrls.length > 0 ? { redirectFrom: post.oldUrls } : {}) };
    const text = `${renderFrontMatter(frontMatter)}\n${links.body.replace(/^\s*\n/, '').replace(/\s*$/, '\n')}`;
    if (!options.dryRun) {
      mkdirSync(path.dirname(post.outputPath), { recursive: true });
      writeFileSync(post.outputPath, text);
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

  report.warnings = [...warningsFor].map(([file, messages]) => ({ file, messages }));
  return report;
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
  for (const file of report.warnings) {
    lines.push(`  ${file.file}`);
    for (const message of file.messages) lines.push(`    ${message}`);
  }
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
  return { root, postsDir, config: readConfig(root) };
}

function readConfig(root: string | undefined): JekyllConfig {
  const file = root && ['_config.yml', '_config.yaml'].map((name) => path.join(root, name)).find((candidate) => existsSync(candidate));
  if (!file) return { permalink: permalinkTemplate(undefined) };
  let config: Record<string, any>;
  try {
    config = (yaml.load(readFileSync(file, 'utf8'), { schema: yaml.CORE_SCHEMA }) ?? {}) as Record<string, any>;
  } catch (error) {
    throw new ImportError(`${file}: ${firstLine(error)}`);
  }
  const collectionPermalink = textOf(config.collections?.posts?.permalink);
  // `defaults:` entries that apply to posts; the last one that sets `permalink` wins.
  const defaultPostPermalink = (Array.isArray(config.defaults) ? config.defaults : [])
    .filter((entry: any) => {
      const scope = entry?.scope ?? {};
      const scopePath = textOf(scope.path) ?? '';
      return (scope.type === undefined || scope.type === 'posts') && ['', '_posts', '_posts/'].includes(scopePath);
    })
    .map((entry: any) => textOf(entry?.values?.permalink))
    .filter(Boolean)
    .at(-1);
  return {
    permalink: permalinkTemplate(collectionPermalink ?? textOf(config.permalink)),
    defaultPostPermalink,
    url: textOf(config.url) || undefined,
    baseurl: textOf(config.baseurl)?.replace(/\/+$/, '') || undefined,
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
