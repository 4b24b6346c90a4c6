import type { ElementContent } from 'hast';
import type { Data, Link, Parent, Root, RootContent, Text } from 'mdast';
import type { Point } from 'unist';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import {
  CITATION_PATTERN,
  citationElementId,
  citedIds,
  formatReference,
  numberReferences,
  previewElementId,
  readReferences,
  referenceElementId,
  type NumberedReference,
  type Reference,
} from '../../essays/references.ts';
import { formatProblem } from '../../diagnostics.ts';
import { sourceLocation } from '../source-location.ts';

export interface RemarkCitationsOptions {
  /**
   * Whether a link in the text whose URL is a reference's `url` counts as citing it (a marker
   * follows the link). Default `true`.
   */
  citeLinks?: boolean;
}

/** A citation marker in mdast: `[1]` or `[1, 2]`; it becomes HTML through `data.hName`/`hChildren`. */
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

declare module 'vfile' {
  interface DataMap {
    /** The essay's references, numbered, with the markers citing each; set by remark-citations. */
    references: NumberedReference[];
  }
}

interface PendingMarker {
  node: Citation;
  /** Element id of each citing link in the marker, with the id it cites. */
  cites: { id: string; elementId: string }[];
}

/**
 * Turns `[@id]` and `[@id1; @id2]` in the text into numbered citation markers that link to the
 * essay's References list (front matter `references:`), and adds a marker after any link whose
 * URL is a reference's `url`. References are numbered in the order the text first cites them.
 * Each marker link is described by a preview of the full entry (`aria-describedby`), which the
 * stylesheet shows on hover and focus. Citing an id that is not in `references:` fails with the
 * file, line and column. The numbered list is left in `file.data.references` for
 * rehype-reference-list.
 */
export default function remarkCitations(options: RemarkCitationsOptions = {}) {
  const citeLinks = options.citeLinks ?? true;
  return (tree: Root, file: VFile) => {
    const frontmatter = (file.data as { astro?: { frontmatter?: Record<string, unknown> } }).astro?.frontmatter;
    const references = readReferences(frontmatter);
    const byId = new Map(references.map((reference) => [reference.id, reference]));
    const byUrl = new Map(references.map((reference) => [comparableUrl(reference.url), reference]));
    const markers: PendingMarker[] = [];
    const counts = new Map<string, number>();

    const marker = (ids: string[]): Citation => {
      const cites = ids.map((id) => {
        const n = (counts.get(id) ?? 0) + 1;
        counts.set(id, n);
        return { id, elementId: citationElementId(id, n) };
      });
      const node: Citation = {
        type: 'citation',
        children: [],
        data: { hName: 'span', hProperties: { className: ['citation'] }, hChildren: [] },
      };
      markers.push({ node, cites });
      return node;
    };

    visit(tree, (node, index, parent) => {
      if (node.type === 'link' || node.type === 'linkReference' || node.type === 'definition') {
        if (node.type === 'link' && citeLinks && parent && index !== undefined) {
          const reference = byUrl.get(comparableUrl((node as Link).url));
          if (reference) {
            parent.children.splice(index + 1, 0, marker([reference.id]));
            return [SKIP, index + 2];
          }
        }
        return SKIP;
      }
      if (node.type !== 'text' || !parent || index === undefined) return;
      const replacement = splitCitations(node, (ids, offset, written) => {
        const unknown = ids.find((id) => !byId.has(id));
        if (unknown !== undefined) failUnknown(file, node, offset, written, unknown, references);
        return marker(ids);
      });
      if (!replacement) return;
      parent.children.splice(index, 1, ...(replacement as typeof parent.children));
      return [SKIP, index + replacement.length];
    });

    const numbered = numberReferences(references, markers.flatMap((m) => m.cites));
    const entries = new Map(numbered.map((entry) => [entry.id, entry]));
    for (const { node, cites } of markers) node.data.hChildren = markerChildren(cites, entries);
    file.data.references = numbered;
  };
}

/** The text node cut around its citations, or undefined when it has none. */
function splitCitations(
  node: Text,
  cite: (ids: string[], offset: number, written: string) => RootContent,
): RootContent[] | undefined {
  const parts: RootContent[] = [];
  let last = 0;
  for (const match of node.value.matchAll(CITATION_PATTERN)) {
    if (match.index > last) parts.push({ type: 'text', value: node.value.slice(last, match.index) });
    parts.push(cite(citedIds(match[1]!), match.index, match[0]));
    last = match.index + match[0].length;
  }
  if (parts.length === 0) return undefined;
  if (last < node.value.length) parts.push({ type: 'text', value: node.value.slice(last) });
  return parts;
}

/**
 * `[` 1 `, ` 2 `]`: each number links to its entry and is described by a preview of it; the
 * number and its preview share a `.citation-item`, so the stylesheet can show one beside the other.
 */
function markerChildren(cites: PendingMarker['cites'], entries: Map<string, NumberedReference>): ElementContent[] {
  const children: ElementContent[] = [{ type: 'text', value: '[' }];
  cites.forEach(({ id, elementId }, i) => {
    const entry = entries.get(id)!;
    if (i > 0) children.push({ type: 'text', value: ', ' });
    children.push({
      type: 'element',
      tagName: 'span',
      properties: { className: ['citation-item'] },
      children: [
        {
          type: 'element',
          tagName: 'a',
          properties: {
            className: ['citation-ref'],
            href: `#${referenceElementId(id)}`,
            id: elementId,
            ariaDescribedBy: [previewElementId(elementId)],
          },
          children: [{ type: 'text', value: String(entry.number) }],
        },
        {
          type: 'element',
          tagName: 'span',
          properties: { className: ['citation-preview'], role: 'tooltip', id: previewElementId(elementId) },
          children: [{ type: 'text', value: formatReference(entry) }],
        },
      ],
    });
  });
  children.push({ type: 'text', value: ']' });
  return children;
}

function failUnknown(file: VFile, node: Text, offset: number, written: string, id: string, references: Reference[]): never {
  const start = node.position?.start;
  const { file: name, point } = sourceLocation(file, start && pointWithin(start, node.value, offset), written);
  const known = references.length > 0 ? `its references are ${references.map((r) => r.id).join(', ')}` : 'it has no `references:` in its front matter';
  const message = `${written} cites "${id}", which is not one of this essay’s references (${known})`;
  return file.fail(point ? formatProblem({ file: name, ...point, severity: 'error', message }) : `${name}: ${message}`, {
    place: point,
    ruleId: 'unknown-citation',
    source: 'remark-citations',
  });
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
