/** The shape Astro's `render()` gives each heading. */
export interface Heading {
  depth: number;
  slug: string;
  text: string;
}

export interface TocItem extends Heading {
  children: TocItem[];
}

export interface TocRange {
  minDepth: number;
  maxDepth: number;
}

/** `toc:` as the schema reads it: off, a fixed range, or `auto`. */
export type TocSetting = false | 'auto' | TocRange;

/**
 * The heading levels a table of contents lists. `auto` (the default) takes the two highest
 * levels the essay uses: essays are written with `##` sections, but also with `####` ones
 * (headings sized for a theme), and a fixed h2–h3 would give those no contents at all.
 */
export function tocRange(headings: readonly Heading[], setting: Exclude<TocSetting, false>): TocRange {
  if (setting !== 'auto') return setting;
  const depths = [...new Set(headings.filter((heading) => !NOT_SECTIONS.has(heading.slug)).map((heading) => heading.depth))].sort((a, b) => a - b);
  const [minDepth = 2, next] = depths;
  return { minDepth, maxDepth: next ?? minDepth };
}

/** GFM's footnotes section has a visually hidden heading; it is not a section of the essay. */
const NOT_SECTIONS = new Set(['footnote-label']);

/**
 * Nests a flat heading list into a tree. A heading that skips a level (h2 then h4) becomes a
 * child of the nearest shallower heading, so nothing in range is ever dropped.
 */
export function buildTocTree(headings: readonly Heading[], range: TocRange): TocItem[] {
  const root: TocItem[] = [];
  const open: TocItem[] = [];
  for (const heading of headings) {
    if (heading.depth < range.minDepth || heading.depth > range.maxDepth) continue;
    if (NOT_SECTIONS.has(heading.slug)) continue;
    const item: TocItem = { ...heading, children: [] };
    while (open.length > 0 && open.at(-1)!.depth >= item.depth) open.pop();
    (open.at(-1)?.children ?? root).push(item);
    open.push(item);
  }
  return root;
}

export function countTocItems(items: readonly TocItem[]): number {
  return items.reduce((total, item) => total + 1 + countTocItems(item.children), 0);
}
