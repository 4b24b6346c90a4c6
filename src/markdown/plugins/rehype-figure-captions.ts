import type { Element, ElementContent, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';

export interface FigureCaptionOptions {
  /** Class of the `<figure>`; the `<Figure>` MDX component uses the same one. */
  className?: string;
}

/**
 * An image with a title, alone in its paragraph (`![A chart](./chart.png "Sales by year")`),
 * becomes `<figure><img alt="A chart"><figcaption>Sales by year</figcaption></figure>`. The title
 * moves into the caption rather than staying as a tooltip, which keyboard and touch readers
 * never see. An image linked on its own (`[![…](… "…")](…)`) keeps its link inside the figure.
 * Inline images and images without a title are left as they are.
 *
 * It runs before Astro's own image step, so local images in the figure are still optimised.
 */
export default function rehypeFigureCaptions({ className = 'figure' }: FigureCaptionOptions = {}) {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'p' || !parent || index === undefined) return;
      const content = node.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
      if (content.length !== 1) return;
      const [only] = content as [ElementContent];
      const image = imageIn(only);
      const title = image?.properties.title;
      if (!image || typeof title !== 'string' || title.trim() === '') return;
      delete image.properties.title;
      parent.children[index] = {
        type: 'element',
        tagName: 'figure',
        properties: { className: [className] },
        children: [
          only as Element,
          { type: 'element', tagName: 'figcaption', properties: {}, children: [{ type: 'text', value: title.trim() }] },
        ],
      };
      return SKIP;
    });
  };
}

/** The image itself, or the one image that is all of a link's content. */
function imageIn(node: ElementContent): Element | undefined {
  if (node.type !== 'element') return undefined;
  if (node.tagName === 'img') return node;
  if (node.tagName !== 'a') return undefined;
  const inner = node.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
  const [first] = inner;
  return inner.length === 1 && first?.type === 'element' && first.tagName === 'img' ? first : undefined;
}
