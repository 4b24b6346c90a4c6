import type { Element, ElementContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { sanitize, type Schema } from 'hast-util-sanitize';
import { toString } from 'hast-util-to-string';
import { referenceAsCsl } from '../../essays/bibliography.ts';
import type { CiteItem } from '../../essays/citation-syntax.ts';
import { namesInText } from '../../essays/citation-styles.ts';
import { renderWithCsl, type CslCiteItem } from '../../essays/csl-style.ts';
import type { NumberedReference } from '../../essays/references.ts';
import { citationItem } from './citation-item.ts';

/**
 * What remark-citations does for an essay in a CSL style (`csl: ieee.csl`), not a plugin: every
 * citation and the References list rendered by citeproc-js (src/essays/csl-style.ts), its HTML
 * read into hast and kept to what citeproc writes (text, italics, small capitals, super- and
 * subscripts, its entry's `csl-*` blocks), and each citation made a link to the entry of its
 * first source, described by a preview of every source it cites.
 */

/** A citation as remark-citations found it: its sources, and the element id of each one's link. */
export interface CslCitation {
  narrative: boolean;
  items: CiteItem[];
  elementIds: string[];
}

export interface CslOutput {
  /** Each citation's HTML children, in the order given. */
  citations: ElementContent[][];
  /** The listed references in the style's order, each with its entry as the style writes it. */
  references: (NumberedReference & { cslEntry: ElementContent[] })[];
}

/** What citeproc's HTML may keep: its inline markup and an entry's blocks, no links or scripts. */
const CITEPROC_HTML: Schema = {
  tagNames: ['i', 'b', 'em', 'strong', 'span', 'sup', 'sub', 'div'],
  attributes: { span: ['style'], div: ['className'] },
  strip: ['script', 'style'],
};

const fragment = (html: string): ElementContent[] => {
  const tree = sanitize(fromHtml(html.trim(), { fragment: true }), CITEPROC_HTML);
  return 'children' in tree ? (tree.children as ElementContent[]) : [];
};

/**
 * The citations and the list in the style. A narrative citation (`@key says`) is two: the
 * author alone, then the rest with the author suppressed, as Pandoc makes it; a numeric style
 * that prints no author alone has the names Quire would give.
 */
export function citeInCsl(styleXml: string, citations: readonly CslCitation[], listed: readonly NumberedReference[]): CslOutput {
  const clusters: CslCiteItem[][] = [];
  const plan = citations.map(({ narrative, items }) => {
    const first = clusters.length;
    if (narrative) clusters.push([{ id: items[0]!.key, 'author-only': true }]);
    clusters.push(items.map((item) => cslCiteItem(item, narrative)));
    return { first, narrative };
  });
  const cited = new Set(citations.flatMap(({ items }) => items.map(({ key }) => key)));
  const uncited = listed.filter(({ id }) => !cited.has(id)).map(({ id }) => id);
  const rendering = renderWithCsl(styleXml, listed.map(referenceAsCsl), clusters, uncited);

  const byId = new Map(listed.map((reference) => [reference.id, reference]));
  const references = rendering.bibliography.map(({ id, html }, index) => {
    const [entry] = fragment(html).filter((node): node is Element => node.type === 'element');
    return { ...byId.get(id)!, number: index + 1, cslEntry: entry ? entry.children.filter((node) => node.type !== 'text' || node.value.trim() !== '') : [] };
  });
  const entryText = new Map(references.map((reference) => [reference.id, toString({ type: 'root', children: reference.cslEntry }).replace(/\s+/g, ' ').trim()]));

  return {
    references,
    citations: citations.map(({ items, elementIds }, index) => {
      const { first, narrative } = plan[index]!;
      const cluster = fragment(rendering.citations[narrative ? first + 1 : first]!);
      const [firstId, ...otherIds] = elementIds;
      const preview = items.map(({ key }) => entryText.get(key) ?? byId.get(key)?.title ?? key).join(' ');
      const children: ElementContent[] = [];
      if (narrative) {
        const names = toString({ type: 'root', children: fragment(rendering.citations[first]!) }).trim();
        children.push({ type: 'text', value: `${!names || names.includes('NO_PRINTED_FORM') ? namesInText(byId.get(items[0]!.key)!) : names} ` });
      }
      // The other sources' back-links land beside the link: the citation is one link, to its first source.
      children.push(citationItem(items[0]!.key, firstId!, cluster, preview, otherIds));
      return children;
    }),
  };
}

/** A citation's source as citeproc reads it: Pandoc passes the prefix, locator and suffix on the same way. */
function cslCiteItem(item: CiteItem, narrative: boolean): CslCiteItem {
  const cite: CslCiteItem = { id: item.key };
  if (item.cslLocator) Object.assign(cite, { locator: item.cslLocator.value, label: item.cslLocator.label });
  if (item.prefix) cite.prefix = `${item.prefix} `;
  if (item.suffix) cite.suffix = `${item.cslLocator ? ' ' : ', '}${item.suffix}`;
  if (item.suppressAuthor || narrative) cite['suppress-author'] = true;
  return cite;
}
