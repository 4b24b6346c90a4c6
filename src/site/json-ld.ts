export interface BlogPostingInput {
  title: string;
  description?: string;
  url: string;
  image?: string;
  date?: Date;
  updated?: Date;
  authors: readonly { name: string; url?: string; affiliation?: string; orcid?: string }[];
  siteName: string;
  tags: readonly string[];
}

/** schema.org `BlogPosting` for an essay: what search engines read for headline, dates and author. */
export function blogPostingJsonLd(input: BlogPostingInput): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'BlogPosting',
    headline: input.title,
    ...(input.description ? { description: input.description } : {}),
    url: input.url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': input.url },
    ...(input.image ? { image: input.image } : {}),
    ...(input.date ? { datePublished: input.date.toISOString() } : {}),
    ...(input.updated || input.date ? { dateModified: (input.updated ?? input.date)!.toISOString() } : {}),
    // One author is one Person, as schema.org's examples have it; several are a list.
    author: input.authors.length === 1 ? person(input.authors[0]!) : input.authors.map(person),
    publisher: { '@type': 'Organization', name: input.siteName },
    ...(input.tags.length ? { keywords: input.tags.join(', ') } : {}),
  };
}

function person(author: BlogPostingInput['authors'][number]): Record<string, unknown> {
  return {
    '@type': 'Person',
    name: author.name,
    ...(author.url ? { url: author.url } : {}),
    ...(author.affiliation ? { affiliation: { '@type': 'Organization', name: author.affiliation } } : {}),
    ...(author.orcid ? { sameAs: `https://orcid.org/${author.orcid}` } : {}),
  };
}

/**
 * JSON for inside `<script type="application/ld+json">`: `<`, `>` and `&` are escaped as
 * `\u003c`… so that no title can close the script element (`</script>`) or open a comment.
 */
export function serializeJsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
