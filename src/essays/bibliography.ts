/**
 * Bibliography files: BibTeX/BibLaTeX (`.bib`) and CSL-JSON (`.json`), as reference managers
 * (Zotero, BibDesk, JabRef) export them, read by Citation.js into CSL-JSON items and turned into
 * the references an essay cites. Pure: the caller reads the file and says where it came from.
 */
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import type { Reference } from './references.ts';

/** A CSL-JSON item, as much of it as Quire reads (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html). */
export interface CslItem {
  id: string;
  type?: string;
  title?: string;
  author?: CslName[];
  editor?: CslName[];
  issued?: CslDate;
  accessed?: CslDate;
  'container-title'?: string;
  publisher?: string;
  URL?: string;
  DOI?: string;
  number?: string;
  note?: string;
  [field: string]: unknown;
}
export interface CslName {
  family?: string;
  given?: string;
  literal?: string;
  'non-dropping-particle'?: string;
  'dropping-particle'?: string;
  suffix?: string;
}
export interface CslDate {
  'date-parts'?: (number | string)[][];
  raw?: string;
  literal?: string;
}

/** What a bibliography file gave: its items, or the one thing wrong with it. */
export type ParsedBibliography = { ok: true; items: CslItem[] } | { ok: false; problem: string };

export type BibliographyFormat = 'bibtex' | 'csl-json';

/** `.bib` is BibTeX/BibLaTeX, `.json` CSL-JSON; anything else is not a bibliography Quire reads. */
export function bibliographyFormat(fileName: string): BibliographyFormat | undefined {
  const extension = fileName.toLowerCase().split('.').at(-1);
  return extension === 'bib' || extension === 'bibtex' ? 'bibtex' : extension === 'json' ? 'csl-json' : undefined;
}

/** Reads a bibliography file's text. Every entry needs a key and a title; keys are unique in the file. */
export function parseBibliography(text: string, format: BibliographyFormat): ParsedBibliography {
  let items: CslItem[];
  try {
    items = format === 'bibtex' ? parseBibtex(text) : parseCslJson(text);
  } catch (error) {
    return { ok: false, problem: (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim().replace(/:$/, '') };
  }
  const seen = new Set<string>();
  for (const item of items) {
    if (typeof item.id !== 'string' || item.id.trim() === '') return { ok: false, problem: `an entry has no key${item.title ? ` (“${item.title}”)` : ''}` };
    if (seen.has(item.id)) return { ok: false, problem: `the key "${item.id}" is used by two entries (keys must be unique)` };
    seen.add(item.id);
    if (typeof item.title !== 'string' || item.title.trim() === '') return { ok: false, problem: `the entry "${item.id}" has no title` };
  }
  return { ok: true, items };
}

/**
 * BibTeX through Citation.js's BibLaTeX reader (which reads plain BibTeX too, and dates and
 * `urldate` better), in two steps: its entries keep `eprint`, which the conversion to CSL-JSON
 * drops, and an arXiv id is worth a link.
 */
function parseBibtex(text: string): CslItem[] {
  const chain = (data: unknown, forceType: string, target: string): unknown =>
    plugins.input.chain(data, { forceType, target, generateGraph: false, maxChainLength: 10, strict: true } as Parameters<typeof plugins.input.chain>[1]);
  const entries = chain(text, '@biblatex/text', '@biblatex/entries+list') as BibtexEntry[];
  const items = chain(entries, '@biblatex/entries+list', '@csl/list+object') as CslItem[];
  return items.map((item, index) => {
    const arxiv = arxivOfEntry(entries[index]);
    return arxiv && !arxivIdOf(item) ? { ...item, arxiv } : item;
  });
}

interface BibtexEntry {
  label: string;
  properties: Record<string, string | undefined>;
}

/** `eprint = {1706.03762}` with `archivePrefix = {arXiv}` (BibTeX) or `eprinttype = {arxiv}` (BibLaTeX). */
function arxivOfEntry(entry: BibtexEntry | undefined): string | undefined {
  const { eprint, archiveprefix, eprinttype } = entry?.properties ?? {};
  return eprint && /^arxiv$/i.test(archiveprefix ?? eprinttype ?? '') ? eprint.trim() : undefined;
}

function parseCslJson(text: string): CslItem[] {
  const data: unknown = JSON.parse(text);
  const list = Array.isArray(data) ? data : data && typeof data === 'object' && Array.isArray((data as { items?: unknown }).items) ? (data as { items: unknown[] }).items : undefined;
  if (!list) throw new Error('expected a CSL-JSON list of items ([{ "id": …, "title": … }, …])');
  return list.map((item, index) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) throw new Error(`item ${index + 1} is not an object`);
    return item as CslItem;
  });
}

