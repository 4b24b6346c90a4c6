import { mapProse } from './code-fences.ts';
import type { SourceWarning } from './source-lines.ts';

/**
 * kramdown's syntax that CommonMark does not have, turned into what Quire renders. Three steps,
 * each given the text the previous one made (the importer keeps track of lines between them):
 * - `removeKramdownExtensions`: `{::comment}`, `{::nomarkdown}`, `{::options /}` (with
 *   `parse_block_html="true"`, the HTML blocks after it get `markdown="1"`), and the `{:toc}`
 *   marker with the list item it replaces (Quire builds its own table of contents);
 * - `convertAttributeLists`: `{: … }` attribute lists. An image with a caption paragraph after it
 *   (`{:.image-caption}`) becomes a `<figure>` with a `<figcaption>`; an image's width is kept;
 *   everything else an attribute list said is dropped, and reported unless it is harmless;
 * - `convertKramdownTables`: the rule lines kramdown allows above the header and below the last
 *   row are removed, so that the table is a GFM table.
 * Code blocks are left alone.
 */

export interface KramdownResult {
  body: string;
  /** Lines of the text given. */
  warnings: SourceWarning[];
}

/**
 * Elements whose content kramdown parses as Markdown under `parse_block_html` (its block and span
 * models); the cells of a table are left out because kramdown keeps a table's content raw.
 */
const MARKDOWN_HTML_ELEMENTS = new Set(
  (
    'address article aside blockquote details div dl fieldset figure figcaption footer form header hgroup main nav ' +
    'noscript section summary a abbr b cite del dfn em h1 h2 h3 h4 h5 h6 i ins label legend p q small span strong sub sup'
  ).split(' '),
);

export function removeKramdownExtensions(markdown: string): KramdownResult {
  let parseBlockHtml = false;
  const body = mapProse(markdown, (prose) => {
    let text = prose.replace(/\{::comment\}[\s\S]*?\{:\/(?:comment)?\}\n?/g, '').replace(/\{::nomarkdown\}|\{:\/nomarkdown\}/g, '');
    // `* TOC` or `1. this list is replaced` followed by `{:toc}`: both go.
    text = text.replace(/^[ \t]*(?:[*+-]|\d+\.)[ \t]+[^\n]*\n[ \t]*\{:[ \t]*toc[ \t]*\}[ \t]*(?:\n|$)/gm, '');
    return text
      .split('\n')
      .flatMap((line) => {
        const options = /^[ \t]*\{::options\b([^}]*)\/\}[ \t]*$/.exec(line);
        if (options) {
          const setting = /parse_block_html\s*=\s*["']?(true|false)/.exec(options[1]!)?.[1];
          if (setting) parseBlockHtml = setting === 'true';
          return [];
        }
        return parseBlockHtml ? [markHtmlAsMarkdown(line)] : [line];
      })
      .join('\n');
  });
  return { body, warnings: [] };
}

/** `<div class="x">` at the start of a line → `<div class="x" markdown="1">`, as kramdown reads it. */
function markHtmlAsMarkdown(line: string): string {
  return line.replace(/^([ \t]*<([a-zA-Z][\w-]*))(\b[^>]*?)(\/?>)/, (tag, start: string, name: string, attributes: string, end: string) => {
    if (!MARKDOWN_HTML_ELEMENTS.has(name.toLowerCase()) || end === '/>' || /\bmarkdown\s*=/.test(attributes)) return tag;
    return `${start}${attributes} markdown="1"${end}`;
  });
}

/** What a `{: … }` list says: `.class`, `#id`, `key="value"`. */
export interface AttributeList {
  classes: string[];
  id?: string;
  attributes: Record<string, string>;
}

