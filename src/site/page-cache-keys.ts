import { createHash } from 'node:crypto';
import type { Post } from '../essays/essay.ts';

/**
 * Keys for Astro's incremental builds (`experimental.incrementalBuild`): a page whose key and
 * whose code are the same as in the previous build is copied from it instead of rendered
 * again. A key must therefore cover everything the page shows that its code does not decide.
 */

const hash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 32);

/** The essay's own page: the essay (front matter, text, rendered HTML) and the titles of the essays either side. */
export function essayPageCacheKey(post: Post, { newer, older }: { newer?: Post | undefined; older?: Post | undefined }): string {
  const side = (other: Post | undefined) => other && [other.id, other.data.title];
  return hash([post.id, post.digest, post.data, post.rendered, side(newer), side(older)]);
}
