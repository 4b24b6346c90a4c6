import type { Image, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Processor } from 'unified';
import type { Point } from 'unist';
import { SKIP, visit } from 'unist-util-visit';
import { location } from 'vfile-location';
import type { VFile } from 'vfile';
import { trailingAttributeBlock } from '../../essays/cross-references.ts';
import { labelOf, warnIgnored, type Figure, type FigureCaption } from './cross-reference-labels.ts';

/**
 * Quarto's labelled figure: an image alone in its paragraph with an attribute block after it,
 * `![Results by year](chart.png){#fig-results}`, becomes a `<figure id="fig-results">` whose
 * `<figcaption>` is the text in brackets, as Markdown (math, emphasis and citations work in it).
 * The image keeps that text, as plain text, as its alt text, unless `fig-alt="…"` gives one. An
 * image with a title (`![alt](x.png "Caption"){#fig-x}`) is captioned by its title, as Quire's
 * unlabelled figures are (rehype-figure-captions), and the brackets stay its alt text. An image that is
 * itself a link keeps its link inside the figure. remark-cross-reference-numbers numbers it.
 *
 * A parse plugin, run before the plugins that settle the math in text (remark-math-pandoc-dollars,
 * remark-math-off), so that they see the caption as they see the rest of the essay.
 */
export default function remarkFigureLabels(this: Processor) {
  const processor = this;
  return (tree: Root, file: VFile) => {
    let toPoint: ReturnType<typeof location>['toPoint'] | undefined;
    const pointAt = (offset: number) => (toPoint ??= location(file).toPoint)(offset);
    visit(tree, 'paragraph', (paragraph: Paragraph, index, parent) => {
      if (!parent || index === undefined) return;
      const content = paragraph.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
      if (content.length !== 2) return;
      const [media, after] = content as [PhrasingContent, PhrasingContent];
      const image = imageIn(media);
      if (!image || after.type !== 'text') return;
      const block = trailingAttributeBlock(after.value);
      if (!block?.id || after.value.slice(0, block.index).trim() !== '') return;
      const label = labelOf(after, { ...block, id: block.id });
      warnIgnored(file, label, block, ['fig-alt']);

      const caption: FigureCaption = {
        type: 'figureCaption',
        children: image.title ? [{ type: 'text', value: image.title }] : captionOf(processor, file, image, pointAt),
        data: { hName: 'figcaption' },
      };
      const alt = block.attributes.find(([key]) => key === 'fig-alt')?.[1];
      if (alt !== undefined) image.alt = alt;
      image.title = null;
      const figure: Figure = {
        type: 'figure',
        children: [media, caption],
        position: paragraph.position,
        data: { hName: 'figure', hProperties: { className: ['figure'], id: block.id }, label },
      };
      (parent.children as RootContent[])[index] = figure;
      return SKIP;
    });
  };
}

/** The image itself, or the one image that is all of a link's content. */
function imageIn(node: PhrasingContent): Image | undefined {
  if (node.type === 'image') return node;
  if (node.type !== 'link') return undefined;
  const inner = node.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
  return inner.length === 1 && inner[0]!.type === 'image' ? inner[0] : undefined;
}

/**
 * The image's bracketed text as Markdown. mdast keeps only its plain text (`alt`), so the source
 * of `![…](…)` is parsed again without its `!`, as a link, whose content is the text as Markdown,
 * with positions in the essay. When that is not the same text (a reference-style image, say),
 * the plain text it is.
 */
function captionOf(processor: Processor, file: VFile, image: Image, pointAt: (offset: number) => Point | undefined): PhrasingContent[] {
  const plain: PhrasingContent[] = image.alt ? [{ type: 'text', value: image.alt }] : [];
  const start = image.position?.start.offset;
  const end = image.position?.end.offset;
  if (start === undefined || end === undefined) return plain;
  const source = String(file.value);
  const parsed = processor.parse(source.slice(start + 1, end)) as Root;
  const [paragraph] = parsed.children;
  const link = paragraph?.type === 'paragraph' && paragraph.children.length === 1 ? paragraph.children[0] : undefined;
  if (link?.type !== 'link' || toString(link) !== (image.alt ?? '')) return plain;
  visit(link, (node) => {
    const from = node.position?.start.offset;
    const to = node.position?.end.offset;
    if (from === undefined || to === undefined) return;
    const startPoint = pointAt(start + 1 + from);
    const endPoint = pointAt(start + 1 + to);
    node.position = startPoint && endPoint ? { start: startPoint, end: endPoint } : undefined;
  });
  return link.children;
}
