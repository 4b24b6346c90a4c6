import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ElementContent } from 'hast';
import type { Data, Link, Parent, Root, RootContent, Text } from 'mdast';
import type { Point } from 'unist';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { referenceFromCsl } from '../../essays/bibliography.ts';
import {
  authorYearLabels,
  compareAuthorYear,
  formatAuthorYearReference,
  namesInText,
  CITATION_STYLES,
  type AuthorYearLabel,
  type CitationStyle,
} from '../../essays/citation-styles.ts';
import { findCitations, type CitationMatch, type CiteItem } from '../../essays/citation-syntax.ts';
import {
  citationElementId,
  formatReference,
  numberReferences,
  readReferences,
  type NumberedReference,
  type Reference,
} from '../../essays/references.ts';
import { formatProblem } from '../../diagnostics.ts';
import { readBibliographyFile } from '../bibliography-files.ts';
import { recordDependency } from '../dependencies.ts';
import { citationItem } from './citation-item.ts';
import { citeInCsl, type CslOutput } from './csl-citations.ts';
import { CslStyleError } from '../../essays/csl-style.ts';
import { sourceLocation } from '../source-location.ts';

export interface RemarkCitationsOptions {
  /**
   * Whether a link in the text whose URL is a reference's `url` counts as citing it (a marker
   * follows the link). Default `true`.
   */
  citeLinks?: boolean;
  /** The site's citation style; an essay's `citationStyle:` overrides it. Default `numeric`. */
  style?: CitationStyle;
  /**
   * Absolute paths of the site-wide bibliography files (`content/references.bib`, `.json`):
   * those that exist are read for every essay. An essay's own entries win over theirs.
   */
  bibliography?: string[];
}

/** A citation in mdast: `[1]`, `(Vaswani et al., 2017)`; it becomes HTML through `data.hName`/`hChildren`. */
export interface Citation extends Parent {
  type: 'citation';
  children: [];
  data: Data & { hName: 'span'; hProperties: { className: string[] }; hChildren: ElementContent[] };
}

declare module 'mdast' {
  interface PhrasingContentMap {
    citation: Citation;
  }
  interface RootContentMap {
    citation: Citation;
  }
}

/** A listed reference: numbered (numeric) or labelled (author-year), with the markers citing it. */
export interface ListedReference extends NumberedReference {
  /** Author-year only: `Vaswani et al.` and `2017a`. */
  label?: AuthorYearLabel;
  /** A CSL style only: the entry as the style writes it. */
  cslEntry?: ElementContent[];
}

/** Quire's own styles, or the CSL style file the essay names (`csl:`). */
export type EssayCitationStyle = CitationStyle | 'csl';

declare module 'vfile' {
  interface DataMap {
    /** The essay's references as its References list shows them, with the markers citing each; set by remark-citations. */
    references: ListedReference[];
    /** The style the essay's citations and References list are in. */
    citationStyle: EssayCitationStyle;
  }
}

interface PendingCitation {
  node: Citation;
  match: Pick<CitationMatch, 'narrative' | 'items'>;
  /** Element id of each item's link, in the order of `match.items`. */
  elementIds: string[];
}

/**
 * Pandoc's citations (src/essays/citation-syntax.ts): `[@id]`, `[@a; @b]`, `[see @id, p. 3]`,
 * `[-@id]` and narrative `@id says`, citing the essay's sources: its front matter's
 * `references:`, the bibliography files its `bibliography:` names (BibTeX or CSL-JSON, beside the
 * essay), and the site-wide bibliography. Each becomes a marker in the essay's citation style,
 * numeric `[1, p. 3]` or author-year `(see Vaswani et al., 2017, p. 3)`, whose links go to the
 * References list and are described by a preview of the entry (`aria-describedby`), which the
 * stylesheet shows on hover and focus. A link in the text whose URL is a reference's `url` is
 * followed by a marker too. Listed: the front matter's references, and the bibliography's
 * entries the text cites or `nocite:` names (`@*` for all). A key that no source has stops the
 * render with the file, line and column; so does a bibliography file that is missing or broken.
 * The list is left in `file.data.references` for rehype-reference-list.
 */
