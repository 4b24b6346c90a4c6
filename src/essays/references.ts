/**
 * An essay's references: the entries of its `references:` front matter (validated by the schema
 * in `src/content.config.ts`), how they are numbered, and how an entry reads. Pure functions,
 * shared by the citation and reference-list plugins.
 */

export interface Reference {
  /** What the text cites it by: `[@id]`. */
  id: string;
  title: string;
  /** The source's address; an entry from a bibliography file may have only a DOI or an arXiv id, or none. */
  url?: string;
  /** Names as written: `Ada Lovelace`. */
  authors?: string[];
  /** The part of each author's name an author-year citation shows: `Lovelace`. */
  citedNames?: string[];
  /** `10.1234/x`, without `https://doi.org/`. */
  doi?: string;
  arxiv?: string;
  /** Where the entry was written: `front matter`, or a bibliography file's path as the author gave it. */
  origin?: string;
  /** The CSL-JSON item a bibliography file gave, for CSL styles (src/essays/csl-style.ts). */
  csl?: import('./bibliography.ts').CslItem;
  publisher?: string;
  year?: number;
  /** When the author last saw the page. */
  accessed?: Date;
  note?: string;
}

/** A reference with its place in the list and the ids of the markers in the text that cite it. */
export interface NumberedReference extends Reference {
  number: number;
  /** Element ids of the citation markers, in reading order (empty when the text never cites it). */
  citations: string[];
}

/** The characters an id may use, as the schema and `[@id]` both understand them. */
export const REFERENCE_ID_PATTERN = /^[\p{L}\p{N}_](?:[\p{L}\p{N}_.:-]*[\p{L}\p{N}_])?$/u;

/**
 * A key as an element id and URL fragment: a BibTeX key may hold `/`, `#`, `?` or `%`, which a
 * fragment cannot carry as they are; each becomes `~` and its code in hex (`a/b` → `a~2f.b`).
 * Front-matter ids (letters, digits, `_ . : -`) are kept as written.
 */
export const keyAsId = (key: string) => key.replace(/[^\p{L}\p{N}_.:-]/gu, (character) => `~${character.codePointAt(0)!.toString(16)}.`);

/** Element id of a reference's entry in the References list. */
export const referenceElementId = (id: string) => `ref-${keyAsId(id)}`;
/** Element id of the `n`th (1-based) marker citing a reference. */
export const citationElementId = (id: string, n: number) => `cite-${keyAsId(id)}-${n}`;
/** Element id of a marker's preview (its `aria-describedby`). */
export const previewElementId = (citationId: string) => `${citationId}-preview`;

/**
 * Reads `references` from front matter as Astro hands it to Markdown plugins. The loader has
 * already validated it against the schema; YAML may still give `accessed` as a Date or as text.
 */
export function readReferences(frontmatter: Record<string, unknown> | undefined): Reference[] {
  const entries = frontmatter?.references;
  if (!Array.isArray(entries)) return [];
  return entries.flatMap((entry): Reference[] => {
    if (!entry || typeof entry !== 'object') return [];
    const { id, title, url, authors, publisher, year, accessed, note } = entry as Record<string, unknown>;
    if (typeof id !== 'string' || typeof title !== 'string' || typeof url !== 'string') return [];
    const reference: Reference = { id: id.trim(), title: title.trim(), url: url.trim(), origin: 'front matter' };
    if (Array.isArray(authors)) reference.authors = authors.map((author) => String(author).trim()).filter(Boolean);
    if (typeof publisher === 'string' && publisher.trim()) reference.publisher = publisher.trim();
    if (typeof year === 'number' || (typeof year === 'string' && /^\d+$/.test(year))) reference.year = Number(year);
    const accessedDate = accessed instanceof Date ? accessed : typeof accessed === 'string' ? new Date(accessed) : undefined;
    if (accessedDate && !Number.isNaN(accessedDate.getTime())) reference.accessed = accessedDate;
    if (typeof note === 'string' && note.trim()) reference.note = note.trim();
    return [reference];
  });
}

/**
 * Numbers references in the order the text first cites them; references the text never cites
 * follow, in front-matter order. `citations` is every citation in reading order: the cited
 * reference's id and the element id of its marker.
 */
