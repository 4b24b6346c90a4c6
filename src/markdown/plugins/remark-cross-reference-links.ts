import type { Link, Root, RootContent, Text } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { findCitations } from '../../essays/citation-syntax.ts';
import { CROSS_REFERENCE_PATTERN, CROSS_REFERENCE_KINDS, crossReferenceKind, referencedLabel, referenceText } from '../../essays/cross-references.ts';
import { failAt, pointWithin } from './cross-reference-labels.ts';

/**
 * Quarto's references: `@fig-results` in the text (or `[@fig-results]`, which reads the same)
 * becomes a link to the element labelled `{#fig-results}`, reading "Figure 2"; likewise
 * "Table 1", "Equation (3)" and "Section 2.1", numbered by remark-cross-reference-numbers. Only
 * the four prefixes `fig-`, `tbl-`, `eq-` and `sec-` make a reference: any other `@name` (a
 * handle, an email address, a citation `[@id]`) is left to the text or to remark-citations,
 * which must run after this plugin. Code, link text and math are left alone. A reference to a
 * label the essay does not have stops the render with its file, line and column.
 */
export default function remarkCrossReferenceLinks() {
  return (tree: Root, file: VFile) => {
    const targets = file.data.crossReferences ?? {};
    visit(tree, (node, index, parent) => {
      if (node.type === 'link' || node.type === 'linkReference' || node.type === 'definition') return SKIP;
      if (node.type !== 'text' || !parent || index === undefined) return;
      const replacement = splitReferences(node, (label, offset, written) => {
        const target = targets[label];
        if (!target) failUnknown(file, node, offset, written, label, Object.keys(targets));
        const link: Link = {
          type: 'link',
          url: `#${label}`,
          title: null,
          children: [{ type: 'text', value: referenceText(target.kind, target.number) }],
          data: { hProperties: { className: ['cross-reference'] } },
        };
        return link;
      });
      if (!replacement) return;
      parent.children.splice(index, 1, ...(replacement as typeof parent.children));
      return [SKIP, index + replacement.length];
    });
  };
}

/**
 * The text node cut around its references, or undefined when it has none. A citation group that
 * cites a source as well (`[@squad; @fig-x]`) is left whole to remark-citations, which says which
 * of its ids is no reference: a figure is not cited.
 */
function splitReferences(node: Text, link: (label: string, offset: number, written: string) => RootContent): RootContent[] | undefined {
  const parts: RootContent[] = [];
  const citations = findCitations(node.value)
    .filter((citation) => !citation.narrative && citation.items.some(({ key }) => !crossReferenceKind(referencedLabel(key))))
    .map((citation) => [citation.start, citation.end] as const);
  let last = 0;
  for (const match of node.value.matchAll(CROSS_REFERENCE_PATTERN)) {
    if (citations.some(([start, end]) => match.index >= start && match.index < end)) continue;
    if (match.index > last) parts.push({ type: 'text', value: node.value.slice(last, match.index) });
    parts.push(link(referencedLabel(match[1] ?? match[2]!), match.index, match[0]));
    last = match.index + match[0].length;
  }
  if (parts.length === 0) return undefined;
  if (last < node.value.length) parts.push({ type: 'text', value: node.value.slice(last) });
  return parts;
}

function failUnknown(file: VFile, node: Text, offset: number, written: string, label: string, known: string[]): never {
  const kind = crossReferenceKind(label)!;
  const same = known.filter((id) => crossReferenceKind(id) === kind);
  const noun = CROSS_REFERENCE_KINDS[kind].labels.replace(/^an? /, '');
  const labels = same.length > 0 ? `its ${kind}- labels are ${same.join(', ')}` : `no ${noun} in it is labelled {#${kind}-…}`;
  return failAt(file, pointWithin(node.position?.start, node.value, offset), written, `${written} refers to ${label}, which is not a label in this essay (${labels})`, 'unknown-label');
}
