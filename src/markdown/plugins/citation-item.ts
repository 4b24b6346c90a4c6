import type { ElementContent } from 'hast';
import { previewElementId, referenceElementId } from '../../essays/references.ts';

/**
 * One cited source in a citation, in every style: a link to its entry in the reference list
 * (`#ref-<key>`), described by a preview of the entry (a tooltip, left out of the search index,
 * src/browser/previews.ts shows it), both inside a `.citation-item` so the stylesheet can set one
 * beside the other. `backLinkTargets` are ids of further sources the same link stands for (a CSL
 * cluster is one link to its first source): the reference list's back-links land on them.
 */
export function citationItem(key: string, elementId: string, link: ElementContent[], preview: string, backLinkTargets: readonly string[] = []): ElementContent {
  return {
    type: 'element',
    tagName: 'span',
    properties: { className: ['citation-item'] },
    children: [
      {
        type: 'element',
        tagName: 'a',
        properties: { className: ['citation-ref'], href: `#${referenceElementId(key)}`, id: elementId, ariaDescribedBy: [previewElementId(elementId)] },
        children: link,
      },
      ...backLinkTargets.map((id): ElementContent => ({ type: 'element', tagName: 'span', properties: { id }, children: [] })),
      {
        type: 'element',
        tagName: 'span',
        properties: { className: ['citation-preview'], role: 'tooltip', id: previewElementId(elementId), dataPagefindIgnore: '' },
        children: [{ type: 'text', value: preview }],
      },
    ],
  };
}
