import { readFileSync } from 'node:fs';
import { parse } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';

export type Node = DefaultTreeAdapterMap['node'];
export type Element = DefaultTreeAdapterMap['element'];

/** Built HTML, read with parse5 (the WHATWG parser browsers implement), queried with small helpers. */
export function readHtml(file: string): Element {
  const document = parse(readFileSync(file, 'utf8'));
  return document.childNodes.find((n): n is Element => 'tagName' in n && n.tagName === 'html')!;
}

export function* descendants(node: Node): Generator<Element> {
  if (!('childNodes' in node)) return;
  const children = 'content' in node ? (node.content as { childNodes: Node[] }).childNodes : node.childNodes;
  for (const child of children as Node[]) {
    if ('tagName' in child) {
      yield child;
      yield* descendants(child);
    }
  }
}

export function all(root: Node, predicate: (el: Element) => boolean): Element[] {
  return [...descendants(root)].filter(predicate);
}

export function byTag(root: Node, tagName: string): Element[] {
  return all(root, (el) => el.tagName === tagName);
}

export function attr(el: Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

export function hasClass(el: Element, className: string): boolean {
  return (attr(el, 'class') ?? '').split(/\s+/).includes(className);
}

export function textOf(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  if (!('childNodes' in node)) return '';
  return (node.childNodes as Node[]).map(textOf).join('');
}

export function closest(el: Element, predicate: (el: Element) => boolean): Element | undefined {
  let current: Node | null = el.parentNode as Node | null;
  while (current && 'tagName' in current) {
    if (predicate(current)) return current;
    current = current.parentNode as Node | null;
  }
  return undefined;
}
