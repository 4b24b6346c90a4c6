import type { Element, ElementContent, Root } from 'hast';
import type { VFile } from 'vfile';
import { authorYearEntry } from '../../essays/citation-styles.ts';
import { backlinkLabels, backlinkLetter, endsSentence, referenceDetails, referenceElementId, referenceIdentifiers, referenceUrl, sentence } from '../../essays/references.ts';
import type { ListedReference } from './remark-citations.ts';

export interface RehypeReferenceListOptions {
  /** Text of the section's heading (an `<h2>`, so the table of contents lists it). Default `References`. */
  heading?: string;
}

/**
 * Appends the essay's References section, made from the sources remark-citations left in
 * `file.data.references`, in the essay's citation style. Numeric: a numbered list, each entry
 * its title linking to the source, then authors, publisher and year. Author-year: a list in
 * author order, each entry authors and year first, then the title. Then the entry's DOI and
 * arXiv id as links, and a back-link (`↩`, or `↩ a`, `↩ b`, …) to every place in the text that
 * cites it. Being part of the body, it reaches feeds and readers
 * without JavaScript, and the table of contents, which is built from the rendered headings.
 * Run it before rehype-slug so that its heading gets an id and a self-link like any other.
 */
export default function rehypeReferenceList(options: RehypeReferenceListOptions = {}) {
  const heading = options.heading ?? 'References';
  return (tree: Root, file: VFile) => {
    const references = file.data.references ?? [];
    if (references.length === 0) return;
    tree.children.push({
      type: 'element',
      tagName: 'section',
      properties: { className: ['references'] },
      children: [
        { type: 'element', tagName: 'h2', properties: {}, children: [{ type: 'text', value: heading }] },
        file.data.citationStyle === 'author-year'
          ? { type: 'element', tagName: 'ul', properties: { className: ['reference-list', 'author-year'] }, children: references.map(authorYearReference) }
          : file.data.citationStyle === 'csl'
            ? { type: 'element', tagName: 'ul', properties: { className: ['reference-list', 'csl'] }, children: references.map(cslReference) }
            : { type: 'element', tagName: 'ol', properties: { className: ['reference-list'] }, children: references.map(referenceEntry) },
      ],
    });
  };
}

function referenceEntry(reference: ListedReference): Element {
  const details = referenceDetails(reference).map(sentence);
  const children: ElementContent[] = [title(reference)];
  if (!endsSentence(reference.title)) children.push({ type: 'text', value: '.' });
  if (details.length > 0) children.push({ type: 'text', value: ` ${details.join(' ')}` });
  children.push(...identifiers(reference));
  if (reference.citations.length > 0) children.push({ type: 'text', value: ' ' }, backlinks(reference));
  return { type: 'element', tagName: 'li', properties: { id: referenceElementId(reference.id), className: ['reference'] }, children };
}

/** `Ashish Vaswani, … (2017). <cite>Attention Is All You Need</cite>. NeurIPS. doi:… ↩` */
function authorYearReference(reference: ListedReference): Element {
  const entry = authorYearEntry(reference, reference.label!);
  const children: ElementContent[] = [];
  if (entry.lead) children.push({ type: 'text', value: `${entry.lead} ` });
  children.push(title(reference), { type: 'text', value: entry.titleEnd });
  const details = entry.details.slice(0, entry.details.length - referenceIdentifiers(reference).length);
  if (details.length > 0) children.push({ type: 'text', value: ` ${details.join(' ')}` });
  children.push(...identifiers(reference));
  if (reference.citations.length > 0) children.push({ type: 'text', value: ' ' }, backlinks(reference));
  return { type: 'element', tagName: 'li', properties: { id: referenceElementId(reference.id), className: ['reference'] }, children };
}

/** The entry as the CSL style writes it (its own numbers included, so the list has none), then back-links. */
function cslReference(reference: ListedReference): Element {
  const children: ElementContent[] = [...(reference.cslEntry ?? [])];
  if (reference.citations.length > 0) children.push({ type: 'text', value: ' ' }, backlinks(reference));
  return { type: 'element', tagName: 'li', properties: { id: referenceElementId(reference.id), className: ['reference'] }, children };
}

/** The title, linking to the source's URL (or DOI, or arXiv page) when it has one. */
function title(reference: ListedReference): Element {
  const url = referenceUrl(reference);
  const text = { type: 'text' as const, value: reference.title };
  return {
    type: 'element',
    tagName: 'cite',
    properties: { className: ['reference-title'] },
    children: [url ? { type: 'element', tagName: 'a', properties: { href: url }, children: [text] } : text],
  };
}

/** ` doi:10.… arXiv:1706.03762`, each a link, each a sentence. */
function identifiers(reference: ListedReference): ElementContent[] {
  return referenceIdentifiers(reference).flatMap(({ text, url }): ElementContent[] => [
    { type: 'text', value: ' ' },
    { type: 'element', tagName: 'a', properties: { href: url, className: ['reference-identifier'] }, children: [{ type: 'text', value: text }] },
    { type: 'text', value: '.' },
  ]);
}

function backlinks(reference: ListedReference): Element {
  const labels = backlinkLabels(reference.citations.length);
  const several = reference.citations.length > 1;
  const name = reference.label ? `${reference.label.names}, ${reference.label.year}` : `reference ${reference.number}`;
  const links: ElementContent[] = reference.citations.flatMap((citationId, index): ElementContent[] => [
    ...(index > 0 ? [{ type: 'text' as const, value: ' ' }] : []),
    {
      type: 'element',
      tagName: 'a',
      properties: {
        href: `#${citationId}`,
        className: ['reference-backlink'],
        ariaLabel: several
          ? `Back to citation ${backlinkLetter(index)} of ${name}`
          : `Back to the citation of ${name}`,
      },
      children: [{ type: 'text', value: labels[index]! }],
    },
  ]);
  return { type: 'element', tagName: 'span', properties: { className: ['reference-backlinks'] }, children: links };
}
