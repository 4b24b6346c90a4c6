/**
 * Pandoc's citation syntax (https://pandoc.org/MANUAL.html#citation-syntax), read out of a run of
 * text: `[@key]`, `[@a; @b]`, a locator `[@key, p. 33]`, a prefix and suffix
 * `[see @key, ch. 2 and passim]`, the author left out `[-@key]`, and a narrative citation
 * `@key says` or `@key [p. 33] says`. Pure: what each citation cites and where it stands; what
 * it then reads as is the citation style's business (src/essays/citation-styles.ts).
 */

/** One source cited, with what the author wrote around it. */
export interface CiteItem {
  key: string;
  /** Text before the key inside the brackets, trimmed: `see` in `[see @key]`. */
  prefix: string;
  /** Where in the source, as written (`p. 33`, `ch. 2`); a bare number is a page: `33` → `p. 33`. */
  locator?: string;
  /** The same as CSL has it, for CSL styles: `{ label: 'page', value: '33' }`. */
  cslLocator?: { label: string; value: string };
  /** Text after the locator, trimmed of the comma that separates it: `and passim`. */
  suffix: string;
  /** `[-@key]`: only the year (author-year) or only the number is shown; the text has named the author. */
  suppressAuthor: boolean;
}

export interface CitationMatch {
  /** Offsets of the whole citation in the text. */
  start: number;
  end: number;
  /** The citation as written: `[see @key, p. 3]`. */
  written: string;
  /** `@key says`: the author's name is part of the sentence. */
  narrative: boolean;
  items: CiteItem[];
}

/**
 * A key as Pandoc reads it: a letter, digit or `_`, then letters, digits, `_` and internal
 * punctuation (`:.#$%&-+?<>~/`), which a key may not end with: `@doe99.` ends a sentence.
 */
const KEY = String.raw`[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&+?<>~/-](?=[\p{L}\p{N}_]))*`;
/** A key anywhere in a text, not glued to a word before it (an email address is not a citation). */
const KEY_IN_TEXT = new RegExp(String.raw`(?<![\p{L}\p{N}_@\\])(-?)@(${KEY})`, 'gu');
/** A citation item inside brackets: a prefix ending in a space (or none), the key, the rest. */
const ITEM = new RegExp(String.raw`^((?:[^@]*\s)?)(-?)@(${KEY})(.*)$`, 'su');
/** Square brackets holding no other square brackets. */
const BRACKETS = /\[([^[\]]*)\]/g;
/** A narrative citation's own locator or suffix in brackets right after it: `@key [p. 33]`. */
const NARRATIVE_SUFFIX = /^ ?\[([^[\]@]*)\]/;

/**
 * Locator terms as Pandoc's English locale knows them, singular and plural; a term may end with
 * a full stop. Longest first, so `pp` is not read as `p` followed by `p`.
 */
const LOCATOR_TERMS = [
  'sub verbo', 'paragraphs', 'paragraph', 'chapters', 'chapter', 'sections', 'section', 'columns', 'column', 'figures', 'figure',
  'volumes', 'volume', 'numbers', 'number', 'verses', 'verse', 'folios', 'folio', 'pages', 'page', 'parts', 'part', 'notes', 'note',
  'lines', 'line', 'books', 'book', 'opera', 'opus', 'chaps', 'chap', 'paras', 'para', 'secs', 'sec', 'cols', 'col', 'figs', 'fig',
  'vols', 'vol', 'nos', 'no', 'bks', 'bk', 'fols', 'fol', 'opp', 'op', 'pts', 'pt', 'nn', 'n', 'll', 'l', 'pp', 'p', 'ch',
  's.vv', 's.v', 'vv', 'v', '¶¶', '¶', '§§', '§',
];
/** CSL's locator label for each term (https://docs.citationstyles.org/en/stable/specification.html#locators). */
const CSL_LABELS: [RegExp, string][] = [
  [/^(?:sub verbo|s\.vv?)$/i, 'sub-verbo'],
  [/^(?:paragraphs?|paras?|¶¶?)$/i, 'paragraph'],
  [/^(?:chapters?|chaps?|ch)$/i, 'chapter'],
  [/^(?:sections?|secs?|§§?)$/i, 'section'],
  [/^(?:columns?|cols?)$/i, 'column'],
  [/^(?:figures?|figs?)$/i, 'figure'],
  [/^(?:volumes?|vols?)$/i, 'volume'],
  [/^(?:numbers?|nos?)$/i, 'number'],
  [/^(?:verses?|vv?)$/i, 'verse'],
  [/^(?:folios?|fols?)$/i, 'folio'],
  [/^(?:pages?|pp?)$/i, 'page'],
  [/^(?:parts?|pts?)$/i, 'part'],
  [/^(?:notes?|nn?)$/i, 'note'],
  [/^(?:lines?|ll?)$/i, 'line'],
  [/^(?:books?|bks?)$/i, 'book'],
  [/^(?:opus|opera|opp?)$/i, 'opus'],
];
const cslLabel = (term: string) => CSL_LABELS.find(([pattern]) => pattern.test(term.replace(/\.$/, '')))?.[1] ?? 'page';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const TERM = `(?:${LOCATOR_TERMS.map(escapeRegExp).join('|')})\\.?`;
/** A page, chapter… number: digits or Roman numerals, maybe a range, maybe several. */
const PLACE = String.raw`(?:\p{N}+|[ivxlcdm]+)(?:\s*[-–—]\s*(?:\p{N}+|[ivxlcdm]+))?`;
const PLACES = String.raw`${PLACE}(?:\s*,\s*${PLACE})*`;
const LABELLED_LOCATOR = new RegExp(String.raw`^(${TERM})\s*(${PLACES})(?![\p{L}\p{N}])`, 'iu');
const BARE_LOCATOR = new RegExp(String.raw`^(\p{N}+(?:\s*[-–—]\s*\p{N}+)?(?:\s*,\s*\p{N}+(?:\s*[-–—]\s*\p{N}+)?)*)(?![\p{L}\p{N}])`, 'u');

