import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { arxivIdOf, parseBibliography, referenceAsCsl, referenceFromCsl, type CslItem } from '../../src/essays/bibliography.ts';
import { authorYearLabels, compareAuthorYear, formatAuthorYearReference, namesInText } from '../../src/essays/citation-styles.ts';
import { CslStyleError, renderWithCsl } from '../../src/essays/csl-style.ts';
import { formatReference, keyAsId, referenceUrl, type Reference } from '../../src/essays/references.ts';
import { repoRoot } from '../support/paths.ts';

const BIBTEX = `
@article{vaswani2017,
  author = {Vaswani, Ashish and Shazeer, Noam and Parmar, Niki and Uszkoreit, Jakob},
  title = {Attention Is All You Need},
  journal = {Advances in Neural Information Processing Systems},
  year = {2017},
  eprint = {1706.03762},
  archivePrefix = {arXiv},
}
@online{site, author = {{The Quarry Collective}}, title = {Notes}, date = {2021-04-05}, urldate = {2024-01-09}, url = {https://example.org/n}}
@book{knuth, author = {Knuth, Donald E.}, title = {The {TeX}book}, publisher = {Addison-Wesley}, year = 1984, doi = {10.5555/texbook}}
`;

const parsed = (text: string, format: 'bibtex' | 'csl-json' = 'bibtex') => {
  const result = parseBibliography(text, format);
  if (!result.ok) throw new Error(result.problem);
  return result.items;
};

describe('bibliography files', () => {
  it('reads BibTeX into references: names as written, the journal as publisher, dates, and the arXiv id Citation.js drops', () => {
    const [vaswani, site, knuth] = parsed(BIBTEX).map((item) => referenceFromCsl(item, 'refs.bib'));
    expect(vaswani).toMatchObject({
      id: 'vaswani2017',
      title: 'Attention Is All You Need',
      authors: ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar', 'Jakob Uszkoreit'],
      citedNames: ['Vaswani', 'Shazeer', 'Parmar', 'Uszkoreit'],
      publisher: 'Advances in Neural Information Processing Systems',
      year: 2017,
      arxiv: '1706.03762',
      origin: 'refs.bib',
    });
    expect(referenceUrl(vaswani!)).toBe('https://arxiv.org/abs/1706.03762');
    expect(site).toMatchObject({ authors: ['The Quarry Collective'], year: 2021, accessed: new Date('2024-01-09T00:00:00Z'), url: 'https://example.org/n' });
    expect(knuth).toMatchObject({ title: 'The TeXbook', doi: '10.5555/texbook', publisher: 'Addison-Wesley' });
    expect(referenceUrl(knuth!)).toBe('https://doi.org/10.5555/texbook');
    expect(formatReference(knuth!)).toBe('The TeXbook. Donald E. Knuth. Addison-Wesley, 1984. doi:10.5555/texbook.');
  });

  it('reads CSL-JSON as Zotero exports it, finding arXiv ids where Zotero keeps them', () => {
    const items = parsed(JSON.stringify([{ id: 'p', type: 'article', title: 'P', number: 'arXiv:2303.04567', author: [{ literal: 'OpenAI' }] }]), 'csl-json');
    expect(arxivIdOf(items[0]!)).toBe('2303.04567');
    expect(arxivIdOf({ id: 'd', DOI: '10.48550/arXiv.1234.5678' })).toBe('1234.5678');
    expect(arxivIdOf({ id: 'u', URL: 'https://arxiv.org/pdf/1234.5678v2.pdf' })).toBe('1234.5678v2');
    expect(referenceFromCsl(items[0]!, 'x.json').citedNames).toEqual(['OpenAI']);
  });

  it('says what is wrong with a file it cannot use', () => {
    expect(parseBibliography('@article{a, title = {Unclosed\n', 'bibtex')).toEqual({ ok: false, problem: 'expected "text", got EOF at line 2 col 1' });
    expect(parseBibliography('@misc{a, title={A}}\n@misc{a, title={B}}', 'bibtex')).toEqual({ ok: false, problem: 'the key "a" is used by two entries (keys must be unique)' });
    expect(parseBibliography('@misc{a, author={X}}', 'bibtex')).toEqual({ ok: false, problem: 'the entry "a" has no title' });
    expect(parseBibliography('{"id": "a"}', 'csl-json')).toEqual({ ok: false, problem: 'expected a CSL-JSON list of items ([{ "id": …, "title": … }, …])' });
    expect(parseBibliography('[{"id": "a", "title": "A"', 'csl-json').ok).toBe(false);
  });

  it('turns a key any BibTeX allows into an element id a fragment can carry, keeping simple ones', () => {
    expect(keyAsId('squad-2016')).toBe('squad-2016');
    expect(keyAsId('Smith:2020_b.c')).toBe('Smith:2020_b.c');
    expect(keyAsId('a/b#c')).toBe('a~2f.b~23.c');
    expect(keyAsId('a~2f.b')).not.toBe(keyAsId('a/b'));
  });

  it('gives a front-matter reference to CSL as a web page', () => {
    const reference: Reference = { id: 'h', title: 'H', url: 'https://example.org/h', authors: ['Ines Albescu'], year: 2020, accessed: new Date('2024-05-01T00:00:00Z') };
    expect(referenceAsCsl(reference)).toEqual({
      id: 'h',
      type: 'webpage',
      title: 'H',
      URL: 'https://example.org/h',
      author: [{ literal: 'Ines Albescu' }],
      issued: { 'date-parts': [[2020]] },
      accessed: { 'date-parts': [[2024, 5, 1]] },
    });
  });
});

