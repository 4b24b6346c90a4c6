/*
 * Tables from data: a CSV or JSON file beside an essay, shown as a comparison table whose number
 * columns are right-aligned and which a reader's browser can sort (src/browser/sortable-tables.ts).
 * A fenced ```table block and the <DataTable> MDX component both read their file through
 * src/markdown/plugins/remark-data-tables.ts and render the one element built here.
 */
import type { Element, Properties } from 'hast';
import { CsvError, parse as parseCsv } from 'csv-parse/sync';
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { buildComparisonTable, comparisonTableElement, type ColumnAlign } from './elements.ts';

export const DATA_FORMATS = ['csv', 'json'] as const;
export type DataFormat = (typeof DATA_FORMATS)[number];

/** What each format is called for readers, and the media type it is served with. */
export const DATA_FORMAT_INFO: Record<DataFormat, { name: string; mediaType: string }> = {
  csv: { name: 'CSV', mediaType: 'text/csv' },
  json: { name: 'JSON', mediaType: 'application/json' },
};

/** A data file read as a table of text: the column headings, then each row, every value as the file writes it. */
export interface DataSet {
  columns: string[];
  rows: string[][];
}

/** What is wrong with a data file, at a line of it when one can be named. */
export class DataFileError extends Error {
  readonly line: number | undefined;
  constructor(message: string, line?: number) {
    super(message);
    this.name = 'DataFileError';
    this.line = line;
  }
}

/** The format a data file's name says it has (`.csv`, `.json`, in any case), or undefined. */
export function dataFormatOf(fileName: string): DataFormat | undefined {
  const extension = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return DATA_FORMATS.find((format) => format === extension);
}

/**
 * Reads a data file. CSV: the first record is the column headings (csv-parse, RFC 4180: quoted
 * fields, `""` escapes, line breaks inside quotes, a byte-order mark; blank lines skipped, spaces
 * around a field trimmed). JSON: an array of objects (one per row, the first object's keys the
 * columns) or an array of arrays (the first one the headings); strings, numbers (kept as written:
 * `1.50` stays `1.50`), `true`/`false` and `null` (an empty cell). Throws a DataFileError with the
 * file's line for a file that cannot be read, a row with too few or too many values, a column
 * without a heading, or no rows.
 */
export function parseDataFile(text: string, format: DataFormat): DataSet {
  const table = format === 'csv' ? readCsv(text) : readJson(text);
  const [headings, ...rows] = table;
  if (!headings || headings.values.length === 0) throw new DataFileError('it has no column headings: its first row names the columns');
  const columns = headings.values.map((heading) => heading.trim());
  // The first column's heading may be empty (an empty corner cell, as in a Markdown comparison table).
  const unnamed = columns.findIndex((heading, index) => index > 0 && heading === '');
  if (unnamed > 0) throw new DataFileError(`column ${unnamed + 1} has no heading: name every column`, headings.line);
  if (columns.length < 2) throw new DataFileError(`it has ${columns.length} column; a table needs a column of row labels and at least one of values`, headings.line);
  if (rows.length === 0) throw new DataFileError('it has column headings but no rows');
  for (const row of rows) {
    if (row.values.length !== columns.length) {
      throw new DataFileError(
        `this row has ${row.values.length} value${row.values.length === 1 ? '' : 's'} but there are ${columns.length} columns (${columns.join(', ')})`,
        row.line,
      );
    }
  }
  return { columns, rows: rows.map((row) => row.values) };
}

/** One row of a data file and the line it starts on. */
interface SourceRow {
  values: string[];
  line: number;
}

function readCsv(text: string): SourceRow[] {
  let records: { record: string[]; info: { lines: number }; raw: string }[];
  try {
    // With `info` and `raw`, csv-parse returns each record with where it was and what it was.
    records = parseCsv(text, { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true, raw: true }) as unknown as typeof records;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = (error as CsvError & { lines?: number }).lines;
    // csv-parse's message ends with "at line N"; the line goes in front instead.
    throw new DataFileError(`it is not valid CSV: ${error.message.replace(/,? at line \d+$/, '')}`, line);
  }
  return records.map(({ record, info, raw }) => ({
    values: record,
    // `info.lines` is the line the record ends on; a quoted field may have spanned several.
    line: info.lines - (raw.replace(/\r?\n$/, '').match(/\r\n|\r|\n/g)?.length ?? 0),
  }));
}