/**
 * A suffix cut into its locator and what follows: `, pp. 33-35, 38 and passim` →
 * `{ locator: 'pp. 33-35, 38', suffix: 'and passim' }`. Braces mark a locator Pandoc would not
 * recognise: `, {pp. iv, vi-xi}`. A bare number is a page: `, 33` → `p. 33`, `, 33-35` → `pp. 33-35`.
 */
export function splitLocator(written: string): Pick<CiteItem, 'locator' | 'cslLocator' | 'suffix'> {
  const rest = written.replace(/^\s*,?\s*/, '');
  const braced = /^\{([^{}]*)\}(.*)$/su.exec(rest);
  if (braced) {
    const locator = braced[1]!.trim();
    const term = new RegExp(`^(${TERM})\\s*(.*)$`, 'isu').exec(locator);
    return { locator, cslLocator: { label: term ? cslLabel(term[1]!) : 'page', value: term ? term[2]! : locator }, suffix: tidySuffix(braced[2]!) };
  }
  const labelled = LABELLED_LOCATOR.exec(rest);
  if (labelled) {
    return {
      locator: `${labelled[1]} ${labelled[2]}`.replace(/\s+/g, ' '),
      cslLocator: { label: cslLabel(labelled[1]!), value: labelled[2]! },
      suffix: tidySuffix(rest.slice(labelled[0].length)),
    };
  }
  const bare = BARE_LOCATOR.exec(rest);
  if (bare) {
    const pages = bare[1]!;
    return { locator: `${/[-–—,]/.test(pages) ? 'pp.' : 'p.'} ${pages}`, cslLocator: { label: 'page', value: pages }, suffix: tidySuffix(rest.slice(bare[0].length)) };
  }
  return { suffix: rest.trim() };
}

/** What follows a locator, without the comma that separates it: `, and passim` → `and passim`. */
const tidySuffix = (text: string) => text.replace(/^\s*,?\s*/, '').trim();

/** The items of a bracketed citation (`see @a, p. 3; @b`), or undefined when it is not one (`[see me]`). */
export function parseCitationGroup(inner: string): CiteItem[] | undefined {
  const parts = inner.split(';');
  const items: CiteItem[] = [];
  for (const part of parts) {
    const match = ITEM.exec(part);
    if (!match) return undefined;
    const [, prefix, suppress, key, after] = match;
    // `[@a and @b]` is not a citation Pandoc knows: one key per item.
    if (new RegExp(KEY_IN_TEXT.source, 'u').test(after!)) return undefined;
    items.push({ key: key!, prefix: prefix!.trim(), ...splitLocator(after!), suppressAuthor: suppress === '-' });
  }
  return items;
}

/**
 * Every citation in a run of text, in order: bracketed ones first claim their span, then each
 * `@key` outside them is a narrative citation, with the bracketed locator that may follow it.
 */
export function findCitations(text: string): CitationMatch[] {
  const found: CitationMatch[] = [];
  for (const match of text.matchAll(BRACKETS)) {
    const items = parseCitationGroup(match[1]!);
    if (items) found.push({ start: match.index, end: match.index + match[0].length, written: match[0], narrative: false, items });
  }
  const taken = (offset: number) => found.some((citation) => !citation.narrative && offset >= citation.start && offset < citation.end);
  for (const match of text.matchAll(KEY_IN_TEXT)) {
    // A suppressed author only makes sense in brackets: `-@key` in the text is a hyphen and a key.
    const start = match.index + match[1]!.length;
    if (taken(start)) continue;
    let end = start + 1 + match[2]!.length;
    let after: { locator?: string; suffix: string } = { suffix: '' };
    const suffix = NARRATIVE_SUFFIX.exec(text.slice(end));
    if (suffix) {
      after = splitLocator(suffix[1]!);
      end += suffix[0].length;
    }
    found.push({ start, end, written: text.slice(start, end), narrative: true, items: [{ key: match[2]!, prefix: '', ...after, suppressAuthor: false }] });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The keys a group of citations names (`see @a, p. 3; @b` → `['a', 'b']`); for a text that is not a citation, none. */
export function citedKeys(inner: string): string[] {
  return (parseCitationGroup(inner) ?? []).map((item) => item.key);
}
