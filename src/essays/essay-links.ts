/*
 * Which other essays an essay links to, read from its source: the essay page previews them
 * (src/collection/essay-link-previews.ts), and its page-cache key covers what those previews show.
 */

/**
 * Matches `/posts/<slug>` anywhere in a source: in a link, a reference definition, raw HTML or
 * an MDX attribute, with or without the base path before it and a `/`, `#fragment` or query after.
 * A slug has no punctuation but `-` and `_` (src/essays/slugs.ts), so a full stop ends it.
 */
const ESSAY_PATH = /\/posts\/([^\s/?#"'`()<>[\]{}\\|.,;:!*]+)/g;

/**
 * The slugs an essay's source names as `/posts/<slug>`, each once, in the order first written.
 * Read from the source, before the render, so that Markdown and MDX are read alike and the
 * list is known where the page-cache key is made. It may name more than the essay links to (a
 * path in a code span, a slug no essay has): the page previews only the links it finds in the
 * rendered HTML, and a name too many only makes the key change when that essay's title does.
 */
export function linkedEssaySlugs(source: string): string[] {
  const slugs = new Set<string>();
  for (const [, written] of source.matchAll(ESSAY_PATH)) slugs.add(decodedSlug(written!));
  return [...slugs];
}

/** `caf%C3%A9` → `café`, as the slug is spelled; a malformed escape is left as it is. */
export function decodedSlug(written: string): string {
  try {
    return decodeURIComponent(written);
  } catch {
    return written;
  }
}

/**
 * The essays `post` links to, among `published` (by slug), in the order its source first names
 * them; itself and slugs that are no published essay are left out.
 */
export function linkedEssays<T extends { id: string; data: { essayLinks?: string[] | undefined } }>(post: T, published: ReadonlyMap<string, T>): T[] {
  return (post.data.essayLinks ?? []).flatMap((slug) => {
    const other = slug === post.id ? undefined : published.get(slug);
    return other ? [other] : [];
  });
}