function readJson(text: string): SourceRow[] {
  const errors: ParseError[] = [];
  const tree = parseTree(text.replace(/^\uFEFF/, ''), errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const lineOf = lineCounter(text.replace(/^\uFEFF/, ''));
  if (errors.length > 0 || !tree) {
    const first = errors[0];
    const problem = first ? humanParseError(printParseErrorCode(first.error)) : 'it is empty';
    throw new DataFileError(`it is not valid JSON: ${problem}`, first ? lineOf(first.offset) : undefined);
  }
  // jsonc-parser is lenient where JSON is not (`01`, say): JSON.parse has the last word.
  try {
    JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new DataFileError(`it is not valid JSON: ${(error as Error).message}`);
  }
  if (tree.type !== 'array') throw new DataFileError('it is not a JSON array: write an array of objects (one per row) or of arrays (the first one the headings)', 1);
  const items = tree.children ?? [];
  if (items.length === 0) throw new DataFileError('it is an empty array: it has no rows');
  const raw = (node: JsonNode) => text.replace(/^\uFEFF/, '').slice(node.offset, node.offset + node.length);
  const cell = (node: JsonNode, where: string): string => {
    switch (node.type) {
      case 'string':
        return String(node.value);
      case 'number':
        return raw(node);
      case 'boolean':
        return String(node.value);
      case 'null':
        return '';
      default:
        throw new DataFileError(`${where} is ${node.type === 'array' ? 'an array' : 'an object'}; a cell holds a string, a number, true, false or null`, lineOf(node.offset));
    }
  };

  const first = items[0]!;
  if (first.type === 'object') {
    const properties = (node: JsonNode) => (node.children ?? []).map((pair) => ({ key: String(pair.children![0]!.value), value: pair.children![1]! }));
    const columns = properties(first).map((p) => p.key);
    const rows = items.map((item, index): SourceRow => {
      const line = lineOf(item.offset);
      if (item.type !== 'object') throw new DataFileError(`row ${index + 1} is not an object, as the first row is`, line);
      const values = new Map(properties(item).map((p) => [p.key, p.value]));
      const missing = columns.find((column) => !values.has(column));
      if (missing !== undefined) throw new DataFileError(`row ${index + 1} has no "${missing}", which the first row has: every row needs the same keys`, line);
      const extra = [...values.keys()].find((key) => !columns.includes(key));
      if (extra !== undefined) throw new DataFileError(`row ${index + 1} has "${extra}", which the first row has not: every row needs the same keys`, line);
      return { values: columns.map((column) => cell(values.get(column)!, `"${column}" in row ${index + 1}`)), line };
    });
    return [{ values: columns, line: lineOf(first.offset) }, ...rows];
  }
  if (first.type === 'array') {
    return items.map((item, index) => {
      const line = lineOf(item.offset);
      if (item.type !== 'array') throw new DataFileError(`item ${index + 1} is not an array, as the first one (the headings) is`, line);
      return { values: (item.children ?? []).map((value, column) => cell(value, `value ${column + 1} of item ${index + 1}`)), line };
    });
  }
  throw new DataFileError('its items are neither objects (one per row) nor arrays (the first one the headings)', lineOf(first.offset));
}

/** jsonc-parser's error codes (`CommaExpected`) as words. */
function humanParseError(code: string): string {
  return code.replace(/(?<=[a-z])(?=[A-Z])/g, ' ').toLowerCase();
}

/** The 1-based line of an offset into `text`. */
function lineCounter(text: string): (offset: number) => number {
  const starts = [0];
  for (const match of text.matchAll(/\r\n|\r|\n/g)) starts.push(match.index + match[0].length);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
}

/**
 * Values that stand for "no value" in a number column (`—`, `n/a`): they do not make the column
 * text, and sort after every number.
 */
const MISSING = new Set(['', '-', '–', '—', 'n/a', 'na', 'nan', 'null']);

/** A number as data files write them: `42`, `-0.5`, `1,234.5`, `+3`, `1e-3`, `12%`, with `−` as a minus too. */
const NUMBER = /^[+\-\u2212]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+\-\u2212]?\d+)?%?$/;

export function isMissingValue(value: string): boolean {
  return MISSING.has(value.trim().toLowerCase());
}

