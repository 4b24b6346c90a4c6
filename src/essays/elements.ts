/*
 * Essay elements that Markdown plugins and MDX components both produce, described once so the
 * two look and read alike: callouts, comparison tables, and the labels of scrollable tables.
 */

import type { Element, ElementContent, Properties } from 'hast';

/**
 * Callouts: GitHub's five alert kinds (`> [!NOTE]` in Markdown) and the `<Aside>` MDX component
 * render the same markup from this one description, so they look and read alike.
 */
export const CALLOUT_KINDS = ['note', 'tip', 'important', 'warning', 'caution'] as const;
export type CalloutKind = (typeof CALLOUT_KINDS)[number];

/** The visible title a callout gets when the author gives none. */
export const CALLOUT_TITLES: Record<CalloutKind, string> = {
  note: 'Note',
  tip: 'Tip',
  important: 'Important',
  warning: 'Warning',
  caution: 'Caution',
};

/**
 * One 16×16 icon per kind, so a callout's kind shows in its shape as well as its colour and
 * title. These are GitHub's Octicons (info, light-bulb, report, alert, stop; MIT licence), the
 * icons github.com draws beside the same alerts.
 */
export const CALLOUT_ICON_PATHS: Record<CalloutKind, string> = {
  note: 'M0 8a8 8 0 1 1 16 0A8 8 0 0 1 0 8Zm8-6.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13ZM6.5 7.75A.75.75 0 0 1 7.25 7h1a.75.75 0 0 1 .75.75v2.75h.25a.75.75 0 0 1 0 1.5h-2a.75.75 0 0 1 0-1.5h.25v-2h-.25a.75.75 0 0 1-.75-.75ZM8 6a1 1 0 1 1 0-2 1 1 0 0 1 0 2Z',
  tip: 'M8 1.5c-2.363 0-4 1.69-4 3.75 0 .984.424 1.625.984 2.304l.214.253c.223.264.47.556.673.848.284.411.537.896.621 1.49a.75.75 0 0 1-1.484.211c-.04-.282-.163-.547-.37-.847a8.456 8.456 0 0 0-.542-.68c-.084-.1-.173-.205-.268-.32C3.201 7.75 2.5 6.766 2.5 5.25 2.5 2.31 4.863 0 8 0s5.5 2.31 5.5 5.25c0 1.516-.701 2.5-1.328 3.259-.095.115-.184.22-.268.319-.207.245-.383.453-.541.681-.208.3-.33.565-.37.847a.751.751 0 0 1-1.485-.212c.084-.593.337-1.078.621-1.489.203-.292.45-.584.673-.848.075-.088.147-.173.213-.253.561-.679.985-1.32.985-2.304 0-2.06-1.637-3.75-4-3.75ZM5.75 12h4.5a.75.75 0 0 1 0 1.5h-4.5a.75.75 0 0 1 0-1.5ZM6 15.25a.75.75 0 0 1 .75-.75h2.5a.75.75 0 0 1 0 1.5h-2.5a.75.75 0 0 1-.75-.75Z',
  important: 'M0 1.75C0 .784.784 0 1.75 0h12.5C15.216 0 16 .784 16 1.75v9.5A1.75 1.75 0 0 1 14.25 13H8.06l-2.573 2.573A1.458 1.458 0 0 1 3 14.543V13H1.75A1.75 1.75 0 0 1 0 11.25Zm1.75-.25a.25.25 0 0 0-.25.25v9.5c0 .138.112.25.25.25h2a.75.75 0 0 1 .75.75v2.19l2.72-2.72a.749.749 0 0 1 .53-.22h6.5a.25.25 0 0 0 .25-.25v-9.5a.25.25 0 0 0-.25-.25Zm7 2.25v2.5a.75.75 0 0 1-1.5 0v-2.5a.75.75 0 0 1 1.5 0ZM9 9a1 1 0 1 1-2 0 1 1 0 0 1 2 0Z',
  warning: 'M6.457 1.047c.659-1.234 2.427-1.234 3.086 0l6.082 11.378A1.75 1.75 0 0 1 14.082 15H1.918a1.75 1.75 0 0 1-1.543-2.575Zm1.763.707a.25.25 0 0 0-.44 0L1.698 13.132a.25.25 0 0 0 .22.368h12.164a.25.25 0 0 0 .22-.368Zm.53 3.996v2.5a.75.75 0 0 1-1.5 0v-2.5a.75.75 0 0 1 1.5 0ZM9 11a1 1 0 1 1-2 0 1 1 0 0 1 2 0Z',
  caution: 'M4.47.22A.749.749 0 0 1 5 0h6c.199 0 .389.079.53.22l4.25 4.25c.141.14.22.331.22.53v6a.749.749 0 0 1-.22.53l-4.25 4.25A.749.749 0 0 1 11 16H5a.749.749 0 0 1-.53-.22L.22 11.53A.749.749 0 0 1 0 11V5c0-.199.079-.389.22-.53Zm.84 1.28L1.5 5.31v5.38l3.81 3.81h5.38l3.81-3.81V5.31L10.69 1.5ZM8 4a.75.75 0 0 1 .75.75v3.5a.75.75 0 0 1-1.5 0v-3.5A.75.75 0 0 1 8 4Zm0 8a1 1 0 1 1 0-2 1 1 0 0 1 0 2Z',
};

