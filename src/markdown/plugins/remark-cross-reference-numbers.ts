import type { Heading, Nodes, Parents, Root, RootContent } from 'mdast';
import type {} from 'remark-math'; // its types add remark-math's nodes to mdast's
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import {
  CROSS_REFERENCE_KINDS,
  LABEL_PATTERN,
  captionPrefix,
  crossReferenceKind,
  sectionNumbers,
  type CrossReferenceKind,
} from '../../essays/cross-references.ts';
import { sourceLocation } from '../source-location.ts';
import { failAt, type Equation, type EquationNumber, type Figure, type Label } from './cross-reference-labels.ts';

/** A numbered element: what `@label` reads ("Figure 2") comes from its kind and number. */
export interface CrossReferenceTarget {
  kind: CrossReferenceKind;
  number: string;
}

declare module 'vfile' {
  interface DataMap {
    /** The essay's numbered labels (`fig-x` → Figure 2); set by remark-cross-reference-numbers. */
    crossReferences: Record<string, CrossReferenceTarget>;
  }
}

/**
 * Numbers what the labelling plugins labelled (remark-heading-attributes, remark-figure-labels,
 * remark-table-captions, remark-equation-labels) and shows each number where the reader looks for
 * it: figures, tables and display equations are numbered in reading order, each kind on its own,
 * their captions start "Figure 2: " and "Table 1: ", and an equation is followed by "(3)", which
 * the stylesheet sets at its right. Sections are numbered as Pandoc's `number-sections` does (1, 2, 2.1,
 * from the essay's highest heading level), but only in an essay that labels one (`{#sec-…}`):
 * then every heading of the essay shows its number (rehype-section-numbers), so a reader can find
 * "Section 2.1"; `{.unnumbered}` headings are left out.
 *
 * Located errors stop the render: a label used twice, a label whose prefix names another kind of
 * element (`{#fig-x}` on a heading), a label that is not a valid name, an equation with a `\tag`
 * of its own. The numbers are left in `file.data.crossReferences` for remark-cross-reference-links.
 */
export default function remarkCrossReferenceNumbers() {
  return (tree: Root, file: VFile) => {
    const seen = new Map<string, { node: Nodes; label: Label }>();
    const counts: Record<'fig' | 'tbl' | 'eq', number> = { fig: 0, tbl: 0, eq: 0 };
    const targets: Record<string, CrossReferenceTarget> = {};
    const headings: Heading[] = [];
    const sections: { heading: Heading; label: Label }[] = [];

    visit(tree, (node: Nodes, index, parent) => {
      if (node.type === 'heading' && !node.data?.unnumbered) headings.push(node);
      const label = node.data?.label;
      if (!label) return;
      const first = seen.get(label.id);
      if (first) {
        const where = first.label.place ? ` at line ${lineInFile(file, first.label)}` : '';
        failAt(file, label.place, label.written, `the label ${label.id} is already on ${elementName(first.node)}${where}: each label names one element`, 'duplicate-label');
      }
      seen.set(label.id, { node, label });
      const kind = crossReferenceKind(label.id);
      if (!kind) return; // an id, not a label to refer to
      const expected = kindOf(node);
      if (!LABEL_PATTERN.test(label.id)) {
        failAt(file, label.place, label.written, `${label.id} cannot be referred to: after ${kind}- a label has letters, digits and _, with - . or : between them`, 'invalid-label');
      }
      if (kind !== expected) {
        const should = expected ? `; ${elementName(node)}’s label starts with ${expected}-` : '';
        failAt(file, label.place, label.written, `${label.id} is on ${elementName(node)}, but ${kind}- labels ${CROSS_REFERENCE_KINDS[kind].labels}${should}`, 'misplaced-label');
      }
      if (kind === 'sec') {
        if (node.type === 'heading' && node.data?.unnumbered) {
          failAt(file, label.place, label.written, `${label.id} is on an unnumbered heading, which a reference could not give a number: remove .unnumbered or the label`, 'misplaced-label');
        }
        sections.push({ heading: node as Heading, label });
        return;
      }
      const number = String(++counts[kind]);
      targets[label.id] = { kind, number };
      if (kind === 'eq') numberEquation(file, node as Equation, number, label);
      else if (kind === 'fig') numberCaption((node as Figure).children[1].children, kind, number);
      else if (parent && index !== undefined) {
        const caption = (parent as Parents).children[index - 1] as RootContent | undefined;
        if (caption?.type === 'tableCaption') numberCaption(caption.children, kind, number);
      }
    });

    if (sections.length > 0) {
      const numbers = sectionNumbers(headings.map((heading) => heading.depth));
      headings.forEach((heading, i) => {
        heading.data = { ...heading.data, hProperties: { ...heading.data?.hProperties, dataSectionNumber: numbers[i]! } };
      });
      for (const { heading, label } of sections) targets[label.id] = { kind: 'sec', number: numbers[headings.indexOf(heading)]! };
    }
    file.data.crossReferences = targets;
  };
}

function kindOf(node: Nodes): CrossReferenceKind | undefined {
  switch (node.type as string) {
    case 'figure':
      return 'fig';
    case 'table':
      return 'tbl';
    case 'equation':
      return 'eq';
    case 'heading':
      return 'sec';
    default:
      return undefined;
  }
}

function elementName(node: Nodes): string {
  const kind = kindOf(node);
  return kind ? CROSS_REFERENCE_KINDS[kind].labels : 'an element';
}

/** "Figure 2: " before the caption's own text. */
function numberCaption(children: RootContent[], kind: 'fig' | 'tbl', number: string): void {
  children.unshift({ type: 'text', value: captionPrefix(kind, number, children.length > 0) });
}

/**
 * "(3)" after the formula, as HTML beside it rather than `\tag{3}` inside it: the stylesheet sets
 * it at the right, outside the box a wide formula scrolls in, where it never covers the formula
 * (KaTeX's tag would, on a phone), and KaTeX's MathML for a tag is not valid HTML.
 */
function numberEquation(file: VFile, equation: Equation, number: string, label: Label): void {
  const math = equation.children[0];
  if (math?.type === 'math' && /\\tag(?![A-Za-z])/.test(math.value)) {
    failAt(file, label.place, label.written, `the equation labelled ${label.id} has a \\tag of its own, and its label numbers it: remove one`, 'misplaced-label');
  }
  const numbered: EquationNumber = {
    type: 'equationNumber',
    children: [{ type: 'text', value: `(${number})` }],
    data: { hName: 'span', hProperties: { className: ['equation-number'] } },
  };
  equation.children.push(numbered);
}

/** The line of a label in the file on disk, for "already on a figure at line 12". */
function lineInFile(file: VFile, label: Label): number {
  return sourceLocation(file, label.place, label.written).point?.line ?? label.place!.line;
}