export function parseAttributeList(text: string): AttributeList {
  const list: AttributeList = { classes: [], attributes: {} };
  for (const [, className, id, key, ...values] of text.matchAll(/\.([\w-]+)|#([\w:.-]+)|([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))/g)) {
    if (className) list.classes.push(className);
    else if (id) list.id = id;
    else if (key) {
      const value = values.find((candidate) => candidate !== undefined) ?? '';
      if (key === 'class') list.classes.push(...value.split(/\s+/).filter(Boolean));
      else if (key === 'id') list.id = value;
      else list.attributes[key] = value;
    }
  }
  return list;
}

/** Classes that say nothing a Quire essay loses: its figures are centred, its TOC is its own. */
const HARMLESS_CLASSES = new Set(['center', 'centered', 'text-center', 'no_toc', 'table-of-content', 'table-of-contents', 'toc']);
const CAPTION_CLASS = /caption/i;
const EMPTY_LIST: AttributeList = { classes: [], attributes: {} };
/** Lines that may stand between a figure's images: a line break, an anchor to link to. */
const LINE_BREAK = /^[ \t]*<br\s*\/?>[ \t]*$/i;
const ANCHOR = /^[ \t]*<a\s+(?:name|id)\s*=\s*("[^"]*"|'[^']*')\s*\/?>(?:\s*<\/a>)?[ \t]*$/i;
const BLOCK_IAL = /^[ \t]{0,3}\{:(?!:)([^}\n]*)\}[ \t]*$/;
/** `{:name: …}`: an attribute list definition, used by reference; it is not shown. */
const ATTRIBUTE_LIST_DEFINITION = /^\s*[\w-]+:/;

/** An image alone on its line: `![alt](src "title")`, linked or not, or an `<img>` tag. */
interface LoneImage {
  alt: string;
  src: string;
  title?: string;
  href?: string;
  /** The `<img>` tag as written, for HTML images. */
  tag?: string;
  /** An attribute list written right after it: `![a](b){: width="50%"}`. */
  inline?: AttributeList;
  /** Not an image: an anchor (`<a name="x"></a>`) written with the images. */
  anchor?: string;
}

