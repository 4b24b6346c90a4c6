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
