import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

/**
 * A heading's section number (`data-section-number="2.1"`, from remark-cross-reference-numbers)
 * is shown before its text, `<h3><span class="section-number">2.1</span> Method</h3>`, as
 * Pandoc's `number-sections` shows it, so that "Section 2.1" can be found by eye as well as
 * followed. Run it after rehype-slug and rehype-autolink-headings: the heading's id and its
 * self-link's label are made from its own words, not from its number. The number is part of the
 * heading's text, and so of the table of contents.
 */
export default function rehypeSectionNumbers() {
  return (tree: Root) => {
    visit(tree, 'element', (heading: Element) => {
      const number = heading.properties.dataSectionNumber;
      if (!/^h[1-6]$/.test(heading.tagName) || number === undefined) return;
      delete heading.properties.dataSectionNumber;
      heading.children.unshift(
        { type: 'element', tagName: 'span', properties: { className: ['section-number'] }, children: [{ type: 'text', value: String(number) }] },
        { type: 'text', value: ' ' },
      );
    });
  };
}