export function convertAttributeLists(markdown: string): KramdownResult {
  const warnings: SourceWarning[] = [];
  const body = mapProse(markdown, (prose, firstLine) => {
    const lines = prose.split('\n');
    const warn = (index: number, message: string) => warnings.push({ line: firstLine + index, message });

    // Heading ids: `## Title {#id}`.
    for (const [index, line] of lines.entries()) {
      const heading = /^(#{1,6}[ \t].*?)[ \t]*\{:?[ \t]*#([^}\s]+)[ \t]*\}[ \t]*$/.exec(line);
      if (!heading) continue;
      lines[index] = heading[1]!;
      warn(index, idMessage(heading[2]!));
    }

    const output: (string | undefined)[] = [...lines];
    const isIal = (index: number) => index >= 0 && index < lines.length && BLOCK_IAL.test(lines[index]!);
    const isBlank = (index: number) => index < 0 || index >= lines.length || lines[index]!.trim() === '';
    /** The block an attribute list on line `index` belongs to: [first, last] line, or none. */
    const blockOf = (index: number): [number, number] | undefined => {
      if (!isBlank(index - 1) && !isIal(index - 1)) {
        let first = index - 1;
        while (!isBlank(first - 1) && !isIal(first - 1)) first -= 1;
        return [first, index - 1];
      }
      if (!isBlank(index + 1) && !isIal(index + 1)) {
        let last = index + 1;
        while (!isBlank(last + 1) && !isIal(last + 1)) last += 1;
        return [index + 1, last];
      }
      return undefined;
    };

    const handled = new Set<number>();
    for (let index = 0; index < lines.length; index += 1) {
      const match = BLOCK_IAL.exec(lines[index]!);
      if (!match || handled.has(index)) continue;
      output[index] = undefined;
      if (ATTRIBUTE_LIST_DEFINITION.test(match[1]!)) continue;
      const list = parseAttributeList(match[1]!);
      const block = blockOf(index);
      if (!block) continue;
      const written = lines[index]!.trim();

      if (list.classes.some((name) => CAPTION_CLASS.test(name))) {
        // The images may open the caption's own paragraph, or be the block before it.
        let leading = block[0];
        while (leading < block[1] && isImageLine(leading)) leading += 1;
        const own = leading > block[0] && imagesIn(block[0], leading - 1);
        const images = own ? { images: own, list: EMPTY_LIST, first: block[0], last: leading - 1, ialLine: undefined } : imagesBefore(Math.min(block[0], index));
        if (!images) {
          warn(index, `${written} dropped: a caption with no image right before it stays a paragraph`);
          continue;
        }
        const caption = lines.slice(own ? leading : block[0], block[1] + 1);
        const figure = renderFigure(images.images, images.list, caption, (message) => warn(images.ialLine ?? images.first, message));
        for (let line = images.first; line <= block[1]; line += 1) {
          output[line] = undefined;
          handled.add(line);
        }
        output[images.first] = figure;
        continue;
      }

      const lone = imagesIn(block[0], block[1]);
      if (lone) {
        // Images to be centred or sized: a figure without a caption, unless a caption follows.
        if (captionFollows(block[1])) continue; // the caption's list makes the figure
        for (let line = block[0]; line <= block[1]; line += 1) output[line] = undefined;
        output[block[0]] = renderFigure(lone, list, undefined, (message) => warn(index, message));
        continue;
      }
      const lost = lostAttributes(list);
      if (lost.length > 0) warn(index, `${written} dropped: Quire has no ${lost.join(', ')} for this ${blockKind(lines[block[0]]!)}`);
      if (list.id) warn(index, idMessage(list.id));
    }

    /** A line that is an image on its own, or a `<br>` between images. */
    function isImageLine(line: number): boolean {
      return loneImage(lines[line]!) !== undefined || LINE_BREAK.test(lines[line]!) || ANCHOR.test(lines[line]!);
    }

    /** The images of lines first…last if the lines are images (and line breaks) only. */
    function imagesIn(first: number, last: number): LoneImage[] | undefined {
      for (let line = first; line <= last; line += 1) if (!isImageLine(line)) return undefined;
      const block = lines.slice(first, last + 1);
      const images = block.map(loneImage).filter((image): image is LoneImage => image !== undefined);
      if (images.length === 0) return undefined;
      // Anchors stay, before the figure, so that links to them still land.
      return [...block.filter((line) => ANCHOR.test(line)).map((line) => ({ alt: '', src: '', anchor: line.trim() })), ...images];
    }

    /** An image block (and its own attribute list) right before line `first`, blank lines allowed. */
    function imagesBefore(first: number): { images: LoneImage[]; list: AttributeList; first: number; last: number; ialLine?: number } | undefined {
      let line = first - 1;
      let ialLine: number | undefined;
      while (line >= 0 && isBlank(line) && !isIal(first - 1)) line -= 1;
      if (isIal(line)) {
        ialLine = line;
        line -= 1;
      }
      const last = line;
      while (line >= 0 && !isBlank(line) && !isIal(line) && isImageLine(line)) line -= 1;
      if (!isBlank(line) && !isIal(line)) return undefined; // the images end a longer paragraph
      const images = last > line ? imagesIn(line + 1, last) : undefined;
      if (!images) return undefined;
      const list = ialLine === undefined ? EMPTY_LIST : parseAttributeList(BLOCK_IAL.exec(lines[ialLine]!)![1]!);
      return { images, list, first: line + 1, last, ialLine };
    }

    /** Whether a caption's attribute list follows an image block ending at `last`. */
    function captionFollows(last: number): boolean {
      let line = last + 1;
      if (isIal(line)) line += 1;
      while (line < lines.length && isBlank(line)) line += 1;
      while (line < lines.length && !isBlank(line) && !isIal(line)) line += 1;
      return isIal(line) && parseAttributeList(BLOCK_IAL.exec(lines[line]!)![1]!).classes.some((name) => CAPTION_CLASS.test(name));
    }

    // Inline attribute lists: after an image alone on its line they size it; anywhere else they go.
    const result = output
      .filter((line): line is string => line !== undefined)
      .map((line) => {
        const lone = loneImage(line);
        if (lone?.inline) return renderFigure([lone], EMPTY_LIST, undefined, () => {});
        return line.replace(/[ \t]*\{:((?:[ \t]|[.#]|[\w-]+=)[^}\n]*)\}/g, '');
      });
    return result.join('\n');
  });
  return { body, warnings: warnings.sort((a, b) => a.line - b.line) };

  function idMessage(id: string): string {
    return `removed the kramdown id "${id}": a link to #${id} needs the heading's id in Quire (GitHub style, from its text)`;
  }
}

/** Everything in an attribute list that Quire cannot keep and a reader would miss. */
function lostAttributes(list: AttributeList): string[] {
  const lost = list.classes.filter((name) => !HARMLESS_CLASSES.has(name)).map((name) => `class "${name}"`);
  for (const [key, value] of Object.entries(list.attributes)) {
    if (key === 'style') lost.push(...styleDeclarations(value).map(([property]) => `style "${property}"`));
    else if (key !== 'target' && key !== 'rel') lost.push(`attribute ${key}="${value}"`);
  }
  return lost;
}

function blockKind(firstLine: string): string {
  const line = firstLine.trim();
  if (line.startsWith('|')) return 'table';
  if (/^(?:[*+-]|\d+\.)\s/.test(line)) return 'list';
  if (line.startsWith('#')) return 'heading';
  if (line.startsWith('>')) return 'quote';
  if (line.startsWith('<')) return 'HTML block';
  return 'paragraph';
}

function styleDeclarations(style: string): [string, string][] {
  return style
    .split(';')
    .map((declaration) => declaration.split(':').map((part) => part.trim()))
    .filter((parts): parts is [string, string] => parts.length === 2 && parts[0] !== '')
    .map(([property, value]) => [property.toLowerCase(), value]);
}

const LONE_MARKDOWN_IMAGE =
  /^[ \t]*(\[)?!\[([^\]]*)\]\(\s*<?([^\s)>]+)>?(?:\s+(?:"([^"]*)"|'([^']*)'))?\s*\)(?:\]\(\s*<?([^\s)>]+)>?\s*\))?(\{:[^}\n]*\})?[ \t]*$/;

function loneImage(line: string): LoneImage | undefined {
  const markdown = LONE_MARKDOWN_IMAGE.exec(line);
  if (markdown) {
    const [, linked, alt = '', src = '', doubleQuoted, singleQuoted, href, inline] = markdown;
    if (Boolean(linked) !== Boolean(href)) return undefined;
    return {
      alt,
      src,
      title: doubleQuoted ?? singleQuoted,
      href,
      inline: inline ? parseAttributeList(inline.slice(2, -1)) : undefined,
    };
  }
  const html = /^[ \t]*(<im(?:g|age)\b[^>]*>)[ \t]*$/i.exec(line);
  if (html) return { alt: '', src: '', tag: html[1]!.replace(/^<image\b/i, '<img') };
  return undefined;
}

/**
 * A figure as HTML blocks around Markdown, with blank lines between them so that the image and
 * the caption are still parsed (emphasis, links, math): `<figure class="figure">`, `![alt](src)`,
 * `<figcaption>`, the caption, `</figcaption>`, `</figure>`.
 */
function renderFigure(images: LoneImage[], list: AttributeList, caption: string[] | undefined, warn: (message: string) => void): string {
  const anchors = images.filter((image) => image.anchor).map((image) => (image.anchor!.endsWith('/>') ? `${image.anchor!.slice(0, -2).trimEnd()}></a>` : image.anchor!));
  const dropped = new Set<string>();
  const rendered = images.filter((candidate) => !candidate.anchor).map((image) => renderImage(image, list, (lost) => lost.forEach((item) => dropped.add(item))));
  if (dropped.size > 0) warn(`image attributes dropped: Quire keeps an image's width only (${[...dropped].join(', ')})`);
  // Markdown images stay Markdown (so the base path and Astro's image step still reach them);
  // their width goes on the figure.
  const widths = [...new Set(rendered.filter((image) => image.markdown).map((image) => image.width))];
  const width = widths.length === 1 && widths[0] ? ` style="width: ${widths[0]}"` : '';
  const captionLines = caption?.map((line) => line.trim()) ?? (rendered.length === 1 && rendered[0]!.title ? [rendered[0]!.title] : undefined);
  const lines = ['', ...anchors, `<figure class="figure"${width}>`];
  for (const image of rendered) lines.push(...(image.markdown ? ['', image.markup, ''] : [image.markup]));
  if (captionLines) lines.push('<figcaption>', '', ...captionLines, '', '</figcaption>');
  lines.push('</figure>', '');
  return lines.join('\n').replace(/\n{3,}/g, '\n\n');
}

interface RenderedImage {
  markup: string;
  /** Written as Markdown (`![alt](src)`), not as an `<img>` tag. */
  markdown: boolean;
  width?: string;
  /** A Markdown image's title, which becomes the caption when there is no other. */
  title?: string;
}

/** One image of a figure: its width (from the attribute lists) is all the styling kept. */
function renderImage(image: LoneImage, list: AttributeList, reportLost: (lost: string[]) => void): RenderedImage {
  const attributes = { ...image.inline?.attributes, ...list.attributes };
  const classes = [...(image.inline?.classes ?? []), ...list.classes];
  let width: string | undefined = attributes.width;
  const lost = lostAttributes({ classes, attributes: Object.fromEntries(Object.entries(attributes).filter(([key]) => key !== 'width' && key !== 'style')) });
  for (const [property, value] of styleDeclarations(attributes.style ?? '')) {
    if (property === 'width') width = value;
    // Quire's figures never overflow the column, and are centred.
    else if (!(property === 'max-width' && value === '100%') && !/^margin/.test(property) && !(property === 'display' && value === 'block')) lost.push(`style "${property}"`);
  }
  if (width && !/^\d+(?:\.\d+)?(?:%|px|em|rem)?$/.test(width)) {
    lost.push(`width "${width}"`);
    width = undefined;
  }
  reportLost(lost);
  if (width && /^\d+(?:\.\d+)?$/.test(width)) width = `${width}px`;

  if (image.tag) {
    const img = image.tag.replace(/\s+style\s*=\s*("[^"]*"|'[^']*')/i, '');
    return { markup: width ? img.replace(/^<img\b/i, `<img style="width: ${width}"`) : img, markdown: false };
  }
  // The title is not kept on the image: Quire would make a second figure of it.
  const markdown = `![${image.alt}](${image.src})`;
  return { markup: image.href ? `[${markdown}](${image.href})` : markdown, markdown: true, width, title: image.title };
}


const TABLE_LINE = /^[ \t]{0,3}\|/;
const RULE_LINE = /^[ \t]{0,3}\|?[ \t]*[-=:+][-=:+| \t]*$/;

/**
 * kramdown tables may have rule lines (`|---|---|`) above the header, between groups of rows and
 * below the last row; GFM has exactly one, under the header. A table with no rule under its
 * first row gets one: GFM has no tables without a header.
 */
export function convertKramdownTables(markdown: string): KramdownResult {
  const warnings: SourceWarning[] = [];
  const body = mapProse(markdown, (prose, firstLine) => {
    const lines = prose.split('\n');
    const output: string[] = [];
    for (let index = 0; index < lines.length; ) {
      if (!TABLE_LINE.test(lines[index]!)) {
        output.push(lines[index]!);
        index += 1;
        continue;
      }
      let end = index;
      while (end < lines.length && TABLE_LINE.test(lines[end]!)) end += 1;
      const table = lines.slice(index, end);
      const isRule = (line: string) => RULE_LINE.test(line) && /-|=/.test(line);
      const rows = table.map((line, position) => (isRule(line) ? -1 : position)).filter((position) => position >= 0);
      if (rows.length === 0 || table.every((line) => !isRule(line))) {
        output.push(...table);
      } else {
        const header = rows[0]!;
        const delimiter = table[header + 1] !== undefined && isRule(table[header + 1]!) ? table[header + 1]!.replace(/=/g, '-') : undefined;
        const kept = table.filter((line, position) => !isRule(line) || position === header + 1);
        if (delimiter) {
          kept[kept.indexOf(table[header]!) + 1] = delimiter;
        } else {
          const columns = cellCount(table[header]!);
          kept.splice(kept.indexOf(table[header]!) + 1, 0, `|${' --- |'.repeat(columns)}`);
          warnings.push({ line: firstLine + index + header, message: 'this kramdown table has no header row: its first row is now the header (GFM tables need one)' });
        }
        output.push(...kept);
      }
      index = end;
    }
    return output.join('\n');
  });
  return { body, warnings };
}

function cellCount(row: string): number {
  const cells = row.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '').split(/(?<!\\)\|/);
  return Math.max(cells.length, 1);
}
