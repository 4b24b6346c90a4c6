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
