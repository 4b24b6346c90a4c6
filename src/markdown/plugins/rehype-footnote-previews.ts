import type { Element, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import { attachPreview, idsIn, isHeading, isPreview, previewContent, previewElement, uniqueId } from '../../essays/previews.ts';

/**
 * Each GFM footnote reference (`<sup><a data-footnote-ref>1</a></sup>`) is described by a
 * preview of its note, shown on hover and keyboard focus as a citation's is
 * (src/essays/previews.ts): the note's content without its back-links, its paragraphs as blocks
 * of the one tooltip. The `<sup>` holds the link and its preview. The preview replaces GFM's
 * description of the reference (the hidden "Footnotes" heading), so a screen reader reads the
 * note where it is called. The note itself stays where GFM put it, the one copy in the list at
 * the end. A reference in a heading gets no preview: a heading's text is also its table of
 * contents entry.
 *
 * Wide screens set each note beside its first reference (rehype-sidenotes): there the
 * stylesheet does not show that reference's preview, which would repeat the note beside it and
 * cover it, but still shows the previews of later references to the same note, which stand
 * away from it.
 */
export default function rehypeFootnotePreviews() {
  return (tree: Root) => {
    const notes = new Map<string, Element>();
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'section' || node.properties.dataFootnotes === undefined) return;
      for (const list of node.children) {
        if (list.type !== 'element' || list.tagName !== 'ol') continue;
        for (const note of list.children) {
          if (note.type === 'element' && note.tagName === 'li' && note.properties.id !== undefined) notes.set(`#${String(note.properties.id)}`, note);
        }
      }
      return SKIP;
    });
    if (notes.size === 0) return;

    const taken = idsIn(tree);
    visit(tree, 'element', (node: Element, index, parent) => {
      if (isHeading(node) || isPreview(node)) return SKIP;
      if (node.tagName !== 'a' || node.properties.dataFootnoteRef === undefined) return;
      if (parent?.type !== 'element' || parent.tagName !== 'sup' || index === undefined) return;
      const note = notes.get(String(node.properties.href));
      if (!note) return;
      const id = uniqueId(`preview-${String(node.properties.id ?? 'footnote')}`, taken);
      attachPreview(parent, index, previewElement('footnote', id, previewContent(note.children)), { inParent: true });
      return SKIP;
    });
  };
}
