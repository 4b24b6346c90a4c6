import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

export interface RehypeSidenotesOptions {
  /** Start of the CSS anchor names given to each footnote and its reference. Default `--sidenote`. */
  anchorPrefix?: `--${string}`;
}

/**
 * Lets the stylesheet set GFM footnotes as sidenotes. The footnotes stay where GFM puts them,
 * one numbered list at the end with back-links: that is what screen readers, feeds, print and
 * narrow screens get, and the only copy of each note in the page. On wide screens CSS anchor
 * positioning lifts each note into the margin beside its reference; for that, each reference
 * and note is given an anchor name as a custom property (`--sidenote-ref`, `--sidenote`), and
 * each note the name of the note before it (`--sidenote-previous`) so that notes close together
 * stack instead of overlapping.
 */
export default function rehypeSidenotes(options: RehypeSidenotesOptions = {}) {
  const prefix = options.anchorPrefix ?? '--sidenote';
  return (tree: Root) => {
    let section: Element | undefined;
    const references = new Map<string, Element>();
    visit(tree, 'element', (node: Element) => {
      if (node.tagName === 'section' && node.properties.dataFootnotes !== undefined) section = node;
      const href = node.properties.href;
      if (node.tagName === 'a' && node.properties.dataFootnoteRef !== undefined && typeof href === 'string' && !references.has(href)) {
        references.set(href, node);
      }
    });
    if (!section) return;
    const list = section.children.find((child): child is Element => child.type === 'element' && child.tagName === 'ol');
    const notes = (list?.children ?? []).filter((child): child is Element => child.type === 'element' && child.tagName === 'li');
    section.properties.className = [...classNames(section), 'sidenotes'];
    notes.forEach((note, index) => {
      const n = index + 1;
      const reference = references.get(`#${String(note.properties.id)}`);
      if (!reference) return;
      reference.properties.style = `--sidenote-ref: ${prefix}-ref-${n}`;
      note.properties.style = [
        `--sidenote-ref: ${prefix}-ref-${n}`,
        `--sidenote: ${prefix}-${n}`,
        `--sidenote-previous: ${prefix}-${n - 1}`,
      ].join('; ');
    });
  };
}

function classNames(node: Element): string[] {
  const value: unknown = node.properties.className;
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(' ') : [];
}
