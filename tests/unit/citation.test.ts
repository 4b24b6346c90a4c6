import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import { describe, expect, it } from 'vitest';
import { postSchema } from '../../src/content.config.ts';
import { bareDoi, essayBibtex, essayCslItem, essayReference, highwireMeta, type CitableEssay } from '../../src/essays/citation.ts';

const essay: CitableEssay = {
  slug: 'ranking',
  title: 'Learning to Rank in Practice',
  authors: [{ name: 'Ada Lovelace', affiliation: 'University of London', orcid: '0000-0002-1825-0097' }, { name: 'Alan Turing' }],
  date: new Date(Date.UTC(2024, 2, 5)),
  url: 'https://essays.example.org/posts/ranking/',
  siteName: 'Essays',
  lang: 'en',
};

describe('citing an essay', () => {
  it('formats an APA reference ending with the essay’s address, or its DOI’s', () => {
    expect(essayReference(essay)).toBe('Ada Lovelace & Alan Turing. (2024, March 5). Learning to Rank in Practice. Essays. https://essays.example.org/posts/ranking/');
    expect(essayReference({ ...essay, doi: '10.5281/zenodo.1234567' })).toMatch(/ https:\/\/doi\.org\/10\.5281\/zenodo\.1234567$/);
  });

  it('says (n.d.) for an undated essay, without a "Retrieved" that has no date', () => {
    expect(essayReference({ ...essay, date: undefined })).toBe('Ada Lovelace & Alan Turing. (n.d.). Learning to Rank in Practice. Essays. https://essays.example.org/posts/ranking/');
  });

  it('writes a BibTeX entry that a BibTeX reader reads back: authors, title, year, month macro, URL, DOI', () => {
    const bibtex = essayBibtex({ ...essay, doi: '10.5281/zenodo.1234567' });
    expect(bibtex).toMatch(/^@misc\{/);
    expect(bibtex).toContain('month = mar,');
    const [read] = new Cite(bibtex).data as Record<string, any>[];
    expect(read!.author.map((name: Record<string, string>) => name.literal ?? [name.given, name.family].filter(Boolean).join(' '))).toEqual(['Ada Lovelace', 'Alan Turing']);
    expect(read!.title).toBe('Learning to Rank in Practice');
    expect(read!.issued['date-parts'][0]).toEqual([2024, 3]);
    expect(read!.URL).toBe(essay.url);
    expect(read!.DOI).toBe('10.5281/zenodo.1234567');
  });

  it('gives a CSL-JSON item with the whole date', () => {
    expect(essayCslItem(essay)).toMatchObject({ id: 'ranking', type: 'post-weblog', issued: { 'date-parts': [[2024, 3, 5]] }, 'container-title': 'Essays' });
    expect(essayCslItem({ ...essay, date: undefined })).not.toHaveProperty('issued');
  });

  it('gives Google Scholar’s Highwire tags, one citation_author per author with their institution and ORCID', () => {
    expect(highwireMeta({ ...essay, doi: '10.5281/zenodo.1234567' })).toEqual([
      { name: 'citation_title', content: 'Learning to Rank in Practice' },
      { name: 'citation_author', content: 'Ada Lovelace' },
      { name: 'citation_author_institution', content: 'University of London' },
      { name: 'citation_author_orcid', content: 'https://orcid.org/0000-0002-1825-0097' },
      { name: 'citation_author', content: 'Alan Turing' },
      { name: 'citation_publication_date', content: '2024/03/05' },
      { name: 'citation_fulltext_html_url', content: essay.url },
      { name: 'citation_doi', content: '10.5281/zenodo.1234567' },
      { name: 'citation_language', content: 'en' },
    ]);
  });
});

describe('the doi field', () => {
  it('takes a DOI bare, as doi:, or as a doi.org address, and keeps it bare', () => {
    for (const written of ['10.5281/zenodo.1234567', 'doi:10.5281/zenodo.1234567', 'https://doi.org/10.5281/zenodo.1234567', ' https://dx.doi.org/10.5281/zenodo.1234567 ']) {
      expect(bareDoi(written), written).toBe('10.5281/zenodo.1234567');
      expect(postSchema.parse({ title: 'T', doi: written }).doi).toBe('10.5281/zenodo.1234567');
    }
  });

  it('refuses what is not a DOI, saying what one looks like', () => {
    const result = postSchema.safeParse({ title: 'T', doi: 'zenodo 1234567' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)).toEqual([
      'doi: "zenodo 1234567" is not a DOI (expected 10.<registrant>/<suffix>, like 10.5281/zenodo.1234567)',
    ]);
  });
});
