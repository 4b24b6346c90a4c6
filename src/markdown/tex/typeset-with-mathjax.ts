/**
 * MathJax 4 at build time, for the TeX that KaTeX cannot typeset: SVG for the eye, MathML for
 * assistive technology, no script for the reader. It is heavy (about 70 ms to set up and a few
 * megabytes of font data), so src/markdown/plugins/rehype-render-math.ts imports this module only when
 * an essay needs it; an essay KaTeX handles alone never loads it.
 *
 * The font (New Computer Modern) comes from node_modules: MathJax loads its rarer glyph ranges on
 * demand through `mathjax.asyncLoad`, which the `esm` loader below points at
 * `@mathjax/mathjax-newcm-font`, so nothing is fetched from the network.
 */
import type { Element, Properties, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { mathjax } from '@mathjax/src/js/mathjax.js';
import { TeX } from '@mathjax/src/js/input/tex.js';
import { SVG } from '@mathjax/src/js/output/svg.js';
import { liteAdaptor } from '@mathjax/src/js/adaptors/liteAdaptor.js';
import { RegisterHTMLHandler } from '@mathjax/src/js/handlers/html.js';
import { STATE } from '@mathjax/src/js/core/MathItem.js';
import { SerializedMmlVisitor } from '@mathjax/src/js/core/MmlTree/SerializedMmlVisitor.js';
import type { LiteElement } from '@mathjax/src/js/adaptors/lite/Element.js';
import '@mathjax/src/js/util/asyncLoad/esm.js';
import { MathJaxNewcmFont } from '@mathjax/mathjax-newcm-font/js/svg.js';
// MathJax's default TeX set (its `tex` component) and every package it would autoload on first
// use: what a blog written for MathJax could rely on. Not `require`/`autoload` (they need
// MathJax's component loader: everything is loaded here already), nor `noundefined` and
// `noerrors`, which would print an unknown command in red instead of reporting it.
import '@mathjax/src/js/input/tex/base/BaseConfiguration.js';
import '@mathjax/src/js/input/tex/ams/AmsConfiguration.js';
import '@mathjax/src/js/input/tex/newcommand/NewcommandConfiguration.js';
import '@mathjax/src/js/input/tex/configmacros/ConfigMacrosConfiguration.js';
import '@mathjax/src/js/input/tex/action/ActionConfiguration.js';
import '@mathjax/src/js/input/tex/amscd/AmsCdConfiguration.js';
import '@mathjax/src/js/input/tex/bbox/BboxConfiguration.js';
import '@mathjax/src/js/input/tex/boldsymbol/BoldsymbolConfiguration.js';
import '@mathjax/src/js/input/tex/braket/BraketConfiguration.js';
import '@mathjax/src/js/input/tex/bussproofs/BussproofsConfiguration.js';
import '@mathjax/src/js/input/tex/cancel/CancelConfiguration.js';
import '@mathjax/src/js/input/tex/color/ColorConfiguration.js';
import '@mathjax/src/js/input/tex/enclose/EncloseConfiguration.js';
import '@mathjax/src/js/input/tex/extpfeil/ExtpfeilConfiguration.js';
import '@mathjax/src/js/input/tex/html/HtmlConfiguration.js';
import '@mathjax/src/js/input/tex/mhchem/MhchemConfiguration.js';
import '@mathjax/src/js/input/tex/unicode/UnicodeConfiguration.js';
import '@mathjax/src/js/input/tex/verb/VerbConfiguration.js';

/**
 * `textmacros` is left out on purpose: MathJax 2 and 3, which these essays were written for,
 * read `\text{a_b}` as plain text; MathJax 4's textmacros would reject the `_`.
 */
const PACKAGES = [
  'base', 'ams', 'newcommand', 'configmacros', 'action', 'amscd', 'bbox', 'boldsymbol', 'braket', 'bussproofs',
  'cancel', 'color', 'enclose', 'extpfeil', 'html', 'mhchem', 'unicode', 'verb',
];

export type MathJaxResult =
  | {
      ok: true;
      /** The typeset formula, `aria-hidden`: the eye's copy. */
      svg: Element;
      /** The same formula as MathML: what assistive technology reads. */
      mathml: Element;
    }
  | { ok: false; reason: string };

export interface MathJaxTypesetter {
  /**
   * Typesets one expression. `definitions` is TeX (`\def…`) run first: the essay's macros
   * defined in expressions KaTeX typeset, which this MathJax has not seen.
   */
  typeset(tex: string, options: { display: boolean; definitions?: string }): Promise<MathJaxResult>;
}

const adaptor = liteAdaptor();
RegisterHTMLHandler(adaptor);

/**
 * A MathJax of its own for one essay: MathJax keeps `\newcommand`s for the rest of the page, as
 * the essay's author saw, and a new typesetter per essay keeps them from reaching the next one.
 */
export function createMathJaxTypesetter(): MathJaxTypesetter {
  const tex = new TeX({
    packages: PACKAGES,
    // Blogs load extensions with `\require{cancel}`; all of them are loaded already.
    macros: { require: ['', 1] },
    formatError: (_jax: unknown, error: Error) => {
      throw error;
    },
  });
  // No font cache: every glyph is a path in its own SVG, so no ids that could clash or change.
  const svg = new SVG({ fontData: MathJaxNewcmFont, fontCache: 'none', linebreaks: { inline: false } });
  const document = mathjax.document('', { InputJax: tex, OutputJax: svg });

  return {
    async typeset(source, { display, definitions = '' }) {
      try {
        return await mathjax.handleRetriesFor(() => {
          const item = new document.options.MathItem(definitions + source, tex, display);
          item.start.node = adaptor.body(document.document);
          item.setMetrics(16, 8, 80 * 16, 1);
          item.convert(document, STATE.LAST);
          const container = item.typesetRoot as LiteElement;
          const visual = adaptor.childNodes(container).find((node) => adaptor.kind(node) === 'svg');
          if (!visual) throw new Error('MathJax produced no SVG');
          return {
            ok: true as const,
            svg: visualSvg(adaptor.outerHTML(visual as LiteElement)),
            mathml: readableMathml(new SerializedMmlVisitor().visitTree(item.root)),
          };
        });
      } catch (error) {
        // MathJax's TexError is not an Error, but has a message.
        const message = (error as { message?: unknown } | undefined)?.message;
        return { ok: false, reason: typeof message === 'string' ? message.split('\n')[0]! : String(error) };
      }
    },
  };
}

function visualSvg(html: string): Element {
  const svg = onlyElement(fromHtml(html, { fragment: true }).children);
  stripMathJaxData(svg);
  // The MathML beside it is what a screen reader reads; `focusable` and `role` are for old IE.
  const { role: _role, focusable: _focusable, ...properties } = svg.properties;
  svg.properties = { ...properties, ariaHidden: 'true' };
  return svg;
}

function readableMathml(markup: string): Element {
  const math = onlyElement(fromHtml(markup, { fragment: true }).children);
  stripMathJaxData(math);
  // An id (`\label`, `\cssId`) is on the SVG already, where `\eqref` links to it.
  removeIds(math);
  return math;
}

function removeIds(element: Element): void {
  delete element.properties.id;
  for (const child of element.children) if (child.type === 'element') removeIds(child);
}

/** MathML token elements, whose text (spaces included) is content. */
const TOKEN_ELEMENTS = new Set(['mi', 'mn', 'mo', 'ms', 'mtext', 'text']);

/**
 * MathJax marks every node with `data-latex`, `data-mml-node`, `data-c` and the like, for its
 * own menu and explorer; without its script they are only weight (the TeX again, per node).
 * The serialiser's indentation goes too, outside token elements where it would be text.
 */
function stripMathJaxData(element: Element): void {
  element.properties = Object.fromEntries(Object.entries(element.properties).filter(([name]) => !/^data[A-Z]/.test(name))) as Properties;
  element.children = element.children.filter(
    (child) => !(child.type === 'text' && !TOKEN_ELEMENTS.has(element.tagName) && child.value.trim() === ''),
  );
  for (const child of element.children) if (child.type === 'element') stripMathJaxData(child);
  delete element.position;
}

function onlyElement(nodes: RootContent[]): Element {
  const elements = nodes.filter((node): node is Element => node.type === 'element');
  if (elements.length !== 1) throw new Error(`expected one element from MathJax, got ${elements.length}`);
  return elements[0]!;
}