/** An arXiv id from what CSL-JSON may hold: our `arxiv`, Zotero's `number: arXiv:…`, the arXiv DOI or an arxiv.org URL. */
export function arxivIdOf(item: CslItem): string | undefined {
  if (typeof item.arxiv === 'string') return item.arxiv;
  const fromNumber = /^arxiv:\s*(\S+)$/i.exec(String(item.number ?? ''))?.[1];
  const fromDoi = /^10\.48550\/arxiv\.(\S+)$/i.exec(item.DOI ?? '')?.[1];
  const fromUrl = /^https?:\/\/(?:www\.)?arxiv\.org\/(?:abs|pdf)\/([^?#]+?)(?:\.pdf)?$/i.exec(item.URL ?? '')?.[1];
  return fromNumber ?? fromDoi ?? fromUrl;
}

/** A name as it reads in a byline: `Ashish Vaswani`, `Ludwig van Beethoven`, `OpenAI`. */
export function displayName(name: CslName): string {
  if (name.literal) return name.literal.trim();
  return [name.given, name['dropping-particle'], name['non-dropping-particle'], name.family, name.suffix].filter(Boolean).join(' ').trim();
}

/** The part of a name an author-year citation shows: `Vaswani`, `van Beethoven`, `OpenAI`; a literal name's last word. */
export function citedName(name: CslName): string {
  if (name.family) return [name['non-dropping-particle'], name.family].filter(Boolean).join(' ');
  const literal = (name.literal ?? name.given ?? '').trim();
  return literal.split(/\s+/).at(-1) ?? literal;
}

const yearOf = (date: CslDate | undefined): number | undefined => {
  const year = Number(date?.['date-parts']?.[0]?.[0] ?? /\b(\d{4})\b/.exec(date?.raw ?? date?.literal ?? '')?.[1]);
  return Number.isInteger(year) && year > 0 ? year : undefined;
};

const dateOf = (date: CslDate | undefined): Date | undefined => {
  const [year, month, day] = (date?.['date-parts']?.[0] ?? []).map(Number);
  if (!year || !Number.isInteger(year)) return undefined;
  return new Date(Date.UTC(year, (month || 1) - 1, day || 1));
};

/** A CSL-JSON item as a reference: names as written, the journal or book it appeared in as its publisher, DOI and arXiv id kept for links. */
export function referenceFromCsl(item: CslItem, origin: string): Reference {
  const names = item.author?.length ? item.author : (item.editor ?? []);
  const publisher = [item['container-title'], item.publisher].find((part): part is string => typeof part === 'string' && part.trim() !== '');
  const reference: Reference = { id: item.id, title: String(item.title).trim(), origin, csl: item };
  if (typeof item.URL === 'string' && /^https?:\/\//i.test(item.URL.trim())) reference.url = item.URL.trim();
  if (names.length) {
    reference.authors = names.map(displayName).filter(Boolean);
    reference.citedNames = names.map(citedName).filter(Boolean);
  }
  if (publisher) reference.publisher = publisher.trim();
  const year = yearOf(item.issued);
  if (year !== undefined) reference.year = year;
  const accessed = dateOf(item.accessed);
  if (accessed) reference.accessed = accessed;
  if (typeof item.note === 'string' && item.note.trim()) reference.note = item.note.trim();
  if (typeof item.DOI === 'string' && item.DOI.trim()) reference.doi = item.DOI.trim().replace(/^https?:\/\/(?:dx\.)?doi\.org\//i, '');
  const arxiv = arxivIdOf(item);
  if (arxiv) reference.arxiv = arxiv;
  return reference;
}

/** A front-matter reference as CSL-JSON, for a CSL style: a web page, its names as written. */
export function referenceAsCsl(reference: Reference): CslItem {
  if (reference.csl) return reference.csl;
  const item: CslItem = { id: reference.id, type: 'webpage', title: reference.title };
  if (reference.url) item.URL = reference.url;
  if (reference.authors?.length) item.author = reference.authors.map((literal) => ({ literal }));
  if (reference.publisher) item.publisher = reference.publisher;
  if (reference.year !== undefined) item.issued = { 'date-parts': [[reference.year]] };
  if (reference.accessed) item.accessed = { 'date-parts': [[reference.accessed.getUTCFullYear(), reference.accessed.getUTCMonth() + 1, reference.accessed.getUTCDate()]] };
  if (reference.note) item.note = reference.note;
  if (reference.doi) item.DOI = reference.doi;
  return item;
}
