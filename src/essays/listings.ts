/*
 * How essays are listed: grouped by year (the archive) and split into pages (the home page).
 */

export interface YearGroup<T> {
  /** A calendar year, or undefined for undated posts (listed last). */
  year: number | undefined;
  posts: T[];
}

/** Posts (already newest first) grouped by the year of their date. */
export function groupByYear<T extends { data: { date?: Date } }>(posts: readonly T[]): YearGroup<T>[] {
  const groups: YearGroup<T>[] = [];
  for (const post of posts) {
    const year = post.data.date?.getUTCFullYear();
    const last = groups.at(-1);
    if (last && last.year === year) last.posts.push(post);
    else groups.push({ year, posts: [post] });
  }
  return groups;
}

export const POSTS_PER_PAGE = 10;

export interface Page<T> {
  /** 1-based. */
  number: number;
  total: number;
  items: T[];
}

/** Splits a list into pages of `size`; an empty list still has one (empty) page. */
export function paginate<T>(items: readonly T[], size: number = POSTS_PER_PAGE): Page<T>[] {
  const total = Math.max(1, Math.ceil(items.length / size));
  return Array.from({ length: total }, (_, index) => ({
    number: index + 1,
    total,
    items: items.slice(index * size, (index + 1) * size),
  }));
}

/** Page 1 is the home page; the rest live at `/page/<n>/`. */
export function pageSitePath(number: number): string {
  return number <= 1 ? '/' : `/page/${number}/`;
}
