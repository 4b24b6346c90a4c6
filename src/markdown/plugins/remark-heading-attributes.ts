import type { Heading, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { trailingAttributeBlock } from '../../essays/cross-references.ts';
import { labelOf, warnIgnored } from './cross-reference-labels.ts';

/**
 * Pandoc's (and kramdown's) heading attributes: `## Method {#sec-method}` gets the id
 * `sec-method` instead of the one rehype-slug would make from its text, and the `{…}` leaves the
 * heading's text (and so the table of contents). `{.unnumbered}` or `{-}` keeps a heading out of
 * the section numbers (remark-cross-reference-numbers). The id is left as a label for that plugin
 * too, which refuses duplicates. Other classes and attributes are ignored, with a warning.
 *
 * A parse plugin: the outline (and its heading ids) is read right after it.
 */
export default function remarkHeadingAttributes() {
  return (tree: Root, file: VFile) => {
    visit(tree, 'heading', (heading: Heading) => {
      const last = heading.children.at(-1);
      if (last?.type !== 'text') return;
      const block = trailingAttributeBlock(last.value);
      if (!block) return;
      const unnumbered = block.unnumbered || block.classes.includes('unnumbered');
      const written = { ...block, classes: block.classes.filter((name) => name !== 'unnumbered') };
      const place = labelOf(last, { ...block, id: block.id ?? '' });
      warnIgnored(file, place, written, []);

      last.value = last.value.slice(0, block.index).trimEnd();
      if (last.value === '') heading.children.pop();
      heading.data ??= {};
      if (unnumbered) heading.data.unnumbered = true;
      if (block.id === undefined) return;
      heading.data.hProperties = { ...heading.data.hProperties, id: block.id };
      heading.data.label = place;
    });
  };
}
