import yaml from 'js-yaml';
import { parseAuthorDate } from '../../src/essays/dates.ts';

/** A Jekyll file's front matter and body, split. */
export interface SplitSource {
  data: Record<string, unknown>;
  body: string;
  /** Whether the file had a front-matter block at all. */
  hasFrontMatter: boolean;
  /** The line (1-based, in the file) each top-level front-matter field is on. */
  fieldLines: Record<string, number>;
}

/**
 * Front matter is the YAML between a first line `---` and the next `---` (or `...`). It is read
 * without YAML's timestamp type, so dates stay exactly as written.
 */
export function splitFrontMatter(source: string): SplitSource {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const match = /^---[ \t]*\n([\s\S]*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(text);
  if (!match) return { data: {}, body: text, hasFrontMatter: false, fieldLines: {} };
  const parsed = yaml.load(match[1] ?? '', { schema: yaml.CORE_SCHEMA });
  if (parsed !== null && parsed !== undefined && (typeof parsed !== 'object' || Array.isArray(parsed))) {
    throw new Error('front matter is not a set of `key: value` lines');
  }
  const fieldLines: Record<string, number> = {};
  (match[1] ?? '').split('\n').forEach((line, index) => {
    const key = /^(["']?)([^\s:#"'][^:]*?)\1[ \t]*:(?:[ \t]|$)/.exec(line)?.[2];
    if (key !== undefined && !(key in fieldLines)) fieldLines[key] = index + 2;
  });
  return { data: (parsed ?? {}) as Record<string, unknown>, body: text.slice(match[0].length), hasFrontMatter: true, fieldLines };
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
  /** `false` when the site showed this post's dollar signs as text. */
  math?: boolean;
  /** Where the essay came from, so that defects it already had are told apart (src/content.config.ts). */
  imported?: { from: 'jekyll'; file: string };
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
  /** What the post says about MathJax (`mathjax:`, `usemathjax:`, `math:`), if anything. */
  mathFlag?: boolean;
  /** Fields for a feature of the old site (comments, sharing) that Quire does not have: reported once per site. */
  siteFeatureFields: string[];
  /** Each with the field it is about, if any, so that it can point at that line. */
  warnings: { field?: string; message: string }[];
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
  const warnings: { field?: string; message: string }[] = [];
  const warn = (message: string, field?: string) => warnings.push({ field, message });
  const handled = new Set<string>();
  const take = (key: string) => {
    handled.add(key);
    return data[key];
  };

  const jekyllSlug = textOf(take('slug'))?.trim() || file.name;

  let title = textOf(take('title'))?.trim();
  if (!title) {
    title = titleFromName(jekyllSlug);
    warn(`no title: using "${title}", made from the file name`);
  }

  const date = chooseDate(take('date'), file.date, (message) => warn(message, 'date'));

  // Jekyll splits a `categories:` string at spaces, but `category:` is always one category.
  const categories = dedupe([...oneOf(take('category')), ...listOf(take('categories'))]);
  const tags = dedupe([...categories, ...listOf(take('tags')), ...listOf(take('tag'))]);

  const description = textOf(take('description'))?.trim();
  const excerpt = textOf(take('excerpt'))?.trim();
  if (description && excerpt && description !== excerpt) warn('dropped `excerpt`: the post has a `description`, which Quire shows instead', 'excerpt');

  // Spread in the documented order (docs/writing.md): title, description, date…
  const frontMatter: QuireFrontMatter = { title, ...(description || excerpt ? { description: description || excerpt } : {}), date };

  const updatedField = 'last_modified_at' in data ? 'last_modified_at' : 'updated';
  const updated = take('last_modified_at') ?? take('updated');
  if (updated !== undefined && updated !== null) {
    const text = normaliseJekyllDate(String(updated));
    if (text) frontMatter.updated = text;
    else warn(`dropped the last-modified date "${String(updated).trim()}": not a date Quire can read (YYYY-MM-DD, optionally with a time)`, updatedField);
  }

  if (tags.length > 0) frontMatter.tags = tags;

  const published = take('published');
  const draft = take('draft');
  if (published === false || draft === true) frontMatter.draft = true;

  const toc = take('toc');
  if (typeof toc === 'boolean') frontMatter.toc = toc;
  else if (toc !== undefined) warn('dropped `toc`: Quire takes true or false here (it always builds its own table of contents)', 'toc');

  const layout = take('layout');
  if (layout !== undefined && layout !== 'post' && layout !== null) {
    warn(`dropped \`layout: ${String(layout)}\`: Quire has one layout for essays, \`post\``, 'layout');
  }

  // MathJax switches: Quire's `math` is set from them, with what the site's layouts do (import.ts).
  const mathFlags = ['math', 'mathjax', 'usemathjax', 'use_math', 'katex'].map((key) => take(key)).filter((value) => value !== undefined && value !== null);
  const mathFlag = mathFlags.length > 0 ? mathFlags.some((value) => value === true || value === 'true') : undefined;

  const permalink = textOf(take('permalink'))?.trim() || undefined;

  const redirectFrom: string[] = [];
  for (const url of listOf(take('redirect_from'))) {
    if (/^\/(?!\/)/.test(url)) redirectFrom.push(url);
    else warn(`dropped redirect_from "${url}": an old URL must be a path on the site, starting with /`, 'redirect_from');
  }

  const siteFeatureFields = Object.keys(data).filter((key) => !handled.has(key) && SITE_FEATURE_FIELD.test(key));
  const unknown = Object.keys(data).filter((key) => !handled.has(key) && !SITE_FEATURE_FIELD.test(key));
  if (unknown.length > 0) {
    warn(`dropped ${unknown.map((key) => `\`${key}\``).join(', ')}: not Quire front-matter fields`, unknown[0]);
  }

  return { frontMatter, jekyllSlug, categories, permalink, redirectFrom, mathFlag, siteFeatureFields, warnings };
}

/**
 * Fields that switch a feature of the old site's theme on or off for a post (comments, sharing
 * buttons, related posts, the sidebar): most posts have them, and Quire has none of these
 * features, so they are reported once for the whole site rather than once per post.
 */
const SITE_FEATURE_FIELD = /^(?:comments?|disqus\w*|share|sharing|social_share|related|show_related|read_time|reading_time|author_profile|sidebar|toc_sticky|toc_label|toc_icon|show_date|analytics|ads|header|classes)$/;

/** Jekyll's date: front matter wins over the file name, as in Jekyll. */
function chooseDate(value: unknown, fileDate: string, warn: (message: string) => void): string {
  if (value === undefined || value === null || value === '') return fileDate;
  const text = normaliseJekyllDate(String(value));
  if (text) return text;
  warn(`date "${String(value).trim()}" is not a date Quire can read (YYYY-MM-DD, optionally with a time and zone): using ${fileDate} from the file name`);
  return fileDate;
}

const JEKYLL_DATE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{1,2})(?::(\d{1,2})(\.\d+)?)?)?[ \t]*(Z|UTC|GMT|[+-]\d{1,2}(?::?\d{2})?)?$/i;

/**
 * A date as Jekyll (Ruby's `Time.parse`) reads it, in the form Quire's schema takes
 * (src/essays/dates.ts): `2019-04-25 9:00:00` → `2019-04-25 09:00:00`, `2017-10-29 00:00:00 -0500`
 * and `+08:00` kept, `UTC` → `+0000`. Written as it was when Quire reads it already.
 * Undefined when it is not a date at all.
 */
export function normaliseJekyllDate(value: string): string | undefined {
  const text = value.trim();
  if (parseAuthorDate(text).ok) return text;
  const match = JEKYLL_DATE.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction = '', zone] = match;
  const two = (part: string) => part.padStart(2, '0');
  let normalised = `${year}-${two(month!)}-${two(day!)}`;
  if (hour !== undefined) normalised += ` ${two(hour)}:${two(minute!)}:${two(second ?? '0')}${fraction}`;
  if (zone && hour !== undefined) {
    const upper = zone.toUpperCase();
    const offset = upper === 'UTC' || upper === 'GMT' || upper === 'Z' ? '+0000' : zone.replace(/^([+-])(\d{1,2})(?::?(\d{2}))?$/, (_all, sign: string, hours: string, minutes = '00') => `${sign}${two(hours)}${minutes}`);
    normalised += ` ${offset}`;
  }
  return parseAuthorDate(normalised).ok ? normalised : undefined;
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

/** Quire front matter as YAML, fields in the documented order (docs/writing.md). */
export function renderFrontMatter(frontMatter: QuireFrontMatter): string {
  const ordered: Record<string, unknown> = {};
  for (const key of ['title', 'description', 'date', 'updated', 'tags', 'draft', 'toc', 'redirectFrom', 'math', 'imported'] as const) {
    if (frontMatter[key] !== undefined) ordered[key] = frontMatter[key];
  }
  return `---\n${yaml.dump(ordered, { schema: yaml.CORE_SCHEMA, flowLevel: 1, lineWidth: 100 })}---\n`;
}
