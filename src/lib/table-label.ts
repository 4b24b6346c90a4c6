/** What a table's scroll region is called, from what the table itself says. */
export interface TableLabelSource {
  /** The table's `<caption>` text, if it has one. */
  caption?: string | undefined;
  /** The column headings, left to right (row headers and the empty corner cell excluded). */
  columnHeadings: readonly string[];
}

/**
 * The accessible name of a table's scroll region: the caption if there is one, otherwise the
 * column headings, "Table: Data in Research, Data in Production". Markdown tables
 * (rehype-table-scroll-region.ts) and the `<Comparison>` component share it, so a reader hears
 * the same kind of name for both.
 */
export function tableRegionLabel({ caption, columnHeadings }: TableLabelSource): string {
  const trimmedCaption = caption?.trim();
  if (trimmedCaption) return trimmedCaption;
  const headings = columnHeadings.map((heading) => heading.trim()).filter(Boolean);
  return headings.length > 0 ? `Table: ${headings.join(', ')}` : 'Table';
}
