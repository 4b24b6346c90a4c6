import yaml from 'js-yaml';
import { parseAuthorDate } from '../../src/lib/dates.ts';

/** A Jekyll file's front matter and body, split. */
export interface SplitSource {
  data: Record<string, unknown>;
  body: string;
  /** Whether the file had a front-matter block at all. */
  hasFrontMatter: boolean;
}

/**
 * Front matter is the YAML between a first line `---` and the next `---` (or `...`). It is read
 * without YAML's timestamp type, so dates stay exactly as written.
 */
export function splitFrontMatter(source: string): SplitSource {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const match = /^---[ \t]*\n([\s\S]*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(text);
  if (!match) return { data: {}, body: text, hasFrontMatter: false };
  const parsed = yaml.load(match[1] ?? '', { schema: yaml.CORE_SCHEMA });
  if (parsed !== null && parsed !== undefined && (typeof parsed !== 'object' || Array.isArray(parsed))) {
    throw new Error('front matter is not a set of `key: value` lines');
  }
  return { data: (parsed ?? {}) as Record<string, unknown>, body: text.slice(match[0].length), hasFrontMatter: true };
}

/** What Quire's front matter will say; only fields Quire's schema accepts. */
export interface QuireFrontMatter {
  title: string;
  description?: string;
  date: string;
  updated?: string;
  tags?: string[];
  draft?: boolean;
  toc?: boolean;
  redirectFrom?: string[];
}

export interface MappedFrontMatter {
  frontMatter: QuireFrontMatter;
  /** Jekyll's slug for the post: `slug:` or the file name without its date. */
  jekyllSlug: string;
  /** The post's categories, for the `:categories` of its old URL. */
  categories: string[];
  /** The post's own `permalink:`, if it has one. */
  permalink?: string;
  /** Old paths from the jekyll-redirect-from plugin's `redirect_from:`. */
  redirectFrom: string[];
  warnings: string[];
}

export interface FileFacts {
  /** From the file name: `2023-01-31`. */
  date: string;
  /** From the file name: `my-post`. */
  name: string;
}

/**
 * Jekyll front matter → Quire front matter. Fields Quire's strict schema would reject are
 * dropped and named in the warnings, so an imported post always builds.
 */
export function mapFrontMatter(data: Record<string, unknown>, file: FileFacts): MappedFrontMatter {
  const warnings: string[] = [];
  const handled = new Set<string>();
  const take = (key: string) => {
    handled.add(key);
    return data[key];
  };

  const jekyllSlug = textOf(take('slug'))?.trim() || file.name;

  let title = textOf(take('title'))?.trim();
  if (!title) {
    title = titleFromName(jekyllSlug);
    warnings.push(`no title: using "${title}", made from the file name`);
  }

  const date = chooseDate(take('date'), file.date, warnings);

  // Jekyll splits a `categories:` string at spaces, but `category:` is always one category.
  const categories = dedupe([...oneOf(take('category')), ...listOf(take('categories'))]);
  const tags = dedupe([...categories, ...listOf(take('tags')), ...listOf(take('tag'))]);

  const description = textOf(take('description'))?.trim();
  const excerpt = textOf(take('excerpt'))?.trim();
  if (description && excerpt && description !== excerpt) warnings.push('dropped `excerpt`: the post has a `description`, which Quire shows instead');

  // Spread in the README's order: title, description, date…
  const frontMatter: QuireFrontMatter = { title, ...(description || excerpt ? { description: description || excerpt } : {}), date };

  const updated = take('last_modified_at') ?? take('updated');
  if (updated !== undefined) {
    const text = String(updated).trim();
    if (parseAuthorDate(text).ok) frontMatter.updated = text;
    else warnings.push(`dropped the last-modified date "${text}": not a date Quire can read (YYYY-MM-DD, optionally with a time)`);
  }

  if (tags.length > 0) frontMatter.tags = tags;

  const published = take('published');
  const draft = take('draft');
  if (published === false || draft === true) frontMatter.draft = true;

  const toc = take('toc');
  if (typeof toc === 'boolean') frontMatter.toc = toc;
  else if (toc !== undefined) warnings.push('dropped `toc`: Quire takes true or false here (it always builds its own table of contents)');

  const layout = take('layout');
  if (layout !== undefined && layout !== 'post' && layout !== null) {
    warnings.push(`dropped \`layout: ${String(layout)}\`: Quire has one layout for essays, \`post\``);
  }

  const permalink = textOf(take('permalink'))?.trim() || undefined;

  const redirectFrom: string[] = [];
  for (const url of listOf(take('redirect_from'))) {
    if (/^\/(?!\/)/.test(url)) redirectFrom.push(url);
    else warnings.push(`dropped redirect_from "${url}": an old URL must be a path on the site, starting with /`);
  }

  const unknown = Object.keys(data).filter((key) => !handled.has(key));
  if (unknown.length > 0) {
    warnings.push(`dropped ${unknown.map((key) => `\`${key}\``).join(', ')}: not Quire front-matter fields`);
  }

  return { frontMatter, jekyllSlug, categories, permalink, redirectFrom, warnings };
}

/** Jekyll's date: front matter wins over the file name, as in Jekyll. */
function chooseDate(value: unknown, fileDate: string, warnings: string[]): string {
  if (value === undefined || value === null || value === '') return fileDate;
  const text = String(value).trim();
  if (parseAuthorDate(text).ok) return text;
  warnings.push(`date "${text}" is not a date Quire can read (YYYY-MM-DD, optionally with a time and zone): using ${fileDate} from the file name`);
  return fileDate;
}

/** A YAML list, or Jekyll's space-separated string form (`categories: web dev`). */
function listOf(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.filter((item) => item !== null && item !== undefined).map((item) => String(item).trim()).filter(Boolean);
  return String(value).split(/\s+/).filter(Boolean);
}

function oneOf(value: unknown): string[] {
  const text = textOf(value)?.trim();
  return text ? [text] : [];
}

/** Case-insensitively unique, first spelling kept. */
function dedupe(items: readonly string[]): string[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = item.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function textOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : String(value);
}

/** `my-first-post` → `My First Post`, the way Jekyll titles a post that has no `title`. */
function titleFromName(name: string): string {
  return name
    .split(/[-_\s]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/** Quire front matter as YAML, fields in the README's order. */
export function renderFrontMatter(frontMatter: QuireFrontMatter): string {
  const ordered: Record<string, unknown> = {};
  for (const key of ['title', 'description', 'date', 'updated', 'tags', 'draft', 'toc', 'redirectFrom'] as const) {
    if (frontMatter[key] !== undefined) ordered[key] = frontMatter[key];
  }
  return `---\n${yaml.dump(ordered, { schema: yaml.CORE_SCHEMA, flowLevel: 1, lineWidth: 100 })}---\n`;
}
