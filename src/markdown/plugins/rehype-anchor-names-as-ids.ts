import type { Element, Root } from 'hast';
import type {} from 'mdast-util-to-hast'; // its types add `raw` (HTML kept as written) to hast's nodes
import { visit } from 'unist-util-visit';

const ANCHOR_START_TAG = /<a\b[^>]*>/gi;

/**
 * Older essays mark a place to link to with `<a name="x"></a>`. Browsers still scroll to it, but
 * `name` on `<a>` is obsolete HTML (the Nu checker refuses it); `id` means the same and is valid.
 * An anchor with neither `href` nor `id` gets its `name` as `id`, in elements and in raw HTML;
 * when the page already has that id (the heading the anchor stands before, as rehype-slug named
 * it), the anchor is the same place and loses its name instead. Run after rehype-slug.
 */
export default function rehypeAnchorNamesAsIds() {
  return (tree: Root) => {
    const ids = new Set<string>();
    visit(tree, 'element', (element: Element) => {
      if (typeof element.properties.id === 'string') ids.add(element.properties.id);
    });
    visit(tree, (node) => {
      if (node.type === 'raw') node.value = node.value.replace(ANCHOR_START_TAG, (tag) => nameAsId(tag, ids));
      else if (node.type === 'element') renameElement(node, ids);
    });
  };
}

function nameAsId(tag: string, ids: Set<string>): string {
  if (/\s(?:href|id)\s*=/i.test(tag)) return tag;
  const name = /\sname\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
  if (!name) return tag;
  const value = name[1] ?? name[2] ?? name[3] ?? '';
  if (ids.has(value)) return tag.replace(name[0], '');
  ids.add(value);
  return tag.replace(name[0], name[0].replace(/name/i, 'id'));
}

function renameElement(element: Element, ids: Set<string>): void {
  const { name, href, id } = element.properties;
  if (element.tagName !== 'a' || typeof name !== 'string' || href !== undefined || id !== undefined) return;
  delete element.properties.name;
  if (ids.has(name)) return;
  element.properties.id = name;
  ids.add(name);
}
