/*
 * Previews: what a link leads to, shown beside it on hover and on keyboard focus without
 * leaving the paragraph. A citation's (remark-citations), a footnote's, a cross-reference's and
 * a link to another essay's are alike: a `role="tooltip"` element right after the link, which
 * describes it (`aria-describedby`), both inside one item that the stylesheet
 * (essay-apparatus.css) shows the preview from, and which the browser script
 * (src/browser/previews.ts) dismisses on Escape. Built here once, in hast, for the rehype
 * plugins and for the essay page, so that every kind reads and behaves the same.
 */
import type { Element, ElementContent, Parents, Properties, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';

/** What a preview shows: a footnote's note, a cross-reference's target, another essay. */
export type PreviewKind = 'footnote' | 'cross-reference' | 'essay';

/** The class every preview has (the stylesheet's), and the class of the item holding it and its link. */
export const PREVIEW_CLASS = 'preview';
export const PREVIEW_ITEM_CLASS = 'preview-item';

/**
 * The preview: a span (a tooltip sits in a line of text), left out of the search index, whose
 * text the page already has where the link leads.
 */
export function previewElement(kind: PreviewKind, id: string, children: ElementContent[]): Element {
  return {
    type: 'element',
    tagName: 'span',
    properties: { className: [PREVIEW_CLASS, `${kind}-preview`], role: 'tooltip', id, dataPagefindIgnore: '' },
    children,
  };
}

/**
 * Puts `preview` right after `link` (the child `index` of `parent`) and describes the link by it.
 * The two go into a new `<span class="preview-item">` in the link's place; with `inParent`, the
 * link's parent is the item (a footnote reference's `<sup>`, which holds nothing else).
 */
export function attachPreview(parent: Parents, index: number, preview: Element, { inParent = false }: { inParent?: boolean } = {}): void {
  const siblings = parent.children as ElementContent[];
  const link = siblings[index] as Element;
  link.properties.ariaDescribedBy = [String(preview.properties.id)];
  if (inParent && parent.type === 'element') {
    parent.properties.className = [...classNames(parent), PREVIEW_ITEM_CLASS];
    siblings.splice(index + 1, 0, preview);
    return;
  }
  siblings[index] = { type: 'element', tagName: 'span', properties: { className: [PREVIEW_ITEM_CLASS] }, children: [link, preview] };
}

/** Every id in a tree: a preview's id is chosen so as not to be one of them. */
export function idsIn(tree: Root | Element): Set<string> {
  const ids = new Set<string>();
  const walk = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (child.properties.id !== undefined) ids.add(String(child.properties.id));
      walk(child);
    }
  };
  walk(tree);
  return ids;
}

/** `wanted`, or `wanted-2`, `wanted-3`… when it is taken; the id returned is taken from then on. */
export function uniqueId(wanted: string, taken: Set<string>): string {
  let id = wanted;
  for (let n = 2; taken.has(id); n++) id = `${wanted}-${n}`;
  taken.add(id);
  return id;
}

/** Whether a link holds only phrasing content, and so may stand inside a `<span>` with its preview. */
export function holdsPhrasingOnly(link: Element): boolean {
  return link.children.every(
    (child) => child.type !== 'element' || EMBEDDED.has(child.tagName) || (PHRASING.has(child.tagName) && holdsPhrasingOnly(child)),
  );
}

/** Phrasing content a link may hold whole: an image, a formula. */
const EMBEDDED = new Set(['img', 'picture', 'math', 'svg']);

/** Whether `node` is a heading, whose text is also its table-of-contents entry: no preview goes there. */
export function isHeading(node: Parents): boolean {
  return node.type === 'element' && /^h[1-6]$/.test(node.tagName);
}

/** Whether `node` is a preview (a citation's or any other kind's): its text is not the page's own. */
export function isPreview(node: Element): boolean {
  return node.properties.role === 'tooltip' || classNames(node).some((name) => name === PREVIEW_CLASS || name === 'citation-preview');
}

/**
 * Content of the page (a footnote, a caption, a heading, a formula) as a preview's content: a
 * tooltip holds phrasing content only, and nothing a reader can focus or that could clash with
 * the original. Paragraphs and other blocks become `<span class="preview-block">`, which the
 * stylesheet sets as blocks; links become their text; an image its alt text; previews inside go
 * (and a footnote's back-links), and so do ids, tab stops and roles. Phrasing elements, MathML
 * and SVG (KaTeX's and MathJax's formulas) are kept, without ids.
 */
export function previewContent(nodes: readonly (RootContent | ElementContent)[]): ElementContent[] {
  return trimmed(spaced(flattenAll(nodes)));
}

