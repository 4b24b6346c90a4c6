/**
 * How citations and the References list read in each of Quire's two citation styles:
 * - `numeric`: `[1]`, `[1, p. 3]`, `Vaswani et al. [1]`; the list numbered in the order the
 *   text first cites each source, title first (Quire's style since its first essay).
 * - `author-year`: `(Vaswani et al., 2017)`, `(see Vaswani et al., 2017, p. 3)`,
 *   `Vaswani et al. (2017)`, `[-@key]` → `(2017)`; the list sorted by author, then year, then
 *   title, author and year first. Two sources whose citations would read the same get `2017a`,
 *   `2017b`, in the order they are listed.
 * Pure functions over references (src/essays/references.ts).
 */
import { endsSentence, formatAuthors, referenceDetails, referenceIdentifiers, sentence, type Reference } from './references.ts';

export const CITATION_STYLES = ['numeric', 'author-year'] as const;
export type CitationStyle = (typeof CITATION_STYLES)[number];

/** How an author-year citation names a source: `Vaswani et al.`, and its year, `2017a` (or `n.d.`). */
export interface AuthorYearLabel {
  names: string;
  year: string;
}

/** The names a citation shows: one family name, two joined by "and", three or more as "First et al."; no author: the title. */
export function namesInText(reference: Reference): string {
  const names = reference.citedNames ?? reference.authors?.map((name) => name.trim().split(/\s+/).at(-1)!) ?? [];
  if (names.length === 0) return reference.title;
  if (names.length === 1) return names[0]!;
  if (names.length === 2) return `${names[0]} and ${names[1]}`;
  return `${names[0]} et al.`;
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** The order of an author-year References list: first author's name, then year (undated last), then title. */
export function compareAuthorYear(a: Reference, b: Reference): number {
  const sortName = (reference: Reference) => (reference.citedNames ?? reference.authors ?? [reference.title]).join(' ');
  return (
    collator.compare(sortName(a), sortName(b)) ||
    (a.year ?? Number.MAX_SAFE_INTEGER) - (b.year ?? Number.MAX_SAFE_INTEGER) ||
    collator.compare(a.title, b.title) ||
    collator.compare(a.id, b.id)
  );
}

/**
 * Each reference's label, for references already in their listed order: those whose names and
 * year would read the same are told apart by a letter after the year, `2017a`, `2017b`.
 */
export function authorYearLabels(references: readonly Reference[]): Map<string, AuthorYearLabel> {
  const groups = new Map<string, Reference[]>();
  for (const reference of references) {
    const key = `${namesInText(reference)}\u0000${reference.year ?? 'n.d.'}`;
    groups.set(key, [...(groups.get(key) ?? []), reference]);
  }
  const labels = new Map<string, AuthorYearLabel>();
  for (const group of groups.values()) {
    group.forEach((reference, index) => {
      const year = reference.year === undefined ? 'n.d.' : String(reference.year);
      const letter = group.length > 1 ? (year === 'n.d.' ? `-${letterOf(index)}` : letterOf(index)) : '';
      labels.set(reference.id, { names: namesInText(reference), year: `${year}${letter}` });
    });
  }
  return labels;
}

const letterOf = (index: number) => String.fromCharCode(97 + (index % 26)).repeat(Math.floor(index / 26) + 1);

/** An author-year entry in its parts: what goes before the title, the title (linked in the list), what closes it, and the sentences after. */
export interface AuthorYearEntry {
  /** `Ashish Vaswani, Noam Shazeer, and Niki Parmar (2017).`; none when the source has no author. */
  lead?: string;
  title: string;
  /** `.` (unless the title ends a sentence), or ` (2019).` when the title leads. */
  titleEnd: string;
  /** Publisher, accessed, note, then DOI and arXiv id, each a sentence. */
  details: string[];
}

export function authorYearEntry(reference: Reference, label: AuthorYearLabel): AuthorYearEntry {
  const hasAuthors = Boolean(reference.authors?.length);
  // Authors and year are said already: what follows is the publisher, when accessed, the note.
  const { authors: _authors, year: _year, ...rest } = reference;
  return {
    ...(hasAuthors ? { lead: `${formatAuthors(reference.authors!)} (${label.year}).` } : {}),
    title: reference.title,
    titleEnd: hasAuthors ? (endsSentence(reference.title) ? '' : '.') : ` (${label.year}).`,
    details: [...referenceDetails(rest), ...referenceIdentifiers(reference).map(({ text }) => text)].map(sentence),
  };
}

/**
 * An entry of an author-year list as one line of text, author and year first:
 * `Ashish Vaswani, Noam Shazeer, and Niki Parmar (2017). Attention Is All You Need. NeurIPS.`
 * A source with no author starts with its title: `The Staggering Cost… (2019). Synced Review.`
 */
export function formatAuthorYearReference(reference: Reference, label: AuthorYearLabel): string {
  const entry = authorYearEntry(reference, label);
  return [entry.lead, `${entry.title}${entry.titleEnd}`, ...entry.details].filter(Boolean).join(' ');
}
