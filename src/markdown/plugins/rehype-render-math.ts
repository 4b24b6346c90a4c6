import { createRequire } from 'node:module';
import type { Element, ElementContent, Nodes, Parents, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { katexMacroDefinitions } from '../tex/katex-macro-definitions.ts';
import { groupMathmlScripts } from '../tex/mathml-arity.ts';
import { normaliseTex } from '../tex/normalise-tex.ts';
import { typesetWithKatex, type KatexMacros } from '../tex/typeset-with-katex.ts';
import type { MathJaxTypesetter } from '../tex/typeset-with-mathjax.ts';

/** One formula as remark-math left it: `<code class="math-inline">` or `<pre><code class="math-display">`. */
interface MathElement {
  /** The element the typeset formula replaces (the `<pre>` of a display formula). */
  scope: Element;
  parent: Parents;
  display: boolean;
  tex: string;
}

/** How each formula of an essay was typeset, for measurements (`file.data.mathTypesetting`). */
export interface MathTypesetting {
  katex: number;
  normalised: number;
  mathjax: number;
  failed: number;
}

/**
 * Typesets the essay's math (remark-math's `language-math` elements), in place of rehype-katex:
 *
 * 1. with KaTeX, exactly as rehype-katex did (`output: 'htmlAndMathml'`): the same markup, so
 *    KaTeX's stylesheet and the plugins after this one (rehype-display-math-scroll-region,
 *    rehype-heading-math-as-mathml) see what they always saw;
 * 2. if KaTeX refuses it, with KaTeX again on the TeX rewritten by `normaliseTex` (the TeX
 *    MathJax accepts and KaTeX rejects, where the meaning is certain);
 * 3. if KaTeX still refuses it, with MathJax at build time (src/markdown/tex/typeset-with-mathjax.ts,
 *    loaded only then): an `aria-hidden` SVG and, visually hidden, its MathML, in
 *    `<span class="math-mathjax">`;
 * 4. otherwise the TeX stays visible as code (`class="math-error"`) and a `math-error` message
 *    says what could not be typeset, at the formula.
 *
 * The essay's `\newcommand`, `\def` and `\gdef` serve the formulas after them (KaTeX's global
 * group, one macro table per essay, as in the MathJax the essays were written for) and never
 * reach another essay. KaTeX's strict-mode remarks become `math-warning` messages, not console
 * noise. Run it after rehype-slug, so headings are slugged from their TeX.
 */
export default function rehypeRenderMath() {
  return async (tree: Root, file: VFile) => {
    const formulas = findMath(tree);
    const tally: MathTypesetting = { katex: 0, normalised: 0, mathjax: 0, failed: 0 };
    (file.data as { mathTypesetting?: MathTypesetting }).mathTypesetting = tally;
    if (formulas.length === 0) return;

    let mathjax: Promise<MathJaxTypesetter> | undefined;
    const essay: Essay = {
      macros: {},
      mathjax: () => (mathjax ??= loadMathJax().then((module) => module.createMathJaxTypesetter())),
    };
    for (const formula of formulas) {
      const { nodes, how, messages } = await typesetFormula(formula, essay);
      for (const { reason, ruleId } of messages) file.message(reason, { place: placeOf(formula), ruleId, source: 'quire' });
      tally[how]++;
      const siblings = formula.parent.children as ElementContent[];
      siblings.splice(siblings.indexOf(formula.scope), 1, ...nodes);
    }
  };
}

/**
 * MathJax is loaded by Node itself, with `require` (Node loads ES modules that way too), never
 * with `import()`: Astro loads astro.config.ts, and so this plugin, through Vite's module
 * runner, which rewrites every `import()` in the modules it loads to go through itself, and
 * which is closed by the time MDX essays are compiled. `require` is not rewritten.
 */
const loadMathJax = async (): Promise<typeof import('../tex/typeset-with-mathjax.ts')> =>
  createRequire(import.meta.url)('../tex/typeset-with-mathjax.ts');

/** What the formulas of one essay share, and only they. */
interface Essay {
  macros: KatexMacros;
  /** The essay's own MathJax, created (and MathJax loaded) on first call. */
  mathjax: () => Promise<MathJaxTypesetter>;
}

interface Typeset {
  nodes: ElementContent[];
  how: keyof MathTypesetting;
  messages: { reason: string; ruleId: 'math-error' | 'math-warning' }[];
}

async function typesetFormula({ tex, display, scope }: MathElement, essay: Essay): Promise<Typeset> {
  const first = typesetWithKatex(tex, { displayMode: display, macros: essay.macros });
  const normalised = first.ok ? tex : normaliseTex(tex);
  const katex = first.ok || normalised === tex ? first : typesetWithKatex(normalised, { displayMode: display, macros: essay.macros });
  if (katex.ok) {
    return {
      nodes: fromKatexHtml(katex.html, scope.position),
      how: first.ok ? 'katex' : 'normalised',
      messages: [...new Set(katex.warnings)].map((warning) => ({ reason: `math: ${warning}: ${excerpt(tex)}`, ruleId: 'math-warning' })),
    };
  }
  const failed = (why: string): Typeset => ({
    nodes: [errorElement(tex, display, scope.position)],
    how: 'failed',
    messages: [{ reason: `math: cannot typeset ${why}: ${excerpt(tex)}`, ruleId: 'math-error' }],
  });
  // Markdown paired the dollars otherwise than the author's Markdown did, and prose ended up
  // inside a formula: MathJax would typeset that prose as math, so nobody should.
  if (DOLLARS_IN_MATH.test(tex)) return failed('$$ inside a formula (the $$ around it are paired wrongly)');

  const mathjax = await essay.mathjax();
  const definitions = katexMacroDefinitions(essay.macros);
  let result = await mathjax.typeset(tex, { display, definitions });
  if (!result.ok && normalised !== tex) {
    const second = await mathjax.typeset(normalised, { display, definitions });
    if (second.ok) result = second;
  }
  if (!result.ok) return failed(whyNot(first.ok ? '' : first.reason, result.reason));
  return { nodes: [mathJaxElement(result.svg, result.mathml, display, scope.position)], how: 'mathjax', messages: [] };
}

/** `$$` in TeX, unescaped: a delimiter, never TeX. */
const DOLLARS_IN_MATH = /(?<!\\)\$\$/;

/** The formulas in document order, found as rehype-katex finds them. */
function findMath(tree: Root): MathElement[] {
  const formulas: MathElement[] = [];
  visit(tree, 'element', (element: Element, _index, parent) => {
    if (!parent) return;
    // A ```math fence (or remark-math's display math) is a `<pre>`; the whole of it is replaced.
    const fencedMath = (child: ElementContent) => child.type === 'element' && child.tagName === 'code' && hasClass(child, 'language-math');
    if (element.tagName === 'pre' && element.children.some(fencedMath)) {
      formulas.push({ scope: element, parent, display: true, tex: toString(element) });
      return SKIP;
    }
    if (!['language-math', 'math-display', 'math-inline'].some((name) => hasClass(element, name))) return;
    formulas.push({ scope: element, parent, display: hasClass(element, 'math-display'), tex: toString(element) });
    return SKIP;
  });
  return formulas;
}

function hasClass(element: Element, name: string): boolean {
  const classes = element.properties.className;
  return Array.isArray(classes) && classes.includes(name);
}

/**
 * KaTeX's markup as hast, as rehype-katex parses it (positions would point into KaTeX's string),
 * with the one flaw of its MathML put right (src/markdown/tex/mathml-arity.ts).
 */
function fromKatexHtml(html: string, position: Position | undefined): ElementContent[] {
  const nodes = fromHtml(html, { fragment: true }).children as ElementContent[];
  for (const node of nodes) {
    visit(node, (descendant: Nodes) => void delete descendant.position);
    groupMathmlScripts(node);
    if (position) node.position = position;
  }
  return nodes;
}

/**
 * MathJax's formula as KaTeX's is built: the visual copy hidden from assistive technology, the
 * MathML hidden from the eye. A display formula also gets `katex-display`, so KaTeX's stylesheet
 * centres it and rehype-display-math-scroll-region makes its overflow reachable by keyboard.
 */
function mathJaxElement(svg: Element, mathml: Element, display: boolean, position: Position | undefined): Element {
  return {
    type: 'element',
    tagName: 'span',
    properties: { className: display ? ['math-mathjax', 'katex-display'] : ['math-mathjax'] },
    children: [svg, { type: 'element', tagName: 'span', properties: { className: ['visually-hidden'] }, children: [mathml] }],
    position,
  };
}

/** TeX nobody could typeset, shown as the code it is. */
function errorElement(tex: string, display: boolean, position: Position | undefined): Element {
  const code: Element = { type: 'element', tagName: 'code', properties: {}, children: [{ type: 'text', value: tex }] };
  if (!display) return { ...code, properties: { className: ['math-error'] }, position };
  return { type: 'element', tagName: 'pre', properties: { className: ['math-error'] }, children: [code], position };
}

/**
 * KaTeX's complaint is the more precise (`Can't use function '$' in math mode` where MathJax sees
 * a stray `#`), unless it is about a command KaTeX lacks: then MathJax, which has it, knows better.
 */
function whyNot(katexReason: string, mathJaxReason: string): string {
  return /^Undefined control sequence/.test(katexReason) && mathJaxReason ? mathJaxReason : katexReason || mathJaxReason;
}

function placeOf(formula: MathElement): Position | undefined {
  return formula.scope.position ?? formula.scope.children.find((child) => child.position)?.position;
}

/** The start of the TeX, on one line, short enough for a terminal. */
function excerpt(tex: string): string {
  const line = tex.trim().replace(/\s+/g, ' ');
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}