export function isCalloutKind(value: string): value is CalloutKind {
  return (CALLOUT_KINDS as readonly string[]).includes(value);
}

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

/** What a kind of comparison table adds to the markup every one has (a data table: its sorting hints). */
export interface TableExtras {
  table?: Properties;
  /** For the header of column `column`; 0 is the row labels' column. */
  columnHeader?: (column: number) => Properties;
  /** For the cell of body row `row` in column `column`; 0 is the row's label. */
  cell?: (row: number, column: number) => Properties;
}

/**
 * A comparison table as HTML (hast): the markup a GFM table with an empty corner cell gets from
 * our rehype plugins (scroll region, row headers, alignment classes), so that `<Comparison>`,
 * data tables and Markdown tables look, scroll and read the same.
 */
export function comparisonTableElement(table: ComparisonTable, extras: TableExtras = {}): Element {
  const element = (tagName: string, properties: Properties, children: ElementContent[]): Element => ({ type: 'element', tagName, properties, children });
  const text = (value: string): ElementContent[] => (value ? [{ type: 'text', value }] : []);
  const withExtras = (properties: Properties, extra: Properties = {}): Properties => {
    const className = [...classes(properties.className), ...classes(extra.className)];
    return { ...properties, ...extra, className: className.length > 0 ? className : undefined };
  };
  const headerRow: ElementContent[] = [
    table.rowHeading
      ? element('th', withExtras({ scope: 'col' }, extras.columnHeader?.(0)), text(table.rowHeading))
      : element('td', {}, []),
    ...table.columns.map((column, index) =>
      element('th', withExtras({ scope: 'col', className: alignClasses(column.align) }, extras.columnHeader?.(index + 1)), text(column.heading)),
    ),
  ];
  const bodyRows = table.rows.map((row, rowIndex) =>
    element('tr', {}, [
      element('th', withExtras({ scope: 'row' }, extras.cell?.(rowIndex, 0)), text(row.label)),
      ...row.cells.map((cell, index) => element('td', withExtras({ className: alignClasses(cell.align) }, extras.cell?.(rowIndex, index + 1)), text(cell.value))),
    ]),
  );
  return element('div', { className: ['table-scroll'], role: 'region', tabIndex: 0, ariaLabel: table.label }, [
    element('table', withExtras({}, extras.table), [
      ...(table.caption ? [element('caption', {}, text(table.caption))] : []),
      element('thead', {}, [element('tr', {}, headerRow)]),
      element('tbody', {}, bodyRows),
    ]),
  ]);
}

const alignClasses = (align: ColumnAlign | undefined): string[] => (align ? [alignClass(align)!] : []);

function classes(value: Properties[string]): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' && value ? value.split(' ') : [];
}

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
