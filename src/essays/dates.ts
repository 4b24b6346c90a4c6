/**
 * Dates as authors write them: `2023-01-31`, `2023-01-31 09:30`, `2023-01-31T09:30:00+02:00`.
 *
 * Parsed strictly, because both YAML and `z.coerce.date()` quietly roll impossible dates
 * over (2023-02-30 becomes 2023-03-02) and an author would never notice.
 */

const DATE_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

export type DateParseResult = { ok: true; date: Date } | { ok: false; reason: string };

export function parseAuthorDate(text: string): DateParseResult {
  const match = DATE_PATTERN.exec(text.trim());
  if (!match) {
    return { ok: false, reason: 'is not a date (expected YYYY-MM-DD, optionally with a time)' };
  }
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '0', zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12) return { ok: false, reason: `has no month ${mo}` };
  if (day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, reason: 'is not a real date' };
  }
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    return { ok: false, reason: 'has an impossible time of day' };
  }
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(year, month - 1, day, Number(h), Number(mi), Number(s), millis);
  return { ok: true, date: new Date(utc - zoneOffsetMinutes(zone) * 60_000) };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Dates without a zone are read as UTC, so a post dated 2023-01-31 shows that day everywhere. */
function zoneOffsetMinutes(zone: string | undefined): number {
  if (!zone || zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
}

/** Jekyll's rule: `2023-01-31-my-post.md` is dated 2023-01-31. */
const FILE_NAME_DATE_PREFIX = /^(\d{4}-\d{2}-\d{2})-/;

export function dateFromFileName(fileName: string): string | undefined {
  return FILE_NAME_DATE_PREFIX.exec(fileName)?.[1];
}

export function stripFileNameDatePrefix(fileName: string): string {
  return fileName.replace(FILE_NAME_DATE_PREFIX, '');
}

export type PostDateSource = 'front matter' | 'file name' | 'git' | 'none';

export interface PostDateInputs {
  frontMatterDate?: string;
  fileName: string;
  /** Reads the date of the commit that first added the file; only called when needed. */
  gitAddedDate?: () => string | undefined;
}

/** Where a post's date comes from, in order: front matter, file-name prefix, git, nowhere. */
export function resolvePostDate({ frontMatterDate, fileName, gitAddedDate }: PostDateInputs): {
  date?: string;
  source: PostDateSource;
} {
  if (frontMatterDate !== undefined) return { date: frontMatterDate, source: 'front matter' };
  const fromName = dateFromFileName(fileName);
  if (fromName) return { date: fromName, source: 'file name' };
  const fromGit = gitAddedDate?.();
  if (fromGit) return { date: fromGit, source: 'git' };
  return { source: 'none' };
}

const displayFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

export function formatDisplayDate(date: Date): string {
  return displayFormat.format(date);
}

/** The value of `<time datetime>`: the calendar day, which is all a reader is shown. */
export function toDatetimeAttribute(date: Date): string {
  return date.toISOString().slice(0, 10);
}
