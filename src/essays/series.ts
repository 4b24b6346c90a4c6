/*
 * Series and related essays: where an essay stands in its series (`series: { name, part }`),
 * and which other essays share its subjects. Pure functions of the published essays, so every
 * page that shows them agrees, and a build gives the same answer every time.
 */
import { slugify } from './slugs.ts';
import { tagSlug } from './tags.ts';

export interface SeriesField {
  name: string;
  part: number;
}

interface Listed {
  id: string;
  data: { title: string; date?: Date | undefined; tags: readonly string[]; series?: SeriesField | undefined };
}

/** URL segment of a series: `/series/<slug>/`. Names that differ only in case or punctuation are one series. */
export const seriesSlug = (name: string): string => slugify(name);

export interface Series<T> {
  /** The name as the first part (by part number) writes it. */
  name: string;
  slug: string;
  /** In part order. */
  parts: T[];
}

/** Each list of essays' series, worked out once: every essay page asks for its place among them. */
const seriesOfList = new WeakMap<readonly Listed[], Series<Listed>[]>();

/** Every series with a published part, by name; each one's parts in part order (then by id, for ties the checks report). */
export function collectSeries<T extends Listed>(posts: readonly T[]): Series<T>[] {
  let series = seriesOfList.get(posts) as Series<T>[] | undefined;
  if (!series) {
    series = gatherSeries(posts);
    seriesOfList.set(posts, series);
  }
  return series;
}

function gatherSeries<T extends Listed>(posts: readonly T[]): Series<T>[] {
  const bySlug = new Map<string, T[]>();
  for (const post of posts) {
    if (!post.data.series) continue;
    const slug = seriesSlug(post.data.series.name);
    bySlug.set(slug, [...(bySlug.get(slug) ?? []), post]);
  }
  return [...bySlug]
    .map(([slug, parts]) => {
      const ordered = [...parts].sort((a, b) => a.data.series!.part - b.data.series!.part || a.id.localeCompare(b.id));
      return { name: ordered[0]!.data.series!.name, slug, parts: ordered };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
}

export interface SeriesPlace<T> {
  name: string;
  slug: string;
  /** 1-based place among the series' published parts: "Part 2 of 5". */
  position: number;
  count: number;
  previous?: T;
  next?: T;
}

/** Where `post` stands in its series, or undefined when it is in none. */
export function seriesPlace<T extends Listed>(posts: readonly T[], post: T): SeriesPlace<T> | undefined {
  if (!post.data.series) return undefined;
  const series = collectSeries(posts).find((each) => each.slug === seriesSlug(post.data.series!.name));
  const index = series?.parts.findIndex((part) => part.id === post.id) ?? -1;
  if (!series || index === -1) return undefined;
  return {
    name: series.name,
    slug: series.slug,
    position: index + 1,
    count: series.parts.length,
    previous: series.parts[index - 1],
    next: series.parts[index + 1],
  };
}

/**
 * Up to `limit` essays that share tags with `post`: most shared tags first, then newest (undated
 * last), then by title. Parts of its own series are left out: the series already links them.
 */
export function relatedEssays<T extends Listed>(posts: readonly T[], post: T, limit = 3): T[] {
  const tags = new Set(post.data.tags.map(tagSlug));
  if (tags.size === 0) return [];
  const ownSeries = post.data.series && seriesSlug(post.data.series.name);
  return posts
    .filter((other) => other.id !== post.id && !(ownSeries && other.data.series && seriesSlug(other.data.series.name) === ownSeries))
    .map((other) => ({ other, shared: new Set(other.data.tags.map(tagSlug).filter((tag) => tags.has(tag))).size }))
    .filter(({ shared }) => shared > 0)
    .sort(
      (a, b) =>
        b.shared - a.shared ||
        (b.other.data.date?.getTime() ?? -Infinity) - (a.other.data.date?.getTime() ?? -Infinity) ||
        a.other.data.title.localeCompare(b.other.data.title) ||
        a.other.id.localeCompare(b.other.id),
    )
    .slice(0, limit)
    .map(({ other }) => other);
}
