/*
 * Who wrote an essay: the authors its front matter names (keys of `content/authors/` files, or
 * written out), or the site's author when it names none.
 */

export interface Author {
  name: string;
  url?: string;
  affiliation?: string;
  /** Bare: `0000-0002-1825-0097`. */
  orcid?: string;
  /** The name of the author's file in `content/authors/`, when they have one (and so a page). */
  key?: string;
}

/** An essay's authors, in the order it gives them; keys the site does not know are left out (the checks report them). */
export function resolveAuthors(written: readonly (string | Author)[] | undefined, known: ReadonlyMap<string, Author>): Author[] | undefined {
  if (!written) return undefined;
  return written.flatMap((author) => {
    if (typeof author !== 'string') return [author];
    const found = known.get(author);
    return found ? [{ ...found, key: author }] : [];
  });
}

/** The authors to credit: the essay's own, or the site's author. */
export function creditedAuthors(authors: readonly Author[] | undefined, siteAuthor: string): Author[] {
  return authors && authors.length > 0 ? [...authors] : [{ name: siteAuthor }];
}

export const orcidUrl = (orcid: string): string => `https://orcid.org/${orcid}`;

interface Credited {
  data: { authors?: readonly Author[] | undefined };
}

/** Every author kept in content/authors/ who wrote one of `posts`, by name, with their essays in the order given. */
export function essaysByAuthor<T extends Credited>(posts: readonly T[]): { author: Author & { key: string }; essays: T[] }[] {
  const byKey = new Map<string, { author: Author & { key: string }; essays: T[] }>();
  for (const post of posts) {
    for (const author of post.data.authors ?? []) {
      if (!author.key) continue;
      const entry = byKey.get(author.key) ?? { author: { ...author, key: author.key }, essays: [] };
      entry.essays.push(post);
      byKey.set(author.key, entry);
    }
  }
  return [...byKey.values()].sort((a, b) => a.author.name.localeCompare(b.author.name) || a.author.key.localeCompare(b.author.key));
}