/** The number a cell holds, or undefined when it holds text (or nothing). */
export function numericValue(value: string): number | undefined {
  const trimmed = value.trim();
  if (!/\d/.test(trimmed) || !NUMBER.test(trimmed)) return undefined;
  const number = Number(trimmed.replace(/\u2212/g, '-').replace(/[,%]/g, ''));
  return Number.isFinite(number) ? number : undefined;
}

/** For each column: whether it holds numbers (at least one, and nothing but numbers and missing values). */
export function numericColumns({ columns, rows }: DataSet): boolean[] {
  return columns.map((_, column) => {
    const values = rows.map((row) => row[column]!).filter((value) => !isMissingValue(value));
    return values.length > 0 && values.every((value) => numericValue(value) !== undefined);
  });
}

/** A data table as an essay shows it. */
export interface DataTableSpec {
  data: DataSet;
  format: DataFormat;
  /** The published data file, relative to the essay's page: `results.csv`. */
  href: string;
  caption?: string | undefined;
}

/**
 * The data table's HTML (hast): a comparison table (src/essays/elements.ts: row headers from the
 * first column, a caption, a labelled scroll region) whose number columns are right-aligned and
 * marked for sorting (`data-sort="number"` on the heading, `data-sort-value` on each cell that has
 * a number), followed by a link to download the data. Without JavaScript it is a plain table.
 */
export function dataTableElement({ data, format, href, caption }: DataTableSpec): Element {
  const numeric = numericColumns(data);
  const align = (column: number): ColumnAlign | undefined => (numeric[column] ? 'right' : undefined);
  const table = buildComparisonTable({
    columns: data.columns.slice(1),
    rows: data.rows.map(([label, ...values]) => [label!, ...values] as const),
    caption,
    rowHeading: data.columns[0],
    align: data.columns.slice(1).map((_, index) => align(index + 1)),
  });
  const region = comparisonTableElement(table, {
    table: { dataSortable: '' },
    columnHeader: (column): Properties => ({
      dataSort: numeric[column] ? 'number' : 'text',
      // The row labels' heading is aligned as its column (comparison tables leave it be).
      ...(column === 0 && align(0) ? { className: ['align-right'] } : {}),
    }),
    cell: (row, column): Properties => {
      const value = numeric[column] ? numericValue(data.rows[row]![column]!) : undefined;
      return {
        ...(value === undefined ? {} : { dataSortValue: String(value) }),
        ...(column === 0 && align(0) ? { className: ['align-right'] } : {}),
      };
    },
  });
  const { name, mediaType } = DATA_FORMAT_INFO[format];
  const download: Element = {
    type: 'element',
    tagName: 'p',
    properties: { className: ['data-table-download'] },
    children: [{ type: 'element', tagName: 'a', properties: { href, download: '', type: mediaType }, children: [{ type: 'text', value: `Download the data (${name})` }] }],
  };
  return { type: 'element', tagName: 'div', properties: { className: ['data-table'] }, children: [region, download] };
}

/** The key under which an essay's remark front matter lists the data files its tables publish. */
export const DATA_FILES_KEY = 'dataFiles';

/** A data file an essay's table publishes beside the essay's page, for its download link. */
export interface PublishedDataFile {
  /** Its name beside the page: `results.csv`. */
  name: string;
  /** Where it is, relative to the essay's folder: `results.csv`, `data/results.csv`. */
  src: string;
  /** The hash of what the table was made from, so that a new version of the file makes a new page. */
  sha256: string;
}

/** Names beside an essay's page that are taken: its CSL-JSON (src/pages/posts/[slug]/cite.json.ts). */
export const RESERVED_DATA_FILE_NAMES: ReadonlySet<string> = new Set(['cite.json']);

/**
 * The name a data file is published under, beside the essay's page: its own name, with anything
 * but letters, digits, `.`, `_` and `-` made a `-`, and its extension in lower case
 * (`Results 2024.CSV` is `Results-2024.csv`).
 */
export function publishedDataFileName(file: string, format: DataFormat): string {
  const base = file.split(/[\\/]/).at(-1)!.replace(/\.[^.]+$/, '');
  return `${base.replace(/[^A-Za-z0-9._-]+/g, '-')}.${format}`;
}

/** The data files listed in an essay's remark front matter (`render(post).remarkPluginFrontmatter`). */
export function publishedDataFiles(frontmatter: Record<string, unknown> | undefined): PublishedDataFile[] {
  const files = frontmatter?.[DATA_FILES_KEY];
  return Array.isArray(files) ? (files as PublishedDataFile[]) : [];
}
