/**
 * The URL Jekyll gave a post, computed the way Jekyll does, so the old address can be kept
 * working as a redirect. See https://jekyllrb.com/docs/permalinks/.
 */

/** Jekyll's built-in permalink styles; `date` is the default. */
export const PERMALINK_STYLES: Readonly<Record<string, string>> = {
  date: '/:categories/:year/:month/:day/:title:output_ext',
  pretty: '/:categories/:year/:month/:day/:title/',
  ordinal: '/:categories/:year/:y_day/:title:output_ext',
  weekdate: '/:categories/:year/W:week/:short_day/:title:output_ext',
  none: '/:categories/:title:output_ext',
};

/** A `permalink:` value (a style name or a template) as a template. */
export function permalinkTemplate(value: string | undefined): string {
  const trimmed = (value ?? '').trim();
  if (trimmed === '') return PERMALINK_STYLES.date!;
  return PERMALINK_STYLES[trimmed] ?? trimmed;
}

export interface PostUrlInputs {
  /** The post's date as written: `2023-01-31`, `2023-01-31 10:00:00 +0100`. */
  date: string;
  /** The post's `slug` (front matter, else the file name without its date). */
  slug: string;
  /** Its categories, in order, as written. */
  categories: readonly string[];
  /** Output extension for `:output_ext`; Markdown posts become `.html`. */
  outputExtension?: string;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * The post's URL path for a permalink template, as Jekyll writes it: placeholders filled,
 * missing ones (no categories) dropped with their slash, repeated slashes squeezed.
 * Placeholders Jekyll does not know are reported, and left in.
 */
export function jekyllPostUrl(template: string, post: PostUrlInputs): { url: string; unknownPlaceholders: string[] } {
  const values = placeholderValues(post);
  const unknownPlaceholders: string[] = [];
  const filled = template.replace(/:([a-z_]+)/g, (match, name: string) => {
    if (name in values) return values[name]!;
    // Jekyll reads `:title_` as `:title` followed by `_`.
    const chomped = name.replace(/_+$/, '');
    if (chomped !== name && chomped in values) return values[chomped]! + name.slice(chomped.length);
    unknownPlaceholders.push(match);
    return match;
  });
  const url = `/${filled}`.replace(/\/\.{1,2}\//g, '/').replace(/\/{2,}/g, '/');
  return { url, unknownPlaceholders };
}

function placeholderValues({ date, slug, categories, outputExtension = '.html' }: PostUrlInputs): Record<string, string> {
  const [, year = '1970', month = '01', day = '01', hour = '00', minute = '00', second = '00'] =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(date.trim()) ?? [];
  const calendarDay = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const week = isoWeek(calendarDay);
  const categorySet = [...new Set(categories.map((category) => category.toLowerCase()))];
  return {
    year,
    month,
    day,
    i_month: String(Number(month)),
    i_day: String(Number(day)),
    short_year: year.slice(2),
    hour,
    minute,
    second,
    y_day: String(dayOfYear(calendarDay)).padStart(3, '0'),
    short_month: MONTHS[calendarDay.getUTCMonth()]!.slice(0, 3),
    long_month: MONTHS[calendarDay.getUTCMonth()]!,
    short_day: DAYS[calendarDay.getUTCDay()]!.slice(0, 3),
    long_day: DAYS[calendarDay.getUTCDay()]!,
    week: String(week.week).padStart(2, '0'),
    w_year: String(week.year),
    w_day: String(calendarDay.getUTCDay() || 7),
    title: prettySlug(slug),
    slug: defaultSlug(slug),
    name: defaultSlug(slug),
    categories: categorySet.join('/'),
    collection: 'posts',
    output_ext: outputExtension,
  };
}

/** Jekyll's `slugify(…, mode: 'pretty', cased: true)`: case and most punctuation kept. */
function prettySlug(text: string): string {
  return text.replace(/[^\p{L}\p{N}._~!$&'()+,;=@]+/gu, '-').replace(/^-+|-+$/g, '');
}

/** Jekyll's default `slugify`: lowercase letters and digits joined by hyphens. */
function defaultSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

function dayOfYear(date: Date): number {
  return Math.round((date.getTime() - Date.UTC(date.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
}

/** ISO 8601 week number and week-year (`%V`, `%G`). */
function isoWeek(date: Date): { week: number; year: number } {
  const thursday = new Date(date.getTime());
  thursday.setUTCDate(date.getUTCDate() + 3 - ((date.getUTCDay() + 6) % 7));
  const year = thursday.getUTCFullYear();
  return { week: Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1, year };
}