export default function remarkCitations(options: RemarkCitationsOptions = {}) {
  const citeLinks = options.citeLinks ?? true;
  return (tree: Root, file: VFile) => {
    const frontmatter = (file.data as { astro?: { frontmatter?: Record<string, unknown> } }).astro?.frontmatter;
    const cslStyle = readCslStyle(file, frontmatter);
    const style: EssayCitationStyle = cslStyle ? 'csl' : essayStyle(frontmatter, options.style);
    const sources = readSources(file, frontmatter, options.bibliography ?? []);
    const { own, bibliography } = sources;
    const byId = new Map([...bibliography, ...own].map((reference) => [reference.id, reference]));
    const byUrl = new Map(own.filter((reference) => reference.url).map((reference) => [comparableUrl(reference.url!), reference]));
    const pending: PendingCitation[] = [];
    const counts = new Map<string, number>();

    const citation = (match: PendingCitation['match']): Citation => {
      const elementIds = match.items.map(({ key }) => {
        const n = (counts.get(key) ?? 0) + 1;
        counts.set(key, n);
        return citationElementId(key, n);
      });
      const node: Citation = {
        type: 'citation',
        children: [],
        data: { hName: 'span', hProperties: { className: style === 'numeric' ? ['citation'] : ['citation', style] }, hChildren: [] },
      };
      pending.push({ node, match, elementIds });
      return node;
    };

    visit(tree, (node, index, parent) => {
      if (node.type === 'link' || node.type === 'linkReference' || node.type === 'definition') {
        if (node.type === 'link' && citeLinks && parent && index !== undefined) {
          const reference = byUrl.get(comparableUrl((node as Link).url));
          if (reference) {
            const marker = citation({ narrative: false, items: [{ key: reference.id, prefix: '', suffix: '', suppressAuthor: false }] });
            const added: RootContent[] = style === 'numeric' ? [marker] : [{ type: 'text', value: ' ' }, marker];
            parent.children.splice(index + 1, 0, ...(added as typeof parent.children));
            return [SKIP, index + 1 + added.length];
          }
        }
        return SKIP;
      }
      if (node.type !== 'text' || !parent || index === undefined) return;
      const replacement = splitCitations(node, file, byId, sources, citation);
      if (!replacement) return;
      parent.children.splice(index, 1, ...(replacement as typeof parent.children));
      return [SKIP, index + replacement.length];
    });

    const cited = pending.flatMap(({ match, elementIds }) => match.items.map(({ key }, i) => ({ id: key, elementId: elementIds[i]! })));
    const listed = listedReferences(sources, new Set(cited.map(({ id }) => id)));
    const numbered = numberReferences(listed, cited);
    if (cslStyle) {
      let output: CslOutput | undefined;
      try {
        output = citeInCsl(cslStyle.xml, pending.map(({ match, elementIds }) => ({ ...match, elementIds })), numbered);
      } catch (error) {
        if (!(error instanceof CslStyleError)) throw error;
        failFrontMatter(file, 'csl', `"${cslStyle.written}" (${cslStyle.shown}) ${error.message}`);
      }
      pending.forEach(({ node }, index) => (node.data.hChildren = output!.citations[index]!));
      file.data.references = output!.references;
      file.data.citationStyle = style;
      return;
    }
    const entries: ListedReference[] = style === 'numeric' ? numbered : labelled(numbered);
    const byKey = new Map(entries.map((entry) => [entry.id, entry]));
    for (const { node, match, elementIds } of pending) node.data.hChildren = markerChildren(match, elementIds, byKey, style as CitationStyle);
    file.data.references = entries;
    file.data.citationStyle = style;
  };
}

/**
 * The CSL style file the essay names (`csl: ieee.csl`, beside it), read and recorded as a
 * dependency of its render; none when it names none. Naming a `citationStyle:` too is a mistake.
 */
