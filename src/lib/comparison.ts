import { tableRegionLabel } from './table-label.ts';

export type ComparisonCell = string | number;
/** One row: its label first, then one value per column, `['Data', 'Static', 'Dynamic']`. */
export type ComparisonRow = readonly [label: string, ...values: ComparisonCell[]];
export type ColumnAlign = 'left' | 'center' | 'right';

/** The props of `<Comparison>`, the typed way to write a comparison table in MDX. */
export interface ComparisonProps {
  /** The things compared, one per column: `['Research', 'Production']`. */
  columns: readonly string[];
  /** What they are compared on, one row each: `[['Data', 'Static', 'Dynamic'], …]`. */
  rows: readonly ComparisonRow[];
  /** A visible caption; it also names the table's scroll region. */
  caption?: string;
  /** A heading for the column of row labels; by default that corner stays empty. */
  rowHeading?: string;
  /** Alignment per column of values, as GFM's `:--`, `:-:`, `--:` (numbers read best right-aligned). */
  align?: readonly (ColumnAlign | undefined)[];
}

export interface ComparisonColumn {
  heading: string;
  align: ColumnAlign | undefined;
}

export interface ComparisonTable {
  caption: string | undefined;
  /** The accessible name of the scroll region, worked out as for a Markdown table. */
  label: string;
  rowHeading: string | undefined;
  columns: ComparisonColumn[];
  rows: { label: string; cells: { value: string; align: ColumnAlign | undefined }[] }[];
}

/**
 * Checks a comparison and lays it out as a table. A row with too few or too many values is an
 * author's mistake, reported with the row's label rather than rendered as a ragged table.
 */
export function buildComparisonTable({ columns, rows, caption, rowHeading, align = [] }: ComparisonProps): ComparisonTable {
  if (columns.length === 0) throw new Error('<Comparison>: `columns` is empty; name at least one thing to compare');
  const tableColumns = columns.map((heading, index) => ({ heading, align: align[index] }));
  const tableRows = rows.map(([label, ...values]) => {
    if (values.length !== columns.length) {
      throw new Error(
        `<Comparison>: row "${label}" has ${values.length} value${values.length === 1 ? '' : 's'} ` +
          `but there ${columns.length === 1 ? 'is 1 column' : `are ${columns.length} columns`} (${columns.join(', ')})`,
      );
    }
    return { label, cells: values.map((value, index) => ({ value: String(value), align: align[index] })) };
  });
  const trimmedRowHeading = rowHeading?.trim() || undefined;
  const columnHeadings = trimmedRowHeading ? [trimmedRowHeading, ...columns] : columns;
  return {
    caption: caption?.trim() || undefined,
    label: tableRegionLabel({ caption, columnHeadings }),
    rowHeading: trimmedRowHeading,
    columns: tableColumns,
    rows: tableRows,
  };
}

/** The class rehype-table-alignment.ts gives an aligned GFM cell, so both kinds of table share CSS. */
export function alignClass(align: ColumnAlign | undefined): string | undefined {
  return align ? `align-${align}` : undefined;
}
