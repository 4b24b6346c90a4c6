import { creditedAuthors } from '../essays/authors.ts';
import type { CitableEssay } from '../essays/citation.ts';
import type { Post } from '../essays/essay.ts';
import { absoluteUrl, postPath } from '../site/urls.ts';
import { site } from '../site.config.ts';

/** What citing an essay needs, from its front matter and the site: the same for its page and its CSL-JSON file. */
export function citableEssay(slug: string, data: Post['data'], siteUrl: URL | string | undefined): CitableEssay {
  return {
    slug,
    title: data.title,
    authors: creditedAuthors(data.authors, site.author),
    date: data.date,
    url: absoluteUrl(postPath(slug), String(siteUrl ?? site.url)),
    siteName: site.title,
    doi: data.doi,
    lang: site.lang,
  };
}
