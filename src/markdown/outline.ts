import GithubSlugger from 'github-slugger';
import type { Nodes, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { trailingAttributeBlock } from '../essays/cross-references.ts';

export interface Located {
  line: number;
  column: number;
}

/** What the checks need to know about one essay body, read from its Markdown source. */
export interface Outline {
  headings: (Located & { depth: number; text: string; slug: string })[];
  links: (Located & { url: string })[];
  /** `element`: what shows it, `img` (also for Markdown's `![]()`), `video`, `source`… */
  images: (Located & { url: string; element: string })[];
  /** Every id the rendered page will have from the body: heading slugs and explicit ids. */
  ids: Set<string>;
}

// The syntax extensions of the site's pipeline (src/markdown/pipeline.ts): GFM and `$math$`, so
// that a link written inside math is not mistaken for one, exactly as when rendering.
const markdownParser = unified().use(remarkParse).use(remarkGfm).use(remarkMath);
const mdxParser = unified().use(remarkParse).use(remarkMdx).use(remarkGfm).use(remarkMath);

// `name` is read as an id: browsers scroll to `<a name="x">` for `#x`, and older essays use it.
/** Elements whose `src` is an image the page shows (an iframe's is a page, so a link). */
const IMAGE_ELEMENTS = new Set(['img', 'source', 'video', 'input', 'picture', 'image']);

const HTML_ATTRIBUTE = /\b(href|src|id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;

/**
 * Reads headings (with the ids rehype-slug will give them), links, images and explicit ids
 * from Markdown or MDX, with positions. `firstLine` is where the body starts in its file.
 */
export function readOutline(body: string, { mdx = false, firstLine = 1 } = {}): Outline {
  return outlineOfTree((mdx ? mdxParser : markdownParser).parse(body) as Root, { firstLine });
}

/**
 * The outline of an already parsed body. The renderer calls this on the tree it has just
 * parsed (src/markdown/plugins/remark-collect-outline.ts), so an essay's Markdown is parsed once per
 * build, not once for the checks and again for the page.
 */
export function outlineOfTree(tree: Root, { firstLine = 1 } = {}): Outline {
  const slugger = new GithubSlugger();
  const outline: Outline = { headings: [], links: [], images: [], ids: new Set() };
  const at = (node: Nodes, offset = { line: 0, column: 0 }): Located => ({
    line: (node.position?.start.line ?? 1) + firstLine - 1 + offset.line,
    column: offset.line === 0 ? (node.position?.start.column ?? 1) + offset.column : offset.column + 1,
  });

  visit(tree, (node: Nodes) => {
    // An id a plugin gave the element (`## Title {#sec-x}`, `{#fig-x}`): rehype-slug keeps it.
    // Read from the source alone (an MDX essay's outline), the `{#…}` is still text: its id counts.
    const given = node.data && 'hProperties' in node.data ? node.data.hProperties?.id : undefined;
    const written = node.type === 'heading' || node.type === 'text' ? attributeId(node) : undefined;
    if (typeof given === 'string') outline.ids.add(given);
    if (written !== undefined) outline.ids.add(written);
    switch (node.type) {
      case 'heading': {
        const text = toString(node, { includeHtml: false, includeImageAlt: false });
        const slug = typeof given === 'string' ? given : (written ?? slugger.slug(text));
        outline.headings.push({ ...at(node), depth: node.depth, text, slug });
        outline.ids.add(slug);
        break;
      }
      case 'link':
      case 'definition':
        outline.links.push({ ...at(node), url: node.url });
        break;
      case 'image':
        outline.images.push({ ...at(node), url: node.url, element: 'img' });
        break;
      case 'html':
        for (const attribute of htmlAttributes(node.value)) {
          const located = at(node, attribute.offset);
          if (attribute.name === 'id' || attribute.name === 'name') outline.ids.add(attribute.value);
          else if (attribute.name === 'src' && IMAGE_ELEMENTS.has(attribute.tag)) outline.images.push({ ...located, url: attribute.value, element: attribute.tag });
          else outline.links.push({ ...located, url: attribute.value });
        }
        break;
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        for (const attribute of node.attributes) {
          if (attribute.type !== 'mdxJsxAttribute' || typeof attribute.value !== 'string') continue;
          if (attribute.name === 'id') outline.ids.add(attribute.value);
          if (attribute.name === 'href') outline.links.push({ ...at(node), url: attribute.value });
          if (attribute.name === 'src' && /^[a-z]/.test(node.name ?? '')) outline.images.push({ ...at(node), url: attribute.value, element: node.name! });
        }
        break;
    }
  });
  return outline;
}

/** The id of a Pandoc attribute block ending a text, or ending a heading's text (`Title {#sec-x}`). */
function attributeId(node: Nodes): string | undefined {
  const last = node.type === 'heading' ? node.children.at(-1) : node;
  return last?.type === 'text' ? trailingAttributeBlock(last.value)?.id : undefined;
}

function* htmlAttributes(html: string) {
  for (const match of html.matchAll(HTML_ATTRIBUTE)) {
    const before = html.slice(0, match.index);
    const line = before.split('\n').length - 1;
    const column = line === 0 ? match.index : match.index - before.lastIndexOf('\n') - 1;
    yield {
      // The element the attribute belongs to: the name after the last `<` before it.
      tag: /<([a-z][a-z0-9-]*)[^<]*$/i.exec(before)?.[1]?.toLowerCase() ?? '',
      name: match[1]!.toLowerCase(),
      value: match[2] ?? match[3] ?? match[4] ?? '',
      offset: { line, column },
    };
  }
}

/** The same outline for a body that starts `lines` lines further down its file. */
export function shiftOutline(outline: Outline, lines: number): Outline {
  if (lines === 0) return outline;
  const shift = <T extends Located>(located: T): T => ({ ...located, line: located.line + lines });
  return {
    headings: outline.headings.map(shift),
    links: outline.links.map(shift),
    images: outline.images.map(shift),
    ids: outline.ids,
  };
}