export function numberReferences(
  references: readonly Reference[],
  citations: readonly { id: string; elementId: string }[],
): NumberedReference[] {
  const byId = new Map(references.map((reference) => [reference.id, reference]));
  const numbered = new Map<string, NumberedReference>();
  for (const { id, elementId } of citations) {
    const reference = byId.get(id);
    if (!reference) continue;
    let entry = numbered.get(id);
    if (!entry) numbered.set(id, (entry = { ...reference, number: numbered.size + 1, citations: [] }));
    entry.citations.push(elementId);
  }
  for (const reference of references) {
    if (!numbered.has(reference.id)) numbered.set(reference.id, { ...reference, number: numbered.size + 1, citations: [] });
  }
  return [...numbered.values()];
}

/** `a`, `b`, … `z`, `aa`, `ab`, … — the letter of the `index`th (0-based) back-link. */
export function backlinkLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(97 + ((n - 1) % 26)) + letters;
  return letters;
}

/** Visible text of each back-link: a lone citation gets `↩`, several get `↩ a`, `↩ b`, … */
export function backlinkLabels(count: number): string[] {
  if (count === 1) return ['↩'];
  return Array.from({ length: count }, (_, index) => `↩ ${backlinkLetter(index)}`);
}

const authorList = new Intl.ListFormat('en', { style: 'long', type: 'conjunction' });
const accessedFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** `Ada Lovelace`, `A and B`, `A, B, and C`; more than three: `A, B, C, et al.` */
export function formatAuthors(authors: readonly string[]): string {
  if (authors.length > 3) return `${authors.slice(0, 3).join(', ')}, et al.`;
  return authorList.format(authors);
}

/** The parts of an entry after its title, each a sentence: authors; publisher and year; accessed; note. */
export function referenceDetails(reference: Reference): string[] {
  const details: string[] = [];
  if (reference.authors?.length) details.push(formatAuthors(reference.authors));
  const source = [reference.publisher, reference.year].filter((part) => part !== undefined).join(', ');
  if (source) details.push(source);
  if (reference.accessed) details.push(`Accessed ${accessedFormat.format(reference.accessed)}`);
  if (reference.note) details.push(reference.note);
  return details;
}

/** The address the entry's title links to: its URL, else its DOI, else its arXiv abstract; none for a book with neither. */
export function referenceUrl(reference: Reference): string | undefined {
  return reference.url ?? (reference.doi ? doiUrl(reference.doi) : reference.arxiv ? arxivUrl(reference.arxiv) : undefined);
}

export const doiUrl = (doi: string) => `https://doi.org/${doi.split('/').map(encodeURIComponent).join('/')}`;
export const arxivUrl = (id: string) => `https://arxiv.org/abs/${id.split('/').map(encodeURIComponent).join('/')}`;

/** The identifiers an entry shows as links after its details: `doi:10.…`, `arXiv:1706.03762`. */
export function referenceIdentifiers(reference: Reference): { text: string; url: string }[] {
  const identifiers: { text: string; url: string }[] = [];
  if (reference.doi) identifiers.push({ text: `doi:${reference.doi}`, url: doiUrl(reference.doi) });
  if (reference.arxiv) identifiers.push({ text: `arXiv:${reference.arxiv}`, url: arxivUrl(reference.arxiv) });
  return identifiers;
}

/** Whether text already ends with a sentence's punctuation (`Really?`, `Ltd.`, `“Done.”`). */
export function endsSentence(text: string): boolean {
  return /[.!?…]["”’)]?$/.test(text);
}

/** Ends a part with a full stop unless it already ends a sentence. */
export function sentence(text: string): string {
  return endsSentence(text) ? text : `${text}.`;
}

/**
 * An entry as one line of text, title first (as the References list shows it):
 * `SQuAD: The Stanford Question Answering Dataset. Pranav Rajpurkar, … Hugging Face, 2016.`
 */
export function formatReference(reference: Reference): string {
  return [reference.title, ...referenceDetails(reference), ...referenceIdentifiers(reference).map(({ text }) => text)].map(sentence).join(' ');
}
