import { slug as githubSlug } from 'github-slugger';
import { stripFileNameDatePrefix } from './dates.ts';

/**
 * A post's slug from its path inside `content/posts/`: the file name without extension and
 * without a Jekyll date prefix. `my-essay/index.md` takes its folder's name, so an essay can
 * keep its images beside it. Sub-folders only organise files; they do not show in URLs.
 */
export function slugFromContentPath(relativePath: string): string {
  const parts = relativePath.replace(/\\/g, '/').split('/');
  let name = parts.at(-1)!.replace(/\.(md|mdx|markdown)$/i, '');
  if (name.toLowerCase() === 'index' && parts.length > 1) name = parts.at(-2)!;
  return slugify(stripFileNameDatePrefix(name));
}

/**
 * An essay's slug, the last part of its address: its `slug:` field when it has one (raw front
 * matter may hold anything there), otherwise the one its path gives.
 */
export function essaySlug(slugField: unknown, relativePath: string): string {
  return typeof slugField === 'string' && slugField.trim() ? slugify(slugField) : slugFromContentPath(relativePath);
}

/** GitHub's slug rules (the ones rehype-slug uses), so every slug in Quire looks alike. */
export function slugify(text: string): string {
  return githubSlug(text.trim());
}
