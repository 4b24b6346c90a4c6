import type { Element, ElementContent, Nodes, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type {} from 'mdast-util-to-hast'; // its types add `raw` (HTML kept as written) to hast's nodes
import type { MdxJsxFlowElementHast, MdxJsxTextElementHast } from 'mdast-util-mdx-jsx';
import { location } from 'vfile-location';
import type { VFile } from 'vfile';
import { findControlCharacter } from '../../essays/control-characters.ts';
import { isProductionBuild } from '../../build-mode.ts';
import { asBrowsersRead, URL_PROPERTIES } from '../../site/urls.ts';
import { BROKEN_OUTPUT_RULES } from '../findings.ts';

/**
 * The last look at an essay before it is published: what the author wrote that did not become
 * what they meant. Essays written for another engine (Jekyll's kramdown and Liquid, MathJax)
 * break quietly in CommonMark: a heading after an inline tag stays `## text`, `\(x\)` stays
 * `(x)`, `{% post_url x %}` stays Liquid. Each sighting becomes a `broken-output` message at the
 * source line (src/markdown/findings.ts), which a production build and `npm run check` refuse.
 *
 * Looks at text the reader will see (never inside code, math or a script), at raw HTML
 * (parsed, as the browser will), at links and images whose address is still a template, at
 * KaTeX's error boxes and at `<style>` elements, which would restyle the whole site.
 */
export default function rehypeCheckOutput() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value);
    const toPoint = location(file).toPoint;
    const seen = new Set<string>();
    const report = (reason: string, node: Nodes, needle?: string) => {
      const place = locate(node, needle);
      const key = `${place?.line}:${place?.column}:${reason}`;
      if (seen.has(key)) return;
      seen.add(key);
      file.message(reason, { place, ruleId: 'broken-output', source: 'quire' });
    };
    const unsafe = (reason: string, node: Nodes, ...needles: string[]) => {
      const place = needles.map((needle) => locate(node, needle)).find((point) => point !== locate(node)) ?? locate(node);
      // In MDX no one collects messages: there an unsafe URL stops the compile itself.
      if (file.extname === '.mdx') file.fail(reason, { place, ruleId: 'unsafe-url', source: 'quire' });
      file.message(reason, { place, ruleId: 'unsafe-url', source: 'quire' });
    };
    /** Where `needle` is in the source of `node`, or where `node` starts. */
    const locate = (node: Nodes, needle?: string) => {
      const start = node.position?.start;
      const end = node.position?.end;
      if (!start || !end) return undefined;
      if (needle && start.offset !== undefined && end.offset !== undefined) {
        const index = source.slice(start.offset, end.offset).indexOf(needle);
        if (index !== -1) return toPoint(start.offset + index) ?? start;
      }
      return start;
    };

    const checkText = (value: string, node: Nodes, atBlockStart: boolean, position: Nodes = node) => {
      const control = findControlCharacter(value);
      if (control) report(`an invisible control character (${control.code}) is in the text; feeds and browsers refuse it: delete it`, position, control.character);
      for (const { pattern, what, fix } of LEFT_AS_TEXT) {
        for (const match of value.matchAll(pattern)) {
          if (pattern === HEADING_LINE && match.index === 0 && !atBlockStart) continue;
          const written = match[0].trim();
          // `[text](an address with spaces)` is no link in any Markdown: the address is the fault.
          const why = /\]\([^)]*\s[^)]*\)$/.test(written) && !/\{[{%]/.test(written) ? SPACED_ADDRESS : fix;
          report(`${what} was published as text: \`${shorten(written)}\`. ${why}`, position, written);
        }
      }
    };

    /** `placed`: the raw HTML node a parsed fragment came from, whose source every finding points into. */
    const walk = (node: Root | Element, placed?: Nodes) => {
      node.children.forEach((child: RootContent | ElementContent, index) => {
        const located: Nodes = placed ?? child;
        if (child.type === 'text') {
          const atBlockStart = index === 0 && (node.type === 'root' || BLOCKS.has(node.tagName));
          checkText(child.value, child, atBlockStart, located);
        } else if (child.type === 'raw') {
          walk(fromHtml(child.value, { fragment: true }), placed ?? child);
        } else if (child.type === 'element') {
          if (checkElement(child, located)) walk(child, placed);
        } else if (child.type === 'mdxJsxFlowElement' || child.type === 'mdxJsxTextElement') {
          checkJsxAttributes(child, located);
          walk(child as unknown as Element, placed);
        }
      });
    };

    /**
     * MDX's `<a href="…">` and `href={…}`: a literal is read as a URL; an expression, which only
     * runs at build time, is refused when its source spells out a scheme that runs code.
     */
    const checkJsxAttributes = (element: MdxJsxFlowElementHast | MdxJsxTextElementHast, located: Nodes) => {
      for (const attribute of element.attributes) {
        if (attribute.type !== 'mdxJsxAttribute') continue;
        const name = attribute.name.toLowerCase();
        if (/^on[a-z]/.test(name) || name === 'srcdoc' || name === 'dangerouslysetinnerhtml') {
          unsafe(`the attribute ${attribute.name} on <${element.name}> would run code on the reader's page`, located, attribute.name);
          continue;
        }
        if (!JSX_URL_ATTRIBUTES.has(name)) continue;
        const value = attribute.value;
        const written = typeof value === 'string' ? value : (value?.value ?? '');
        const scheme = typeof value === 'string' ? unsafeScheme(value, name === 'src' || name === 'poster') : /\b(java|vb)script\s*:/i.exec(written)?.[0];
        if (scheme) unsafe(`a ${scheme.replace(/\s+/g, '').toLowerCase()} URL in the ${attribute.name} of <${element.name}> would run code on the reader's page`, located, attribute.name);
      }
    };

    /** Reports what is wrong with the element itself; false when its content is not prose. */
    const checkElement = (element: Element, located: Nodes): boolean => {
      const classes = classNames(element);
      if (classes.includes('katex-error')) {
        const reason = typeof element.properties.title === 'string' ? element.properties.title : 'KaTeX cannot typeset it';
        report(`math: ${reason}`, located);
        return false;
      }
      if (element.tagName === 'style') {
        report('a <style> element in an essay restyles every page of the site: move the rules to src/styles/ or remove them', located, '<style');
        return false;
      }
      for (const property of URL_PROPERTIES[element.tagName] ?? []) {
        const value = element.properties[property];
        if (typeof value !== 'string') continue;
        for (const url of property === 'srcSet' ? srcsetUrls(value) : [value]) {
          const scheme = unsafeScheme(url, element.tagName === 'img' || element.tagName === 'source' || property === 'poster');
          if (scheme) unsafe(`a ${scheme} URL in the ${property.toLowerCase()} of a <${element.tagName}> would run code on the reader's page: \`${shorten(url)}\``, located, url, `${property.toLowerCase()}=`);
        }
      }
      if (element.tagName === 'iframe' && element.properties.srcDoc !== undefined) {
        unsafe('an <iframe srcdoc> puts a page of its own, scripts included, inside the essay: link to the page instead', located, 'srcdoc');
      }
      if (element.tagName === 'meta' && String(element.properties.httpEquiv ?? '').toLowerCase() === 'refresh') {
        unsafe('a <meta http-equiv="refresh"> in an essay sends readers elsewhere: link instead', located, 'http-equiv');
      }
      for (const name of Object.keys(element.properties)) {
        if (/^on[A-Za-z]/.test(name)) unsafe(`an event handler attribute (${name.toLowerCase()}) on a <${element.tagName}> would run code on the reader's page`, located, name.toLowerCase());
      }
      for (const attribute of ['href', 'src'] as const) {
        const written = element.properties[attribute];
        // Markdown link destinations arrive percent-encoded: `{{` as `%7B%7B`.
        const value = typeof written === 'string' ? safeDecode(written) : undefined;
        if (value !== undefined && /\{\{|\{%/.test(value)) {
          report(`Liquid in the ${attribute} of a <${element.tagName}> was published as it is: \`${value}\`. Write the address itself`, located, value);
        }
      }
      if (element.tagName === 'img' && !(typeof element.properties.src === 'string' && element.properties.src.trim())) {
        report('an image has no address (empty `src`)', located, '<img');
      }
      if (NOT_PROSE.has(element.tagName)) return false;
      return !classes.some((name) => MATH_CLASSES.has(name));
    };

    walk(tree);

    // An MDX essay is compiled by Astro's MDX integration, which collects no messages: in a
    // production build its broken output stops the build here, one located line each.
    const broken = file.messages.filter((message) => BROKEN_OUTPUT_RULES.has(message.ruleId ?? ''));
    if (file.extname === '.mdx' && isProductionBuild() && broken.length > 0) {
      file.fail(broken.map((message) => `${message.line}:${message.column}  ${message.reason}`).join('\n'), { ruleId: 'broken-output', source: 'quire' });
    }
  };
}

const SPACED_ADDRESS = 'Its address has spaces, so Markdown reads no link: write the address itself (or put it in <…>).';

const HEADING_LINE = /(?:^|\n)[ \t]{0,3}#{1,6}[ \t]+\S[^\n]*/g;

/** Syntax that means "this should have been turned into something", found in published text. */
const LEFT_AS_TEXT: { pattern: RegExp; what: string; fix: string }[] = [
  { pattern: HEADING_LINE, what: 'A Markdown heading', fix: 'Put a blank line before it (an HTML line above it swallows it).' },
  { pattern: /!\[[^\]\n]*\]\([^)\n]*\)/g, what: 'A Markdown image', fix: 'Put a blank line before it, or write it as <img> inside HTML.' },
  { pattern: /(?<!!)\[[^\]\n]*\]\([^)\n]*\)/g, what: 'A Markdown link', fix: 'Put a blank line before it, or write it as <a> inside HTML.' },
  { pattern: /(?:^|\n)[ \t]*(?:```|~~~)[^\n]*/g, what: 'A fenced code block', fix: 'Put a blank line before the fence.' },
  { pattern: /\$\$/g, what: 'A display math delimiter `$$`', fix: 'Put `$$` on lines of their own, or set `math: false` if the dollars are money.' },
  // Openers only: one finding per expression, not two.
  { pattern: /\\[([]/g, what: 'A MathJax delimiter', fix: 'Check that the math is closed, and not inside an HTML block.' },
  { pattern: /\{%[^\n]*?(?:%\}|$)/g, what: 'A Liquid tag', fix: 'Quire does not run Liquid: write what it produced (`npm run import:jekyll` converts most tags).' },
  { pattern: /\{\{[^\n]*?(?:\}\}|$)/g, what: 'A Liquid expression', fix: 'Quire does not run Liquid: write what it produced (`npm run import:jekyll` converts most).' },
  { pattern: /\{:[^\n]*?(?:\}|$)/g, what: 'A kramdown attribute list', fix: 'Remove it: Quire reads CommonMark (`npm run import:jekyll` converts captions).' },
];

/** JSX attributes that hold a URL, lower-cased. */
const JSX_URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'data', 'poster', 'cite', 'srcset']);

/** Elements whose text is not prose: code is shown as typed, on purpose. */
const NOT_PROSE = new Set(['pre', 'code', 'kbd', 'samp', 'script', 'template', 'math', 'svg', 'textarea']);
/** Typeset math, whose text is TeX or glyphs; `math-error` is reported where it is made. */
const MATH_CLASSES = new Set(['katex', 'katex-display', 'math-mathjax', 'math-error', 'language-math']);
/** Elements whose first text starts a line of the source. */
const BLOCKS = new Set(['p', 'li', 'td', 'th', 'dd', 'dt', 'blockquote', 'div', 'figcaption', 'summary']);

function classNames(element: Element): string[] {
  const value: unknown = element.properties.className;
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/\s+/) : [];
}

/** Short enough for one terminal line. */
function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function safeDecode(text: string): string {
  try {
    return decodeURI(text);
  } catch {
    return text;
  }
}

/**
 * The scheme of a URL that runs code, as a browser reads it (entities were decoded by the HTML
 * parser; tabs and line breaks inside are dropped by the URL parser), or undefined. `data:` is
 * refused for links and frames, allowed for images.
 */
function unsafeScheme(written: string, isImage: boolean): string | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(asBrowsersRead(written))?.[1]?.toLowerCase();
  if (scheme === 'javascript' || scheme === 'vbscript') return `${scheme}:`;
  if (scheme === 'data' && !isImage) return 'data:';
  return undefined;
}

/** The URLs of a `srcset` (each candidate's first run of non-spaces). */
function srcsetUrls(srcset: string): string[] {
  return srcset.split(/,(?=\s)|,$/).map((candidate) => candidate.trim().split(/\s+/)[0] ?? '').filter(Boolean);
}
