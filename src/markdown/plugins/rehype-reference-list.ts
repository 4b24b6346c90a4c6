import type { Element, ElementContent, Root } from 'hast';
import type { VFile } from 'vfile';
import { backlinkLabels, backlinkLetter, endsSentence, referenceDetails, referenceElementId, sentence, type NumberedReference } from '../../essays/references.ts';

export interface RehypeReferenceListOptions {
  /** Text of the section's heading (an `<h2>`, so the table of contents lists it). Default `References`. */
  heading?: string;
}

/**
 * Appends the essay's numbered References section, generated from its front matter
 * (`file.data.references`, left there by remark-citations): each entry is its title linking to
 * the source, then authors, publisher and year, then a back-link (`↩`, or `↩ a`, `↩ b`, …) to
 * every place in the text that cites it. Being part of the body, it reaches feeds and readers
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
        { type: 'element', tagName: 'ol', properties: { className: ['reference-list'] }, children: references.map(referenceEntry) },
      ],
    });
  };
}

function referenceEntry(reference: NumberedReference): Element {
  const details = referenceDetails(reference).map(sentence);
  const children: ElementContent[] = [
    {
      type: 'element',
      tagName: 'cite',
      properties: { className: ['reference-title'] },
      children: [{ type: 'element', tagName: 'a', properties: { href: reference.url }, children: [{ type: 'text', value: reference.title }] }],
    },
  ];
  if (!endsSentence(reference.title)) children.push({ type: 'text', value: '.' });
  if (details.length > 0) children.push({ type: 'text', value: ` ${details.join(' ')}` });
  if (reference.citations.length > 0) children.push({ type: 'text', value: ' ' }, backlinks(reference));
  return { type: 'element', tagName: 'li', properties: { id: referenceElementId(reference.id), className: ['reference'] }, children };
}

function backlinks(reference: NumberedReference): Element {
  const labels = backlinkLabels(reference.citations.length);
  const several = reference.citations.length > 1;
  const links: ElementContent[] = reference.citations.flatMap((citationId, index): ElementContent[] => [
    ...(index > 0 ? [{ type: 'text' as const, value: ' ' }] : []),
    {
      type: 'element',
      tagName: 'a',
      properties: {
        href: `#${citationId}`,
        className: ['reference-backlink'],
        ariaLabel: several
          ? `Back to citation ${backlinkLetter(index)} of reference ${reference.number}`
          : `Back to the citation of reference ${reference.number}`,
      },
      children: [{ type: 'text', value: labels[index]! }],
    },
  ]);
  return { type: 'element', tagName: 'span', properties: { className: ['reference-backlinks'] }, children: links };
}