/** Phrasing elements a preview keeps as they are: HTML's phrasing content, less what is interactive, embedded or a script. */
const PHRASING = new Set([
  'abbr', 'b', 'bdi', 'bdo', 'br', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'i', 'ins', 'kbd', 'mark', 'q', 'ruby', 'rp', 'rt', 's',
  'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr',
]);
/** Elements whose content a preview keeps, without them: a link's words, a picture's image (as its alt text). */
const UNWRAPPED = new Set(['a', 'label', 'picture']);
/** What a preview leaves out: what a reader would operate, play or never see. */
const DROPPED = new Set([
  'area', 'audio', 'button', 'canvas', 'datalist', 'embed', 'hr', 'iframe', 'input', 'link', 'map', 'meta', 'meter', 'noscript', 'object',
  'output', 'progress', 'script', 'select', 'source', 'style', 'template', 'textarea', 'track', 'video',
]);
/** Properties that would make a copy focusable, named, or an id's second holder. */
const NOT_COPIED = new Set([
  'id', 'name', 'href', 'tabIndex', 'accessKey', 'autoFocus', 'contentEditable', 'role', 'ariaLabel', 'ariaLabelledBy', 'ariaDescribedBy',
  'dataFootnoteRef', 'dataFootnoteBackref',
]);
/** Classes whose rules (essay-apparatus.css) and script (src/browser/previews.ts) must not reach a copy. */
const CLASSES_NOT_COPIED = new Set(['citation-item', PREVIEW_ITEM_CLASS]);

type Flattened = RootContent | ElementContent;

function flattenAll(nodes: readonly Flattened[]): ElementContent[] {
  // HTML written in a Markdown essay stays text until Astro parses it, after the plugins, and
  // `<kbd>Ctrl</kbd>` in a line is three nodes: its tags are read with what is between them.
  if (nodes.some((node) => node.type === 'raw')) {
    const html = toHtml({ type: 'root', children: nodes as RootContent[] }, { allowDangerousHtml: true });
    return fromHtml(html, { fragment: true }).children.flatMap(flatten);
  }
  return nodes.flatMap(flatten);
}

function flatten(node: Flattened): ElementContent[] {
  const type: string = node.type;
  if (type === 'text') return [{ type: 'text', value: (node as { value: string }).value }];
  if (type === 'element') return flattenElement(node as Element);
  // MDX's elements and components give their content; expressions, known only when the essay
  // runs, and comments give nothing.
  if (type === 'mdxJsxTextElement') return flattenAll((node as unknown as { children: Flattened[] }).children);
  if (type === 'mdxJsxFlowElement') return [block(flattenAll((node as unknown as { children: Flattened[] }).children))];
  return [];
}

function flattenElement(element: Element): ElementContent[] {
  const { tagName } = element;
  if (isPreview(element) || element.properties.dataFootnoteBackref !== undefined || DROPPED.has(tagName)) return [];
  if (tagName === 'img') {
    const alt = element.properties.alt;
    return typeof alt === 'string' && alt.trim() !== '' ? [{ type: 'text', value: alt }] : [];
  }
  if (UNWRAPPED.has(tagName)) return flattenAll(element.children);
  if (tagName === 'math' || tagName === 'svg') return [withoutIds(structuredClone(element))];
  // KaTeX's display box: a block, without its scroll region's tab stop and name.
  if (tagName === 'span' && classNames(element).includes('katex-display')) return [block(flattenAll(element.children))];
  if (!PHRASING.has(tagName)) return [block(flattenAll(element.children))];
  const properties = copiedProperties(element.properties);
  // A citation's or another preview's item, its class gone, is a span that says nothing.
  if (tagName === 'span' && Object.keys(properties).length === 0) return flattenAll(element.children);
  return [{ type: 'element', tagName, properties, children: flattenAll(element.children) }];
}

const isBlock = (node: ElementContent | undefined) => node?.type === 'element' && classNames(node).includes('preview-block');

function block(children: ElementContent[]): Element {
  return { type: 'element', tagName: 'span', properties: { className: ['preview-block'] }, children: trimmed(spaced(children)) };
}

/** A space between blocks that touch, so that a screen reader's description does not run them together. */
function spaced(content: ElementContent[]): ElementContent[] {
  return content.flatMap((node, i) => (i > 0 && isBlock(node) && isBlock(content[i - 1]) ? [{ type: 'text', value: ' ' }, node] : [node]));
}

/** Without the white space at either end (where a back-link or a line break was). */
function trimmed(content: ElementContent[]): ElementContent[] {
  const result = [...content];
  const blank = (node: ElementContent | undefined) => node?.type === 'text' && node.value.trim() === '';
  while (blank(result[0])) result.shift();
  while (blank(result.at(-1))) result.pop();
  if (result[0]?.type === 'text') result[0] = { type: 'text', value: result[0].value.trimStart() };
  const end = result.length - 1;
  const last = result[end];
  if (last?.type === 'text') result[end] = { type: 'text', value: last.value.trimEnd() };
  return result;
}

function copiedProperties(properties: Properties): Properties {
  const copied: Properties = {};
  for (const [name, value] of Object.entries(properties)) {
    if (NOT_COPIED.has(name)) continue;
    if (name === 'className') {
      const kept = (Array.isArray(value) ? value.map(String) : []).filter((className) => !CLASSES_NOT_COPIED.has(className));
      if (kept.length > 0) copied.className = kept;
      continue;
    }
    copied[name] = value;
  }
  return copied;
}

function withoutIds(element: Element): Element {
  delete element.properties.id;
  for (const child of element.children) if (child.type === 'element') withoutIds(child);
  return element;
}

function classNames(node: Element): string[] {
  const value: unknown = node.properties.className;
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(' ') : [];
}
