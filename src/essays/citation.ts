/*
 * How to cite an essay: its CSL-JSON item (what reference managers import), a BibTeX entry and
 * a formatted reference (APA, by citeproc through Citation.js), and the Highwire Press meta tags
 * Google Scholar reads. All from the essay's front matter and address, so the same essay gives
 * the same bytes on every build (no "accessed" date).
 */
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';

export interface CitableEssay {
  slug: string;
  title: string;
  /** In order; names as written (`Ada Lovelace`). */
  authors: readonly { name: string; affiliation?: string; orcid?: string }[];
  date?: Date | undefined;
  /** The essay's absolute URL. */
  url: string;
  /** The site's name: the "container" an essay is published in. */
  siteName: string;
  doi?: string | undefined;
  lang: string;
}

/** A CSL-JSON item (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html). */
export interface CslItem {
  id: string;
  type: 'post-weblog';
  title: string;
  author: { literal: string }[];
  issued?: { 'date-parts': [[number, number, number]] | [[number, number]] };
  URL: string;
  'container-title': string;
  DOI?: string;
  language: string;
}

/** Names are kept as written (`literal`): splitting "given" from "family" by guessing gets many names wrong. */
export function essayCslItem(essay: CitableEssay): CslItem {
  const date = essay.date;
  return {
    id: essay.slug,
    type: 'post-weblog',
    title: essay.title,
    author: essay.authors.map(({ name }) => ({ literal: name })),
    ...(date ? { issued: { 'date-parts': [[date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()]] as [[number, number, number]] } } : {}),
    URL: essay.url,
    'container-title': essay.siteName,
    ...(essay.doi ? { DOI: essay.doi } : {}),
    language: essay.lang,
  };
}

/**
 * A BibTeX `@misc` entry. BibTeX's `month` holds a month, not a day: the date goes in at
 * month precision (Citation.js would write `month = {mar 5}`).
 */
export function essayBibtex(essay: CitableEssay): string {
  const item = essayCslItem(essay);
  const issued = item.issued && { 'date-parts': [item.issued['date-parts'][0].slice(0, 2)] as [[number, number]] };
  const entry = (new Cite({ ...item, ...(issued ? { issued } : {}) }).format('bibtex') as string).trim();
  // BibTeX's own month macros (`month = mar`), which every style prints as the style wants.
  return entry.replace(/^(\s*month = )\{(\d{1,2})\},$/m, (_line, lead: string, month: string) => `${lead}${MONTHS[Number(month) - 1]},`);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * The essay's reference in APA style, as text: `Author. (2024, March 5). Title. Site. https://…`.
 * An undated essay is `(n.d.)`, and APA would then want the date the reader retrieved it, which
 * a static page cannot know: citeproc's "Retrieved" with no date after it is left out.
 */
export function essayReference(essay: CitableEssay): string {
  const reference = (new Cite(essayCslItem(essay)).format('bibliography', { format: 'text', template: 'apa', lang: 'en-US' }) as string).trim();
  return reference.replace(/ Retrieved (https?:\/\/\S+)$/, ' $1');
}

/**
 * Highwire Press tags (https://scholar.google.com/intl/en/scholar/inclusion.html#indexing):
 * title, each author (followed by their institution and ORCID iD when known), the date as
 * YYYY/MM/DD, the full text's address, and the DOI if any.
 */
export function highwireMeta(essay: CitableEssay): { name: string; content: string }[] {
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = essay.date;
  return [
    { name: 'citation_title', content: essay.title },
    ...essay.authors.flatMap(({ name, affiliation, orcid }) => [
      { name: 'citation_author', content: name },
      ...(affiliation ? [{ name: 'citation_author_institution', content: affiliation }] : []),
      ...(orcid ? [{ name: 'citation_author_orcid', content: `https://orcid.org/${orcid}` }] : []),
    ]),
    ...(date ? [{ name: 'citation_publication_date', content: `${date.getUTCFullYear()}/${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())}` }] : []),
    { name: 'citation_fulltext_html_url', content: essay.url },
    ...(essay.doi ? [{ name: 'citation_doi', content: essay.doi }] : []),
    { name: 'citation_language', content: essay.lang },
  ];
}

/** A DOI as written (`10.1234/x`, `doi:10.1234/x`, `https://doi.org/10.1234/x`), bare; undefined if it is not one. */
export function bareDoi(written: string): string | undefined {
  const doi = written.trim().replace(/^(?:doi:\s*|https?:\/\/(?:dx\.)?doi\.org\/)/i, '');
  return /^10\.\d{4,9}\/\S+$/.test(doi) ? doi : undefined;
}