function readCslStyle(file: VFile, frontmatter: Record<string, unknown> | undefined): { xml: string; written: string; shown: string } | undefined {
  const written = frontmatter?.csl;
  if (typeof written !== 'string') return undefined;
  if (frontmatter?.citationStyle !== undefined) failFrontMatter(file, 'csl', `"${written}" and citationStyle: ${String(frontmatter.citationStyle)} both choose a style: keep one`);
  if (!file.path) failFrontMatter(file, 'csl', `"${written}": the essay has no file, so its style cannot be found beside it`);
  const absolute = path.resolve(path.dirname(file.path!), written);
  const shown = path.relative(file.cwd, absolute).split(path.sep).join('/');
  let bytes: Buffer;
  try {
    bytes = readFileSync(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return failFrontMatter(file, 'csl', `"${written}" (${shown}) ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`}`);
  }
  recordDependency(file, absolute, bytes);
  return { xml: bytes.toString('utf8'), written, shown };
}

/** The essay's `citationStyle:`, else the site's, else numeric. */
function essayStyle(frontmatter: Record<string, unknown> | undefined, site: CitationStyle | undefined): CitationStyle {
  const chosen = frontmatter?.citationStyle;
  return (CITATION_STYLES as readonly unknown[]).includes(chosen) ? (chosen as CitationStyle) : (site ?? 'numeric');
}

interface Sources {
  /** The front matter's `references:` and the entries of the essay's own bibliography files. */
  own: Reference[];
  /** The site-wide bibliography's entries that the essay's own do not replace. */
  bibliography: Reference[];
  /** Keys `nocite:` lists; `*` is every entry. */
  nocite: Set<string>;
  /** The files read, as the author would name them (for messages). */
  files: string[];
}

/**
 * The essay's sources. Its own bibliography files are named relative to it; an entry's key must
 * be unique among the front matter and those files. The site-wide bibliography is read too, and
 * an essay's own entry replaces the site's of the same key.
 */
function readSources(file: VFile, frontmatter: Record<string, unknown> | undefined, siteFiles: readonly string[]): Sources {
  const own: Reference[] = readReferences(frontmatter);
  const origins = new Map(own.map((reference) => [reference.id, 'the front matter’s references']));
  const files: string[] = [];
  const shown = (absolute: string) => path.relative(file.cwd, absolute).split(path.sep).join('/');
  const named = asList(frontmatter?.bibliography);
  for (const written of named) {
    if (!file.path) failFrontMatter(file, 'bibliography', `"${written}": the essay has no file, so its bibliography cannot be found beside it`);
    const absolute = path.resolve(path.dirname(file.path), written);
    const read = readBibliographyFile(file, absolute);
    if (read && !read.ok) failFrontMatter(file, 'bibliography', `"${written}" (${shown(absolute)}) ${'missing' in read ? read.problem : `is not a bibliography Quire can read: ${read.problem}`}`);
    files.push(shown(absolute));
    for (const item of read && read.ok ? read.items : []) {
      const earlier = origins.get(item.id);
      if (earlier) failFrontMatter(file, 'bibliography', `the key "${item.id}" is in ${shown(absolute)} and in ${earlier}: a key names one source`);
      origins.set(item.id, shown(absolute));
      own.push(referenceFromCsl(item, shown(absolute)));
    }
  }
  const bibliography: Reference[] = [];
  const siteKeys = new Set<string>();
  for (const absolute of siteFiles) {
    const read = readBibliographyFile(file, absolute, true);
    if (!read) continue;
    if (!read.ok) failFrontMatter(file, undefined, `the site's bibliography ${shown(absolute)} is not one Quire can read: ${read.problem}`);
    files.push(shown(absolute));
    for (const item of read.ok ? read.items : []) {
      if (origins.has(item.id) || siteKeys.has(item.id)) continue;
      siteKeys.add(item.id);
      bibliography.push(referenceFromCsl(item, shown(absolute)));
    }
  }
  const nocite = new Set(asList(frontmatter?.nocite).flatMap((entry) => [...entry.matchAll(/@(\*|[^\s,;@]+)/g)].map((match) => match[1]!)));
  for (const key of nocite) {
    if (key !== '*' && !origins.has(key) && !siteKeys.has(key)) failFrontMatter(file, 'nocite', `"@${key}" is in no bibliography of this essay${knownKeysHint(key, [...origins.keys(), ...siteKeys])}`);
  }
  return { own, bibliography, nocite, files };
}

const asList = (value: unknown): string[] => (typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : []);

/**
 * What the References list shows, before numbering: the front matter's references (all of them,
 * as before bibliographies: they are the essay's own hand-written list), and the bibliography
 * files' entries that the text cites or `nocite:` names, in the files' order.
 */
function listedReferences({ own, bibliography, nocite }: Sources, cited: Set<string>): Reference[] {
  const listed = (reference: Reference) => reference.origin === 'front matter' || cited.has(reference.id) || nocite.has('*') || nocite.has(reference.id);
  return [...own, ...bibliography].filter(listed);
}

/** Author-year: the list sorted by author, year and title, each entry with its label. */
function labelled(numbered: NumberedReference[]): ListedReference[] {
  const sorted = [...numbered].sort(compareAuthorYear);
  const labels = authorYearLabels(sorted);
  return sorted.map((entry, index) => ({ ...entry, number: index + 1, label: labels.get(entry.id)! }));
}

/** The text node cut around its citations, or undefined when it has none. */
function splitCitations(
  node: Text,
  file: VFile,
  byId: Map<string, Reference>,
  sources: Sources,
  cite: (match: CitationMatch) => Citation,
): RootContent[] | undefined {
  const parts: RootContent[] = [];
  let last = 0;
  for (const match of findCitations(node.value)) {
    // `\@name` is an @ and a name, as in Pandoc.
    if (escapedInSource(file, node, match)) continue;
    const unknown = match.items.find(({ key }) => !byId.has(key));
    if (unknown) {
      // `@name` outside brackets is a citation of a key the essay's sources have; any other is a
      // handle or a name (`ask @quire on a forum`), unless it is a key mistyped: a letter or two
      // from one.
      if (match.narrative && nearKeys(unknown.key, [...byId.keys()]).length === 0) continue;
      failUnknown(file, node, match, unknown.key, byId, sources);
    }
    if (match.start > last) parts.push({ type: 'text', value: node.value.slice(last, match.start) });
    parts.push(cite(match));
    last = match.end;
  }
  if (parts.length === 0) return undefined;
  if (last < node.value.length) parts.push({ type: 'text', value: node.value.slice(last) });
  return parts;
}

/**
 * Whether an `@` of the citation was written `\@`. The parser has removed the backslash; the
 * source still has it. The text's `@`s are the source's, one for one, unless a character
 * reference (`&#64;`) made one, in which case no `@` of the text was typed as a citation.
 */
function escapedInSource(file: VFile, node: Text, match: CitationMatch): boolean {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) {
    // A text node that GFM's autolinks cut has no position: the key is escaped if the file has
    // it only escaped.
    const source = String(file.value);
    return match.items.every(({ key }) => source.includes(`\\@${key}`) && !new RegExp(`(?<!\\\\)@${escapeRegExp(key)}`, 'u').test(source));
  }
  const source = String(file.value).slice(start, end);
  if (!source.includes('\\@')) return false;
  const inText = [...node.value.matchAll(/@/g)].map((found) => found.index);
  const inSource = [...source.matchAll(/@/g)].map((found) => found.index);
  if (inText.length !== inSource.length) return true;
  return inText.some((offset, i) => offset >= match.start && offset < match.end && source[inSource[i]! - 1] === '\\');
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A citation's HTML children. Numeric: `[1]`, `[1, 2]`, `[see 1, p. 3; 2]`, and for a narrative
 * citation the author's name before the marker. Author-year: `(Vaswani et al., 2017; Wang et
 * al., 2018a)`, `(see Vaswani et al., 2017, p. 3)`, `(2017)` for `[-@key]`, and narrative
 * `Vaswani et al. (2017)`. Each cited source is a link to its entry described by a preview of it;
 * the link and its preview share a `.citation-item`, so the stylesheet can show one beside the other.
 */
function markerChildren(match: PendingCitation['match'], elementIds: string[], entries: Map<string, ListedReference>, style: CitationStyle): ElementContent[] {
  const text = (value: string): ElementContent => ({ type: 'text', value });
  const item = (cite: CiteItem, i: number, linkText: string): ElementContent => {
    const entry = entries.get(cite.key)!;
    return citationItem(cite.key, elementIds[i]!, [text(linkText)], entry.label ? formatAuthorYearReference(entry, entry.label) : formatReference(entry));
  };
  const after = (cite: CiteItem) => [cite.locator, cite.suffix].filter(Boolean).join(cite.locator && cite.suffix && !/^[,.;:]/.test(cite.suffix) ? ' ' : '');
  const withAfter = (cite: CiteItem) => (after(cite) ? `, ${after(cite)}` : '');

  if (style === 'numeric') {
    const plain = match.items.every((cite) => !cite.prefix && !after(cite));
    const children: ElementContent[] = [];
    if (match.narrative) children.push(text(`${namesInText(entries.get(match.items[0]!.key)!)} `));
    children.push(text('['));
    match.items.forEach((cite, i) => {
      if (i > 0) children.push(text(plain ? ', ' : '; '));
      if (cite.prefix) children.push(text(`${cite.prefix} `));
      children.push(item(cite, i, String(entries.get(cite.key)!.number)));
      if (after(cite)) children.push(text(withAfter(cite)));
    });
    children.push(text(']'));
    return children;
  }

  if (match.narrative) {
    const cite = match.items[0]!;
    const label = entries.get(cite.key)!.label!;
    return [item(cite, 0, label.names), text(` (${label.year}${withAfter(cite)})`)];
  }
  const children: ElementContent[] = [text('(')];
  match.items.forEach((cite, i) => {
    const label = entries.get(cite.key)!.label!;
    if (i > 0) children.push(text('; '));
    if (cite.prefix) children.push(text(`${cite.prefix} `));
    children.push(item(cite, i, cite.suppressAuthor ? label.year : `${label.names}, ${label.year}`));
    if (after(cite)) children.push(text(withAfter(cite)));
  });
  children.push(text(')'));
  return children;
}

function failUnknown(file: VFile, node: Text, match: CitationMatch, key: string, byId: Map<string, Reference>, sources: Sources): never {
  const start = node.position?.start;
  const { file: name, point } = sourceLocation(file, start && pointWithin(start, node.value, match.start), match.written);
  const read = sources.files.length > 0 ? `; it reads its references from ${[hasFrontMatter(sources) ? 'its front matter' : undefined, ...sources.files].filter(Boolean).join(' and ')}` : '';
  const known = byId.size > 0 ? `${knownKeysHint(key, [...byId.keys()])}${read}` : ' (it has no `references:` or `bibliography:` in its front matter)';
  const escape = match.narrative ? '; an @ that is not a citation is written \\@' : '';
  const message = `${match.written} cites "${key}", which is not one of this essay’s references${known}${escape}`;
  return file.fail(point ? formatProblem({ file: name, ...point, severity: 'error', message }) : `${name}: ${message}`, {
    place: point,
    ruleId: 'unknown-citation',
    source: 'remark-citations',
  });
}

const hasFrontMatter = (sources: Sources) => sources.own.some((reference) => reference.origin === 'front matter');

/**
 * The keys `key` may be a mistyping of: at most one edit (a letter added, dropped, changed, or
 * two swapped) from a key of 4 to 7 characters, two from a longer one.
 */
function nearKeys(key: string, keys: readonly string[]): string[] {
  const wanted = key.toLowerCase();
  return keys.filter((known) => known.length >= 4 && editDistance(known.toLowerCase(), wanted) <= (known.length >= 8 ? 2 : 1));
}

/** `(did you mean "vaswani2017"?)` for a near miss; else the keys when there are few. */
function knownKeysHint(key: string, keys: string[]): string {
  const near = nearKeys(key, keys);
  if (near.length > 0) return ` (did you mean ${near.slice(0, 3).map((k) => `"${k}"`).join(' or ')}?)`;
  return keys.length > 0 && keys.length <= 12 ? ` (its references are ${keys.join(', ')})` : '';
}

/** Edits from `a` to `b`, a swap of neighbours counting as one (optimal string alignment). */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return Infinity;
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, rows[i - 2]![j - 2]! + 1);
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}

/**
 * A problem with a front-matter field (`bibliography`, `nocite`), located at the field's line in
 * the essay's file: the plugin sees only the body, so the line is found in the file itself.
 */
function failFrontMatter(file: VFile, field: string | undefined, message: string): never {
  const { file: name } = sourceLocation(file, undefined);
  let line = 1;
  if (field && file.path) {
    try {
      const found = readFileSync(file.path, 'utf8').split(/\r?\n/).findIndex((text) => text.startsWith(`${field}:`));
      if (found >= 0) line = found + 1;
    } catch {
      // The file is what Astro handed over; if it cannot be read again, line 1 stands.
    }
  }
  const text = formatProblem({ file: name, line, column: 1, severity: 'error', message: field ? `${field}: ${message}` : message });
  return file.fail(text, { place: { line, column: 1 }, ruleId: 'bibliography', source: 'remark-citations' });
}

/** The point `offset` characters into a text node that starts at `start`. */
function pointWithin(start: Point, value: string, offset: number): Point {
  const before = value.slice(0, offset).split('\n');
  const line = start.line + before.length - 1;
  const column = before.length === 1 ? start.column + offset : before.at(-1)!.length + 1;
  return { line, column };
}

/** URLs compare as the browser reads them: `https://Example.com` equals `https://example.com/`. */
function comparableUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url.trim();
  }
}
