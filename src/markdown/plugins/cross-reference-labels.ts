import type { Data, Parent, PhrasingContent, RootContent, Text } from 'mdast';
import type { Point } from 'unist';
import type { VFile } from 'vfile';
import { formatProblem } from '../../diagnostics.ts';
import type { AttributeBlock } from '../../essays/cross-references.ts';
import { sourceLocation } from '../source-location.ts';

/**
 * What the cross-reference plugins share (not a plugin): the label the labelling plugins leave
 * on a node's data, the mdast nodes they make, and located errors and warnings. Attribute blocks
 * (`{#fig-x}`) are read by src/essays/cross-references.ts.
 */

/** A label as written: the id, and where its `{…}` is in the essay (for errors). */
export interface Label {
  id: string;
  /** Where the attribute block starts, when known. */
  place: Point | undefined;
  /** The attribute block as written, `{#fig-x}`, which also corrects the error's column. */
  written: string;
}

/** `![Caption](x.png){#fig-x}` as a node: `<figure id="fig-x">` with the image and its caption. */
export interface Figure extends Parent {
  type: 'figure';
  children: [PhrasingContent, FigureCaption];
  data: Data & { hName: 'figure'; hProperties: { className: string[]; id: string } };
}

/** A figure's `<figcaption>`: Markdown, so math, emphasis and citations work in it. */
export interface FigureCaption extends Parent {
  type: 'figureCaption';
  children: PhrasingContent[];
  data: Data & { hName: 'figcaption' };
}

/**
 * A table's caption (`: Caption {#tbl-x}`), just before its table: `<caption>` cannot be made
 * inside the table in mdast (its first row is its header), so rehype-table-captions moves it in.
 */
export interface TableCaption extends Parent {
  type: 'tableCaption';
  children: PhrasingContent[];
  data: Data & { hName: 'caption' };
}

/** A labelled display equation: `<div class="equation" id="eq-x">` around the formula (and its number). */
export interface Equation extends Parent {
  type: 'equation';
  children: RootContent[];
  data: Data & { hName: 'div'; hProperties: { className: string[]; id: string } };
}

/** An equation's number, "(3)", after the formula: `<span class="equation-number">`. */
export interface EquationNumber extends Parent {
  type: 'equationNumber';
  children: [Text];
  data: Data & { hName: 'span'; hProperties: { className: string[] } };
}

declare module 'mdast' {
  interface Data {
    /** Set by the labelling plugins on the node that gets the id: read by remark-cross-reference-numbers. */
    label?: Label;
    /** `{.unnumbered}` or `{-}` on a heading: it gets no section number. */
    unnumbered?: boolean;
  }
  interface PhrasingContentMap {
    figureCaption: FigureCaption;
  }
  interface BlockContentMap {
    figure: Figure;
    tableCaption: TableCaption;
    equation: Equation;
  }
  interface RootContentMap {
    figure: Figure;
    figureCaption: FigureCaption;
    tableCaption: TableCaption;
    equation: Equation;
    equationNumber: EquationNumber;
  }
}

/** The point `offset` characters into a text node that starts at `start`. */
export function pointWithin(start: Point | undefined, value: string, offset: number): Point | undefined {
  if (!start) return undefined;
  const before = value.slice(0, offset).split('\n');
  const line = start.line + before.length - 1;
  const column = before.length === 1 ? start.column + offset : before.at(-1)!.length + 1;
  return { line, column };
}

/** Where an attribute block found at `index` of a text node is. */
export function labelOf(node: Text, block: AttributeBlock & { id: string }): Label {
  return { id: block.id, place: pointWithin(node.position?.start, node.value, block.index), written: block.written };
}

/**
 * Stops the render with `file:line:col  message`, located in the file on disk (the loader and
 * `npm run check` turn it into a problem), as remark-citations does.
 */
export function failAt(file: VFile, place: Point | undefined, written: string, message: string, ruleId: string): never {
  const { file: name, point } = sourceLocation(file, place, written);
  return file.fail(point ? formatProblem({ file: name, ...point, severity: 'error', message }) : `${name}: ${message}`, {
    place: point,
    ruleId,
    source: 'quire',
  });
}

/**
 * A warning at the attribute block: parts of it Quire does not use (`width=50%`, `.class`), which
 * a reader would otherwise silently miss. `npm run check` and the build list it; nothing stops.
 */
export function warnIgnored(file: VFile, label: { place: Point | undefined; written: string }, block: AttributeBlock, kept: readonly string[]): void {
  const ignored = [
    ...block.classes.map((name) => `.${name}`),
    ...block.attributes.filter(([key]) => !kept.includes(key)).map(([key, value]) => `${key}="${value}"`),
  ];
  if (ignored.length === 0) return;
  file.message(`${ignored.join(' ')} in ${label.written} ${ignored.length === 1 ? 'is' : 'are'} ignored: Quire reads only the #label${kept.length > 0 ? ` and ${kept.join(', ')}` : ''} there`, {
    place: label.place,
    ruleId: 'ignored-attribute',
    source: 'quire',
  });
}
