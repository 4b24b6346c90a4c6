import { createHash } from 'node:crypto';
import type { Post } from '../essays/essay.ts';

/**
 * Keys for Astro's incremental builds (`experimental.incrementalBuild`): a page whose key and
 * whose code are the same as in the previous build is copied from it instead of rendered
 * again. A key must therefore cover everything the page shows that its code does not decide.
 */

const hash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 32);

/**
 * What an essay's page shows of other essays: those either side, its series, related essays,
 * and the essays its text links to, whose previews show their titles and descriptions.
 */
export interface EssaysAround {
  newer?: Post | undefined;
  older?: Post | undefined;
  series?: { name: string; slug: string; position: number; count: number; previous?: Post | undefined; next?: Post | undefined } | undefined;
  related?: readonly Post[];
  linked?: readonly Post[];
}

/** The essay's own page: the essay (front matter, text, rendered HTML) and what it shows of the essays it links. */
export function essayPageCacheKey(post: Post, { newer, older, series, related = [], linked = [] }: EssaysAround): string {
  const side = (other: Post | undefined) => other && [other.id, other.data.title];
  const place = series && [series.name, series.slug, series.position, series.count, side(series.previous), side(series.next)];
  const previewed = linked.map((other) => [other.id, other.data.title, other.data.description]);
  return hash([post.id, post.digest, post.data, post.rendered, side(newer), side(older), place, related.map(side), previewed]);
}