describe('the author-year style', () => {
  const ref = (id: string, authors: string[] | undefined, year: number | undefined, title = id): Reference => ({
    id,
    title,
    ...(authors ? { authors, citedNames: authors.map((name) => name.split(' ').at(-1)!) } : {}),
    ...(year === undefined ? {} : { year }),
  });

  it('names one author, two, or the first et al., and a source without authors by its title', () => {
    expect(namesInText(ref('a', ['Ada Lovelace'], 1843))).toBe('Lovelace');
    expect(namesInText(ref('b', ['Ada Lovelace', 'Charles Babbage'], 1843))).toBe('Lovelace and Babbage');
    expect(namesInText(ref('c', ['A X', 'B Y', 'C Z'], 2000))).toBe('X et al.');
    expect(namesInText(ref('d', undefined, 2019, 'The Staggering Cost'))).toBe('The Staggering Cost');
  });

  it('sorts by author, year (undated last) and title, and tells apart what would read the same', () => {
    const sorted = [ref('z', ['Ann Z'], 2001), ref('b2', ['Bo B'], 2019, 'Second'), ref('nd', ['Bo B'], undefined), ref('b1', ['Bo B'], 2019, 'First'), ref('a', ['Cy A'], 1999)].sort(compareAuthorYear);
    expect(sorted.map(({ id }) => id)).toEqual(['a', 'b1', 'b2', 'nd', 'z']);
    const labels = authorYearLabels(sorted);
    expect([...labels.values()].map(({ names, year }) => `${names} ${year}`)).toEqual(['A 1999', 'B 2019a', 'B 2019b', 'B n.d.', 'Z 2001']);
    expect(formatAuthorYearReference(sorted[1]!, labels.get('b1')!)).toBe('Bo B (2019a). First.');
    expect(formatAuthorYearReference(ref('t', undefined, 2019, 'Untitled Report'), { names: 'Untitled Report', year: '2019' })).toBe('Untitled Report (2019).');
  });
});

describe('CSL styles', () => {
  const style = readFileSync(path.join(repoRoot, 'tests', 'fixtures', 'bibliography', 'posts', 'styled', 'bracketed-numbers.csl'), 'utf8');
  const items: CslItem[] = [
    { id: 'a', type: 'book', title: 'Alpha <b>&</b> <script>x</script>', author: [{ family: 'Ames', given: 'Ann' }], issued: { 'date-parts': [[2001]] } },
    { id: 'b', type: 'book', title: 'Beta', author: [{ family: 'Bell', given: 'Bo' }], issued: { 'date-parts': [[2002]] } },
    { id: 'c', type: 'book', title: 'Gamma', author: [{ family: 'Cole', given: 'Cy' }], issued: { 'date-parts': [[2003]] } },
  ];

  it('numbers, collapses and locates as the style says, escaping what the fields hold', () => {
    const rendering = renderWithCsl(style, items, [[{ id: 'b', locator: '3', label: 'page' }], [{ id: 'a' }, { id: 'b' }, { id: 'c' }]], []);
    expect(rendering.citations).toEqual(['[1, p. 3]', '[1–3]']);
    expect(rendering.bibliography.map(({ id }) => id)).toEqual(['b', 'a', 'c']);
    expect(rendering.bibliography[1]!.html).toContain('&#60;script&#62;');
    expect(rendering.bibliography[1]!.html).not.toContain('<script>');
  });

  it('lists the uncited it is given after the cited', () => {
    expect(renderWithCsl(style, items, [[{ id: 'c' }]], ['a']).bibliography.map(({ id }) => id)).toEqual(['c', 'a']);
  });

  it('refuses a note style, and a file that is not a style', () => {
    expect(() => renderWithCsl(style.replace('class="in-text"', 'class="note"'), items, [[{ id: 'a' }]], [])).toThrow(CslStyleError);
    expect(() => renderWithCsl('<html>not a style</html>', items, [[{ id: 'a' }]], [])).toThrow(/is not a CSL style citeproc can read/);
  });
});
