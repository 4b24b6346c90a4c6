import type { Element, Nodes } from 'hast';
import { visit } from 'unist-util-visit';

/** How many children MathML's layout elements take: a script's base and its scripts, and so on. */
const ARITY: Readonly<Record<string, number>> = { msub: 2, msup: 2, msubsup: 3, munder: 2, mover: 2, munderover: 3, mfrac: 2, mroot: 2 };

/**
 * KaTeX writes a function name as a script (`\tau_{\max}`, `x^{\sin}`) as the name and an
 * invisible function-application operator side by side inside `<msub>`: three children where
 * MathML allows two, which the HTML checker refuses and screen readers may misread. The extra
 * children are the last script, so they are grouped in an `<mrow>` as that script.
 */
export function groupMathmlScripts(tree: Nodes): void {
  visit(tree, 'element', (element: Element) => {
    const arity = ARITY[element.tagName];
    if (arity === undefined) return;
    const children = element.children.filter((child) => child.type === 'element');
    if (children.length <= arity) return;
    const last: Element = { type: 'element', tagName: 'mrow', properties: {}, children: children.slice(arity - 1) };
    element.children = [...children.slice(0, arity - 1), last];
  });
}
